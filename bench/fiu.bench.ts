/**
 * FIU hub benchmark: intake, storage and entity resolution of 100,000 reports.
 *
 * 1. Pipeline (the goal "intake and resolution of 100,000 reports in under 2 minutes"): real
 *    regulatory files rendered by Frontera's report module — FinCEN SAR batches of 1,000
 *    activities, CTR batches of 1,000, UIF bank-layout files of 1,000 cases (~3,500 lines) —
 *    go through `receiveFile` on a pool of worker threads (format detection, official-XSD or
 *    layout validation, reading, acknowledgement); the main thread stores each result with
 *    `saveIntake` as it arrives; then `FiuStore.resolve` resolves every stored subject. One SAR
 *    file in ten carries one broken activity, so quarantine runs at scale; the bench fails if
 *    accepted + quarantined differs from what was offered, or from what the store holds.
 * 2. Quality: the synthetic corridor's 100,000-report evaluation set (with ground-truth party ids)
 *    stored and resolved in a second database; pairwise precision and recall.
 *
 * Prints one JSON line with wall and process CPU seconds (all threads). Run: `npm run bench:fiu`
 * (BENCH_REPORTS=100000, BENCH_INTAKE=100000, BENCH_THREADS=cores − 1; BENCH_FILES_DIR=/tmp/x keeps the
 * rendered files for the next run).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { makeCase, testProfile } from '../test/reports-case-factory.ts';
import { prepareReport, type ReportKind } from '../src/reports/index.ts';
import { buildEvaluationSet, createFiuStore, pairwiseScores, type IntakeResult } from '../src/fiu/index.ts';
import { createIntakePool } from '../src/fiu/intake-pool.ts';
import { migrateAll, openPglite } from '../src/store/index.ts';

const REPORTS = Number(process.env['BENCH_REPORTS'] ?? 100_000);
const INTAKE = Number(process.env['BENCH_INTAKE'] ?? REPORTS);
// Intake workers: the cores less one, left to the store's PGlite thread (createIntakePool's default).
const THREADS = Number(process.env['BENCH_THREADS'] ?? Math.max(1, availableParallelism() - 1));
const BATCH = 1_000;
const SEED = Number(process.env['BENCH_SEED'] ?? 7);
const BROKEN_EVERY = 10;

type File = { kind: string; content: string; reports: number; broken: boolean };

async function renderFiles(): Promise<File[]> {
  // Mix of what a corridor FIU receives, in reports: half UIF operations (a UIF case carries
  // about 3.5 operations, one layout line each), 35 % SARs, 15 % CTRs.
  const plan: Array<[ReportKind, 'sar' | 'ctr' | 'uif', number]> = [['uif-inusual', 'uif', Math.round((INTAKE * 0.5) / 3.5)], ['sar', 'sar', Math.round(INTAKE * 0.35)], ['ctr', 'ctr', Math.round(INTAKE * 0.15)]];
  const files: File[] = [];
  for (const [kind, format, total] of plan) {
    for (let start = 0; start < total; start += BATCH) {
      const count = Math.min(BATCH, total - start);
      const cases = Array.from({ length: count }, (_, index) => makeCase(format, start + index, SEED));
      const prepared = await prepareReport(kind, cases, testProfile(), { date: '2026-03-01T00:00:00Z', batchId: `${kind}-${start}` });
      if (!prepared.ok) throw new Error(`could not render ${kind}: ${JSON.stringify(prepared.issues.slice(0, 3))}`);
      let content = prepared.report.content;
      const broken = kind === 'sar' && count > 1 && (start / BATCH) % BROKEN_EVERY === 0;
      if (broken) {
        // An element the schema does not allow inside the second activity's first party.
        const activities = content.split('<fc2:Activity ');
        activities[2] = activities[2]!.replace('<fc2:ActivityPartyTypeCode>', '<fc2:Bogus>x</fc2:Bogus><fc2:ActivityPartyTypeCode>');
        content = activities.join('<fc2:Activity ');
      }
      // A UIF case is several operations, one layout line (one report) each.
      const reports = format === 'uif' ? content.split('\n').filter((line) => line.trim().length > 0).length : count;
      files.push({ kind, content, reports, broken });
    }
  }
  return files;
}

const seconds = (ms: number): number => Math.round(ms / 10) / 100;
const cpuSeconds = (since: NodeJS.CpuUsage): number => { const used = process.cpuUsage(since); return Math.round((used.user + used.system) / 10_000) / 100; };

// BENCH_FILES_DIR keeps the rendered files between runs (rendering 100,000 reports takes minutes).
async function cachedFiles(): Promise<File[]> {
  const directory = process.env['BENCH_FILES_DIR'];
  if (directory === undefined) return renderFiles();
  const folder = join(directory, `fiu-bench-files-${SEED}-${INTAKE}-${BATCH}`);
  try {
    const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8')) as Array<Omit<File, 'content'>>;
    return await Promise.all(index.map(async (entry, position) => ({ ...entry, content: await readFile(join(folder, `${position}`), 'utf8') })));
  } catch {
    const files = await renderFiles();
    await mkdir(folder, { recursive: true });
    for (const [position, file] of files.entries()) await writeFile(join(folder, `${position}`), file.content);
    await writeFile(join(folder, 'index.json'), JSON.stringify(files.map(({ content: _content, ...entry }) => entry)));
    return files;
  }
}

const renderStart = performance.now();
const files = await cachedFiles();
const renderMs = performance.now() - renderStart;

// 1. Pipeline: intake on the pool, storing on the main thread as results arrive, then resolution.
const database = await openPglite({ dataDirectory: 'memory://' });
await migrateAll(database);
const fiu = createFiuStore(database);
const pool = createIntakePool({ threads: THREADS });
// Warm each worker (loader, schema compile) outside the timing, as a running hub would be.
await Promise.all(Array.from({ length: THREADS }, (_, index) => pool.receive({ content: files.find((file) => file.kind === 'sar')!.content, fileName: 'warm', filerId: 'bench', fileId: `warm-${index}`, receivedAt: '2026-03-02T10:00:00Z' })));
const perKind = new Map<string, { reports: number; ms: number; bytes: number }>();
const counts = { offered: 0, accepted: 0, quarantined: 0, rejectedFiles: 0 };
const pipelineCpu = process.cpuUsage();
const pipelineStart = performance.now();
let storeMs = 0;
let storing: Promise<void> = Promise.resolve();
// Two files queued per worker: a worker never waits while the main thread stores.
const IN_FLIGHT = THREADS * 2;
let next = 0;
async function feed(): Promise<void> {
  while (next < files.length) {
    const index = next++;
    const file = files[index]!;
    const started = performance.now();
    const result: IntakeResult = await pool.receive({ content: file.content, fileName: `${file.kind}-${index}`, filerId: 'bench', fileId: `bench-${index}`, receivedAt: '2026-03-02T10:00:00Z' });
    const entry = perKind.get(file.kind) ?? { reports: 0, ms: 0, bytes: 0 };
    entry.reports += result.reports.length;
    entry.ms += performance.now() - started;
    entry.bytes += file.content.length;
    perKind.set(file.kind, entry);
    counts.offered += result.acknowledgement.reportCount;
    counts.accepted += result.acknowledgement.accepted.length;
    counts.quarantined += result.rejected.length;
    if (result.acknowledgement.status === 'rejected') counts.rejectedFiles++;
    const expectedRejected = file.broken ? 1 : 0;
    if (result.acknowledgement.reportCount !== file.reports || result.rejected.length !== expectedRejected) throw new Error(`file ${index} (${file.kind}): ${result.acknowledgement.reportCount} offered / ${result.rejected.length} quarantined, expected ${file.reports} / ${expectedRejected}: ${JSON.stringify(result.acknowledgement.errors.slice(0, 2))}`);
    storing = storing.then(async () => {
      const saveStart = performance.now();
      await fiu.saveIntake(result, file.content);
      storeMs += performance.now() - saveStart;
    });
    await storing;
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, feed));
await storing;
await pool.close();
const intakeMs = performance.now() - pipelineStart;
const intakeCpu = cpuSeconds(pipelineCpu);
const resolveStart = performance.now();
const pipelineRun = await fiu.resolve({ actor: 'bench', time: '2026-03-02T11:00:00Z' });
const resolveMs = performance.now() - resolveStart;
const pipelineMs = performance.now() - pipelineStart;
const pipelineCpuSeconds = cpuSeconds(pipelineCpu);
const stored = (await database.query<{ reports: number; quarantined: number; files: number }>('SELECT (SELECT count(*)::int FROM fiu_reports) AS reports, (SELECT count(*)::int FROM fiu_quarantine) AS quarantined, (SELECT count(*)::int FROM fiu_files) AS files')).rows[0]!;
await database.close();
if (counts.accepted + counts.quarantined !== counts.offered || stored.reports !== counts.accepted || stored.quarantined !== counts.quarantined || stored.files !== files.length) {
  throw new Error(`counts do not add up: ${JSON.stringify({ counts, stored, files: files.length })}`);
}

// 2. Quality on the evaluation set with ground truth.
const { reports, truth } = buildEvaluationSet({ seed: SEED, reports: REPORTS });
const evaluation = await openPglite({ dataDirectory: 'memory://' });
await migrateAll(evaluation);
const evaluationStore = createFiuStore(evaluation);
const evaluationStart = performance.now();
await evaluationStore.saveIntake({ acknowledgement: { fileId: 'eval', fileName: 'eval', filerId: 'bench', receivedAt: '2026-03-02T10:00:00Z', detectedKind: null, validatedAgainst: null, status: 'accepted', reportCount: reports.length, accepted: [], errors: [] }, reports, rejected: [] }, 'synthetic corridor evaluation set');
const evaluationStoreMs = performance.now() - evaluationStart;
const evaluationResolveStart = performance.now();
const run = await evaluationStore.resolve({ actor: 'bench', time: '2026-03-02T11:00:00Z' });
const evaluationResolveMs = performance.now() - evaluationResolveStart;
const members = await evaluation.query<{ subject_id: string; entity_id: string }>('SELECT subject_id, entity_id FROM fiu_entity_members');
const scores = pairwiseScores(new Map(members.rows.map((row) => [row.subject_id, row.entity_id])), truth);
await evaluation.close();

console.log(JSON.stringify({
  bench: 'fiu',
  threads: THREADS,
  render_seconds: seconds(renderMs),
  pipeline: {
    files: files.length,
    mb: Math.round(files.reduce((sum, file) => sum + file.content.length, 0) / 1e5) / 10,
    ...counts,
    stored_reports: stored.reports,
    intake_and_store_seconds: seconds(intakeMs),
    intake_and_store_cpu_seconds: intakeCpu,
    store_seconds_main_thread: seconds(storeMs),
    resolve_seconds: seconds(resolveMs),
    resolution: pipelineRun,
    wall_seconds: seconds(pipelineMs),
    cpu_seconds: pipelineCpuSeconds,
    reports_per_s: Math.round((counts.offered / pipelineMs) * 1000),
    per_kind_in_flight: Object.fromEntries([...perKind].map(([kind, entry]) => [kind, { reports: entry.reports, seconds: seconds(entry.ms), mb: Math.round(entry.bytes / 1e5) / 10 }])),
  },
  quality: { reports: reports.length, true_parties: new Set(truth.values()).size, store_seconds: seconds(evaluationStoreMs), resolve_seconds: seconds(evaluationResolveMs), ...run, precision: Math.round(scores.precision * 10000) / 10000, recall: Math.round(scores.recall * 10000) / 10000 },
}));
