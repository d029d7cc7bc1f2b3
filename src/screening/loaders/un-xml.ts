/**
 * UN Security Council Consolidated List XML
 * (https://scsanctions.un.org/resources/xml/en/consolidated.xml, schema sc-sanctions.xsd):
 * `CONSOLIDATED_LIST[@dateGenerated]/INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY` with DATAID,
 * REFERENCE_NUMBER, FIRST_NAME…FOURTH_NAME, UN_LIST_TYPE, LISTED_ON, NATIONALITY/VALUE,
 * INDIVIDUAL_ALIAS (QUALITY Good/Low, ALIAS_NAME), ENTITY_ALIAS, *_ADDRESS/COUNTRY,
 * INDIVIDUAL_DATE_OF_BIRTH (DATE | YEAR | FROM_YEAR/TO_YEAR), INDIVIDUAL_DOCUMENT.
 */
import type { QuarantinedRecord } from '../../domain/index.ts';
import { ValidationError } from '../../errors.ts';
import { countryCode } from '../countries.ts';
import { ListEntrySchema, type Alias, type ListEntry, type ListIdentifier, type ScreeningIdentifierKind } from '../list-entry.ts';
import { contentVersion, type LoadResult } from './load-result.ts';
import { childText, childrenNamed, readXmlRecords, type XmlElement, type XmlRecordLimits } from './xml-records.ts';

function documentKind(type: string): ScreeningIdentifierKind {
  const t = type.toLowerCase();
  if (t.includes('passport')) return 'passport';
  if (t.includes('national') || t.includes('identity') || t.includes('id card')) return 'national_id';
  if (t.includes('tax')) return 'tax_id';
  return 'other';
}

function birthDates(record: XmlElement): string[] {
  const out: string[] = [];
  for (const item of childrenNamed(record, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const date = childText(item, 'DATE');
    const year = childText(item, 'YEAR');
    const from = Number(childText(item, 'FROM_YEAR'));
    const to = Number(childText(item, 'TO_YEAR'));
    if (/^\d{4}-\d{2}-\d{2}/.test(date)) out.push(date.slice(0, 10));
    else if (/^\d{4}$/.test(year)) out.push(year);
    else if (from > 0 && to >= from && to - from <= 10) for (let y = from; y <= to; y++) out.push(String(y));
  }
  return [...new Set(out)];
}

function toEntry(record: XmlElement, listId: string): unknown {
  const isPerson = record.name === 'INDIVIDUAL';
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((part) => childText(record, part)).filter((p) => p.length > 0);
  const aliases: Alias[] = [];
  for (const alias of childrenNamed(record, isPerson ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const name = childText(alias, 'ALIAS_NAME');
    if (!name) continue;
    const quality = childText(alias, 'QUALITY').toLowerCase();
    aliases.push({ name, quality: quality === 'low' ? 'weak' : 'strong', kind: quality === 'f.k.a.' ? 'fka' : 'aka' });
  }
  const originalScript = childText(record, 'NAME_ORIGINAL_SCRIPT');
  if (originalScript) aliases.push({ name: originalScript, quality: 'strong', kind: 'aka' });
  const nationalities = childrenNamed(record, 'NATIONALITY').flatMap((n) => childrenNamed(n, 'VALUE').map((v) => countryCode(v.text) ?? '')).filter((c) => c.length > 0);
  const countries = childrenNamed(record, isPerson ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS').map((a) => countryCode(childText(a, 'COUNTRY')) ?? '').filter((c) => c.length > 0);
  const identifiers: ListIdentifier[] = [];
  for (const doc of childrenNamed(record, 'INDIVIDUAL_DOCUMENT')) {
    const value = childText(doc, 'NUMBER');
    if (!value) continue;
    const label = childText(doc, 'TYPE_OF_DOCUMENT');
    const country = countryCode(childText(doc, 'ISSUING_COUNTRY') || childText(doc, 'COUNTRY_OF_ISSUE'));
    identifiers.push({ kind: documentKind(label), value: value.slice(0, 128), ...(label ? { label: label.slice(0, 100) } : {}), ...(country ? { country } : {}) });
  }
  const listedOn = childText(record, 'LISTED_ON').slice(0, 10);
  const comments = childText(record, 'COMMENTS1');
  return {
    listId,
    entryId: childText(record, 'REFERENCE_NUMBER') || childText(record, 'DATAID'),
    type: isPerson ? 'person' : 'organization',
    name: parts.join(' '),
    aliases,
    programs: [childText(record, 'UN_LIST_TYPE')].filter((p) => p.length > 0),
    birthDates: isPerson ? birthDates(record) : [],
    nationalities: [...new Set(nationalities)],
    countries: [...new Set(countries)],
    identifiers,
    ...(comments ? { remarks: comments.slice(0, 20_000) } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(listedOn) ? { listedOn } : {}),
  };
}

/**
 * Loads the UN consolidated list; the version is the list's `dateGenerated`.
 * @example loadUnConsolidatedXml(xml).snapshot.version // '2026-02-27T00:00:09.554Z'
 */
export function loadUnConsolidatedXml(xml: string, options: { listId?: string; limits?: XmlRecordLimits } = {}): LoadResult {
  const listId = options.listId ?? 'un-consolidated';
  const entries: ListEntry[] = [];
  const quarantined: QuarantinedRecord[] = [];
  let position = 0;
  const root = readXmlRecords(xml, ['INDIVIDUAL', 'ENTITY'], (record) => {
    position++;
    const parsed = ListEntrySchema.safeParse(toEntry(record, listId));
    if (parsed.success) entries.push(parsed.data);
    else quarantined.push({ source: listId, location: `${record.name}[${position}] ${childText(record, 'REFERENCE_NUMBER')}`, issues: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(record)', reason: i.message })), raw: childText(record, 'DATAID') });
  }, { source: listId, ...(options.limits ? { limits: options.limits } : {}) });
  if (root.rootName !== 'CONSOLIDATED_LIST') throw new ValidationError(`${listId}: root element is <${root.rootName}>, expected <CONSOLIDATED_LIST>`, [{ field: 'root', reason: 'not a UN consolidated list' }]);
  return { snapshot: { listId, version: root.rootAttributes['dateGenerated'] ?? contentVersion([xml]), entries }, quarantined };
}
