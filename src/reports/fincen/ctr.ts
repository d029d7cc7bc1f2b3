import { DEFAULT_RATES, toUsdMinor, validateSsn, type RateTable, type Transaction } from '../../domain/index.ts';
import type { Case, CaseSubject } from '../../cases/index.ts';
import { buildXml, type XmlNode } from '../../xml/index.ts';
import type { FilerProfile } from '../profile.ts';
import { checkResult, type CheckResult, type ReportIssue } from '../issues.ts';
import { digitsOnly, fincenText, wholeDollarsUp, yyyymmdd } from '../text.ts';
import { identifierOf, isPerson, streetLine, surnames } from '../subject.ts';
import { FINCEN_NAMESPACE, contactOfficeParty, countElements, seqCounter, transmitterParties, withFincenPrefix, type SeqCounter } from './sar.ts';

/** 31 CFR 1010.311: a CTR is due for cash in, or cash out, of more than USD 10,000 in one business day. */
export const CTR_THRESHOLD_USD_MINOR = 1_000_000;

export type CashAggregate = {
  partyId: string;
  /** Business day YYYY-MM-DD: the date of the transaction's own time stamp (the branch's local date). */
  businessDay: string;
  cashInUsdMinor: number;
  cashOutUsdMinor: number;
  transactions: Transaction[];
};

/** The person a cash transaction counts for: the depositor for deposits, the account holder for withdrawals. */
function cashPartyOf(transaction: Transaction): { partyId: string; direction: 'in' | 'out' } | null {
  if (transaction.channel === 'cash_deposit') {
    const partyId = transaction.originator.partyId ?? transaction.beneficiary.partyId;
    return partyId ? { partyId, direction: 'in' } : null;
  }
  if (transaction.channel === 'cash_withdrawal') {
    const partyId = transaction.originator.partyId ?? transaction.beneficiary.partyId;
    return partyId ? { partyId, direction: 'out' } : null;
  }
  return null;
}

/**
 * Aggregates cash per person per business day and keeps those above the CTR threshold (cash in
 * and cash out are aggregated separately, never netted). Cash with no known person cannot be
 * aggregated and is returned in `unattributed` so it is not silently dropped.
 * @example aggregateDailyCash(transactions).aggregates.filter((a) => a.cashInUsdMinor > CTR_THRESHOLD_USD_MINOR)
 */
export function aggregateDailyCash(transactions: readonly Transaction[], rates: RateTable = DEFAULT_RATES): { aggregates: CashAggregate[]; unattributed: Transaction[] } {
  const byKey = new Map<string, CashAggregate>();
  const unattributed: Transaction[] = [];
  for (const transaction of transactions) {
    if (transaction.channel !== 'cash_deposit' && transaction.channel !== 'cash_withdrawal') continue;
    const party = cashPartyOf(transaction);
    if (!party) {
      unattributed.push(transaction);
      continue;
    }
    const businessDay = transaction.time.slice(0, 10);
    const key = `${party.partyId}\u0000${businessDay}`;
    let aggregate = byKey.get(key);
    if (!aggregate) byKey.set(key, (aggregate = { partyId: party.partyId, businessDay, cashInUsdMinor: 0, cashOutUsdMinor: 0, transactions: [] }));
    const usd = toUsdMinor(transaction.amountMinor, transaction.currency, rates);
    if (party.direction === 'in') aggregate.cashInUsdMinor += usd;
    else aggregate.cashOutUsdMinor += usd;
    aggregate.transactions.push(transaction);
  }
  const aggregates = [...byKey.values()]
    .filter((a) => a.cashInUsdMinor > CTR_THRESHOLD_USD_MINOR || a.cashOutUsdMinor > CTR_THRESHOLD_USD_MINOR)
    .sort((a, b) => a.businessDay.localeCompare(b.businessDay) || a.partyId.localeCompare(b.partyId));
  return { aggregates, unattributed };
}

/** The CTR aggregate of a case: its subject's cash on its CTR business day. */
export function ctrAggregateOfCase(kase: Case, rates: RateTable = DEFAULT_RATES): CashAggregate | null {
  const day = kase.ctrBusinessDay;
  const own = kase.transactions.filter((t) => (day === undefined || t.time.slice(0, 10) === day) && cashPartyOf(t)?.partyId === kase.subject.party.id);
  const { aggregates } = aggregateDailyCash(own, rates);
  return aggregates[0] ?? null;
}

const P = 'EFilingBatchXML/Activity';

/**
 * What a CTR needs that the case lacks: a cash aggregate above USD 10,000, the person's name,
 * address, identification and, for individuals, date of birth (CTR items 4–14).
 */
export function checkCtrCase(kase: Case, rates: RateTable = DEFAULT_RATES): CheckResult {
  const issues: ReportIssue[] = [];
  if (ctrAggregateOfCase(kase, rates) === null) issues.push({ field: 'transactions', reason: `the subject has no cash in or cash out above USD 10,000 on ${kase.ctrBusinessDay ?? 'one business day'}`, xsdPath: `${P}/CurrencyTransactionActivity/TotalCashInReceiveAmountText` });
  const subject = kase.subject;
  const party = subject.party;
  if (!subject.address) issues.push({ field: 'subject.address', reason: 'the address of the person conducting the transaction is missing', xsdPath: `${P}/Party/Address` });
  if (party.type === 'person') {
    if (party.name.given.length > 35) issues.push({ field: 'subject.party.name.given', reason: 'first name is longer than 35 characters', xsdPath: `${P}/Party/PartyName/RawIndividualFirstName` });
    if (!party.birthDate) issues.push({ field: 'subject.party.birthDate', reason: 'date of birth is missing (CTR item 12)', xsdPath: `${P}/Party/IndividualBirthDateText` });
  }
  const tin = identifierOf(party, 'ssn') ?? identifierOf(party, 'ein') ?? identifierOf(party, 'rfc') ?? identifierOf(party, 'passport');
  if (tin === undefined) issues.push({ field: 'subject.party.identifiers', reason: 'no TIN (SSN/ITIN, EIN) or foreign identification is on record (CTR items 13–14)', xsdPath: `${P}/Party/PartyIdentification/PartyIdentificationNumberText` });
  const ssn = identifierOf(party, 'ssn');
  if (ssn !== undefined && validateSsn(ssn) !== null) issues.push({ field: 'subject.party.identifiers.ssn', reason: validateSsn(ssn)!, xsdPath: `${P}/Party/PartyIdentification/PartyIdentificationNumberText` });
  if (subject.address?.country === 'US' && subject.address.postalCode !== undefined && !/^\d{5}(\d{4})?$/.test(digitsOnly(subject.address.postalCode))) {
    issues.push({ field: 'subject.address.postalCode', reason: 'a US ZIP code must be 5 or 9 digits', xsdPath: `${P}/Party/Address/RawZIPCode` });
  }
  return checkResult(issues);
}

const CTR_REGULATORS = new Set(['9', '1', '2', '7', '3', '4', '6']);

function address(value: { street: string; number?: string | undefined; city: string; state?: string | undefined; postalCode?: string | undefined; country: string }, seq: SeqCounter): XmlNode {
  const stateful = ['US', 'CA', 'MX'].includes(value.country);
  return {
    '@_SeqNum': seq.next(),
    RawCityText: fincenText(value.city, 50),
    RawCountryCodeText: value.country,
    RawStateCodeText: stateful && value.state ? fincenText(value.state, 3) : undefined,
    RawStreetAddress1Text: fincenText(streetLine(value), 100),
    RawZIPCode: value.postalCode ? fincenText(value.postalCode.replace(/[\s-]/g, ''), 9) : undefined,
    StateCodeUnknownIndicator: stateful && !value.state ? 'Y' : undefined,
    ZIPCodeUnknownIndicator: value.postalCode ? undefined : 'Y',
  };
}

function institution(typeCode: '30' | '34', profile: FilerProfile, seq: SeqCounter): XmlNode {
  const fi = profile.filingInstitution;
  return {
    '@_SeqNum': seq.next(),
    ActivityPartyTypeCode: typeCode,
    PrimaryRegulatorTypeCode: CTR_REGULATORS.has(fi.primaryRegulator) ? fi.primaryRegulator : '14',
    PartyName: { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawPartyFullName: fincenText(fi.name, 150) },
    Address: address(typeCode === '34' && profile.branch ? profile.branch.address : fi.address, seq),
    PartyIdentification: { '@_SeqNum': seq.next(), PartyIdentificationNumberText: fi.tin, PartyIdentificationTypeCode: '2' },
    OrganizationClassificationTypeSubtype: { '@_SeqNum': seq.next(), OrganizationTypeID: ['1', '2', '4', '5'].includes(fi.organizationType) ? fi.organizationType : '999', OtherOrganizationTypeText: ['1', '2', '4', '5'].includes(fi.organizationType) ? undefined : 'Other financial institution' },
  };
}

function personParty(subject: CaseSubject, aggregate: CashAggregate, seq: SeqCounter): XmlNode {
  const party = subject.party;
  const person = isPerson(subject) ? subject.party : null;
  const identification = (() => {
    const ssn = identifierOf(party, 'ssn');
    if (ssn) return { PartyIdentificationNumberText: digitsOnly(ssn), PartyIdentificationTypeCode: '1' };
    const ein = identifierOf(party, 'ein');
    if (ein) return { PartyIdentificationNumberText: digitsOnly(ein), PartyIdentificationTypeCode: '2' };
    const rfc = identifierOf(party, 'rfc');
    if (rfc) return { OtherIssuerCountryText: 'MX', PartyIdentificationNumberText: rfc, PartyIdentificationTypeCode: '9' };
    const passport = party.identifiers.find((i) => i.kind === 'passport');
    return { OtherIssuerCountryText: passport?.country ?? party.country, PartyIdentificationNumberText: fincenText(passport?.value ?? '', 25), PartyIdentificationTypeCode: '6' };
  })();
  const accounts = new Map<string, { in: boolean; out: boolean }>();
  for (const t of aggregate.transactions) {
    const number = t.channel === 'cash_deposit' ? t.beneficiary.accountId : t.originator.accountId;
    if (!number) continue;
    const entry = accounts.get(number) ?? { in: false, out: false };
    if (t.channel === 'cash_deposit') entry.in = true;
    else entry.out = true;
    accounts.set(number, entry);
  }
  const occupation = party.type === 'person' ? party.occupation : party.industry;
  return {
    '@_SeqNum': seq.next(),
    ActivityPartyTypeCode: '50',
    FemaleGenderIndicator: person && subject.gender === 'female' ? 'Y' : undefined,
    IndividualBirthDateText: person?.birthDate ? yyyymmdd(person.birthDate) : undefined,
    IndividualEntityCashInAmountText: aggregate.cashInUsdMinor > 0 ? String(wholeDollarsUp(aggregate.cashInUsdMinor)) : undefined,
    IndividualEntityCashOutAmountText: aggregate.cashOutUsdMinor > 0 ? String(wholeDollarsUp(aggregate.cashOutUsdMinor)) : undefined,
    MaleGenderIndicator: person && subject.gender === 'male' ? 'Y' : undefined,
    PartyAsEntityOrganizationIndicator: person ? undefined : 'Y',
    UnknownGenderIndicator: person && (subject.gender === undefined || subject.gender === 'unknown') ? 'Y' : undefined,
    PartyName: person
      ? { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawEntityIndividualLastName: fincenText(surnames(person), 150), RawIndividualFirstName: fincenText(person.name.given, 35) }
      : { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawEntityIndividualLastName: fincenText(party.type === 'company' ? party.legalName : '', 150) },
    Address: address(subject.address!, seq),
    PhoneNumber: subject.phone ? { '@_SeqNum': seq.next(), PhoneNumberText: digitsOnly(subject.phone).slice(0, 16) } : undefined,
    PartyIdentification: { '@_SeqNum': seq.next(), ...identification },
    PartyOccupationBusiness: occupation ? { '@_SeqNum': seq.next(), OccupationBusinessText: fincenText(occupation, 50) } : undefined,
    ElectronicAddress: subject.email ? { '@_SeqNum': seq.next(), ElectronicAddressText: fincenText(subject.email, 517) } : undefined,
    Account: [...accounts].slice(0, 198).flatMap(([number, use]) => [
      ...(use.in ? [{ '@_SeqNum': seq.next(), AccountNumberText: fincenText(number, 40), PartyAccountAssociation: { '@_SeqNum': seq.next(), PartyAccountAssociationTypeCode: '8' } }] : []),
      ...(use.out ? [{ '@_SeqNum': seq.next(), AccountNumberText: fincenText(number, 40), PartyAccountAssociation: { '@_SeqNum': seq.next(), PartyAccountAssociationTypeCode: '9' } }] : []),
    ]),
  };
}

/**
 * Renders a FinCEN CTR XML batch (EFL_CTRXBatchSchema 1.2) for checked cases, one Activity per
 * person and business day, amounts in whole dollars.
 * @example const { xml } = renderCtrBatch([kase], profile, { filingDate: '2026-03-02' });
 */
export function renderCtrBatch(cases: readonly Case[], profile: FilerProfile, options: { filingDate: string; rates?: RateTable }): { xml: string; activitySeqNums: number[] } {
  const rates = options.rates ?? DEFAULT_RATES;
  const seq = seqCounter();
  let total = 0;
  const activitySeqNums: number[] = [];
  const activities = cases.map((kase) => {
    const aggregate = ctrAggregateOfCase(kase, rates)!;
    const cashIn = wholeDollarsUp(aggregate.cashInUsdMinor);
    const cashOut = wholeDollarsUp(aggregate.cashOutUsdMinor);
    total += cashIn + cashOut;
    const deposits = aggregate.transactions.filter((t) => t.channel === 'cash_deposit');
    const withdrawals = aggregate.transactions.filter((t) => t.channel === 'cash_withdrawal');
    const activitySeq = seq.next();
    activitySeqNums.push(activitySeq);
    return {
      '@_SeqNum': activitySeq,
      FilingDateText: yyyymmdd(options.filingDate),
      ActivityAssociation: { '@_SeqNum': seq.next(), CorrectsAmendsPriorReportIndicator: '', FinCENDirectBackFileIndicator: '', InitialReportIndicator: 'Y' },
      Party: [
        ...transmitterParties(profile, seq, address),
        institution('30', profile, seq),
        contactOfficeParty(profile, seq),
        institution('34', profile, seq),
        personParty(kase.subject, aggregate, seq),
      ],
      CurrencyTransactionActivity: {
        '@_SeqNum': seq.next(),
        AggregateTransactionIndicator: aggregate.transactions.length > 1 ? 'Y' : '',
        ArmoredCarServiceIndicator: '',
        ATMIndicator: '',
        MailDepositShipmentIndicator: '',
        NightDepositIndicator: '',
        SharedBranchingIndicator: '',
        TotalCashInReceiveAmountText: cashIn > 0 ? String(cashIn) : '',
        TotalCashOutAmountText: cashOut > 0 ? String(cashOut) : '',
        TransactionDateText: yyyymmdd(aggregate.businessDay),
        CurrencyTransactionActivityDetail: [
          ...(deposits.length > 0 ? [{ '@_SeqNum': seq.next(), CurrencyTransactionActivityDetailTypeCode: '55', DetailTransactionAmountText: String(cashIn), OtherCurrencyTransactionActivityDetailText: '', OtherForeignCurrencyCountryText: '' }] : []),
          ...(withdrawals.length > 0 ? [{ '@_SeqNum': seq.next(), CurrencyTransactionActivityDetailTypeCode: '56', DetailTransactionAmountText: String(cashOut), OtherCurrencyTransactionActivityDetailText: '', OtherForeignCurrencyCountryText: '' }] : []),
        ],
      },
    } satisfies XmlNode;
  });
  const body: XmlNode = { FormTypeCode: 'CTRX', Activity: activities };
  const root: XmlNode = {
    '@_xmlns:fc2': FINCEN_NAMESPACE,
    '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@_xsi:schemaLocation': `${FINCEN_NAMESPACE} https://www.fincen.gov/base https://www.fincen.gov/base/EFL_CTRXBatchSchema.xsd`,
    '@_TotalAmount': total,
    '@_PartyCount': countElements(body, 'Party'),
    '@_ActivityCount': activities.length,
    ...body,
  };
  return { xml: buildXml({ 'fc2:EFilingBatchXML': withFincenPrefix(root) }), activitySeqNums };
}
