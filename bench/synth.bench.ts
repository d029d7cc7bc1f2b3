/**
 * Synthetic corridor benchmark: for each size, a fresh process generates the corridor and writes
 * every file (as `frontera synth` does) into a temporary folder, then reports wall time, CPU time,
 * transactions written per second and peak resident memory. A second measurement per size only
 * generates the transactions in memory (what the engine benchmark drives). Prints one JSON line.
 *
 *   npm run bench:synth                                  # 1,000,000 and 10,000,000 transactions
 *   BENCH_SIZES=200000,1000000 npm run bench:synth
 *   BENCH_MAX_OLD_SPACE_MB=1024 npm run bench:synth   # children run with --max-old-space-size=1024
 *
 * The live heap is the population (about 45 bytes per requested transaction with the CSV caches);
 * without a limit V8 lets the heap grow to several times that before compacting.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = (process.env['BENCH_SIZES'] ?? '1000000,10000000').split(',').map(Number);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const MAX_OLD_SPACE_MB = process.env['BENCH_MAX_OLD_SPACE_MB'];

type Measurement = { mode: 'files' | 'memory'; transactions: number; wallSeconds: number; cpuSeconds: number; transactionsPerSecond: number; transactionsPerCpuSecond: number; peakRssMb: number; launderingTransactions: number; bytesWritten?: number };

async function child(mode: 'files' | 'memory', transactions: number, directory: string): Promise<void> {
  const { generateCorridor, writeCorridorFiles } = await import('../src/synth/index.ts');
  const { statSync } = await import('node:fs');
  const started = performance.now();
  const corridor = generateCorridor({ seed: SEED, transactions });
  let written = 0;
  let laundering = 0;
  let bytesWritten: number | undefined;
  if (mode === 'files') {
    const manifest = await writeCorridorFiles(corridor, directory);
    written = manifest.files['transactions.csv'] ?? 0;
    laundering = manifest.launderingTransactions;
    bytesWritten = statSync(join(directory, 'transactions.csv')).size;
  } else {
    for (const batch of corridor.batches()) {
      written += batch.transactions.length;
      laundering += batch.labels.length;
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const measurement: Measurement = {
    mode,
    transactions: written,
    wallSeconds: Number(wallSeconds.toFixed(2)),
    cpuSeconds: Number(((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(2)),
    transactionsPerSecond: Math.round(written / wallSeconds),
    // On a shared machine wall time depends on the load; CPU time (all threads, GC included) less so.
    transactionsPerCpuSecond: Math.round(written / ((usage.userCPUTime + usage.systemCPUTime) / 1e6)),
    peakRssMb: Math.round(usage.maxRSS / 1024),
    launderingTransactions: laundering,
  };
  if (bytesWritten !== undefined) measurement.bytesWritten = bytesWritten;
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

function measure(mode: 'files' | 'memory', transactions: number): Promise<Measurement> {
  const directory = mkdtempSync(join(tmpdir(), 'frontera-synth-bench-'));
  return new Promise((resolve, reject) => {
    const heapLimit = MAX_OLD_SPACE_MB === undefined ? [] : [`--max-old-space-size=${Number(MAX_OLD_SPACE_MB)}`];
    const process_ = spawn(process.execPath, [...heapLimit, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, String(transactions), directory], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    process_.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    process_.on('error', reject);
    process_.on('close', (code) => {
      rmSync(directory, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`benchmark child for ${transactions} exited with ${code}`));
      else resolve(JSON.parse(output.trim()) as Measurement);
    });
  });
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  await child(process.argv[childIndex + 1] === 'memory' ? 'memory' : 'files', Number(process.argv[childIndex + 2]), process.argv[childIndex + 3]!);
} else {
  const results: Measurement[] = [];
  for (const size of SIZES) {
    results.push(await measure('files', size));
    results.push(await measure('memory', size));
  }
  const { cpus, loadavg } = await import('node:os');
  process.stdout.write(`${JSON.stringify({ benchmark: 'synth', seed: SEED, maxOldSpaceMb: MAX_OLD_SPACE_MB === undefined ? null : Number(MAX_OLD_SPACE_MB), node: process.version, cpus: cpus().length, loadAverage: loadavg().map((value) => Number(value.toFixed(2))), results })}\n`);
}
