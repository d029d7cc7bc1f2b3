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
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:api   # PostgreSQL (a fresh schema, dropped after)
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const schema = `bench_api_${process.pid}`;
  const database = databaseUrl ? await openDatabase({ dataDirectory: folder, databaseUrl }, { schema }) : await openDatabase({ dataDirectory: folder });
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
    if (databaseUrl) await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await database.close();
    rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  // Where the tail comes from: how long the event loop was blocked, and what each group commit
  // wrote and took. Both are reset whenever the parent asks, i.e. per phase.
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const { subscribe } = await import('node:diagnostics_channel');
  const { GROUP_COMMIT_CHANNEL } = await import('../src/api/ingest-batcher.ts');
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  let commits: Array<{ transactions: number; writeMs: number }> = [];
  let threadsBefore = threadCpuSeconds();
  subscribe(GROUP_COMMIT_CHANNEL, (event) => void commits.push(event as { transactions: number; writeMs: number }));
  // The parent asks for this process's CPU time around each phase: on a shared machine, wall
  // time includes waiting for a core, CPU time is what serving the load cost.
  process.on('message', () => {
    const usage = process.cpuUsage();
    const writeMs = commits.map((commit) => commit.writeMs).sort((a, b) => a - b);
    const quantile = (q: number) => Math.round((writeMs[Math.min(writeMs.length - 1, Math.floor(q * writeMs.length))] ?? 0) * 10) / 10;
    const serverStats: ServerStats = {
      event_loop_delay_p50_ms: Math.round(loopDelay.percentile(50) / 1e4) / 100,
      event_loop_delay_p99_ms: Math.round(loopDelay.percentile(99) / 1e4) / 100,
      event_loop_delay_max_ms: Math.round(loopDelay.max / 1e4) / 100,
      group_commits: commits.length,
      transactions_per_commit_mean: commits.length > 0 ? Math.round(commits.reduce((sum, commit) => sum + commit.transactions, 0) / commits.length) : 0,
      transactions_per_commit_max: commits.reduce((max, commit) => Math.max(max, commit.transactions), 0),
      commit_p50_ms: quantile(0.5),
      commit_p99_ms: quantile(0.99),
      commit_max_ms: quantile(1),
    };
    // CPU per thread: the HTTP (main) thread, and the busiest other one, which is PGlite's.
    const threadsNow = threadCpuSeconds();
    const spent = [...threadsNow].map(([tid, seconds]) => [tid, seconds - (threadsBefore.get(tid) ?? 0)] as const);
    serverStats.main_thread_cpu_s = Math.round((spent.find(([tid]) => tid === process.pid)?.[1] ?? 0) * 100) / 100;
    serverStats.pglite_thread_cpu_s = Math.round(Math.max(0, ...spent.filter(([tid]) => tid !== process.pid).map(([, seconds]) => seconds)) * 100) / 100;
    threadsBefore = threadsNow;
    loopDelay.reset();
    commits = [];
    process.send?.({ cpuMicros: usage.user + usage.system, serverStats });
  });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

/** What the server measured during one phase (event-loop blocking and group commits). */
type ServerStats = {
  event_loop_delay_p50_ms: number;
  event_loop_delay_p99_ms: number;
  event_loop_delay_max_ms: number;
  group_commits: number;
  transactions_per_commit_mean: number;
  transactions_per_commit_max: number;
  commit_p50_ms: number;
  commit_p99_ms: number;
  commit_max_ms: number;
  main_thread_cpu_s?: number;
  pglite_thread_cpu_s?: number;
};

/** User + system CPU seconds of each thread of this process (Linux /proc; empty elsewhere). */
function threadCpuSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return seconds;
  }
  for (const tid of tids) {
    try {
      // Fields after the parenthesised command name; utime and stime are the 12th and 13th, in clock ticks (100/s).
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return seconds;
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
  const serverSample = () =>
    new Promise<{ cpuSeconds: number; serverStats: ServerStats }>((resolve) => {
      child.once('message', (message) => {
        const { cpuMicros, serverStats } = message as { cpuMicros: number; serverStats: ServerStats };
        resolve({ cpuSeconds: cpuMicros / 1e6, serverStats });
      });
      child.send('sample');
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
    const cpuBefore = (await serverSample()).cpuSeconds;
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
    const after = await serverSample();
    const serverCpu = after.cpuSeconds - cpuBefore;
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
      ...after.serverStats,
    };
  };
  try {
    // Warm-up (JIT, PGlite buffers), not reported.
    await phase('warm-up', { overallRate: Math.ceil(TARGET_TX_PER_S / BATCH) }, 3);
    const sustained = await phase('sustained', { overallRate: Math.ceil(TARGET_TX_PER_S / BATCH) });
    const saturated = await phase('saturated', {});
    const summary = {
      benchmark: 'api-ingest-json',
      database: process.env['DATABASE_URL'] ? 'postgresql' : 'pglite',
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
