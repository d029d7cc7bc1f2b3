/**
 * CSV lists with a header row: the Mexican Lista de Personas Bloqueadas (Spanish column set,
 * documented in docs/screening.md because the UIF publishes no open file format) and an
 * institution's internal lists (English column set). Column order does not matter; unknown
 * columns are ignored; a record that cannot be read is quarantined with its reasons.
 */
import { parse } from 'csv-parse/sync';
import type { QuarantinedRecord } from '../../domain/index.ts';
import { ValidationError } from '../../errors.ts';
import { countryCode } from '../countries.ts';
import { ListEntrySchema, type Alias, type ListEntry, type ListIdentifier } from '../list-entry.ts';
import { contentVersion, type LoadResult } from './load-result.ts';

export const MAX_LIST_CSV_BYTES = 64 * 1024 * 1024;

/** Column set of the Mexican blocked-persons CSV (see docs/screening.md). */
export const MX_LPB_COLUMNS = [
  'folio', 'tipo_persona', 'nombre', 'apellido_paterno', 'apellido_materno', 'razon_social', 'alias',
  'fecha_nacimiento', 'fecha_constitucion', 'rfc', 'curp', 'pasaporte', 'nacionalidad', 'pais',
  'fecha_inclusion', 'fundamento', 'observaciones',
] as const;

/** Column set of an internal list CSV (see docs/screening.md). */
export const INTERNAL_LIST_COLUMNS = [
  'entry_id', 'type', 'name', 'given_names', 'paternal_surname', 'maternal_surname', 'aliases', 'birth_date',
  'nationality', 'country', 'rfc', 'curp', 'passport', 'national_id', 'programs', 'listed_on', 'remarks',
] as const;

/**
 * DD/MM/YYYY, YYYY-MM-DD or YYYY → ISO partial date, or null.
 * @example isoDate('17/07/1966') === '1966-07-17'
 */
export function isoDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(t)) return t;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return null;
}

function records(text: string, source: string): Array<Record<string, string>> {
  if (Buffer.byteLength(text, 'utf8') > MAX_LIST_CSV_BYTES) throw new ValidationError(`${source} is larger than ${MAX_LIST_CSV_BYTES} bytes`, [{ field: source, reason: 'file too large' }]);
  return parse(text.replace(/^\uFEFF/, ''), {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  }) as Array<Record<string, string>>;
}

function splitAliases(text: string | undefined): Alias[] {
  return (text ?? '').split('|').map((a) => a.trim()).filter((a) => a.length > 0).map((name) => ({ name, quality: 'strong' as const, kind: 'aka' as const }));
}

function identifiers(pairs: Array<[ListIdentifier['kind'], string | undefined, string | undefined]>): ListIdentifier[] {
  const out: ListIdentifier[] = [];
  for (const [kind, value, country] of pairs) {
    const v = (value ?? '').trim().toUpperCase();
    if (v) out.push(country ? { kind, value: v, country } : { kind, value: v });
  }
  return out;
}

function finish(listId: string, rows: Array<{ line: number; raw: Record<string, string>; entry: unknown; issues: Array<{ field: string; reason: string }> }>, version: string): LoadResult {
  const entries: ListEntry[] = [];
  const quarantined: QuarantinedRecord[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const issues = [...row.issues];
    const parsed = ListEntrySchema.safeParse(row.entry);
    if (!parsed.success) issues.push(...parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(record)', reason: i.message })));
    if (parsed.success && seen.has(parsed.data.entryId)) issues.push({ field: 'id', reason: `duplicate id ${parsed.data.entryId}` });
    if (issues.length > 0 || !parsed.success) {
      quarantined.push({ source: listId, location: `line ${row.line}`, issues, raw: JSON.stringify(row.raw) });
      continue;
    }
    seen.add(parsed.data.entryId);
    entries.push(parsed.data);
  }
  return { snapshot: { listId, version, entries }, quarantined };
}

/**
 * Loads a Mexican blocked-persons list CSV (`folio, tipo_persona, nombre, apellido_paterno, …`).
 * @example loadMexicoLpbCsv(csv, { version: '2025-10-01' }).snapshot.entries[0]?.structuredName
 */
export function loadMexicoLpbCsv(text: string, options: { listId?: string; version?: string } = {}): LoadResult {
  const listId = options.listId ?? 'mx-lpb';
  const parsedRows = records(text, listId);
  const rows = parsedRows.map((r, i) => {
    const issues: Array<{ field: string; reason: string }> = [];
    const tipo = (r['tipo_persona'] ?? '').toLowerCase();
    const isPerson = tipo === 'fisica' || tipo === 'física' || tipo === 'pf';
    const isCompany = tipo === 'moral' || tipo === 'pm';
    if (!isPerson && !isCompany) issues.push({ field: 'tipo_persona', reason: 'must be fisica or moral' });
    const given = r['nombre'] ?? '';
    const paternal = r['apellido_paterno'] ?? '';
    const maternal = r['apellido_materno'] ?? '';
    const company = r['razon_social'] ?? '';
    if (isPerson && (!given || !paternal)) issues.push({ field: !given ? 'nombre' : 'apellido_paterno', reason: 'required for a persona fisica' });
    if (isCompany && !company) issues.push({ field: 'razon_social', reason: 'required for a persona moral' });
    const birth = r['fecha_nacimiento'] ? isoDate(r['fecha_nacimiento']) : null;
    if (r['fecha_nacimiento'] && !birth) issues.push({ field: 'fecha_nacimiento', reason: 'must be DD/MM/YYYY or YYYY-MM-DD' });
    const listedOn = r['fecha_inclusion'] ? isoDate(r['fecha_inclusion']) : null;
    const nationality = r['nacionalidad'] ? countryCode(r['nacionalidad']) : null;
    if (r['nacionalidad'] && !nationality) issues.push({ field: 'nacionalidad', reason: `unknown country ${r['nacionalidad']}` });
    const country = r['pais'] ? countryCode(r['pais']) : null;
    if (r['pais'] && !country) issues.push({ field: 'pais', reason: `unknown country ${r['pais']}` });
    const name = isPerson ? `${[paternal, maternal].filter((p) => p).join(' ')}, ${given}` : company;
    const remarks = [r['fundamento'] ? `Fundamento: ${r['fundamento']}` : '', r['observaciones'] ?? ''].filter((p) => p).join('; ');
    return {
      line: i + 2,
      raw: r,
      issues,
      entry: {
        listId,
        entryId: r['folio'] ?? '',
        type: isPerson ? 'person' : 'organization',
        name: name.trim() || (r['folio'] ?? ''),
        ...(isPerson ? { structuredName: { given, paternal, ...(maternal ? { maternal } : {}) } } : {}),
        aliases: splitAliases(r['alias']),
        programs: ['LPB'],
        birthDates: birth && isPerson ? [birth] : [],
        nationalities: nationality ? [nationality] : [],
        countries: country ? [country] : [],
        identifiers: identifiers([['rfc', r['rfc'], 'MX'], ['curp', r['curp'], 'MX'], ['passport', r['pasaporte'], undefined]]),
        ...(remarks ? { remarks } : {}),
        ...(listedOn && listedOn.length === 10 ? { listedOn } : {}),
      },
    };
  });
  return finish(listId, rows, options.version ?? contentVersion([text]));
}

/**
 * Loads an internal list CSV (`entry_id, type, name, given_names, paternal_surname, …`).
 * `type` is person or organization; `name` or the name parts are required.
 * @example loadInternalListCsv(csv, { name: 'exited-customers' }).snapshot.listId === 'internal:exited-customers'
 */
export function loadInternalListCsv(text: string, options: { name: string; version?: string }): LoadResult {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(options.name)) throw new ValidationError('internal list name must be lower-case letters, digits and dashes', [{ field: 'name', reason: 'invalid list name' }]);
  const listId = `internal:${options.name}`;
  const rows = records(text, listId).map((r, i) => {
    const issues: Array<{ field: string; reason: string }> = [];
    const type = (r['type'] ?? 'person').toLowerCase();
    if (type !== 'person' && type !== 'organization') issues.push({ field: 'type', reason: 'must be person or organization' });
    const given = r['given_names'] ?? '';
    const paternal = r['paternal_surname'] ?? '';
    const maternal = r['maternal_surname'] ?? '';
    const name = r['name'] || (paternal ? `${[paternal, maternal].filter((p) => p).join(' ')}, ${given}` : '');
    if (!name) issues.push({ field: 'name', reason: 'name or given_names and paternal_surname are required' });
    const birth = r['birth_date'] ? isoDate(r['birth_date']) : null;
    if (r['birth_date'] && !birth) issues.push({ field: 'birth_date', reason: 'must be YYYY-MM-DD, DD/MM/YYYY or YYYY' });
    const nationality = r['nationality'] ? countryCode(r['nationality']) : null;
    const country = r['country'] ? countryCode(r['country']) : null;
    const listedOn = r['listed_on'] ? isoDate(r['listed_on']) : null;
    return {
      line: i + 2,
      raw: r,
      issues,
      entry: {
        listId,
        entryId: r['entry_id'] ?? '',
        type,
        name,
        ...(type === 'person' && paternal ? { structuredName: { given, paternal, ...(maternal ? { maternal } : {}) } } : {}),
        aliases: splitAliases(r['aliases']),
        programs: (r['programs'] ?? '').split('|').map((p) => p.trim()).filter((p) => p),
        birthDates: birth ? [birth] : [],
        nationalities: nationality ? [nationality] : [],
        countries: country ? [country] : [],
        identifiers: identifiers([['rfc', r['rfc'], 'MX'], ['curp', r['curp'], 'MX'], ['passport', r['passport'], undefined], ['national_id', r['national_id'], undefined]]),
        ...(r['remarks'] ? { remarks: r['remarks'] } : {}),
        ...(listedOn && listedOn.length === 10 ? { listedOn } : {}),
      },
    };
  });
  return finish(listId, rows, options.version ?? contentVersion([text]));
}
