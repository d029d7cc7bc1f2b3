import { readFileSync, statSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../errors.ts';
import { withStore, withStoreOptions, type StoreOptions } from '../store-options.ts';
import {
  buildScreeningIndex, createScreeningStore, screen, ScreeningQuerySchema, section2313aList, usFto2025List,
  type ScreeningHit, type ScreeningIndex, type ScreeningQueryInput,
} from '../../screening/index.ts';
import { defaultListsDir, indexFromDir } from './lists.ts';

/** The index over the lists stored by `frontera lists load` (current versions) plus the built-in lists. */
function indexFromStore(options: StoreOptions): Promise<ScreeningIndex> {
  return withStore(options, async (store) => {
    const stored = await createScreeningStore(store.database).currentSnapshots();
    if (stored.length === 0) throw new ValidationError('no lists are stored yet: run frontera lists load first', [{ field: 'from-store', reason: 'no stored list' }]);
    const storedIds = new Set(stored.map((s) => s.listId));
    const builtIn = [section2313aList(), usFto2025List()].filter((s) => !storedIds.has(s.listId));
    return buildScreeningIndex([...stored, ...builtIn].flatMap((s) => s.entries));
  });
}

/** parties.csv (docs/data-format.md) row → screening query, or the reason it cannot be screened. */
function partyRowQuery(row: Record<string, string>): { ok: true; query: ScreeningQueryInput } | { ok: false; reason: string } {
  const type = (row['type'] ?? '').trim();
  const identifiers = (['rfc', 'curp', 'passport'] as const).flatMap((kind) => (row[kind] ? [{ kind, value: row[kind]!.trim() }] : []));
  const common = {
    ...(row['birth_date'] ? { birthDate: row['birth_date'].trim() } : {}),
    ...(row['nationality'] ? { nationality: row['nationality'].trim() } : {}),
    ...(row['country'] ? { country: row['country'].trim() } : {}),
    identifiers,
  };
  let query: ScreeningQueryInput;
  if (type === 'company') {
    const name = [row['legal_name'], row['legal_form'] === 'sole_proprietor' ? '' : row['legal_form']].filter((p) => p).join(' ').trim();
    if (!name) return { ok: false, reason: 'legal_name is required for a company' };
    query = { ...common, name, kind: 'organization' };
  } else {
    const given = (row['given_names'] ?? '').trim();
    const paternal = (row['paternal_surname'] ?? '').trim();
    const maternal = (row['maternal_surname'] ?? '').trim();
    if (!given && !paternal) return { ok: false, reason: 'given_names or paternal_surname is required for a person' };
    query = { ...common, name: [given, paternal, maternal].filter((p) => p).join(' '), kind: 'person', structuredName: { given, paternal, ...(maternal ? { maternal } : {}) } };
  }
  const checked = ScreeningQuerySchema.safeParse(query);
  if (!checked.success) return { ok: false, reason: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, query };
}

function printHits(query: string, hits: ScreeningHit[]): void {
  if (hits.length === 0) { process.stdout.write(`no hit for "${query}"\n`); return; }
  for (const hit of hits) process.stdout.write(`${hit.score.toFixed(3)}  ${hit.explanation}\n`);
}

/** 1 GiB is far beyond any parties file; the cap only stops reading a wrong path whole. */
const MAX_BATCH_BYTES = 1024 * 1024 * 1024;

/** `frontera screen "NAME" [--dob] [--country] [--json]` and `frontera screen --batch parties.csv`. */
export function register(program: Command): void {
  withStoreOptions(program.command('screen'), 'for --from-store')
    .description('Screen a name (or every party in a parties.csv) against the sanctions and designation lists')
    .argument('[name]', 'name to screen, in any order ("Oseguera C., Nemesio", "NEMESIO OZEGUERA", "El Mencho")')
    .option('--dob <date>', 'date of birth YYYY-MM-DD (or YYYY)')
    .option('--country <code>', 'nationality / country, ISO 3166 alpha-2')
    .option('--type <type>', 'person, organization or unknown', 'unknown')
    .option('--rfc <rfc>', 'RFC of the party')
    .option('--curp <curp>', 'CURP of the party')
    .option('--passport <number>', 'passport number of the party')
    .option('--threshold <score>', 'lowest score reported', '0.8')
    .option('--limit <n>', 'most hits per name', '10')
    .option('--batch <file>', 'screen every party in a parties.csv (docs/data-format.md)')
    .option('--lists-dir <dir>', 'directory with list files', defaultListsDir())
    .option('--from-store', 'screen against the list versions stored by `frontera lists load` instead of a directory')
    .option('--json', 'print JSON (one object per line in batch mode)')
    .action(async (name: string | undefined, options: { dob?: string; country?: string; type: string; rfc?: string; curp?: string; passport?: string; threshold: string; limit: string; batch?: string; listsDir: string; fromStore?: boolean; json?: boolean } & StoreOptions) => {
      const threshold = Number(options.threshold);
      const limit = Number(options.limit);
      if (!(threshold >= 0 && threshold <= 1)) throw new ValidationError('--threshold must be between 0 and 1', [{ field: 'threshold', reason: 'out of range' }]);
      if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('--limit must be a positive integer', [{ field: 'limit', reason: 'not a positive integer' }]);
      if (!name && !options.batch) throw new ValidationError('give a NAME or --batch parties.csv', [{ field: 'name', reason: 'missing' }]);
      const index = options.fromStore
        ? await indexFromStore(options)
        : indexFromDir(options.listsDir, (line) => process.stderr.write(`${line}\n`)).index;

      if (options.batch) {
        if (statSync(options.batch).size > MAX_BATCH_BYTES) throw new ValidationError(`${options.batch} is larger than ${MAX_BATCH_BYTES} bytes`, [{ field: 'batch', reason: 'file too large' }]);
        const bytes = readFileSync(options.batch);
        const rows = parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Array<Record<string, string>>;
        const bar = new SingleBar({ format: 'screening [{bar}] {value}/{total} parties | {hits} with hits', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
        bar.start(rows.length, 0, { hits: 0 });
        let withHits = 0;
        let rejected = 0;
        rows.forEach((row, i) => {
          const partyId = row['party_id'] ?? `line ${i + 2}`;
          const prepared = partyRowQuery(row);
          if (!prepared.ok) {
            rejected++;
            process.stderr.write(`\nrejected ${partyId} (line ${i + 2}): ${prepared.reason}\n`);
          } else {
            const hits = screen(index, prepared.query, { threshold, limit });
            const aliases = (row['aliases'] ?? '').split('|').map((a) => a.trim()).filter((a) => a);
            for (const alias of aliases) hits.push(...screen(index, { ...prepared.query, name: alias, structuredName: undefined }, { threshold, limit }).filter((h) => !hits.some((x) => x.listId === h.listId && x.entryId === h.entryId)));
            if (hits.length > 0) {
              withHits++;
              if (options.json) process.stdout.write(`${JSON.stringify({ partyId, query: prepared.query.name, hits })}\n`);
              else for (const hit of hits) process.stdout.write(`${partyId}\t${hit.score.toFixed(3)}\t${hit.explanation}\n`);
            }
          }
          bar.increment(1, { hits: withHits });
        });
        bar.stop();
        process.stderr.write(`${rows.length} parties screened, ${withHits} with hits, ${rejected} rejected\n`);
        if (rejected > 0) process.exitCode = 2;
        return;
      }

      const identifiers = [
        ...(options.rfc ? [{ kind: 'rfc' as const, value: options.rfc }] : []),
        ...(options.curp ? [{ kind: 'curp' as const, value: options.curp }] : []),
        ...(options.passport ? [{ kind: 'passport' as const, value: options.passport }] : []),
      ];
      const input = { name: name!, kind: options.type, ...(options.dob ? { birthDate: options.dob } : {}), ...(options.country ? { nationality: options.country.toUpperCase(), country: options.country.toUpperCase() } : {}), identifiers };
      const checked = ScreeningQuerySchema.safeParse(input);
      if (!checked.success) throw new ValidationError('invalid screening query', checked.error.issues.map((i) => ({ field: i.path.join('.') || 'name', reason: i.message })));
      const hits = screen(index, checked.data, { threshold, limit });
      if (options.json) process.stdout.write(`${JSON.stringify({ query: checked.data, hits })}\n`);
      else printHits(name!, hits);
    });
}
