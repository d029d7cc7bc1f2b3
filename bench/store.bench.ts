/**
 * Store write throughput: bulk-inserts synthetic transactions into the transaction log on
 * file-backed PGlite (COPY path and multi-row INSERT path) and on PostgreSQL, and prints one
 * JSON line per measurement with rows per second.
 *
 * Usage: `npm run bench:store -- [rows] [targets]` (default 50,000 rows;
 * targets `pglite-copy,pglite-values,postgres`). PostgreSQL: FRONTERA_BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test, in a throw-away schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from '../src/domain/index.ts';
import { createTransactionLog, migrateAll, openPglite, openPostgres, quoteIdentifier, transactionRow, type Database } from '../src/store/index.ts';
import { uniqueSchemaName } from '../src/store/testing.ts';

const rows = Number(process.argv[2] ?? 50_000);
const targets = (process.argv[3] ?? 'pglite-copy,pglite-values,postgres').split(',');
const postgresUrl = process.env['FRONTERA_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const APPEND_BATCH = 2000;
const CHANNELS = ['wire', 'spei', 'ach', 'cash_deposit', 'remittance'] as const;

function transaction(index: number, prefix: string): Transaction {
  return {
    id: `${prefix}-${index.toString(36).padStart(8, '0')}`,
    messageId: `MSG-${Math.floor(index / 1000)}`,
    time: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    amountMinor: 1 + ((index * 7919) % 2_000_000),
    currency: index % 3 === 0 ? 'MXN' : 'USD',
    channel: CHANNELS[index % CHANNELS.length]!,
    originator: { partyId: `P${index % 50_000}`, name: 'María de los Ángeles Pérez', accountId: `ACC${index % 80_000}`, institutionId: '021000021', country: 'US', postalCode: '85001' },
    beneficiary: { partyId: `P${(index * 13) % 50_000}`, name: 'Comercializadora del Norte S.A. de C.V.', accountId: '002010077777777771', institutionId: 'BNMXMXMM', country: 'MX' },
    purpose: 'family support',
  };
}

const COLUMNS = ['id', 'message_id', 'time', 'amount_minor', 'currency', 'channel', 'originator_party_id', 'originator_account_id', 'originator_institution_id', 'originator_country', 'beneficiary_party_id', 'beneficiary_account_id', 'beneficiary_institution_id', 'beneficiary_country', 'document'];

/**
 * Wall-clock rows/s, plus rows per second of this process's CPU time: for PGlite the database
 * runs inside this process, so CPU time is its cost without waiting for a core on a busy machine
 * (for PostgreSQL it is only the client's share).
 */
async function measure(store: string, operation: string, count: number, work: () => Promise<unknown>): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result = {
    bench: 'store',
    store,
    operation,
    rows: count,
    seconds: Number(seconds.toFixed(3)),
    rowsPerSecond: Math.round(count / seconds),
    processCpuSeconds: Number(cpuSeconds.toFixed(3)),
    rowsPerProcessCpuSecond: Math.round(count / cpuSeconds),
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function run(store: string, open: () => Promise<{ database: Database; dispose: () => Promise<void> }>): Promise<void> {
  const openedAt = process.hrtime.bigint();
  const { database, dispose } = await open();
  process.stdout.write(`${JSON.stringify({ bench: 'store', store, operation: 'open+migrate', seconds: Number((Number(process.hrtime.bigint() - openedAt) / 1e9).toFixed(3)) })}\n`);
  try {
    const log = createTransactionLog(database);
    const bulk = Array.from({ length: rows }, (_, index) => transactionRow(transaction(index, 'BULK')));
    await measure(store, 'insertRows (one call, plain insert)', rows, () => database.insertRows('transaction_log', COLUMNS, bulk));

    const appended = Array.from({ length: rows }, (_, index) => transaction(index, 'APPEND'));
    await measure(store, `transactionLog.append (batches of ${APPEND_BATCH}, idempotent)`, rows, async () => {
      for (let start = 0; start < rows; start += APPEND_BATCH) await log.append(appended.slice(start, start + APPEND_BATCH));
    });
    await measure(store, `transactionLog.append again (all duplicates)`, rows, async () => {
      for (let start = 0; start < rows; start += APPEND_BATCH) await log.append(appended.slice(start, start + APPEND_BATCH));
    });
    await measure(store, 'transactionLog.stream (replay, batches of 5000)', rows * 2, async () => {
      let count = 0;
      for await (const batch of log.stream(0, { batchSize: 5000 })) count += batch.length;
      if (count !== rows * 2) throw new Error(`replayed ${count} rows, expected ${rows * 2}`);
    });
  } finally {
    await dispose();
  }
}

for (const target of targets) {
  if (target === 'pglite-copy' || target === 'pglite-values') {
    const bulkMethod = target === 'pglite-copy' ? 'copy' : 'values';
    await run(target, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'frontera-bench-'));
      const database = await openPglite({ dataDirectory: folder, bulkMethod });
      await migrateAll(database);
      return {
        database,
        async dispose() {
          await database.close();
          rmSync(folder, { recursive: true, force: true });
        },
      };
    });
  } else if (target === 'postgres') {
    await run(target, async () => {
      const schema = uniqueSchemaName('bench');
      const database = await openPostgres({ url: postgresUrl, schema });
      await migrateAll(database);
      return {
        database,
        async dispose() {
          await database.exec(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
          await database.close();
        },
      };
    });
  } else {
    throw new Error(`unknown target ${target}; use pglite-copy, pglite-values or postgres`);
  }
}
