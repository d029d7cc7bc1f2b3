/**
 * HTTP ingest benchmark: a Frontera server on 127.0.0.1 (embedded PGlite in a temporary folder)
 * in one process, autocannon in this one, POSTing JSON batches of unique synthetic transactions
 * with an API key for a bounded time. Prints one JSON line: {tx_per_s, p99_ms, …}.
 *
 * Two phases of BENCH_SECONDS each: `sustained` offers a fixed 5,000 transactions/s (requests
 * paced by autocannon) and reports the latency at that load; `saturated` lets 8 connections send
 * as fast as the server answers and reports the most the server ingests.
 *
 *   npm run bench:api                       # 2 × 15 s, batches of 100
 *   BENCH_SECONDS=10 BENCH_BATCH=200 BENCH_TARGET=8000 npm run bench:api
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 100);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
/** The offered load of the sustained phase, in transactions per second (Tazama's published target). */
const TARGET_TX_PER_S = Number(process.env['BENCH_TARGET'] ?? 5000);

async function serve(): Promise<void> {
  const { createServer, prepareServices } = await import('../src/api/index.ts');
  const { createAuthStore } = await import('../src/auth/index.ts');
  const { openDatabase } = await import('../src/store/index.ts');
  const folder = mkdtempSync(join(tmpdir(), 'frontera-bench-'));
  const database = await openDatabase({ dataDirectory: folder });
  const services = await prepareServices(database);
  const auth = createAuthStore({ db: database, now: () => new Date() });
  const { key } = await auth.createApiKey({ name: 'bench', roles: ['institution_analyst'] });
  const app = await createServer({ db: database, services, options: { rateLimitPerMinute: 1_000_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, key })}\n`);
  const stop = async () => {
    await app.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  // The parent asks for this process's CPU time around each phase: on a shared machine, wall
  // time includes waiting for a core, CPU time is what serving the load cost.
  process.on('message', () => {
    const usage = process.cpuUsage();
    process.send?.({ cpuMicros: usage.user + usage.system });
  });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

/** Pre-built bodies so that the load generator spends no time serialising during the run. */
function bodies(count: number): string[] {
  const result: string[] = [];
  let serial = 0;
  for (let b = 0; b < count; b++) {
    const transactions = [];
    for (let i = 0; i < BATCH; i++) {
      serial++;
      const account = serial % 5000;
      transactions.push({
        id: `B-${serial}`,
        time: new Date(Date.UTC(2026, 2, 1) + serial * 1000).toISOString(),
        amountMinor: 10_000 + (serial % 997) * 1_000,
        currency: serial % 3 === 0 ? 'MXN' : 'USD',
        channel: serial % 4 === 0 ? 'cash_deposit' : 'wire',
        originator: { accountId: `ACC-${account}`, partyId: `P-${account}`, country: 'US' },
        beneficiary: { accountId: `ACC-${(account * 7) % 5000}`, country: serial % 2 === 0 ? 'MX' : 'US' },
      });
    }
    result.push(JSON.stringify({ transactions }));
  }
  return result;
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, [...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['BENCH_PROFILE']] : []), '--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const serverCpuSeconds = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros / 1e6));
      child.send('cpu');
    });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const { url, key } = JSON.parse(first) as { url: string; key: string };
  // Unique transactions for both phases at up to 3× the target rate; past that they repeat (duplicates).
  const pool = bodies(Math.ceil((2 * SECONDS * 3 * Math.max(TARGET_TX_PER_S, 5000)) / BATCH));
  let next = 0;
  const phase = async (name: string, pacing: { overallRate?: number }, seconds = SECONDS) => {
    const cpuBefore = await serverCpuSeconds();
    const result = await autocannon({
      url: `${url}/api/v1/transactions`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: seconds,
      ...pacing,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      requests: [{ setupRequest: (request) => ({ ...request, body: pool[next++ % pool.length]! }) }],
    });
    const okRequests = result['2xx'];
    const serverCpu = (await serverCpuSeconds()) - cpuBefore;
    return {
      phase: name,
      offered_tx_per_s: pacing.overallRate ? pacing.overallRate * BATCH : null,
      tx_per_s: Math.round((okRequests * BATCH) / result.duration),
      requests_per_s: Math.round((okRequests / result.duration) * 10) / 10,
      p50_ms: result.latency.p50,
      p90_ms: result.latency.p90,
      p99_ms: result.latency.p99,
      max_ms: result.latency.max,
      non_2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      server_cpu_s: Math.round(serverCpu * 100) / 100,
      // Transactions per second of the server's own CPU time: its capacity on one free core.
      tx_per_server_cpu_s: serverCpu > 0 ? Math.round((okRequests * BATCH) / serverCpu) : null,
    };
  };
  try {
    // Warm-up (JIT, PGlite buffers), not reported.
    await phase('warm-up', { overallRate: Math.ceil(TARGET_TX_PER_S / BATCH) }, 3);
    const sustained = await phase('sustained', { overallRate: Math.ceil(TARGET_TX_PER_S / BATCH) });
    const saturated = await phase('saturated', {});
    const summary = {
      benchmark: 'api-ingest-json',
      batch_size: BATCH,
      connections: CONNECTIONS,
      seconds_per_phase: SECONDS,
      target_tx_per_s: TARGET_TX_PER_S,
      // Headline figures: the latency at the target load, and the most the server ingested.
      tx_per_s: saturated.tx_per_s,
      p99_ms: sustained.p99_ms,
      tx_per_server_cpu_s: saturated.tx_per_server_cpu_s,
      meets_target: sustained.tx_per_s >= TARGET_TX_PER_S * 0.98 && sustained.p99_ms <= 35,
      phases: [sustained, saturated],
      cpus: (await import('node:os')).cpus().length,
      load_average_1m: Math.round((await import('node:os')).loadavg()[0]! * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (sustained.non_2xx + sustained.errors + saturated.non_2xx + saturated.errors > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
