/**
 * CSV rows for the data files of docs/data-format.md (RFC 4180 quoting). Hand-written rather than
 * a general CSV library because ten million rows must be rendered at well over 150,000 rows a
 * second; transaction ends are rendered once and reused, since every account end is shared.
 */
import { currencyExponent, formatMinorUnits, type Account, type Institution, type Party, type Transaction, type TransactionEnd } from '../domain/index.ts';
import type { Label } from './generator.ts';
import type { PartyKyc, PartyProfile } from './kyc.ts';
import type { VehicleSale } from './vehicles.ts';

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
  // KYC file (docs/data-format.md): address, economic activity, identity document, legal representative.
  'gender', 'street', 'exterior_number', 'colonia', 'municipality', 'city', 'state', 'locality_code', 'economic_activity_code', 'economic_activity',
  'id_document_type', 'id_document_number', 'id_document_issued_by', 'id_document_issue_country', 'id_document_issue_date', 'id_document_expiry_date',
  'representative_given_names', 'representative_paternal_surname', 'representative_maternal_surname', 'representative_birth_date',
  'representative_rfc', 'representative_curp',
] as const;
export const ACCOUNT_COLUMNS = ['account_id', 'party_id', 'institution_id', 'country', 'currency', 'kind', 'clabe', 'opened_at'] as const;
export const INSTITUTION_COLUMNS = ['institution_id', 'name', 'kind', 'country', 'aba', 'bic', 'mx_bank_code'] as const;
export const LABEL_COLUMNS = ['transaction_id', 'pattern', 'instance_id'] as const;
export const VEHICLE_SALE_COLUMNS = ['transaction_id', 'dealer_party_id', 'buyer_party_id', 'make', 'model', 'year', 'vin'] as const;

export const headerLine = (columns: readonly string[]): string => `${columns.join(',')}\n`;

const CENTS = Array.from({ length: 100 }, (_, cents) => (cents < 10 ? `.0${cents}` : `.${cents}`));

/** Decimal amount text; the common two-decimal case without the general formatter's string work. */
function amountText(minor: number, currency: string): string {
  if (minor < 0 || currencyExponent(currency) !== 2) return formatMinorUnits(minor, currency);
  return `${Math.floor(minor / 100)}${CENTS[minor % 100]}`;
}

/** A flat copy of a string built by concatenation: a rope would be re-walked on every row that reuses it. */
const flat = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/**
 * The encoded form of a shared end or location, kept on the object under a private, non-enumerable
 * symbol: a property load is far cheaper than a map lookup at ten million rows, and the symbol
 * never shows in JSON or in schema parsing.
 */
const ENCODED = Symbol('frontera.synth.csv');
type Cached<T> = { [ENCODED]?: T };
function remember(target: object, value: unknown): void {
  Object.defineProperty(target, ENCODED, { value, enumerable: false });
}

/**
 * Encodes transaction rows straight into UTF-8 bytes. The six columns of every transaction end
 * are rendered once (a flat string kept on the shared end) and written into each row, so a row
 * costs four string writes and no intermediate row string; `take()` hands over the filled bytes.
 * @example const encoder = new TransactionCsvEncoder(); if (encoder.add(transaction)) stream.write(encoder.take());
 */
export class TransactionCsvEncoder {
  readonly #capacity: number;
  readonly #spare: Buffer[] = [];
  #buffer: Buffer;
  #offset = 0;

  constructor(capacity = 4 << 20) {
    this.#capacity = capacity;
    this.#buffer = Buffer.allocUnsafe(capacity);
  }

  #end(value: TransactionEnd): string {
    const cached = (value as Cached<string>)[ENCODED];
    if (cached !== undefined) return cached;
    const text = flat(`${csvField(value.partyId)},${csvField(value.name)},${csvField(value.accountId)},${csvField(value.institutionId)},${value.country},${csvField(value.postalCode)}`);
    // Ends without a party (unhosted wallets) are one-offs: not worth keeping.
    if (value.partyId !== undefined) remember(value, text);
    return text;
  }

  #location(location: Transaction['location']): string {
    if (location === undefined) return ',,';
    const cached = (location as Cached<string>)[ENCODED];
    if (cached !== undefined) return cached;
    const text = flat(`${location.country},${csvField(location.postalCode)},${csvField(location.branchId)}`);
    remember(location, text);
    return text;
  }

  /** Appends one row; returns true when the buffer is nearly full and should be taken. */
  add(transaction: Transaction): boolean {
    const originator = this.#end(transaction.originator);
    const beneficiary = this.#end(transaction.beneficiary);
    const crypto = transaction.crypto;
    const head = `${transaction.id},${transaction.messageId ?? ''},${transaction.time},${amountText(transaction.amountMinor, transaction.currency)},${transaction.currency},${transaction.channel},`;
    const tail = `,${this.#location(transaction.location)},${csvField(transaction.purpose)},${crypto === undefined ? ',,,' : `${csvField(crypto.chain)},${csvField(crypto.address)},${csvField(crypto.asset)},${crypto.assetAmount ?? ''}`}\n`;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const needed = head.length + 3 * (originator.length + beneficiary.length + tail.length) + 2;
    if (this.#offset + needed > this.#buffer.length) this.#grow(needed);
    const buffer = this.#buffer;
    let offset = this.#offset;
    offset += buffer.write(head, offset, 'latin1');
    offset += buffer.write(originator, offset, 'utf8');
    buffer[offset++] = 0x2c;
    offset += buffer.write(beneficiary, offset, 'utf8');
    offset += buffer.write(tail, offset, 'utf8');
    this.#offset = offset;
    return offset > this.#capacity - 16_384;
  }

  #grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#offset + needed));
    this.#buffer.copy(bigger, 0, 0, this.#offset);
    this.#buffer = bigger;
  }

  /**
   * The bytes encoded so far. The encoder moves on to another buffer, since a stream may still
   * hold this one; hand it back with `recycle` once written so memory stays flat.
   */
  take(): Buffer {
    const filled = this.#buffer.subarray(0, this.#offset);
    this.#buffer = this.#spare.pop() ?? Buffer.allocUnsafe(this.#capacity);
    this.#offset = 0;
    return filled;
  }

  /** Returns a buffer from `take` after it has been written. */
  recycle(taken: Buffer): void {
    if (taken.buffer.byteLength === this.#capacity && taken.byteOffset === 0 && this.#spare.length < 4) this.#spare.push(Buffer.from(taken.buffer, 0, this.#capacity));
  }
}

const identifier = (party: Party, kind: string): string | undefined => party.identifiers.find((candidate) => candidate.kind === kind)?.value;

function kycFields(kyc: PartyKyc): string[] {
  const { address, identityDocument: document, representative } = kyc;
  return [
    kyc.gender ?? '', csvField(address.street), csvField(address.number), csvField(address.colonia), csvField(address.municipality), csvField(address.city),
    address.state, address.localityCode ?? '', kyc.economicActivity.code, csvField(kyc.economicActivity.description),
    document?.type ?? '', csvField(document?.number), csvField(document?.issuedBy), document?.issueCountry ?? '', document?.issueDate ?? '', document?.expiryDate ?? '',
    csvField(representative?.given), csvField(representative?.paternal), csvField(representative?.maternal), representative?.birthDate ?? '',
    representative?.rfc ?? '', representative?.curp ?? '',
  ];
}

export function partyRow({ party, kyc }: PartyProfile): string {
  const common = (p: Party) => [
    csvField(identifier(p, 'rfc')), csvField(identifier(p, 'curp')), csvField(identifier(p, 'ssn')), csvField(identifier(p, 'ein')),
    csvField(identifier(p, 'passport')), csvField(identifier(p, 'phone')), csvField(p.aliases.join('|')), ...kycFields(kyc),
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

export function vehicleSaleRow(sale: VehicleSale): string {
  return `${[sale.transactionId, sale.dealerPartyId, sale.buyerPartyId, csvField(sale.make), csvField(sale.model), sale.year, sale.vin].join(',')}\n`;
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
