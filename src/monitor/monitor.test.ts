import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../engine/index.ts';
import { loadBuiltinTypologies } from '../typologies/index.ts';
import { generateCorridor } from '../synth/index.ts';
import { createStore, migrateAll, openPglite, type Store } from '../store/index.ts';
import type { Transaction } from '../domain/index.ts';
import { createMonitor } from './index.ts';

const typologies = loadBuiltinTypologies();

function corridorTransactions(): Transaction[] {
  const corridor = generateCorridor({ seed: 11, transactions: 4_000, days: 15 });
  const out: Transaction[] = [];
  for (const batch of corridor.batches()) out.push(...batch.transactions);
  return out;
}

async function freshStore(): Promise<Store> {
  const database = await openPglite({ dataDirectory: 'memory://' });
  await migrateAll(database);
  return createStore(database);
}

async function storedAlerts(store: Store): Promise<Array<{ id: string; transactionIds: string[] }>> {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.alerts.list({ limit: 1000, offset });
    rows.push(...page);
    if (page.length < 1000) break;
  }
  return rows.map((row) => ({ id: row.alert.id, transactionIds: row.alert.transactionIds })).sort((a, b) => a.id.localeCompare(b.id));
}

test('a crash after a checkpoint and a replay of the log gives exactly the alerts of an uninterrupted run', async () => {
  const transactions = corridorTransactions();
  const half = Math.floor(transactions.length / 2);

  const reference = await freshStore();
  const uninterrupted = createMonitor({ engine: createEngine({ typologies }), store: reference });
  await uninterrupted.start();
  await uninterrupted.ingest(transactions.slice(0, half));
  await uninterrupted.ingest(transactions.slice(half));
  const expected = await storedAlerts(reference);
  assert.ok(expected.length > 0, 'the corridor raises alerts');

  const store = await freshStore();
  const first = createMonitor({ engine: createEngine({ typologies }), store, checkpointEvery: 1_000_000 });
  await first.start();
  await first.ingest(transactions.slice(0, half));
  await first.checkpoint();
  // More work after the checkpoint is logged, then the process dies before checkpointing again.
  await store.transactionLog.append(transactions.slice(half));

  const second = createMonitor({ engine: createEngine({ typologies }), store });
  const restarted = await second.start();
  assert.ok(restarted.restoredFrom > 0);
  assert.equal(restarted.evaluated, transactions.length - half);
  assert.deepEqual(await storedAlerts(store), expected);
  await reference.database.close();
  await store.database.close();
});

test('a transaction ingested twice is evaluated once and raises no second alert', async () => {
  const store = await freshStore();
  const monitor = createMonitor({ engine: createEngine({ typologies }), store });
  await monitor.start();
  const transactions = corridorTransactions().slice(0, 2_000);
  const first = await monitor.ingest(transactions);
  assert.equal(first.evaluated, 2_000);
  assert.equal(first.newIds.length, 2_000);
  const alertsBefore = await store.alerts.count();
  const again = await monitor.ingest(transactions);
  assert.equal(again.newIds.length, 0);
  assert.equal(again.evaluated, 0);
  assert.equal(await store.alerts.count(), alertsBefore);
  assert.equal(await store.transactionLog.count(), 2_000);
  await store.database.close();
});
