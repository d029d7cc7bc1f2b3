/**
 * OFAC list XML in the `sdnList` format (https://www.treasury.gov/ofac/downloads/sdn.xml and the
 * consolidated non-SDN `consolidated.xml`; namespace `http://tempuri.org/sdnList.xsd` in older
 * files, `https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML` in
 * newer ones — elements are matched by local name so both load):
 * `sdnList/publshInformation/Publish_Date` (MM/DD/YYYY) and `sdnEntry` with uid, firstName,
 * lastName, sdnType (Individual | Entity | Vessel | Aircraft), programList/program,
 * akaList/aka (type a.k.a./f.k.a./n.k.a., category strong/weak, firstName, lastName),
 * idList/id (idType, idNumber, idCountry), addressList/address/country,
 * nationalityList/nationality/country, citizenshipList/citizenship/country,
 * dateOfBirthList/dateOfBirthItem/dateOfBirth, remarks.
 */
import type { QuarantinedRecord } from '../../domain/index.ts';
import { ValidationError } from '../../errors.ts';
import { countryCode } from '../countries.ts';
import { ListEntrySchema, type Alias, type EntryType, type ListEntry, type ListIdentifier, type ScreeningIdentifierKind } from '../list-entry.ts';
import { parseOfacDates, parseOfacRemarks } from '../ofac-remarks.ts';
import { contentVersion, type LoadResult } from './load-result.ts';
import { childText, childrenNamed, descendantsNamed, readXmlRecords, type XmlElement, type XmlRecordLimits } from './xml-records.ts';

function entryType(sdnType: string): EntryType {
  switch (sdnType.toLowerCase()) {
    case 'individual': return 'person';
    case 'entity': return 'organization';
    case 'vessel': return 'vessel';
    case 'aircraft': return 'aircraft';
    default: return 'unknown';
  }
}

function identifierKind(idType: string): ScreeningIdentifierKind {
  const t = idType.toLowerCase().replace(/\./g, '');
  if (t === 'curp') return 'curp';
  if (t === 'rfc') return 'rfc';
  if (t.includes('passport')) return 'passport';
  if (t.includes('swift') || t.includes('bic')) return 'bic';
  if (t.includes('digital currency')) return 'crypto_address';
  if (t.includes('tax') || t.includes('registration') || t === 'nit #' || t === 'ruc #') return 'tax_id';
  if (t.includes('cedula') || t.includes('national id') || t.includes('identification') || t.includes('ife') || t.includes('electoral') || t.includes('dni')) return 'national_id';
  return 'other';
}

/** OFAC writes a name as lastName + firstName; Frontera keeps the legacy "LAST, First" form. */
function joinName(lastName: string, firstName: string): string {
  return firstName ? `${lastName}, ${firstName}` : lastName;
}

function toEntry(record: XmlElement, listId: string): unknown {
  const type = entryType(childText(record, 'sdnType'));
  const aliases: Alias[] = descendantsNamed(record, 'aka').map((aka) => {
    const kind = childText(aka, 'type').toLowerCase().replace(/\./g, '');
    return {
      name: type === 'person' ? joinName(childText(aka, 'lastName'), childText(aka, 'firstName')) : [childText(aka, 'firstName'), childText(aka, 'lastName')].filter((p) => p).join(' '),
      quality: childText(aka, 'category').toLowerCase() === 'weak' ? 'weak' as const : 'strong' as const,
      kind: kind === 'fka' ? 'fka' as const : kind === 'nka' ? 'nka' as const : 'aka' as const,
    };
  }).filter((alias) => alias.name.length > 0);
  const identifiers: ListIdentifier[] = descendantsNamed(record, 'id').map((id) => {
    const label = childText(id, 'idType');
    const country = countryCode(childText(id, 'idCountry'));
    return { kind: identifierKind(label), value: childText(id, 'idNumber').slice(0, 128), ...(label ? { label: label.slice(0, 100) } : {}), ...(country ? { country } : {}) };
  }).filter((id) => id.value.length > 0);
  const countries = descendantsNamed(record, 'address').map((a) => countryCode(childText(a, 'country')) ?? '').filter((c) => c);
  const nationalities = [...descendantsNamed(record, 'nationality'), ...descendantsNamed(record, 'citizenship')].map((n) => countryCode(childText(n, 'country')) ?? '').filter((c) => c);
  const birthDates = descendantsNamed(record, 'dateOfBirthItem').flatMap((d) => parseOfacDates(childText(d, 'dateOfBirth')));
  const remarks = childText(record, 'remarks');
  const remarkFacts = parseOfacRemarks(remarks);
  const known = new Set(aliases.map((a) => a.name.toLowerCase()));
  const programs = childrenNamed(record, 'programList').flatMap((list) => childrenNamed(list, 'program').map((p) => p.text.trim())).filter((p) => p);
  return {
    listId,
    entryId: childText(record, 'uid'),
    type,
    name: type === 'person' ? joinName(childText(record, 'lastName'), childText(record, 'firstName')) : [childText(record, 'firstName'), childText(record, 'lastName')].filter((p) => p).join(' '),
    aliases: [...aliases, ...remarkFacts.aliases.filter((a) => !known.has(a.name.toLowerCase()))],
    programs,
    birthDates: [...new Set([...birthDates, ...remarkFacts.birthDates])],
    nationalities: [...new Set([...nationalities, ...remarkFacts.nationalities])],
    countries: [...new Set(countries)],
    identifiers: [...identifiers, ...remarkFacts.identifiers.filter((r) => !identifiers.some((i) => i.value === r.value))],
    ...(remarks ? { remarks: remarks.slice(0, 20_000) } : {}),
  };
}

/** MM/DD/YYYY → YYYY-MM-DD; anything else unchanged. */
function publishDate(text: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[1]}-${m[2]}` : text.trim();
}

/**
 * Loads `sdn.xml` (listId `ofac-sdn`) or `consolidated.xml` (pass listId `ofac-consolidated`).
 * The version is the file's Publish_Date.
 * @example loadOfacXml(xml, { listId: 'ofac-sdn' }).snapshot.version // '2024-05-03'
 */
export function loadOfacXml(xml: string, options: { listId?: string; limits?: XmlRecordLimits } = {}): LoadResult {
  const listId = options.listId ?? 'ofac-sdn';
  const entries: ListEntry[] = [];
  const quarantined: QuarantinedRecord[] = [];
  let published = '';
  let position = 0;
  const root = readXmlRecords(xml, ['sdnEntry'], (record) => {
    position++;
    const parsed = ListEntrySchema.safeParse(toEntry(record, listId));
    if (parsed.success) entries.push(parsed.data);
    else quarantined.push({ source: listId, location: `sdnEntry[${position}] uid ${childText(record, 'uid')}`, issues: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(record)', reason: i.message })), raw: childText(record, 'uid') });
  }, {
    source: listId,
    ...(options.limits ? { limits: options.limits } : {}),
    onElementText: (path, text) => { if (path.endsWith('publshInformation/Publish_Date')) published = publishDate(text); },
  });
  if (root.rootName !== 'sdnList') throw new ValidationError(`${listId}: root element is <${root.rootName}>, expected <sdnList>`, [{ field: 'root', reason: 'not an OFAC sdnList document' }]);
  return { snapshot: { listId, version: published || contentVersion([xml]), entries }, quarantined };
}
