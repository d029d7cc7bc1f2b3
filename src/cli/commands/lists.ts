import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { PartySchema, type Party } from '../../domain/index.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { withStore, withStoreOptions, type StoreOptions } from '../store-options.ts';
import {
  applyListUpdates, buildScreeningIndex, createScreeningStore, decodeListText, diffSnapshots, loadInternalListCsv, loadMexicoLpbCsv, loadOfacCsv, loadOfacXml,
  loadUnConsolidatedXml, section2313aList, usFto2025List, type LoadResult, type ListSnapshot, type ScreeningIndex,
} from '../../screening/index.ts';

/** Where list files are looked for when no --lists-dir is given. */
export function defaultListsDir(): string {
  return process.env['FRONTERA_LISTS_DIR'] ?? join(process.cwd(), 'data', 'lists');
}

/** Larger than any published list file (the full SDN XML is tens of MB); checked before reading. */
const MAX_LIST_FILE_BYTES = 256 * 1024 * 1024;

function read(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_LIST_FILE_BYTES) throw new ValidationError(`${path} is ${size} bytes, above the limit of ${MAX_LIST_FILE_BYTES}`, [{ field: path, reason: 'file too large' }]);
  return decodeListText(readFileSync(path));
}

function sibling(path: string, name: string): string | undefined {
  const candidate = join(dirname(path), name);
  try { return statSync(candidate).isFile() ? read(candidate) : undefined; } catch { return undefined; }
}

/**
 * Loads one list file, recognised by its name or (for XML) its root element:
 * sdn.csv (+ alt.csv, add.csv, sdn_comments.csv beside it), cons_prim.csv (+ cons_*.csv),
 * sdn.xml / consolidated.xml (OFAC sdnList), a UN CONSOLIDATED_LIST XML, lpb*.csv (Mexico),
 * internal-<name>.csv. Returns null for files that are none of these (alt.csv, READMEs …).
 */
export function loadListFile(path: string): LoadResult | null {
  const name = basename(path).toLowerCase();
  if (name === 'sdn.csv') return loadOfacCsv({ primary: read(path), ...opt('alternates', sibling(path, 'alt.csv')), ...opt('addresses', sibling(path, 'add.csv')), ...opt('comments', sibling(path, 'sdn_comments.csv')) }, { listId: 'ofac-sdn' });
  if (name === 'cons_prim.csv') return loadOfacCsv({ primary: read(path), ...opt('alternates', sibling(path, 'cons_alt.csv')), ...opt('addresses', sibling(path, 'cons_add.csv')), ...opt('comments', sibling(path, 'cons_comments.csv')) }, { listId: 'ofac-consolidated' });
  if (name.startsWith('lpb') && name.endsWith('.csv')) return loadMexicoLpbCsv(read(path));
  const internal = /^internal-([a-z0-9][a-z0-9-]*)\.csv$/.exec(name);
  if (internal) return loadInternalListCsv(read(path), { name: internal[1]! });
  if (name.endsWith('.xml')) {
    const text = read(path);
    const head = text.slice(0, 2000);
    if (/<CONSOLIDATED_LIST[\s>]/.test(head)) return loadUnConsolidatedXml(text);
    if (/<(\w+:)?sdnList[\s>]/.test(head)) return loadOfacXml(text, { listId: name.startsWith('cons') ? 'ofac-consolidated' : 'ofac-sdn' });
  }
  return null;
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, string>>);
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

export type LoadedLists = { snapshots: ListSnapshot[]; quarantinedCount: number; files: string[] };

/**
 * Loads every recognised list under `dir` plus the built-in lists (section 2313a, FTO 2025).
 * When a list appears in several files (two SDN snapshots), the last file in path order wins.
 */
export function loadListsDir(dir: string, report: (line: string) => void = () => {}): LoadedLists {
  let files: string[];
  try { files = listFiles(dir); } catch { throw new NotFoundError(`lists directory ${dir} not found (set --lists-dir or FRONTERA_LISTS_DIR)`); }
  const byList = new Map<string, ListSnapshot>();
  let quarantinedCount = 0;
  const used: string[] = [];
  for (const file of files) {
    const result = loadListFile(file);
    if (!result) continue;
    used.push(file);
    quarantinedCount += result.quarantined.length;
    for (const q of result.quarantined.slice(0, 5)) report(`quarantined ${q.source} ${q.location}: ${q.issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    byList.set(result.snapshot.listId, result.snapshot);
  }
  for (const builtIn of [section2313aList(), usFto2025List()]) byList.set(builtIn.listId, builtIn);
  return { snapshots: [...byList.values()], quarantinedCount, files: used };
}

/** Builds the screening index over a lists directory. */
export function indexFromDir(dir: string, report?: (line: string) => void): { index: ScreeningIndex; loaded: LoadedLists } {
  const loaded = loadListsDir(dir, report);
  return { index: buildScreeningIndex(loaded.snapshots.flatMap((s) => s.entries)), loaded };
}

/** `frontera lists …`: what is loaded, and what changed between two versions of a list file. */
export function register(program: Command): void {
  const lists = program.command('lists').description('Sanctions and designation lists: loaded versions and deltas');
  lists
    .command('show')
    .description('Load every list in the lists directory and print list, version and entry count')
    .option('--lists-dir <dir>', 'directory with list files', defaultListsDir())
    .option('--json', 'print JSON')
    .action((options: { listsDir: string; json?: boolean }) => {
      const loaded = loadListsDir(options.listsDir, (line) => process.stderr.write(`${line}\n`));
      const rows = loaded.snapshots.map((s) => ({ listId: s.listId, version: s.version, entries: s.entries.length, aliases: s.entries.reduce((n, e) => n + e.aliases.length, 0) }));
      if (options.json) process.stdout.write(`${JSON.stringify({ lists: rows, quarantined: loaded.quarantinedCount, files: loaded.files })}\n`);
      else for (const row of rows) process.stdout.write(`${row.listId.padEnd(20)} ${row.version.padEnd(26)} ${String(row.entries).padStart(7)} entries ${String(row.aliases).padStart(7)} aliases\n`);
    });
  withStoreOptions(lists.command('load'))
    .description('Store every list in the lists directory as a new version (with its delta) and re-screen parties for new hits')
    .option('--lists-dir <dir>', 'directory with list files', defaultListsDir())
    .option('--parties <file>', 'parties.csv to re-screen (docs/data-format.md)')
    .option('--time <iso>', 'data time of the update (default: now)')
    .option('--alert-threshold <score>', 'lowest score that raises an alert', '0.8')
    .option('--interdiction-threshold <score>', 'score from which the alert is an interdiction', '0.92')
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { listsDir: string; parties?: string; time?: string; alertThreshold: string; interdictionThreshold: string; json?: boolean }) => {
      const time = options.time ?? new Date().toISOString();
      if (Number.isNaN(Date.parse(time))) throw new ValidationError('--time must be an ISO 8601 date-time', [{ field: 'time', reason: 'not a date-time' }]);
      const loaded = loadListsDir(options.listsDir, (line) => process.stderr.write(`${line}\n`));
      const parties = options.parties ? readParties(options.parties) : [];
      await withStore(options, async (store) => {
        const screeningStore = createScreeningStore(store.database);
        const known = new Set((await screeningStore.versions()).map((v) => `${v.listId}\u0000${v.version}`));
        const builtIn = new Set([section2313aList().listId, usFto2025List().listId]);
        const fresh = loaded.snapshots.filter((s) => !builtIn.has(s.listId) && !known.has(`${s.listId}\u0000${s.version}`));
        const result = await applyListUpdates({
          screeningStore, alertStore: store.alerts, snapshots: fresh, extraSnapshots: loaded.snapshots.filter((s) => builtIn.has(s.listId)),
          parties, time, alertThreshold: Number(options.alertThreshold), interdictionThreshold: Number(options.interdictionThreshold),
        });
        const summary = {
          lists: result.deltas.map((d) => ({ listId: d.listId, fromVersion: d.fromVersion, toVersion: d.toVersion, added: d.added.length, changed: d.changed.length, removed: d.removed.length })),
          alreadyLoaded: loaded.snapshots.filter((s) => !builtIn.has(s.listId) && known.has(`${s.listId}\u0000${s.version}`)).map((s) => `${s.listId} ${s.version}`),
          partiesScreened: result.partiesScreened,
          newAlerts: result.newAlertIds.length,
        };
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          for (const d of summary.lists) process.stdout.write(`${d.listId} ${d.fromVersion ?? '(first load)'} → ${d.toVersion}: ${d.added} added, ${d.changed} changed, ${d.removed} removed\n`);
          for (const v of summary.alreadyLoaded) process.stdout.write(`${v}: already loaded\n`);
          process.stdout.write(`${summary.partiesScreened} parties re-screened, ${summary.newAlerts} new alerts\n`);
        }
      });
    });
  lists
    .command('diff')
    .description('Compare two versions of the same list file: added, changed and removed entries')
    .argument('<old>', 'older list file')
    .argument('<new>', 'newer list file')
    .option('--json', 'print JSON with the entries')
    .action((oldPath: string, newPath: string, options: { json?: boolean }) => {
      const before = loadListFile(oldPath);
      const after = loadListFile(newPath);
      if (!before || !after) throw new ValidationError('both files must be recognised list files', [{ field: !before ? 'old' : 'new', reason: 'unrecognised list file' }]);
      if (before.snapshot.listId !== after.snapshot.listId) throw new ValidationError(`cannot compare ${before.snapshot.listId} with ${after.snapshot.listId}`);
      const delta = diffSnapshots(before.snapshot, after.snapshot);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ listId: delta.listId, fromVersion: delta.fromVersion, toVersion: delta.toVersion, added: delta.added, changed: delta.changed.map((c) => ({ entryId: c.entryId, fields: c.fields, name: c.after.name })), removed: delta.removed.map((e) => ({ entryId: e.entryId, name: e.name })), unchanged: delta.unchanged })}\n`);
        return;
      }
      process.stdout.write(`${delta.listId} ${delta.fromVersion} → ${delta.toVersion}: ${delta.added.length} added, ${delta.changed.length} changed, ${delta.removed.length} removed, ${delta.unchanged} unchanged\n`);
      for (const e of delta.added.slice(0, 20)) process.stdout.write(`  + ${e.entryId} ${e.name}\n`);
      for (const c of delta.changed.slice(0, 20)) process.stdout.write(`  ~ ${c.entryId} ${c.after.name} (${c.fields.join(', ')})\n`);
      for (const e of delta.removed.slice(0, 20)) process.stdout.write(`  - ${e.entryId} ${e.name}\n`);
    });
}

/** parties.csv (docs/data-format.md) → parties; a row that is not a valid party is reported and skipped from re-screening. */
function readParties(path: string): Party[] {
  if (statSync(path).size > MAX_LIST_FILE_BYTES) throw new ValidationError(`${path} is above the limit of ${MAX_LIST_FILE_BYTES} bytes`, [{ field: 'parties', reason: 'file too large' }]);
  const rows = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Array<Record<string, string>>;
  const parties: Party[] = [];
  rows.forEach((row, i) => {
    const identifiers = (['rfc', 'curp', 'ssn', 'ein', 'passport', 'phone'] as const).flatMap((kind) => (row[kind] ? [{ kind, value: row[kind]! }] : []));
    const aliases = (row['aliases'] ?? '').split('|').map((a) => a.trim()).filter((a) => a);
    const optional = (key: string, field: string) => (row[key] ? { [field]: row[key] } : {});
    const candidate = row['type'] === 'company'
      ? { type: 'company', id: row['party_id'], legalName: row['legal_name'], ...optional('legal_form', 'legalForm'), ...optional('incorporation_date', 'incorporationDate'), country: row['country'], identifiers, aliases }
      : { type: 'person', id: row['party_id'], name: { given: row['given_names'], paternal: row['paternal_surname'], ...optional('maternal_surname', 'maternal') }, ...optional('birth_date', 'birthDate'), ...optional('nationality', 'nationality'), country: row['country'], identifiers, aliases };
    const parsed = PartySchema.safeParse(candidate);
    if (parsed.success) parties.push(parsed.data);
    else process.stderr.write(`party on line ${i + 2} not re-screened: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n`);
  });
  return parties;
}
