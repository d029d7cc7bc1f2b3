/**
 * FIU hub benchmark: intake, storage and entity resolution at 100,000 reports.
 *
 * 1. Intake (BENCH_INTAKE reports, about): real regulatory files rendered by Frontera's report module (FinCEN SAR batches of
 *    1,000, CTR batches of 1,000, UIF bank-layout files of 1,000 lines) go through `receiveFile`
 *    (format detection, official-XSD / layout validation, normalisation, acknowledgement).
 * 2. Store: 100,000 normalised reports from the synthetic corridor written with `saveIntake`.
 * 3. Resolution: every subject mention of those reports resolved; pairwise precision and recall
 *    against the generator's party ids.
 *
 * Prints one JSON line. Run: `npm run bench:fiu` (BENCH_REPORTS=100000, BENCH_INTAKE=100000).
 */
import { makeCase, testProfile } from '../test/reports-case-factory.ts';
import { prepareReport, type ReportKind } from '../src/reports/index.ts';
import { buildEvaluationSet, createFiuStore, pairwiseScores, receiveFile } from '../src/fiu/index.ts';
import { migrateAll, openPglite } from '../src/store/index.ts';

const REPORTS = Number(process.env['BENCH_REPORTS'] ?? 100_000);
const INTAKE = Number(process.env['BENCH_INTAKE'] ?? REPORTS);
const BATCH = 1_000;
const SEED = Number(process.env['BENCH_SEED'] ?? 7);

async function renderFiles(): Promise<Array<{ kind: string; content: string; reports: number }>> {
  // Mix of what a corridor FIU receives, in reports: half UIF operations (a UIF case carries
  // about 3.5 operations, one layout line each), 35 % SARs, 15 % CTRs.
  const plan: Array<[ReportKind, 'sar' | 'ctr' | 'uif', number]> = [['uif-inusual', 'uif', Math.round((INTAKE * 0.5) / 3.5)], ['sar', 'sar', Math.round(INTAKE * 0.35)], ['ctr', 'ctr', Math.round(INTAKE * 0.15)]];
  const files: Array<{ kind: string; content: string; reports: number }> = [];
  for (const [kind, format, total] of plan) {
    for (let start = 0; start < total; start += BATCH) {
      const count = Math.min(BATCH, total - start);
      const cases = Array.from({ length: count }, (_, index) => makeCase(format, start + index, SEED));
      const prepared = await prepareReport(kind, cases, testProfile(), { date: '2026-03-01T00:00:00Z', batchId: `${kind}-${start}` });
      if (!prepared.ok) throw new Error(`could not render ${kind}: ${JSON.stringify(prepared.issues.slice(0, 3))}`);
      files.push({ kind, content: prepared.report.content, reports: count });
    }
  }
  return files;
}

const files = await renderFiles();
const intakeStart = performance.now();
const perKind = new Map<string, { reports: number; ms: number; bytes: number }>();
let accepted = 0;
let offered = 0;
// Two files in flight: each file's XSD validation runs in a worker thread while the other is read.
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 2);
let next = 0;
async function intakeWorker(): Promise<void> {
  while (next < files.length) {
    const index = next++;
    const file = files[index]!;
    const started = performance.now();
    const result = await receiveFile({ content: file.content, fileName: `${file.kind}-${index}`, filerId: 'bench', fileId: `bench-${index}`, receivedAt: '2026-03-02T10:00:00Z' });
    const entry = perKind.get(file.kind) ?? { reports: 0, ms: 0, bytes: 0 };
    entry.reports += result.reports.length;
    entry.ms += performance.now() - started;
    entry.bytes += file.content.length;
    perKind.set(file.kind, entry);
    accepted += result.reports.length;
    offered += result.acknowledgement.reportCount;
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, intakeWorker));
const intakeMs = performance.now() - intakeStart;

const { reports, truth } = buildEvaluationSet({ seed: SEED, reports: REPORTS });
const database = await openPglite({ dataDirectory: 'memory://' });
await migrateAll(database);
const fiu = createFiuStore(database);
const storeStart = performance.now();
await fiu.saveIntake({ acknowledgement: { fileId: 'eval', fileName: 'eval', filerId: 'bench', receivedAt: '2026-03-02T10:00:00Z', detectedKind: null, validatedAgainst: null, status: 'accepted', reportCount: reports.length, accepted: [], errors: [] }, reports, rejected: [] }, 'synthetic corridor evaluation set');
const storeMs = performance.now() - storeStart;
const resolveStart = performance.now();
const run = await fiu.resolve({ actor: 'bench', time: '2026-03-02T11:00:00Z' });
const resolveMs = performance.now() - resolveStart;
const members = await database.query<{ subject_id: string; entity_id: string }>('SELECT subject_id, entity_id FROM fiu_entity_members');
const scores = pairwiseScores(new Map(members.rows.map((row) => [row.subject_id, row.entity_id])), truth);
const mentions = reports.reduce((sum, report) => sum + report.subjects.length, 0);
await database.close();

console.log(JSON.stringify({
  bench: 'fiu',
  intake: {
    reports: offered,
    accepted,
    files: files.length,
    seconds: Math.round(intakeMs / 10) / 100,
    reports_per_s: Math.round((accepted / intakeMs) * 1000),
    per_kind: Object.fromEntries([...perKind].map(([kind, entry]) => [kind, { reports: entry.reports, seconds: Math.round(entry.ms / 10) / 100, reports_per_s_in_flight: Math.round((entry.reports / entry.ms) * 1000), mb: Math.round(entry.bytes / 1e5) / 10 }])),
  },
  store: { reports: reports.length, seconds: Math.round(storeMs / 10) / 100 },
  resolution: { reports: reports.length, true_parties: new Set(truth.values()).size, seconds_load_resolve_write: Math.round(resolveMs / 10) / 100, ...run, precision: Math.round(scores.precision * 10000) / 10000, recall: Math.round(scores.recall * 10000) / 10000 },
  total_intake_store_resolution_seconds: Math.round((intakeMs + storeMs + resolveMs) / 10) / 100,
}));
