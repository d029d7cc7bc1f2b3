/**
 * CSV rows for the data files of docs/data-format.md (RFC 4180 quoting). Hand-written rather than
 * a general CSV library because ten million rows must be rendered at well over 150,000 rows a
 * second; transaction ends are rendered once and reused, since every account end is shared.
 */
import { formatMinorUnits, type Account, type Institution, type Party, type Transaction, type TransactionEnd } from '../domain/index.ts';
import type { Label } from './generator.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: quoted only when it contains a comma, a quote or a line break. */
export function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const TRANSACTION_COLUMNS = [
  'id', 'message_id', 'time', 'amount', 'currency', 'channel',
  'originator_party_id', 'originator_name', 'originator_account_id', 'originator_institution_id', 'originator_country', 'originator_postal_code',
  'beneficiary_party_id', 'beneficiary_name', 'beneficiary_account_id', 'beneficiary_institution_id', 'beneficiary_country', 'beneficiary_postal_code',
  'location_country', 'location_postal_code', 'location_branch_id', 'purpose', 'crypto_chain', 'crypto_address', 'crypto_asset', 'crypto_asset_amount',
] as const;
export const PARTY_COLUMNS = [
  'party_id', 'type', 'given_names', 'paternal_surname', 'maternal_surname', 'legal_name', 'legal_form', 'birth_date', 'incorporation_date',
  'nationality', 'country', 'postal_code', 'occupation', 'industry', 'rfc', 'curp', 'ssn', 'ein', 'passport', 'phone', 'aliases',
] as const;
export const ACCOUNT_COLUMNS = ['account_id', 'party_id', 'institution_id', 'country', 'currency', 'kind', 'clabe', 'opened_at'] as const;
export const INSTITUTION_COLUMNS = ['institution_id', 'name', 'kind', 'country', 'aba', 'bic', 'mx_bank_code'] as const;
export const LABEL_COLUMNS = ['transaction_id', 'pattern', 'instance_id'] as const;

/** A flat copy of a string built by concatenation, so reusing it in many rows stays cheap. */
const flat = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

export const headerLine = (columns: readonly string[]): string => `${columns.join(',')}\n`;

/** Renders transaction rows, caching the six columns of each (shared) transaction end. */
export function createTransactionRowRenderer(): (transaction: Transaction) => string {
  // Strong maps, not WeakMaps: the ends live as long as the population, and tens of thousands of
  // weak entries make every garbage collection slow.
  const ends = new Map<TransactionEnd, string>();
  const locations = new Map<object, string>();
  const end = (value: TransactionEnd): string => {
    let text = ends.get(value);
    if (text === undefined) {
      text = flat(`${csvField(value.partyId)},${csvField(value.name)},${csvField(value.accountId)},${csvField(value.institutionId)},${value.country},${csvField(value.postalCode)}`);
      if (value.partyId !== undefined) ends.set(value, text);
    }
    return text;
  };
  return (transaction) => {
    const location = transaction.location;
    let locationText = ',,';
    if (location !== undefined) {
      const cached = locations.get(location);
      if (cached === undefined) {
        locationText = flat(`${location.country},${csvField(location.postalCode)},${csvField(location.branchId)}`);
        locations.set(location, locationText);
      } else locationText = cached;
    }
    const crypto = transaction.crypto;
    const cryptoText = crypto === undefined ? ',,,' : `${csvField(crypto.chain)},${csvField(crypto.address)},${csvField(crypto.asset)},${crypto.assetAmount ?? ''}`;
    return `${transaction.id},${transaction.messageId ?? ''},${transaction.time},${formatMinorUnits(transaction.amountMinor, transaction.currency)},${transaction.currency},${transaction.channel},${end(transaction.originator)},${end(transaction.beneficiary)},${locationText},${csvField(transaction.purpose)},${cryptoText}\n`;
  };
}

const identifier = (party: Party, kind: string): string | undefined => party.identifiers.find((candidate) => candidate.kind === kind)?.value;

export function partyRow(party: Party): string {
  const common = (p: Party) => [
    csvField(identifier(p, 'rfc')), csvField(identifier(p, 'curp')), csvField(identifier(p, 'ssn')), csvField(identifier(p, 'ein')),
    csvField(identifier(p, 'passport')), csvField(identifier(p, 'phone')), csvField(p.aliases.join('|')),
  ];
  if (party.type === 'person') {
    return `${[
      party.id, 'person', csvField(party.name.given), csvField(party.name.paternal), csvField(party.name.maternal), '', '', party.birthDate ?? '', '',
      party.nationality ?? '', party.country, csvField(party.postalCode), csvField(party.occupation), '', ...common(party),
    ].join(',')}\n`;
  }
  return `${[
    party.id, 'company', '', '', '', csvField(party.legalName), csvField(party.legalForm), '', party.incorporationDate ?? '',
    '', party.country, csvField(party.postalCode), '', csvField(party.industry), ...common(party),
  ].join(',')}\n`;
}

export function accountRow(account: Account): string {
  return `${[account.id, account.partyId, account.institutionId, account.country, account.currency, account.kind, account.clabe ?? '', account.openedAt ?? ''].join(',')}\n`;
}

export function institutionRow(institution: Institution): string {
  return `${[institution.id, csvField(institution.name), institution.kind, institution.country, institution.aba ?? '', institution.bic ?? '', institution.mxBankCode ?? ''].join(',')}\n`;
}

export function labelRow(label: Label): string {
  return `${label.transactionId},${label.pattern},${label.instanceId}\n`;
}
