import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../domain/index.ts';
import { createEngine } from '../engine/index.ts';
import { makeTransaction, type TransactionSpec } from '../engine/test-transactions.ts';
import { createStore, migrateAll, openPglite, type Store } from '../store/index.ts';
import { loadBuiltinTypologies } from '../typologies/index.ts';
import { createMonitor } from './index.ts';

const typologies = loadBuiltinTypologies();
const wire = (id: string, hour: number, amount: number, from: string, to: string): TransactionSpec => ({ id, hour, amount, channel: 'wire', from: { account: from }, to: { account: to } });

/** Three rounds of fan-in → fan-out through a hub plus a three-account cycle. */
function scenario() {
  const specs: TransactionSpec[] = [];
  for (let round = 0; round < 3; round++) {
    const base = round * 60;
    for (let i = 0; i < 6; i++) specs.push(wire(`r${round}-in${i}`, base + i, 5000 + i * 10, `SRC${round}-${i}`, `HUB${round}`));
    for (let i = 0; i < 5; i++) specs.push(wire(`r${round}-out${i}`, base + 20 + i, 5900, `HUB${round}`, `DST${round}-${i}`));
    specs.push(wire(`r${round}-c1`, base + 30, 50_000, `CA${round}`, `CB${round}`), wire(`r${round}-c2`, base + 40, 49_000, `CB${round}`, `CC${round}`), wire(`r${round}-c3`, base + 50, 48_000, `CC${round}`, `CA${round}`));
  }
  return specs.map(makeTransaction);
}

/** What an uninterrupted in-memory run produces: each alert with the transactions later added to it. */
function expectedAlerts(transactions: ReturnType<typeof scenario>): Array<[string, string, string[]]> {
  const engine = createEngine({ typologies });
  const alerts = new Map<string, Alert>();
  for (const transaction of transactions) {
    const result = engine.process(transaction);
    for (const alert of result.alerts) alerts.set(alert.id, { ...alert, transactionIds: [...alert.transactionIds] });
    for (const update of result.updates) {
      const alert = alerts.get(update.alertId)!;
      for (const id of update.transactionIds) if (!alert.transactionIds.includes(id)) alert.transactionIds.push(id);
    }
  }
  return [...alerts.values()].map((alert): [string, string, string[]] => [alert.id, alert.typologyId, alert.transactionIds]).sort((a, b) => a[0].localeCompare(b[0]));
}

async function storedAlerts(store: Store): Promise<Array<[string, string, string[]]>> {
  const rows = await store.alerts.list({ limit: 1000 });
  return rows.map((row): [string, string, string[]] => [row.alert.id, row.alert.typologyId, row.alert.transactionIds]).sort((a, b) => a[0].localeCompare(b[0]));
}

async function freshStore(): Promise<Store> {
  const database = await openPglite({ dataDirectory: 'memory://' });
  await migrateAll(database);
  return createStore(database);
}

test('a crash after a checkpoint, then restore and replay, stores exactly the alerts of an uninterrupted run', async () => {
  const transactions = scenario();
  const expected = expectedAlerts(transactions);
  assert.ok(expected.length >= 3, 'the scenario raises alerts');
  const store = await freshStore();
  try {
    const first = createMonitor({ engine: createEngine({ typologies }), store, checkpointEvery: 10 });
    await first.start();
    for (let i = 0; i < 25; i += 5) await first.ingest(transactions.slice(i, i + 5)); // checkpoints after 10 and 20
    // A redelivered batch is skipped by the log and not evaluated again.
    const redelivered = await first.ingest(transactions.slice(20, 25));
    assert.deepEqual([redelivered.newIds.length, redelivered.evaluated], [0, 0]);
    await first.ingest(transactions.slice(25, 30)); // checkpoint at 30
    // Evaluated and stored but not checkpointed, then logged but never evaluated: the process dies.
    await first.ingest(transactions.slice(30, 33));
    await store.transactionLog.append(transactions.slice(33, 36));

    const second = createMonitor({ engine: createEngine({ typologies }), store, checkpointEvery: 10 });
    const restarted = await second.start();
    assert.equal(restarted.restoredFrom, 30);
    assert.equal(restarted.evaluated, 6);
    await second.ingest(transactions.slice(36));
    assert.deepEqual(await storedAlerts(store), expected);
    assert.equal(await store.transactionLog.count(), transactions.length);
  } finally {
    await store.database.close();
  }
});

test('transactions appended by another writer (the HTTP ingest) are evaluated on catch-up, once', async () => {
  const transactions = scenario();
  const store = await freshStore();
  try {
    const monitor = createMonitor({ engine: createEngine({ typologies }), store });
    await monitor.start();
    await store.transactionLog.append(transactions);
    const caughtUp = await monitor.catchUp();
    assert.equal(caughtUp.evaluated, transactions.length);
    assert.deepEqual(await storedAlerts(store), expectedAlerts(transactions));
    const again = await monitor.catchUp();
    assert.equal(again.evaluated, 0);
  } finally {
    await store.database.close();
  }
});

test('a checkpoint taken with another typology set is set aside and the whole log replayed', async () => {
  const transactions = scenario();
  const store = await freshStore();
  try {
    const fewer = typologies.filter((typology) => typology.id !== 'cycle');
    const first = createMonitor({ engine: createEngine({ typologies: fewer }), store });
    await first.start();
    await first.ingest(transactions);
    await first.checkpoint();

    const upgraded = createMonitor({ engine: createEngine({ typologies }), store });
    const restarted = await upgraded.start();
    assert.match(restarted.discardedCheckpoint ?? '', /typologies/);
    assert.equal(restarted.restoredFrom, 0);
    assert.equal(restarted.evaluated, transactions.length);
    const stored = await storedAlerts(store);
    const expected = expectedAlerts(transactions);
    // Every alert of the full library is there once, including the cycle alerts the first run lacked.
    for (const alert of expected) assert.ok(stored.some((row) => row[0] === alert[0]), `alert ${alert[0]} stored`);
    assert.equal(new Set(stored.map((row) => row[0])).size, stored.length);
  } finally {
    await store.database.close();
  }
});
