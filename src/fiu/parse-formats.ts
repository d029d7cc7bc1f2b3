import { decodeXmlText, parseXmlSecure, type XmlParseResult } from '../xml/index.ts';
import { UIF_FIELDS } from '../reports/index.ts';
import { normaliseIdentifierValue, type FiuIdentifier, type FiuIdentifierKind, type FiuReport, type FiuReportKind, type FiuSubject, type FiuTransaction, type IntakeError } from './records.ts';

/**
 * Format readers: a validated file's text → normalised reports. They never throw on content;
 * a report they cannot read becomes an `IntakeError` for its sequence. The caller has already
 * run schema validation; these readers only map fields.
 */

export type ParsedFile = { reports: FiuReport[]; errors: IntakeError[]; lineStarts: number[] };

type Node = Record<string, unknown>;

function list(value: unknown): Node[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is Node => typeof item === 'object' && item !== null);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && '#text' in value) return text((value as Node)['#text']);
  return '';
}

function isoFromCompact(value: string): string | undefined {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return undefined;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? undefined : iso;
}

function country(value: string): string | undefined {
  const code = value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
}

function identifier(kind: FiuIdentifierKind, value: string): FiuIdentifier | null {
  const normalised = normaliseIdentifierValue(kind, value);
  return normalised.length === 0 || normalised === 'Y' || normalised === 'N' ? null : { kind, value: normalised };
}

function dedupeIdentifiers(identifiers: Array<FiuIdentifier | null>): FiuIdentifier[] {
  const seen = new Set<string>();
  const out: FiuIdentifier[] = [];
  for (const item of identifiers) {
    if (item === null) continue;
    const key = `${item.kind}:${item.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** Minor units from a decimal text ("1234.5" → 123450); whole-dollar FinCEN amounts pass `wholeUnits`. */
function minorUnits(value: string, wholeUnits = false): number {
  const cleaned = value.replace(/[,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return 0;
  if (wholeUnits) return Math.round(Number(cleaned)) * 100;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}

/** 1-based line where each match of `pattern` starts, for locating issues in a report. */
export function lineStartsOf(content: string, pattern: RegExp): number[] {
  const starts: number[] = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let line = 1;
  let scanned = 0;
  for (const match of content.matchAll(global)) {
    for (let i = scanned; i < match.index; i++) if (content.charCodeAt(i) === 10) line++;
    scanned = match.index;
    starts.push(line);
  }
  return starts;
}

/** An open element: its children by name, its `@_` attributes, its text runs decoded so far. */
type Frame = { name: string; children: Node | null; attributes: Node | null; text: string };

function addChild(parent: Node, name: string, value: unknown): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

function closeFrame(frame: Frame): unknown {
  if (frame.children === null && frame.attributes === null) return frame.text;
  const node: Node = { ...frame.children, ...frame.attributes };
  if (frame.text.length > 0) node['#text'] = frame.text;
  return node;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Builds the element tree of XML that libxml2 has already found well-formed and free of DTDs,
 * in the shape `parseXmlSecure(xml, { removeNamespacePrefix: true })` gives (elements by local
 * name, repeated ones as arrays, attributes as `@_name`, text trimmed and kept as text, only the
 * predefined entities and character references decoded), about four times faster: it skips the
 * second well-formedness pass and builds no intermediate nodes. Structure it cannot follow throws.
 * @example readWellFormedXml('<a:r xmlns:a="u"><a:b x="1">t</a:b></a:r>') // { ok: true, value: { r: { b: { '#text': 't', '@_x': '1' } } } }
 */
export function readWellFormedXml(xml: string): XmlParseResult<Node> {
  const root: Frame = { name: '', children: {}, attributes: null, text: '' };
  const stack: Frame[] = [root];
  const length = xml.length;
  let index = 0;
  const fail = (message: string): XmlParseResult<Node> => ({ ok: false, issues: [{ line: xml.slice(0, index).split('\n').length, path: null, xsdPath: null, message }] });
  while (index < length) {
    const open = xml.indexOf('<', index);
    const top = stack[stack.length - 1]!;
    if (open === -1) {
      if (stack.length > 1) return fail('the document ends inside an element');
      break;
    }
    // Each text run is trimmed and decoded on its own, as parseXmlSecure does.
    if (open > index && stack.length > 1) top.text += decodeXmlText(xml.slice(index, open).trim());
    const next = xml.charCodeAt(open + 1);
    if (next === 47 /* </ */) {
      const close = xml.indexOf('>', open);
      const name = localName(xml.slice(open + 2, close).trim());
      if (close === -1 || stack.length === 1 || top.name !== name) return fail(`unexpected closing tag ${name}`);
      stack.pop();
      addChild(stack[stack.length - 1]!.children!, name, closeFrame(top));
      index = close + 1;
    } else if (next === 63 /* <? */) {
      const close = xml.indexOf('?>', open);
      if (close === -1) return fail('unterminated processing instruction');
      index = close + 2;
    } else if (next === 33 /* <! */) {
      if (xml.startsWith('<!--', open)) {
        const close = xml.indexOf('-->', open + 4);
        if (close === -1) return fail('unterminated comment');
        index = close + 3;
      } else if (xml.startsWith('<![CDATA[', open)) {
        const close = xml.indexOf(']]>', open + 9);
        if (close === -1 || stack.length === 1) return fail('misplaced CDATA section');
        top.text += xml.slice(open + 9, close);
        index = close + 3;
      } else {
        return fail('declarations are refused');
      }
    } else {
      let cursor = open + 1;
      while (cursor < length && !isSpace(xml.charCodeAt(cursor)) && xml.charCodeAt(cursor) !== 62 && xml.charCodeAt(cursor) !== 47) cursor++;
      const frame: Frame = { name: localName(xml.slice(open + 1, cursor)), children: null, attributes: null, text: '' };
      let selfClosing = false;
      for (;;) {
        while (cursor < length && isSpace(xml.charCodeAt(cursor))) cursor++;
        const code = xml.charCodeAt(cursor);
        if (code === 62 /* > */) break;
        if (code === 47 /* / */ && xml.charCodeAt(cursor + 1) === 62) {
          selfClosing = true;
          cursor++;
          break;
        }
        const equals = xml.indexOf('=', cursor);
        if (equals === -1) return fail(`malformed attribute in ${frame.name}`);
        const attribute = xml.slice(cursor, equals).trim();
        let quote = equals + 1;
        while (quote < length && isSpace(xml.charCodeAt(quote))) quote++;
        const quoteCode = xml.charCodeAt(quote);
        if (quoteCode !== 34 && quoteCode !== 39) return fail(`unquoted attribute ${attribute}`);
        const end = xml.indexOf(quoteCode === 34 ? '"' : "'", quote + 1);
        if (end === -1) return fail(`unterminated attribute ${attribute}`);
        // Namespace declarations are not data (parseXmlSecure drops them too).
        if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) (frame.attributes ??= {})[`@_${localName(attribute)}`] = decodeXmlText(xml.slice(quote + 1, end));
        cursor = end + 1;
      }
      if (cursor >= length) return fail(`unterminated tag ${frame.name}`);
      const parent = stack[stack.length - 1]!;
      parent.children ??= {};
      if (selfClosing) addChild(parent.children, frame.name, closeFrame(frame));
      else stack.push(frame);
      index = cursor + 1;
    }
  }
  if (stack.length > 1) return fail('the document ends inside an element');
  return { ok: true, value: root.children! };
}

/** `wellFormed`: the caller has had libxml2 check the text (intake does), so the fast reader may read it. */
export type ReadOptions = { wellFormed?: boolean };

function readTree(content: string, options: ReadOptions): XmlParseResult<Record<string, unknown> | unknown[]> {
  return options.wellFormed === true ? readWellFormedXml(content) : parseXmlSecure(content, { removeNamespacePrefix: true });
}

// FinCEN BSA E-Filing: ActivityPartyTypeCode values of the people the report is about.
const FINCEN_SUBJECT_CODES: Record<string, FiuSubject['role']> = { '33': 'subject', '50': 'conductor', '17': 'beneficiary', '23': 'beneficiary', '58': 'conductor' };
const FINCEN_FILER_CODE = '30';
// PartyIdentificationTypeCode → identifier kind (1 SSN/ITIN, 2 EIN, 4 TIN, 6 passport, 9 foreign TIN).
const FINCEN_ID_KINDS: Record<string, FiuIdentifierKind> = { '1': 'ssn', '2': 'ein', '4': 'tin', '6': 'passport', '9': 'rfc' };

function fincenIdentifier(node: Node): FiuIdentifier | null {
  const code = text(node['PartyIdentificationTypeCode']);
  const value = text(node['PartyIdentificationNumberText']);
  if (code === '999') {
    const other = text(node['OtherPartyIdentificationTypeText']).toUpperCase();
    if (other === 'CURP') return identifier('curp', value);
    if (other === 'CLABE') return identifier('clabe', value);
    if (other.includes('WALLET') || other.includes('CRYPTO')) return identifier('crypto_address', value);
    return identifier('other', value);
  }
  const kind = FINCEN_ID_KINDS[code];
  if (kind === 'rfc' && !/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/.test(normaliseIdentifierValue('rfc', value))) return identifier('tin', value);
  return kind === undefined ? null : identifier(kind, value);
}

function fincenAccounts(party: Node): string[] {
  const accounts: string[] = [];
  for (const account of list(party['Account'])) accounts.push(text(account['AccountNumberText']));
  for (const association of list(party['PartyAccountAssociation'])) {
    for (const inner of list(association['Party'])) for (const account of list(inner['Account'])) accounts.push(text(account['AccountNumberText']));
  }
  return accounts.filter((value) => value.length > 0);
}

function fincenSubject(party: Node, reportId: string, index: number, role: FiuSubject['role']): FiuSubject {
  const name = list(party['PartyName']).find((entry) => text(entry['PartyNameTypeCode']) === 'L') ?? list(party['PartyName'])[0] ?? {};
  const last = text(name['RawEntityIndividualLastName']);
  const first = text(name['RawIndividualFirstName']);
  const full = text(name['RawPartyFullName']);
  const company = text(party['PartyAsEntityOrganizationIndicator']) === 'Y';
  const addresses = list(party['Address']).map((address) => [text(address['RawStreetAddress1Text']), text(address['RawCityText']), text(address['RawStateCodeText']), text(address['RawZIPCode']), text(address['RawCountryCodeText'])].filter(Boolean).join(', ')).filter(Boolean);
  const countryCode = country(text(list(party['Address'])[0]?.['RawCountryCodeText']));
  const identifiers = dedupeIdentifiers([
    ...list(party['PartyIdentification']).map(fincenIdentifier),
    ...list(party['PhoneNumber']).map((phone) => identifier('phone', text(phone['PhoneNumberText']))),
    ...fincenAccounts(party).map((account) => identifier('account', account)),
  ]);
  const birthDate = isoFromCompact(text(party['IndividualBirthDateText']));
  return {
    subjectId: `${reportId}/s${index}`,
    reportId,
    kind: company ? 'company' : first || last ? 'person' : 'unknown',
    role,
    fullName: company ? last || full : [first, last].filter(Boolean).join(' ') || full,
    ...(!company && first ? { given: first } : {}),
    ...(!company && last ? splitSurnames(last) : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(countryCode ? { country: countryCode } : {}),
    identifiers,
    addresses,
  };
}

/** FinCEN puts both surnames in one field: "De la Cruz Del Río" → paternal "De la Cruz", maternal "Del Río". */
function splitSurnames(surnames: string): { paternal: string; maternal?: string } {
  const words = surnames.split(/\s+/).filter(Boolean);
  const particles = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'san', 'van', 'von']);
  const groups: string[] = [];
  let current: string[] = [];
  for (const word of words) {
    current.push(word);
    if (!particles.has(word.toLowerCase())) {
      groups.push(current.join(' '));
      current = [];
    }
  }
  if (current.length > 0) groups.push(current.join(' '));
  if (groups.length <= 1) return { paternal: surnames };
  return { paternal: groups.slice(0, -1).join(' '), maternal: groups[groups.length - 1]! };
}

/**
 * Reads a FinCEN SAR or CTR E-Filing batch: one report per `Activity`.
 * @example parseFincenBatch(xml, 'file-1', 'fincen-sar').reports[0]?.subjects[0]?.fullName
 */
export function parseFincenBatch(content: string, fileId: string, kind: 'fincen-sar' | 'fincen-ctr', options: ReadOptions = {}): ParsedFile {
  const lineStarts = lineStartsOf(content, /<(?:[\w]+:)?Activity[\s>]/);
  const parsed = readTree(content, options);
  if (!parsed.ok) return { reports: [], lineStarts, errors: parsed.issues.map((issue) => ({ sequence: null, filerReference: null, line: issue.line, location: issue.path, reason: issue.message })) };
  const root = (parsed.value as Node)['EFilingBatchXML'];
  const activities = typeof root === 'object' && root !== null ? list((root as Node)['Activity']) : [];
  const reports: FiuReport[] = [];
  activities.forEach((activity, position) => {
    const sequence = position + 1;
    const reportId = `${fileId}#${sequence}`;
    const parties = list(activity['Party']);
    const filer = parties.find((party) => text(party['ActivityPartyTypeCode']) === FINCEN_FILER_CODE);
    const filerName = filer ? text(list(filer['PartyName'])[0]?.['RawPartyFullName']) : '';
    const filerTin = filer ? list(filer['PartyIdentification']).find((id) => text(id['PartyIdentificationTypeCode']) === '2') : undefined;
    const subjects = parties
      .map((party) => ({ party, role: FINCEN_SUBJECT_CODES[text(party['ActivityPartyTypeCode'])] }))
      .filter((entry): entry is { party: Node; role: FiuSubject['role'] } => entry.role !== undefined)
      .map((entry, index) => fincenSubject(entry.party, reportId, index + 1, entry.role));
    const transactions: FiuTransaction[] = [];
    const categories: string[] = [];
    let amountMinor = 0;
    let activityFrom: string | undefined;
    let activityTo: string | undefined;
    if (kind === 'fincen-sar') {
      const suspicious = list(activity['SuspiciousActivity'])[0] ?? {};
      amountMinor = minorUnits(text(suspicious['TotalSuspiciousAmountText']), true);
      activityFrom = isoFromCompact(text(suspicious['SuspiciousActivityFromDateText']));
      activityTo = isoFromCompact(text(suspicious['SuspiciousActivityToDateText'])) ?? activityFrom;
      for (const classification of list(suspicious['SuspiciousActivityClassification'])) {
        categories.push(`${text(classification['SuspiciousActivityTypeID'])}/${text(classification['SuspiciousActivitySubtypeID'])}`);
      }
      const subjectCountry = subjects.find((subject) => subject.country !== undefined)?.country;
      transactions.push({ amountMinor, currency: 'USD', ...(activityFrom ? { date: activityFrom } : {}), ...(subjectCountry ? { fromCountry: subjectCountry } : {}), ...(filer ? { toCountry: country(text(list(filer['Address'])[0]?.['RawCountryCodeText'])) ?? 'US' } : {}) });
    } else {
      for (const cash of list(activity['CurrencyTransactionActivity'])) {
        const date = isoFromCompact(text(cash['TransactionDateText']));
        const cashIn = minorUnits(text(cash['TotalCashInReceiveAmountText']), true);
        const cashOut = minorUnits(text(cash['TotalCashOutAmountText']), true);
        amountMinor += cashIn + cashOut;
        activityFrom ??= date;
        activityTo = date ?? activityTo;
        if (cashIn > 0) transactions.push({ amountMinor: cashIn, currency: 'USD', channel: 'cash_deposit', ...(date ? { date } : {}) });
        if (cashOut > 0) transactions.push({ amountMinor: cashOut, currency: 'USD', channel: 'cash_withdrawal', ...(date ? { date } : {}) });
        for (const detail of list(cash['CurrencyTransactionActivityDetail'])) categories.push(`ctr/${text(detail['CurrencyTransactionActivityDetailTypeCode'])}`);
      }
    }
    const narrative = list(activity['ActivityNarrativeInformation']).map((block) => text(block['ActivityNarrativeText'])).join('\n');
    const filedOn = isoFromCompact(text(activity['FilingDateText']));
    reports.push({
      reportId,
      fileId,
      sequence,
      kind,
      filerReference: text(activity['@_SeqNum']) || String(sequence),
      institution: { institutionId: filerTin ? `EIN:${text(filerTin['PartyIdentificationNumberText'])}` : `NAME:${filerName}`, name: filerName, country: 'US' },
      ...(filedOn ? { filedOn } : {}),
      ...(activityFrom ? { activityFrom } : {}),
      ...(activityTo ? { activityTo } : {}),
      amountMinor,
      currency: 'USD',
      categories: [...new Set(categories)],
      narrative: narrative.slice(0, 100_000),
      subjects,
      transactions,
    });
  });
  return { reports, errors: [], lineStarts };
}

function goamlIdentifiers(node: Node): FiuIdentifier[] {
  const ids: Array<FiuIdentifier | null> = [];
  const idNumber = text(node['id_number']);
  if (idNumber) ids.push(identifier(/^[A-Z][AEIOUX][A-Z]{2}\d{6}[HM]/.test(idNumber.toUpperCase()) ? 'curp' : 'other', idNumber));
  const ssn = text(node['ssn']);
  if (ssn) ids.push(identifier(/^[A-ZÑ&]{4}\d{6}/.test(ssn.toUpperCase()) ? 'rfc' : 'ssn', ssn));
  const passport = text(node['passport_number']);
  if (passport) ids.push(identifier('passport', passport));
  const tax = text(node['tax_number']);
  if (tax) ids.push(identifier(/^[A-ZÑ&]{3,4}\d{6}/.test(tax.toUpperCase()) ? 'rfc' : 'tin', tax));
  const incorporation = text(node['incorporation_number']);
  if (incorporation) ids.push(identifier('other', incorporation));
  for (const document of list(node['identification'])) {
    const type = text(document['type']).toUpperCase();
    ids.push(identifier(type === 'PASSP' || type === 'PASSPORT' ? 'passport' : 'other', text(document['number'])));
  }
  for (const phones of list(node['phones'])) for (const phone of list(phones['phone'])) ids.push(identifier('phone', text(phone['tph_number'])));
  return dedupeIdentifiers(ids);
}

function goamlAddresses(node: Node): string[] {
  return list(node['addresses']).flatMap((group) => list(group['address'])).map((address) => [text(address['address']), text(address['city']), text(address['state']), text(address['zip']), text(address['country_code'])].filter(Boolean).join(', ')).filter(Boolean);
}

/**
 * Reads one goAML report (STR/CTR): subjects from every transaction end, deduplicated within the report.
 * @example parseGoamlReport(xml, 'file-2').reports[0]?.kind === 'goaml'
 */
export function parseGoamlReport(content: string, fileId: string, options: ReadOptions = {}): ParsedFile {
  const lineStarts = [1];
  const parsed = readTree(content, options);
  if (!parsed.ok) return { reports: [], lineStarts, errors: parsed.issues.map((issue) => ({ sequence: null, filerReference: null, line: issue.line, location: issue.path, reason: issue.message })) };
  const report = list((parsed.value as Node)['report'])[0];
  if (!report) return { reports: [], lineStarts, errors: [{ sequence: null, filerReference: null, line: null, location: '/report', reason: 'no report element' }] };
  const reportId = `${fileId}#1`;
  const subjects: FiuSubject[] = [];
  const seen = new Map<string, FiuSubject>();
  const currency = text(report['currency_code_local']).toUpperCase() || 'XXX';
  const transactions: FiuTransaction[] = [];
  const addSubject = (node: Node, kind: 'person' | 'company', role: FiuSubject['role'], accounts: string[], countryCode: string | undefined): void => {
    const given = kind === 'person' ? text(node['first_name']) : '';
    const last = kind === 'person' ? text(node['last_name']) : '';
    const fullName = kind === 'person' ? [given, last].filter(Boolean).join(' ') : text(node['name']);
    const birthDate = isoFromCompact(text(node[kind === 'person' ? 'birthdate' : 'incorporation_date']).slice(0, 10));
    const identifiers = dedupeIdentifiers([...goamlIdentifiers(node), ...accounts.map((account) => identifier(account.length === 18 && /^\d+$/.test(account) ? 'clabe' : 'account', account))]);
    const signature = `${kind}|${fullName.toLowerCase()}|${birthDate ?? ''}|${identifiers.filter((id) => id.kind !== 'account' && id.kind !== 'clabe').map((id) => id.value).sort().join(',')}`;
    const existing = seen.get(signature);
    if (existing) {
      existing.identifiers = dedupeIdentifiers([...existing.identifiers, ...identifiers]);
      if (existing.role !== 'subject' && role === 'subject') existing.role = 'subject';
      return;
    }
    const residence = country(text(node['residence'])) ?? country(text(node['incorporation_country_code'])) ?? countryCode;
    const subject: FiuSubject = {
      subjectId: `${reportId}/s${subjects.length + 1}`,
      reportId,
      kind,
      role,
      fullName,
      ...(given ? { given } : {}),
      ...(last ? splitSurnames(last) : {}),
      ...(birthDate ? { birthDate } : {}),
      ...(residence ? { country: residence } : {}),
      identifiers,
      addresses: goamlAddresses(node),
    };
    seen.set(signature, subject);
    subjects.push(subject);
  };
  const readEnd = (end: Node | undefined, side: 'from' | 'to', mine: boolean): { country?: string; account?: string } => {
    if (!end) return {};
    const countryCode = country(text(end[`${side}_country`]));
    const role: FiuSubject['role'] = mine ? 'subject' : 'counterparty';
    let accountNumber: string | undefined;
    const person = list(end[`${side}_person`])[0];
    if (person) addSubject(person, 'person', role, [], countryCode);
    const entity = list(end[`${side}_entity`])[0];
    if (entity) addSubject(entity, 'company', role, [], countryCode);
    const account = list(end[`${side}_account`])[0];
    if (account) {
      accountNumber = text(account['account']) || text(account['iban']) || undefined;
      const accounts = [text(account['account']), text(account['iban'])].filter(Boolean);
      for (const signatory of list(account['signatory'])) for (const holder of list(signatory['t_person'])) addSubject(holder, 'person', role, accounts, countryCode);
      const holderEntity = list(account['t_entity'])[0];
      if (holderEntity) addSubject(holderEntity, 'company', role, accounts, countryCode);
    }
    return { ...(countryCode ? { country: countryCode } : {}), ...(accountNumber ? { account: accountNumber } : {}) };
  };
  let amountMinor = 0;
  const dates: string[] = [];
  for (const transaction of list(report['transaction'])) {
    const from = readEnd(list(transaction['t_from_my_client'])[0], 'from', true);
    const fromOther = readEnd(list(transaction['t_from'])[0], 'from', false);
    const to = readEnd(list(transaction['t_to_my_client'])[0], 'to', true);
    const toOther = readEnd(list(transaction['t_to'])[0], 'to', false);
    const amount = minorUnits(text(transaction['amount_local']));
    const date = isoFromCompact(text(transaction['date_transaction']).slice(0, 10));
    if (date) dates.push(date);
    amountMinor += amount;
    const fromCountry = from.country ?? fromOther.country;
    const toCountry = to.country ?? toOther.country;
    const fromAccount = from.account ?? fromOther.account;
    const toAccount = to.account ?? toOther.account;
    transactions.push({ amountMinor: amount, currency, ...(date ? { date } : {}), ...(fromCountry ? { fromCountry } : {}), ...(toCountry ? { toCountry } : {}), ...(fromAccount ? { fromAccount } : {}), ...(toAccount ? { toAccount } : {}), channel: text(transaction['transmode_code']) || 'unknown' });
  }
  dates.sort();
  const indicators = list(report['report_indicators']).flatMap((group) => (Array.isArray(group['indicator']) ? group['indicator'] : [group['indicator']])).map(text).filter(Boolean);
  const filedOn = isoFromCompact(text(report['submission_date']).slice(0, 10));
  const location = list(report['location'])[0];
  const institutionCountry = location ? country(text(location['country_code'])) : undefined;
  return {
    lineStarts,
    errors: [],
    reports: [{
      reportId,
      fileId,
      sequence: 1,
      kind: 'goaml',
      filerReference: text(report['entity_reference']) || text(report['report_code']),
      institution: { institutionId: `GOAML:${text(report['rentity_id'])}`, name: text(report['rentity_branch']) || `goAML entity ${text(report['rentity_id'])}`, ...(institutionCountry ? { country: institutionCountry } : {}) },
      ...(filedOn ? { filedOn } : {}),
      ...(dates[0] ? { activityFrom: dates[0] } : {}),
      ...(dates.length > 0 ? { activityTo: dates[dates.length - 1]! } : {}),
      amountMinor,
      currency,
      categories: indicators,
      narrative: text(report['reason']).slice(0, 100_000),
      subjects,
      transactions,
    }],
  };
}

const UIF_KIND_BY_CODE: Record<string, FiuReportKind> = { '1': 'uif-relevante', '2': 'uif-inusual', '3': 'uif-interna-preocupante' };
const UIF_INDEX = new Map(UIF_FIELDS.map((field, index) => [field.name, index]));

function uifField(fields: readonly string[], name: string): string {
  const index = UIF_INDEX.get(name);
  return index === undefined ? '' : (fields[index] ?? '').trim();
}

/**
 * Reads a UIF bank layout file (41 semicolon-separated fields): one report per line.
 * @example parseUifFile(text, 'file-3').reports.length // lines in the file
 */
export function parseUifFile(content: string, fileId: string): ParsedFile {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const reports: FiuReport[] = [];
  const errors: IntakeError[] = [];
  const lineStarts: number[] = [];
  let sequence = 0;
  lines.forEach((line, index) => {
    if (line.trim().length === 0) return;
    sequence++;
    lineStarts.push(index + 1);
    const fields = line.split(';');
    const folio = uifField(fields, 'FOLIO');
    const kind = UIF_KIND_BY_CODE[uifField(fields, 'TIPO DE REPORTE')];
    if (fields.length !== UIF_FIELDS.length || kind === undefined) {
      errors.push({ sequence, filerReference: folio || null, line: index + 1, location: fields.length !== UIF_FIELDS.length ? '(line)' : 'TIPO DE REPORTE', reason: fields.length !== UIF_FIELDS.length ? `has ${fields.length} fields, the layout has ${UIF_FIELDS.length}` : 'unknown report type' });
      return;
    }
    const reportId = `${fileId}#${sequence}`;
    const personType = uifField(fields, 'TIPO DE PERSONA');
    const company = personType === '2';
    const given = uifField(fields, 'NOMBRE');
    const paternal = uifField(fields, 'APELLIDO PATERNO');
    const maternal = uifField(fields, 'APELLIDO MATERNO').replace(/^X+$/, '');
    const legalName = uifField(fields, 'RAZON SOCIAL O DENOMINACION');
    const birthDate = isoFromCompact(uifField(fields, 'FECHA DE NACIMIENTO O CONSTITUCION'));
    const account = uifField(fields, 'NUMERO DE CUENTA');
    const nationality = uifField(fields, 'NACIONALIDAD');
    const subjects: FiuSubject[] = [{
      subjectId: `${reportId}/s1`,
      reportId,
      kind: company ? 'company' : 'person',
      role: 'subject',
      fullName: company ? legalName : [given, paternal, maternal].filter(Boolean).join(' '),
      ...(!company && given ? { given } : {}),
      ...(!company && paternal ? { paternal } : {}),
      ...(!company && maternal ? { maternal } : {}),
      ...(birthDate ? { birthDate } : {}),
      ...(country(nationality) ? { country: country(nationality)! } : {}),
      identifiers: dedupeIdentifiers([
        identifier('rfc', uifField(fields, 'RFC')),
        identifier('curp', uifField(fields, 'CURP')),
        identifier('phone', uifField(fields, 'TELEFONO')),
        account ? identifier(account.length === 18 ? 'clabe' : 'account', account) : null,
      ]),
      addresses: [[uifField(fields, 'DOMICILIO'), uifField(fields, 'COLONIA'), uifField(fields, 'CIUDAD O POBLACION')].filter(Boolean).join(', ')].filter(Boolean),
    }];
    const relatedName = [uifField(fields, 'NOMBRE DEL TITULAR RELACIONADO'), uifField(fields, 'APELLIDO PATERNO RELACIONADO'), uifField(fields, 'APELLIDO MATERNO RELACIONADO')].filter(Boolean);
    const relatedAccount = uifField(fields, 'NUMERO DE CUENTA RELACIONADA');
    if (relatedName.length > 0) {
      subjects.push({
        subjectId: `${reportId}/s2`,
        reportId,
        kind: 'unknown',
        role: 'related',
        fullName: relatedName.join(' '),
        identifiers: dedupeIdentifiers([relatedAccount ? identifier(relatedAccount.length === 18 ? 'clabe' : 'account', relatedAccount) : null]),
        addresses: [],
      });
    }
    const currencyCode = uifField(fields, 'MONEDA').toUpperCase();
    const amountMinor = minorUnits(uifField(fields, 'MONTO'));
    const date = isoFromCompact(uifField(fields, 'FECHA DE LA OPERACION'));
    const filedOn = isoFromCompact(uifField(fields, 'PERIODO DEL REPORTE'));
    const instrument = uifField(fields, 'INSTRUMENTO MONETARIO');
    const nationalityCountry = country(nationality);
    reports.push({
      reportId,
      fileId,
      sequence,
      kind,
      filerReference: folio || String(sequence),
      institution: { institutionId: `UIF:${uifField(fields, 'CLAVE DEL SUJETO OBLIGADO')}`, name: `Sujeto obligado ${uifField(fields, 'CLAVE DEL SUJETO OBLIGADO')}`, country: 'MX' },
      ...(filedOn ? { filedOn } : {}),
      ...(date ? { activityFrom: date, activityTo: date } : {}),
      amountMinor,
      currency: /^[A-Z]{3}$/.test(currencyCode) ? currencyCode : 'MXN',
      categories: [`uif-operation/${uifField(fields, 'TIPO DE OPERACION')}`, `uif-instrument/${instrument}`],
      narrative: [uifField(fields, 'DESCRIPCION DE LA OPERACION'), uifField(fields, 'RAZONES POR LAS QUE SE CONSIDERA INUSUAL O INTERNA PREOCUPANTE')].filter(Boolean).join('\n'),
      subjects,
      transactions: [{ amountMinor, currency: /^[A-Z]{3}$/.test(currencyCode) ? currencyCode : 'MXN', ...(date ? { date } : {}), channel: instrument === '01' ? 'cash' : `instrument-${instrument}`, fromCountry: 'MX', ...(nationalityCountry ? { toCountry: nationalityCountry } : {}), ...(account ? { fromAccount: account } : {}) }],
    });
  });
  return { reports, errors, lineStarts };
}
