import { DEFAULT_RATES, formatMinorUnits, toUsdMinor, currencyExponent, type RateTable, type Transaction, type TransactionEnd } from '../../domain/index.ts';
import type { Case, CaseSubject } from '../../cases/index.ts';
import { buildXml, type XmlNode } from '../../xml/index.ts';
import type { FilerProfile } from '../profile.ts';
import { checkResult, type CheckResult, type ReportIssue } from '../issues.ts';
import { identifierOf, isPerson, streetLine, surnames } from '../subject.ts';

const P = 'report';

/** goAML funds codes by channel (funds_type). */
const FUNDS: Record<Transaction['channel'], string> = {
  wire: 'ELCFT', spei: 'ELCFT', ach: 'ELCFT', remittance: 'ELCFT', trade_payment: 'ELCFT',
  cash_deposit: 'CASH', cash_withdrawal: 'CASH', card: 'CRTCR', check: 'CHQ', crypto: 'CRPTC',
};
/** goAML conduction codes by channel (conduction_type): BO branch office, SWIFT, ELCFT electronic transfer, DAWLT digital wallet. */
const CONDUCTION: Record<Transaction['channel'], string> = {
  wire: 'SWIFT', spei: 'ELCFT', ach: 'ELCFT', remittance: 'ELCFT', trade_payment: 'SWIFT',
  cash_deposit: 'BO', cash_withdrawal: 'BO', card: 'ELCFT', check: 'BO', crypto: 'DAWLT',
};

/**
 * goAML 5.0.2 (this deployment's schema) accepts names only in `[a-zA-Z0-9 .'-]`: accents are
 * folded (José → Jose, Ñ → N) and other characters become spaces. The case keeps the original.
 * @example goamlName('María Ñúñez & Hijos') === 'Maria Nunez Hijos'
 */
export function goamlName(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z0-9 .'-]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** goAML identifier_type codes: PASSP passport, EID national identity card, DRIVL driving licence, GOVDC other government document. */
const DOCUMENT_TYPES: Record<CaseSubject['identityDocuments'][number]['type'], string> = {
  passport: 'PASSP', national_id: 'EID', drivers_license: 'DRIVL', voter_id: 'GOVDC', residence_permit: 'GOVDC',
};

/** goAML sql_date: local date-time without a zone. */
function sqlDate(isoDateOrTime: string): string {
  return isoDateOrTime.length === 10 ? `${isoDateOrTime}T00:00:00` : isoDateOrTime.slice(0, 19);
}

/** Converts minor units between currencies through USD with the rate table. */
export function convertMinor(amountMinor: number, from: string, to: string, rates: RateTable): number {
  if (from === to) return amountMinor;
  const usdMinor = toUsdMinor(amountMinor, from, rates);
  const rate = rates.rates[to];
  if (rate === undefined) throw new Error(`no exchange rate for currency ${to}`);
  return Math.round((usdMinor / 100) * rate * 10 ** currencyExponent(to));
}

/** Which end of a transaction is the case subject. */
function subjectSide(kase: Case, transaction: Transaction): 'from' | 'to' {
  const id = kase.subject.party.id;
  if (transaction.beneficiary.partyId === id) return 'to';
  if (transaction.originator.partyId === id) return 'from';
  const accounts = new Set(kase.subject.accounts.map((a) => a.accountNumber));
  return transaction.beneficiary.accountId !== undefined && accounts.has(transaction.beneficiary.accountId) ? 'to' : 'from';
}

/**
 * What a goAML STR needs that the case or profile lacks (goAML 5.0.2, `report` root).
 * @example checkGoamlCase(kase, profile).ok
 */
export function checkGoamlCase(kase: Case, profile: FilerProfile): CheckResult {
  const issues: ReportIssue[] = [];
  if (!profile.goaml) issues.push({ field: 'profile.goaml', reason: 'the filer profile has no goAML registration (reporting entity id, local currency, reporting person)', xsdPath: `${P}/rentity_id` });
  else if (profile.goaml.localCurrency !== 'USD' && DEFAULT_RATES.rates[profile.goaml.localCurrency] === undefined) issues.push({ field: 'profile.goaml.localCurrency', reason: `no exchange rate for ${profile.goaml.localCurrency}`, xsdPath: `${P}/currency_code_local` });
  const narrative = (kase.narrative.en ?? kase.narrative.es ?? '').trim();
  if (narrative.length === 0) issues.push({ field: 'narrative.en', reason: 'the narrative (reason for suspicion) is empty', xsdPath: `${P}/reason` });
  if (narrative.length > 8000) issues.push({ field: 'narrative.en', reason: `the narrative is ${narrative.length} characters; goAML holds at most 8,000`, xsdPath: `${P}/reason` });
  if (kase.transactions.length === 0) issues.push({ field: 'transactions', reason: 'an STR lists at least one transaction and the case has none', xsdPath: `${P}/transaction` });
  const party = kase.subject.party;
  if (party.type === 'person') {
    if (!party.birthDate) issues.push({ field: 'subject.party.birthDate', reason: 'goAML requires the date of birth of a client who is a person', xsdPath: `${P}/transaction/t_from_my_client/from_person/birthdate` });
    if (party.identifiers.length === 0) issues.push({ field: 'subject.party.identifiers', reason: 'goAML requires an identity number (id_number) for a client who is a person', xsdPath: `${P}/transaction/t_from_my_client/from_person/id_number` });
    if (kase.subject.identityDocuments.length === 0) issues.push({ field: 'subject.identityDocuments', reason: 'goAML requires at least one identity document with its number, issue date, expiry date and issuing country', xsdPath: `${P}/transaction/t_from_my_client/from_person/identification` });
  }
  return checkResult(issues);
}

function personClient(subject: CaseSubject & { party: { type: 'person' } }): XmlNode {
  const party = subject.party;
  const id = identifierOf(party, 'curp') ?? identifierOf(party, 'ssn') ?? identifierOf(party, 'passport') ?? party.identifiers[0]?.value ?? '';
  return {
    gender: subject.gender === 'female' ? 'F' : subject.gender === 'male' ? 'M' : '-',
    first_name: goamlName(party.name.given),
    last_name: goamlName(surnames(party)),
    birthdate: sqlDate(party.birthDate!),
    id_number: id,
    nationality1: party.nationality ?? party.country,
    residence: subject.address?.country ?? party.country,
    phones: subject.phone ? { phone: { tph_contact_type: 'PRIVT', tph_communication_type: 'M', tph_number: subject.phone.replace(/\D/g, '') } } : undefined,
    addresses: subject.address
      ? { address: { address_type: 'PRIVT', address: streetLine(subject.address), town: subject.address.colonia, city: subject.address.city, zip: subject.address.postalCode, country_code: subject.address.country, state: subject.address.state ?? subject.address.city } }
      : undefined,
    occupation: party.occupation,
    identification: subject.identityDocuments.slice(0, 10).map((document) => ({
      type: DOCUMENT_TYPES[document.type],
      number: document.number,
      issue_date: sqlDate(document.issueDate),
      expiry_date: sqlDate(document.expiryDate),
      issued_by: document.issuedBy,
      issue_country: document.issueCountry,
    })),
    // One character: whether the client is registered for tax (Y/N).
    tax_reg_number: party.identifiers.some((i) => ['rfc', 'ssn', 'ein'].includes(i.kind)) ? 'Y' : 'N',
  };
}

/** ISO country code for goAML; ZZ (unknown, e.g. an unhosted wallet) is written as goAML's '-'. */
function goamlCountry(country: string | undefined): string | undefined {
  return country === 'ZZ' ? '-' : country;
}

function entityNode(name: string, country: string | undefined): XmlNode {
  return { name: goamlName(name) || 'UNKNOWN', incorporation_country_code: goamlCountry(country) };
}

function counterpart(end: TransactionEnd): XmlNode {
  return entityNode(end.name ?? end.accountId ?? 'UNKNOWN', end.country);
}

function subjectEntity(subject: CaseSubject): XmlNode {
  const party = subject.party;
  const name = party.type === 'company' ? party.legalName : [party.name.given, surnames(party as Extract<typeof party, { type: 'person' }>)].join(' ');
  return entityNode(name, party.country);
}

function transactionNode(kase: Case, transaction: Transaction, localCurrency: string, rates: RateTable): XmlNode {
  const side = subjectSide(kase, transaction);
  const person = isPerson(kase.subject);
  const local = convertMinor(transaction.amountMinor, transaction.currency, localCurrency, rates);
  const foreign = transaction.currency !== localCurrency
    ? { foreign_currency_code: transaction.currency, foreign_amount: formatMinorUnits(transaction.amountMinor, transaction.currency), foreign_exchange_rate: (local / 10 ** currencyExponent(localCurrency) / (transaction.amountMinor / 10 ** currencyExponent(transaction.currency))).toFixed(6) }
    : undefined;
  const funds = FUNDS[transaction.channel];
  const subjectFrom: XmlNode = person
    ? { t_from_my_client: { from_funds_code: funds, from_foreign_currency: foreign, from_person: personClient(kase.subject as CaseSubject & { party: { type: 'person' } }), from_country: goamlCountry(transaction.originator.country) } }
    : { t_from: { from_funds_code: funds, from_foreign_currency: foreign, from_entity: subjectEntity(kase.subject), from_country: goamlCountry(transaction.originator.country) } };
  const subjectTo: XmlNode = person
    ? { t_to_my_client: { to_funds_code: funds, to_foreign_currency: foreign, to_person: personClient(kase.subject as CaseSubject & { party: { type: 'person' } }), to_country: goamlCountry(transaction.beneficiary.country) } }
    : { t_to: { to_funds_code: funds, to_foreign_currency: foreign, to_entity: subjectEntity(kase.subject), to_country: goamlCountry(transaction.beneficiary.country) } };
  const otherFrom: XmlNode = { t_from: { from_funds_code: funds, from_foreign_currency: foreign, from_entity: counterpart(transaction.originator), from_country: goamlCountry(transaction.originator.country) } };
  const otherTo: XmlNode = { t_to: { to_funds_code: funds, to_foreign_currency: foreign, to_entity: counterpart(transaction.beneficiary), to_country: goamlCountry(transaction.beneficiary.country) } };
  return {
    transactionnumber: transaction.id.slice(0, 100),
    internal_ref_number: transaction.messageId?.slice(0, 100),
    transaction_location: transaction.location?.branchId ?? transaction.location?.postalCode ?? transaction.location?.country ?? '',
    transaction_description: transaction.purpose ?? `${transaction.channel.replace(/_/g, ' ')} ${formatMinorUnits(transaction.amountMinor, transaction.currency)} ${transaction.currency}`,
    date_transaction: sqlDate(transaction.time),
    transmode_code: CONDUCTION[transaction.channel],
    transmode_comment: transaction.channel.startsWith('cash') ? 'C' : 'E',
    amount_local: formatMinorUnits(local, localCurrency),
    ...(side === 'from' ? { ...subjectFrom, ...otherTo } : { ...otherFrom, ...subjectTo }),
  };
}

/**
 * Renders a goAML 5.0.2 STR for a checked case: the reporting entity, the subject as the
 * institution's client on each transaction, counterparts, amounts in the local currency.
 * @example const xml = renderGoamlStr(kase, profile, { submissionDate: '2026-03-02' });
 */
export function renderGoamlStr(kase: Case, profile: FilerProfile, options: { submissionDate: string; rates?: RateTable }): string {
  const goaml = profile.goaml!;
  const rates = options.rates ?? DEFAULT_RATES;
  const address = profile.filingInstitution.address;
  const indicators = [...new Set([...goaml.defaultIndicators])];
  const report: XmlNode = {
    rentity_id: goaml.rentityId,
    rentity_branch: goaml.rentityBranch,
    submission_code: 'E',
    report_code: 'STR',
    entity_reference: kase.id,
    submission_date: sqlDate(options.submissionDate),
    currency_code_local: goaml.localCurrency,
    reporting_person: { first_name: goamlName(goaml.reportingPerson.firstName), last_name: goamlName(goaml.reportingPerson.lastName), occupation: goaml.reportingPerson.occupation },
    location: { address_type: 'BU', address: address.street, city: address.city, zip: address.postalCode, country_code: address.country, state: address.state },
    reason: (kase.narrative.en ?? kase.narrative.es ?? '').trim(),
    transaction: kase.transactions.map((t) => transactionNode(kase, t, goaml.localCurrency, rates)),
    report_indicators: { indicator: indicators },
  };
  return buildXml({ report });
}
