/**
 * OFAC legacy CSV files (https://www.treasury.gov/ofac/downloads/): the SDN trio `sdn.csv`,
 * `add.csv`, `alt.csv` (+ `sdn_comments.csv`), and the consolidated non-SDN files in the same
 * layout (`cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv`). No header row;
 * `-0-` means empty; Latin-1 or UTF-8 text ending with a Ctrl-Z byte.
 *
 * Columns — primary: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
 * GRT, Vess_flag, Vess_owner, Remarks · alt: ent_num, alt_num, alt_type, alt_name, alt_remarks ·
 * add: ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks ·
 * comments: ent_num, Remarks_Extended.
 */
import { parse } from 'csv-parse/sync';
import type { QuarantinedRecord } from '../../domain/index.ts';
import { ValidationError } from '../../errors.ts';
import { countryCode } from '../countries.ts';
import { ListEntrySchema, type Alias, type EntryType, type ListEntry, type ListSnapshot } from '../list-entry.ts';
import { parseOfacRemarks } from '../ofac-remarks.ts';
import { contentVersion, type LoadResult } from './load-result.ts';

/** 64 MiB per file: the full SDN CSV is about 4 MiB. */
export const MAX_OFAC_CSV_BYTES = 64 * 1024 * 1024;

export type OfacCsvFiles = {
  /** sdn.csv or cons_prim.csv */
  primary: string;
  /** alt.csv or cons_alt.csv */
  alternates?: string;
  /** add.csv or cons_add.csv */
  addresses?: string;
  /** sdn_comments.csv or cons_comments.csv */
  comments?: string;
};

/**
 * Decodes an OFAC file: UTF-8 when it is valid UTF-8, else Latin-1 (the legacy encoding).
 * @example decodeListText(Buffer.from([0x4e, 0xfa, 0x1a])) === 'Nú'
 */
export function decodeListText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  return text.replace(/\u001a\s*$/, '').replace(/^\uFEFF/, '');
}

function cell(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  return trimmed === '-0-' ? '' : trimmed;
}

function rows(text: string, source: string): string[][] {
  if (Buffer.byteLength(text, 'utf8') > MAX_OFAC_CSV_BYTES) {
    throw new ValidationError(`${source} is larger than ${MAX_OFAC_CSV_BYTES} bytes`, [{ field: source, reason: 'file too large' }]);
  }
  return parse(text.replace(/\u001a\s*$/, ''), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false }) as string[][];
}

function entryType(sdnType: string): EntryType {
  switch (sdnType.toLowerCase()) {
    case 'individual': return 'person';
    case 'vessel': return 'vessel';
    case 'aircraft': return 'aircraft';
    case '':
    case 'entity': return 'organization';
    default: return 'unknown';
  }
}

function aliasKind(type: string): Alias['kind'] {
  const t = type.toLowerCase().replace(/\./g, '');
  return t === 'fka' ? 'fka' : t === 'nka' ? 'nka' : 'aka';
}

/**
 * Loads an OFAC legacy CSV set into a list snapshot; rows that cannot be read are quarantined
 * with the reason.
 * @example loadOfacCsv({ primary: sdnCsv, alternates: altCsv }, { listId: 'ofac-sdn' }).snapshot.entries.length
 */
export function loadOfacCsv(files: OfacCsvFiles, options: { listId?: string; version?: string } = {}): LoadResult {
  const listId = options.listId ?? 'ofac-sdn';
  const quarantined: QuarantinedRecord[] = [];
  const extraRemarks = new Map<string, string>();
  if (files.comments) {
    for (const row of rows(files.comments, `${listId}:comments`)) {
      const id = cell(row[0]);
      if (id) extraRemarks.set(id, (extraRemarks.get(id) ?? '') + cell(row[1]));
    }
  }
  const aliases = new Map<string, Alias[]>();
  if (files.alternates) {
    rows(files.alternates, `${listId}:alt`).forEach((row, i) => {
      const id = cell(row[0]);
      const name = cell(row[3]);
      if (!id || !/^\d+$/.test(id) || !name) {
        quarantined.push({ source: `${listId}:alt`, location: `line ${i + 1}`, issues: [{ field: !id ? 'ent_num' : 'alt_name', reason: 'missing or not a number' }], raw: row.join(',') });
        return;
      }
      const remarks = cell(row[4]).toLowerCase();
      const list = aliases.get(id) ?? [];
      list.push({ name, quality: remarks.includes('weak') ? 'weak' : 'strong', kind: aliasKind(cell(row[2])) });
      aliases.set(id, list);
    });
  }
  const addressCountries = new Map<string, string[]>();
  if (files.addresses) {
    for (const row of rows(files.addresses, `${listId}:add`)) {
      const id = cell(row[0]);
      const code = countryCode(cell(row[4]));
      if (!id || !code) continue;
      const list = addressCountries.get(id) ?? [];
      if (!list.includes(code)) list.push(code);
      addressCountries.set(id, list);
    }
  }
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  rows(files.primary, `${listId}:primary`).forEach((row, i) => {
    const id = cell(row[0]);
    const name = cell(row[1]);
    const raw = row.join(',');
    if (row.length < 12 || !/^\d+$/.test(id) || !name) {
      quarantined.push({ source: `${listId}:primary`, location: `line ${i + 1}`, issues: [{ field: row.length < 12 ? '(record)' : !name ? 'SDN_Name' : 'ent_num', reason: row.length < 12 ? `expected 12 columns, found ${row.length}` : 'missing or invalid' }], raw });
      return;
    }
    if (seen.has(id)) {
      quarantined.push({ source: `${listId}:primary`, location: `line ${i + 1}`, issues: [{ field: 'ent_num', reason: `duplicate ent_num ${id}` }], raw });
      return;
    }
    seen.add(id);
    const remarks = cell(row[11]) + (extraRemarks.get(id) ?? '');
    const facts = parseOfacRemarks(remarks);
    const strong = aliases.get(id) ?? [];
    const known = new Set(strong.map((a) => a.name.toLowerCase()));
    const programs = cell(row[3]).replace(/^\[|\]$/g, '').split(/\]\s*\[/).map((p) => p.trim()).filter((p) => p.length > 0);
    const candidate = {
      listId,
      entryId: id,
      type: entryType(cell(row[2])),
      name,
      aliases: [...strong, ...facts.aliases.filter((a) => !known.has(a.name.toLowerCase()))],
      programs,
      birthDates: [...new Set(facts.birthDates)],
      nationalities: facts.nationalities,
      countries: addressCountries.get(id) ?? [],
      identifiers: facts.identifiers,
      ...(remarks ? { remarks: remarks.slice(0, 20_000) } : {}),
    };
    const parsed = ListEntrySchema.safeParse(candidate);
    if (!parsed.success) {
      quarantined.push({ source: `${listId}:primary`, location: `line ${i + 1}`, issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', reason: issue.message })), raw });
      return;
    }
    entries.push(parsed.data);
  });
  const snapshot: ListSnapshot = { listId, version: options.version ?? contentVersion([files.primary, files.alternates ?? '', files.addresses ?? '', files.comments ?? '']), entries };
  return { snapshot, quarantined };
}
