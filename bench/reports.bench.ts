/**
 * Reports benchmark: render and validate 1,000 FinCEN SARs against the official XSD.
 * Cases come from the deterministic test factory and are built before the clock starts.
 * Two shapes are measured: 1,000 separate SAR batch files (one case each, validated in
 * batched validator runs) and one batch file holding 1,000 activities.
 * Run on one core: `taskset -c 0 npm run bench:reports`. Prints one JSON line. `*_cpu_s` is the
 * process CPU time (main thread and the validator's worker thread), the figure that does not
 * depend on how busy the shared machine is; `*_total_s` is wall time.
 */
import { loadavg } from 'node:os';
import { renderSarBatch, loadOfficialSchema, validateAgainstOfficial } from '../src/reports/index.ts';
import { makeCase, testProfile } from '../test/reports-case-factory.ts';

const count = Number(process.argv[2] ?? 1000);
const profile = testProfile();
const cases = Array.from({ length: count }, (_, index) => makeCase('sar', index));
await loadOfficialSchema('fincen-sar'); // file read, outside the measurement

const cpuBefore = process.cpuUsage();
const started = performance.now();
const documents = cases.map((kase) => renderSarBatch([kase], profile, { filingDate: '2026-03-05' }).xml);
const rendered = performance.now();
const { results } = await validateAgainstOfficial('fincen-sar', documents);
const validated = performance.now();
const cpu = process.cpuUsage(cpuBefore);

const batchCpuBefore = process.cpuUsage();
const batchStarted = performance.now();
const batch = renderSarBatch(cases, profile, { filingDate: '2026-03-05' }).xml;
const batchRendered = performance.now();
const batchResult = (await validateAgainstOfficial('fincen-sar', [batch])).results[0]!;
const batchValidated = performance.now();
const batchCpu = process.cpuUsage(batchCpuBefore);
const seconds = (micros: number) => Math.round(micros / 10_000) / 100;

const invalid = results.filter((r) => !r.valid).length + (batchResult.valid ? 0 : 1);
process.stdout.write(
  `${JSON.stringify({
    sars: count,
    separate_files_total_s: Math.round((validated - started) / 10) / 100,
    separate_files_render_s: Math.round((rendered - started) / 10) / 100,
    separate_files_validate_s: Math.round((validated - rendered) / 10) / 100,
    separate_files_cpu_s: seconds(cpu.user + cpu.system),
    one_batch_total_s: Math.round((batchValidated - batchStarted) / 10) / 100,
    one_batch_render_s: Math.round((batchRendered - batchStarted) / 10) / 100,
    one_batch_validate_s: Math.round((batchValidated - batchRendered) / 10) / 100,
    one_batch_cpu_s: seconds(batchCpu.user + batchCpu.system),
    one_batch_bytes: Buffer.byteLength(batch),
    invalid,
    load_average_1m: Math.round(loadavg()[0]! * 100) / 100,
  })}\n`,
);
if (invalid > 0) process.exitCode = 1;
