import { DEFAULT_RATES, toUsdMinor, validateSsn, type RateTable } from '../../domain/index.ts';
import type { Case, CaseSubject } from '../../cases/index.ts';
import { buildXml, type XmlNode } from '../../xml/index.ts';
import type { FilerProfile } from '../profile.ts';
import { checkResult, type CheckResult, type ReportIssue } from '../issues.ts';
import { digitsOnly, fincenText, wholeDollarsUp, yyyymmdd } from '../text.ts';
import { identifierOf, isPerson, streetLine, surnames } from '../subject.ts';
import { PATTERN_SAR_CATEGORIES, SAR_SUBTYPES, sarTypeOfSubtype, type SarCategory } from './sar-codes.ts';

export const FINCEN_NAMESPACE = 'www.fincen.gov/base';
const P = 'EFilingBatchXML/Activity';

/** A running SeqNum: FinCEN requires every SeqNum in a batch file to be unique. */
export type SeqCounter = { next(): number };
export function seqCounter(): SeqCounter {
  let value = 0;
  return { next: () => ++value };
}

/** Prefixes every element name with `fc2:`, FinCEN's customary prefix for www.fincen.gov/base. */
export function withFincenPrefix(node: XmlNode): XmlNode {
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    const name = key.startsWith('@_') || key === '#text' ? key : `fc2:${key}`;
    out[name] = Array.isArray(value)
      ? value.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? withFincenPrefix(v) : v))
      : value !== null && typeof value === 'object'
        ? withFincenPrefix(value)
        : value;
  }
  return out;
}

export function countElements(node: XmlNode, name: string): number {
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (key === name) count++;
      if (child !== null && typeof child === 'object' && !Array.isArray(child)) count += countElements(child, name);
    }
  }
  return count;
}

/** The SAR categories of a case: the typologies' first, else those of the detected patterns. */
export function sarCategoriesOf(kase: Case): SarCategory[] {
  const fromHints = kase.typologyHints.flatMap((h) => h.sarCategories.map((c) => ({ typeId: c.typeId, subtypeId: c.subtypeId, ...(c.otherText ? { otherText: c.otherText } : {}) })));
  const chosen = fromHints.length > 0 ? fromHints : kase.alerts.flatMap((a) => a.patterns.flatMap((p) => PATTERN_SAR_CATEGORIES[p] ?? []));
  const seen = new Set<number>();
  return chosen.filter((c) => !seen.has(c.subtypeId) && seen.add(c.subtypeId));
}

/** Date range of the suspicious activity: transactions, else alert times. */
export function activityDates(kase: Case): { from: string; to: string } | null {
  const times = (kase.transactions.length > 0 ? kase.transactions.map((t) => t.time) : kase.alerts.map((a) => a.time)).sort();
  if (times.length === 0) return null;
  return { from: times[0]!.slice(0, 10), to: times.at(-1)!.slice(0, 10) };
}

export function suspiciousAmountUsd(kase: Case, rates: RateTable): number {
  return wholeDollarsUp(kase.transactions.reduce((sum, t) => sum + toUsdMinor(t.amountMinor, t.currency, rates), 0));
}

const US_LIKE = new Set(['US', 'CA', 'MX']);

function checkSubject(subject: CaseSubject, field: string, issues: ReportIssue[]): void {
  const party = subject.party;
  if (party.type === 'person') {
    if (party.name.given.trim().length > 35) issues.push({ field: `${field}.party.name.given`, reason: `first name is ${party.name.given.length} characters; FinCEN allows 35`, xsdPath: `${P}/Party/PartyName/RawIndividualFirstName` });
    if (surnames(party).length > 150) issues.push({ field: `${field}.party.name`, reason: 'surnames are longer than 150 characters', xsdPath: `${P}/Party/PartyName/RawEntityIndividualLastName` });
    if (party.birthDate !== undefined && !/^(19|20)\d\d-/.test(party.birthDate)) issues.push({ field: `${field}.party.birthDate`, reason: 'date of birth must be in 1900–2099', xsdPath: `${P}/Party/IndividualBirthDateText` });
  } else if (party.legalName.trim().length > 150) {
    issues.push({ field: `${field}.party.legalName`, reason: 'legal name is longer than 150 characters', xsdPath: `${P}/Party/PartyName/RawEntityIndividualLastName` });
  }
  const ssn = identifierOf(party, 'ssn');
  if (ssn !== undefined && validateSsn(ssn) !== null) issues.push({ field: `${field}.party.identifiers.ssn`, reason: validateSsn(ssn)!, xsdPath: `${P}/Party/PartyIdentification/PartyIdentificationNumberText` });
  for (const identifier of party.identifiers) {
    if (digitsOnly(identifier.value).length === 0 && ['ssn', 'ein'].includes(identifier.kind)) issues.push({ field: `${field}.party.identifiers.${identifier.kind}`, reason: 'has no digits' });
    if (identifier.value.length > 25) issues.push({ field: `${field}.party.identifiers.${identifier.kind}`, reason: 'is longer than 25 characters', xsdPath: `${P}/Party/PartyIdentification/PartyIdentificationNumberText` });
  }
  const address = subject.address;
  if (address) {
    if (address.country === 'US' && address.postalCode !== undefined && !/^\d{5}(\d{4})?$/.test(digitsOnly(address.postalCode))) {
      issues.push({ field: `${field}.address.postalCode`, reason: 'a US ZIP code must be 5 or 9 digits', xsdPath: `${P}/Party/Address/RawZIPCode` });
    }
    if (address.postalCode !== undefined && address.postalCode.replace(/[\s-]/g, '').length > 9) issues.push({ field: `${field}.address.postalCode`, reason: 'postal code is longer than 9 characters', xsdPath: `${P}/Party/Address/RawZIPCode` });
    if (address.state !== undefined && !US_LIKE.has(address.country)) issues.push({ field: `${field}.address.state`, reason: 'a state is recorded only for US, Canadian and Mexican addresses', xsdPath: `${P}/Party/Address/RawStateCodeText` });
  }
  if (subject.phone !== undefined && !/^\d{1,16}$/.test(digitsOnly(subject.phone))) issues.push({ field: `${field}.phone`, reason: 'phone number must have 1–16 digits', xsdPath: `${P}/Party/PhoneNumber/PhoneNumberText` });
  for (const account of subject.accounts) {
    if (account.accountNumber.length > 40) issues.push({ field: `${field}.accounts`, reason: `account ${account.accountNumber.slice(0, 12)}… is longer than 40 characters`, xsdPath: `${P}/Party/PartyAccountAssociation/Party/Account/AccountNumberText` });
  }
}

/**
 * Everything a SAR needs that the case lacks, in plain words with the XSD path, before any
 * rendering. An empty list means `renderSarBatch` will produce a document for this case.
 * @example checkSarCase(kase).ok || console.log(checkSarCase(kase).issues)
 */
export function checkSarCase(kase: Case): CheckResult {
  const issues: ReportIssue[] = [];
  const narrative = kase.narrative.en?.trim() ?? '';
  if (narrative.length === 0) issues.push({ field: 'narrative.en', reason: 'the English narrative is empty: draft it from the alerts and have the analyst edit it', xsdPath: `${P}/ActivityNarrativeInformation/ActivityNarrativeText` });
  if (narrative.length > 17000) issues.push({ field: 'narrative.en', reason: `the narrative is ${narrative.length} characters; a SAR holds at most 17,000`, xsdPath: `${P}/ActivityNarrativeInformation/ActivityNarrativeText` });
  if (activityDates(kase) === null) issues.push({ field: 'transactions', reason: 'no transaction or alert gives the date the suspicious activity began', xsdPath: `${P}/SuspiciousActivity/SuspiciousActivityFromDateText` });
  const categories = sarCategoriesOf(kase);
  if (categories.length === 0) issues.push({ field: 'typologyHints.sarCategories', reason: 'no suspicious-activity category: the typology gives none and no detected pattern maps to one; choose at least one', xsdPath: `${P}/SuspiciousActivity/SuspiciousActivityClassification` });
  for (const category of categories) {
    if (!SAR_SUBTYPES.has(category.subtypeId) || sarTypeOfSubtype(category.subtypeId) !== category.typeId) {
      issues.push({ field: 'typologyHints.sarCategories', reason: `category ${category.typeId}/${category.subtypeId} is not a FinCEN SAR classification`, xsdPath: `${P}/SuspiciousActivity/SuspiciousActivityClassification/SuspiciousActivitySubtypeID` });
    } else if (category.subtypeId % 1000 === 999 && !category.otherText) {
      issues.push({ field: 'typologyHints.sarCategories', reason: `category ${category.subtypeId} ("Other") needs a description`, xsdPath: `${P}/SuspiciousActivity/SuspiciousActivityClassification/OtherSuspiciousActivityTypeText` });
    }
  }
  if (categories.length > 99) issues.push({ field: 'typologyHints.sarCategories', reason: 'a SAR holds at most 99 categories' });
  checkSubject(kase.subject, 'subject', issues);
  kase.relatedSubjects.forEach((s, i) => checkSubject(s, `relatedSubjects.${i}`, issues));
  return checkResult(issues);
}

function address(address: { street?: string | undefined; number?: string | undefined; city?: string | undefined; state?: string | undefined; postalCode?: string | undefined; country?: string | undefined } | undefined, seq: SeqCounter): XmlNode {
  const country = address?.country;
  return {
    '@_SeqNum': seq.next(),
    CityUnknownIndicator: address?.city ? undefined : 'Y',
    CountryCodeUnknownIndicator: country ? undefined : 'Y',
    RawCityText: address?.city ? fincenText(address.city, 50) : undefined,
    RawCountryCodeText: country,
    RawStateCodeText: address?.state && country && US_LIKE.has(country) ? fincenText(address.state, 3) : undefined,
    RawStreetAddress1Text: address?.street ? fincenText(streetLine(address), 100) : undefined,
    RawZIPCode: address?.postalCode ? fincenText(address.postalCode.replace(/[\s-]/g, ''), 9) : undefined,
    StateCodeUnknownIndicator: address?.state || (country && !US_LIKE.has(country)) ? undefined : 'Y',
    StreetAddressUnknownIndicator: address?.street ? undefined : 'Y',
    ZIPCodeUnknownIndicator: address?.postalCode ? undefined : 'Y',
  };
}

/**
 * The transmitter (35) and transmitter contact (37) parties, the same on every FinCEN batch form;
 * `renderAddress` is the form's own address rendering (SAR and CTR differ in what may be unknown).
 */
export function transmitterParties(profile: FilerProfile, seq: SeqCounter, renderAddress: (address: FilerProfile['transmitter']['address'], seq: SeqCounter) => XmlNode): XmlNode[] {
  return [
    {
      '@_SeqNum': seq.next(),
      ActivityPartyTypeCode: '35',
      PartyName: { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawPartyFullName: fincenText(profile.transmitter.name, 150) },
      Address: renderAddress(profile.transmitter.address, seq),
      PhoneNumber: { '@_SeqNum': seq.next(), PhoneNumberText: profile.transmitter.phone },
      PartyIdentification: [
        { '@_SeqNum': seq.next(), PartyIdentificationNumberText: profile.transmitter.tin, PartyIdentificationTypeCode: '4' },
        { '@_SeqNum': seq.next(), PartyIdentificationNumberText: profile.transmitter.tcc, PartyIdentificationTypeCode: '28' },
      ],
    },
    { '@_SeqNum': seq.next(), ActivityPartyTypeCode: '37', PartyName: { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawPartyFullName: fincenText(profile.transmitter.contactName, 150) } },
  ];
}

/** The filing institution's contact office (8), the same on every FinCEN batch form. */
export function contactOfficeParty(profile: FilerProfile, seq: SeqCounter): XmlNode {
  return {
    '@_SeqNum': seq.next(),
    ActivityPartyTypeCode: '8',
    PartyName: { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawPartyFullName: fincenText(profile.contactOffice.name, 150) },
    PhoneNumber: { '@_SeqNum': seq.next(), PhoneNumberText: profile.contactOffice.phone },
  };
}

function institutionParty(typeCode: '30' | '34', profile: FilerProfile, seq: SeqCounter): XmlNode {
  const institution = profile.filingInstitution;
  const party: XmlNode = {
    '@_SeqNum': seq.next(),
    ActivityPartyTypeCode: typeCode,
    NoBranchActivityInvolvedIndicator: typeCode === '34' && !profile.branch ? 'Y' : undefined,
    PrimaryRegulatorTypeCode: institution.primaryRegulator,
    PartyName: { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawPartyFullName: fincenText(institution.name, 150) },
    Address: address(institution.address, seq),
    PartyIdentification: [
      { '@_SeqNum': seq.next(), PartyIdentificationNumberText: institution.tin, PartyIdentificationTypeCode: '2' },
      ...(institution.rssd ? [{ '@_SeqNum': seq.next(), PartyIdentificationNumberText: institution.rssd, PartyIdentificationTypeCode: '14' }] : []),
    ],
    OrganizationClassificationTypeSubtype: { '@_SeqNum': seq.next(), OrganizationTypeID: institution.organizationType },
  };
  if (typeCode === '34' && profile.branch) {
    party['PartyAssociation'] = {
      '@_SeqNum': seq.next(),
      Party: {
        '@_SeqNum': seq.next(),
        ActivityPartyTypeCode: '46',
        Address: address(profile.branch.address, seq),
        ...(profile.branch.rssd ? { PartyIdentification: { '@_SeqNum': seq.next(), PartyIdentificationNumberText: profile.branch.rssd, PartyIdentificationTypeCode: '14' } } : {}),
      },
    };
  }
  return party;
}

function subjectIdentifications(subject: CaseSubject, seq: SeqCounter): XmlNode[] {
  const party = subject.party;
  const out: XmlNode[] = [];
  for (const identifier of party.identifiers) {
    const number = fincenText(identifier.kind === 'ssn' || identifier.kind === 'ein' ? digitsOnly(identifier.value) : identifier.value, 25);
    if (identifier.kind === 'ssn') out.push({ '@_SeqNum': seq.next(), PartyIdentificationNumberText: number, PartyIdentificationTypeCode: '1' });
    else if (identifier.kind === 'ein') out.push({ '@_SeqNum': seq.next(), PartyIdentificationNumberText: number, PartyIdentificationTypeCode: '2' });
    else if (identifier.kind === 'rfc') out.push({ '@_SeqNum': seq.next(), OtherIssuerCountryText: 'MX', PartyIdentificationNumberText: number, PartyIdentificationTypeCode: '9' });
    else if (identifier.kind === 'passport') out.push({ '@_SeqNum': seq.next(), OtherIssuerCountryText: identifier.country ?? party.country, PartyIdentificationNumberText: number, PartyIdentificationTypeCode: '6' });
    else if (identifier.kind === 'curp') out.push({ '@_SeqNum': seq.next(), OtherIssuerCountryText: 'MX', OtherPartyIdentificationTypeText: 'CURP', PartyIdentificationNumberText: number, PartyIdentificationTypeCode: '999' });
  }
  if (!party.identifiers.some((i) => ['ssn', 'ein', 'rfc'].includes(i.kind))) out.unshift({ '@_SeqNum': seq.next(), TINUnknownIndicator: 'Y' });
  return out;
}

function subjectParty(subject: CaseSubject, profile: FilerProfile, seq: SeqCounter): XmlNode {
  const party = subject.party;
  const person = isPerson(subject) ? subject.party : null;
  const node: XmlNode = {
    '@_SeqNum': seq.next(),
    ActivityPartyTypeCode: '33',
    BirthDateUnknownIndicator: person && !person.birthDate ? 'Y' : undefined,
    FemaleGenderIndicator: person && subject.gender === 'female' ? 'Y' : undefined,
    IndividualBirthDateText: person?.birthDate ? yyyymmdd(person.birthDate) : undefined,
    MaleGenderIndicator: person && subject.gender === 'male' ? 'Y' : undefined,
    PartyAsEntityOrganizationIndicator: person ? undefined : 'Y',
    UnknownGenderIndicator: person && (subject.gender === undefined || subject.gender === 'unknown') ? 'Y' : undefined,
    PartyName: [
      person
        ? { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawEntityIndividualLastName: fincenText(surnames(person), 150), RawIndividualFirstName: fincenText(person.name.given, 35) }
        : { '@_SeqNum': seq.next(), PartyNameTypeCode: 'L', RawEntityIndividualLastName: fincenText(party.type === 'company' ? party.legalName : '', 150) },
      ...party.aliases.slice(0, 99).map((alias) => ({ '@_SeqNum': seq.next(), PartyNameTypeCode: 'AKA', RawPartyFullName: fincenText(alias, 150) })),
    ],
    Address: address(subject.address ?? { country: party.country, ...(party.postalCode ? { postalCode: party.postalCode } : {}) }, seq),
    PhoneNumber: subject.phone ? { '@_SeqNum': seq.next(), PhoneNumberText: digitsOnly(subject.phone).slice(0, 16), PhoneNumberTypeCode: 'R' } : undefined,
    PartyIdentification: subjectIdentifications(subject, seq),
  };
  const occupation = party.type === 'person' ? party.occupation : party.industry;
  if (occupation) node['PartyOccupationBusiness'] = { '@_SeqNum': seq.next(), OccupationBusinessText: fincenText(occupation, 50) };
  if (subject.email) node['ElectronicAddress'] = { '@_SeqNum': seq.next(), ElectronicAddressText: fincenText(subject.email, 517), ElectronicAddressTypeCode: 'E' };
  node['PartyAssociation'] = {
    '@_SeqNum': seq.next(),
    CustomerIndicator: subject.relationship === 'customer' ? 'Y' : undefined,
    EmployeeIndicator: subject.relationship === 'employee' ? 'Y' : undefined,
    NoRelationshipToInstitutionIndicator: subject.relationship === 'non_customer' ? 'Y' : undefined,
    SubjectRelationshipFinancialInstitutionTINText: profile.filingInstitution.tin,
  };
  if (subject.accounts.length > 0) {
    node['PartyAccountAssociation'] = {
      '@_SeqNum': seq.next(),
      PartyAccountAssociationTypeCode: '7',
      Party: {
        '@_SeqNum': seq.next(),
        ActivityPartyTypeCode: '41',
        PartyIdentification: { '@_SeqNum': seq.next(), PartyIdentificationNumberText: profile.filingInstitution.tin, PartyIdentificationTypeCode: '2' },
        Account: subject.accounts.slice(0, 99).map((account) => ({
          '@_SeqNum': seq.next(),
          AccountNumberText: fincenText(account.accountNumber, 40),
          PartyAccountAssociation: { '@_SeqNum': seq.next(), AccountClosedIndicator: account.closed ? 'Y' : undefined, PartyAccountAssociationTypeCode: '5' },
        })),
      },
    };
  }
  return node;
}

/** Splits a narrative into FinCEN's blocks of at most 4,000 characters (at most 5). */
export function narrativeBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (let i = 0; i < text.length && blocks.length < 5; i += 4000) blocks.push(text.slice(i, i + 4000));
  return blocks;
}

/**
 * `continuing` and `priorDocumentNumber` default from the case: a case with an accepted SAR
 * (BSA ID on record) is reported as continuing activity with that BSA ID as the prior document.
 */
export type SarActivityOptions = { filingDate: string; rates?: RateTable; continuing?: boolean; priorDocumentNumber?: string };

/** One SAR `Activity` for a case (call `checkSarCase` first). */
export function sarActivity(kase: Case, profile: FilerProfile, seq: SeqCounter, options: SarActivityOptions): { activity: XmlNode; amountUsd: number } {
  const rates = options.rates ?? DEFAULT_RATES;
  const dates = activityDates(kase)!;
  const amountUsd = suspiciousAmountUsd(kase, rates);
  const keyTerms = [...new Set(kase.typologyHints.map((h) => h.advisoryKeyTerm).filter((k): k is string => Boolean(k)))].join(' ');
  // A case already reported (accepted, with its BSA ID) is reported again as continuing activity.
  const prior = kase.filings.filter((f) => f.format === 'fincen-sar' && f.acknowledgementStatus !== 'rejected' && f.regulatorFilingId !== undefined && /^\d{1,14}$/.test(f.regulatorFilingId)).at(-1);
  const continuing = options.continuing ?? prior !== undefined;
  const priorDocumentNumber = options.priorDocumentNumber ?? (continuing ? prior?.regulatorFilingId : undefined);
  const activity: XmlNode = {
    '@_SeqNum': seq.next(),
    EFilingPriorDocumentNumber: priorDocumentNumber,
    FilingDateText: yyyymmdd(options.filingDate),
    FilingInstitutionNotetoFinCEN: keyTerms ? fincenText(keyTerms, 50) : undefined,
    ActivityAssociation: {
      '@_SeqNum': seq.next(),
      ContinuingActivityReportIndicator: continuing ? 'Y' : undefined,
      CorrectsAmendsPriorReportIndicator: priorDocumentNumber && !continuing ? 'Y' : undefined,
      InitialReportIndicator: !continuing && !priorDocumentNumber ? 'Y' : undefined,
    },
    Party: [
      ...transmitterParties(profile, seq, address),
      institutionParty('30', profile, seq),
      contactOfficeParty(profile, seq),
      institutionParty('34', profile, seq),
      subjectParty(kase.subject, profile, seq),
      ...kase.relatedSubjects.map((s) => subjectParty(s, profile, seq)),
    ],
    SuspiciousActivity: {
      '@_SeqNum': seq.next(),
      AmountUnknownIndicator: amountUsd === 0 ? 'Y' : undefined,
      SuspiciousActivityFromDateText: yyyymmdd(dates.from),
      SuspiciousActivityToDateText: yyyymmdd(dates.to),
      TotalSuspiciousAmountText: amountUsd > 0 ? String(amountUsd) : undefined,
      SuspiciousActivityClassification: sarCategoriesOf(kase).map((c) => ({
        '@_SeqNum': seq.next(),
        OtherSuspiciousActivityTypeText: c.otherText ? fincenText(c.otherText, 50) : undefined,
        SuspiciousActivitySubtypeID: c.subtypeId,
        SuspiciousActivityTypeID: c.typeId,
      })),
    },
    ActivityNarrativeInformation: narrativeBlocks(kase.narrative.en!.trim()).map((block, index) => ({
      '@_SeqNum': seq.next(),
      ActivityNarrativeSequenceNumber: index + 1,
      ActivityNarrativeText: block,
    })),
  };
  return { activity, amountUsd };
}

/**
 * Renders a FinCEN SAR XML batch (BSA E-Filing, EFL_SARXBatchSchema 1.2) for checked cases.
 * `activitySeqNums[i]` is the Activity SeqNum of `cases[i]`, which the acknowledgement refers to.
 * @example const { xml } = renderSarBatch([kase], profile, { filingDate: '2026-03-02' });
 */
export function renderSarBatch(cases: readonly Case[], profile: FilerProfile, options: SarActivityOptions): { xml: string; activitySeqNums: number[] } {
  const seq = seqCounter();
  let total = 0;
  const activities: XmlNode[] = [];
  const activitySeqNums: number[] = [];
  for (const kase of cases) {
    const { activity, amountUsd } = sarActivity(kase, profile, seq, options);
    activities.push(activity);
    activitySeqNums.push(activity['@_SeqNum'] as number);
    total += amountUsd;
  }
  const body: XmlNode = { FormTypeCode: 'SARX', Activity: activities };
  const root: XmlNode = {
    '@_xmlns:fc2': FINCEN_NAMESPACE,
    '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@_xsi:schemaLocation': `${FINCEN_NAMESPACE} https://www.fincen.gov/base https://www.fincen.gov/base/EFL_SARXBatchSchema.xsd`,
    '@_TotalAmount': total,
    '@_PartyCount': countElements(body, 'Party'),
    '@_ActivityCount': activities.length,
    '@_ActivityAttachmentCount': 0,
    '@_AttachmentCount': 0,
    ...body,
  };
  return { xml: buildXml({ 'fc2:EFilingBatchXML': withFincenPrefix(root) }), activitySeqNums };
}
