/**
 * Screening benchmark: loads OFAC SDN (2021-07 CSV trio with aliases and addresses), the UN
 * consolidated list, a fictitious Mexican LPB in Frontera's CSV column set, the section 2313a
 * institutions and the 2025 FTO cartels; builds the index; runs the labelled evaluation set on one
 * core. Prints one JSON object. `npm run bench:screening` (add `--verbose` for misses and false alarms).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildScreeningIndex, decodeListText, loadMexicoLpbCsv, loadOfacCsv, loadUnConsolidatedXml, screen, section2313aList, usFto2025List,
} from '../src/screening/index.ts';
import { buildEvaluationSet } from '../src/screening/eval/evaluation-set.ts';
import { evaluate } from '../src/screening/eval/evaluate.ts';
import { syntheticLpbCsv } from '../src/screening/eval/synthetic-lpb.ts';

const reference = process.env['FRONTERA_REFERENCE'] ?? join(import.meta.dirname, '..', '..', 'shared', 'reference', 'lists');
const threshold = Number(process.env['SCREENING_THRESHOLD'] ?? 0.8);
const verbose = process.argv.includes('--verbose');

const read = (path: string): string => decodeListText(readFileSync(join(reference, path)));
const loadStart = performance.now();
const sdn = loadOfacCsv({
  primary: read('ofac/watchman-bench-2021-07/sdn.csv'),
  alternates: read('ofac/watchman-bench-2021-07/alt.csv'),
  addresses: read('ofac/watchman-bench-2021-07/add.csv'),
  comments: read('ofac/watchman-bench-2021-07/sdn_comments.csv'),
}, { listId: 'ofac-sdn' });
const un = loadUnConsolidatedXml(read('un/UN_consolidated.xml'));
const lpb = loadMexicoLpbCsv(syntheticLpbCsv(), { version: 'synthetic' });
const entries = [...sdn.snapshot.entries, ...un.snapshot.entries, ...lpb.snapshot.entries, ...section2313aList().entries, ...usFto2025List().entries];
const loadMs = performance.now() - loadStart;
const buildStart = performance.now();
const index = buildScreeningIndex(entries);
const buildMs = performance.now() - buildStart;

const cases = buildEvaluationSet(entries);
const queries = cases.map((c) => c.query);

// Warm-up: let the JIT settle before timing.
for (let round = 0; round < 2; round++) for (const query of queries) screen(index, { name: query }, { threshold });

const latencies: number[] = [];
const rounds = 3;
const timedStart = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  for (const query of queries) {
    const start = process.hrtime.bigint();
    screen(index, { name: query }, { threshold });
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const totalSeconds = Number(process.hrtime.bigint() - timedStart) / 1e9;
latencies.sort((a, b) => a - b);
const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;

const report = evaluate(index, cases, threshold);
const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;
const result = {
  queries_per_s: Math.round(latencies.length / totalSeconds),
  p50_ms: round(percentile(50)),
  p99_ms: round(percentile(99)),
  precision: round(report.precision),
  recall: round(report.recall),
  f1: round(report.f1),
  false_positive_rate: round(report.falsePositiveRate),
  threshold,
  list_entries: entries.length,
  indexed_names: index.names.length,
  positives: report.positives,
  negatives: report.negatives,
  false_negatives: report.falseNegatives,
  false_positives: report.falsePositives,
  categories: report.categories,
  load_ms: Math.round(loadMs),
  index_build_ms: Math.round(buildMs),
  lists: { 'ofac-sdn': sdn.snapshot.entries.length, 'un-consolidated': un.snapshot.entries.length, 'mx-lpb (synthetic)': lpb.snapshot.entries.length, 'us-2313a': 3, 'us-fto-2025': 8 },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
if (verbose) {
  for (const miss of report.misses) process.stderr.write(`MISS ${miss.category} ${miss.expected} "${miss.query}" → ${screen(index, { name: miss.query }, { threshold: 0.5, limit: 1 })[0]?.explanation ?? 'nothing'}\n`);
  for (const alarm of report.falseAlarms) process.stderr.write(`FALSE ${alarm.category} "${alarm.query}" → ${alarm.hit}\n`);
}
