/**
 * Engine + store: log, evaluate, store alerts, checkpoint; crash; recover from the checkpoint and
 * the durable log — the stored alerts equal an uninterrupted run's, none twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../src/domain/index.ts';
import { createEngine, createEnginePipeline } from '../src/engine/index.ts';
import { makeTransaction, type TransactionSpec } from '../src/engine/test-transactions.ts';
import { createStore, migrateAll, openPglite } from '../src/store/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';

const wire = (id: string, hour: number, amount: number, from: string, to: string): TransactionSpec => ({ id, hour, amount, channel: 'wire', from: { account: from }, to: { account: to } });

test('crash after a checkpoint: recover + replay stores exactly the uninterrupted alerts', async () => {
  const typologies = loadBuiltinTypologies();
  const specs: TransactionSpec[] = [];
  for (let round = 0; round < 3; round++) {
    const base = round * 60;
    for (let i = 0; i < 6; i++) specs.push(wire(`r${round}-in${i}`, base + i, 5000 + i * 10, `SRC${round}-${i}`, `HUB${round}`));
    for (let i = 0; i < 5; i++) specs.push(wire(`r${round}-out${i}`, base + 20 + i, 5900, `HUB${round}`, `DST${round}-${i}`));
    specs.push(wire(`r${round}-c1`, base + 30, 50_000, `CA${round}`, `CB${round}`), wire(`r${round}-c2`, base + 40, 49_000, `CB${round}`, `CC${round}`), wire(`r${round}-c3`, base + 50, 48_000, `CC${round}`, `CA${round}`));
  }
  const transactions = specs.map(makeTransaction);
  const reference = createEngine({ typologies });
  const expected = transactions.flatMap((tx) => reference.process(tx).alerts);

  const database = await openPglite({ dataDirectory: 'memory://' });
  try {
    await migrateAll(database);
    const store = createStore(database);
    const first = createEnginePipeline({ engine: createEngine({ typologies }), store, checkpointEvery: 10 });
    for (let i = 0; i < 25; i += 5) await first.submit(transactions.slice(i, i + 5)); // checkpoint after 10 and 20
    // The same batch again (a redelivery) is skipped by the log.
    assert.equal((await first.submit(transactions.slice(20, 25))).duplicates, 5);
    await first.submit(transactions.slice(25, 30)); // third checkpoint, at 30
    // Evaluated and stored, but no checkpoint covers it yet; then logged but never evaluated: crash.
    await first.submit(transactions.slice(30, 33));
    await store.transactionLog.append(transactions.slice(33, 36));

    const second = createEnginePipeline({ engine: createEngine({ typologies }), store, checkpointEvery: 10 });
    const recovered = await second.recover();
    assert.equal(recovered.position, 30);
    assert.equal(recovered.replayed, 6);
    await second.submit(transactions.slice(36));

    const stored = (await store.alerts.list({ limit: 1000 })).map((row) => row.alert);
    const byId = (a: Alert, b: Alert) => a.id.localeCompare(b.id);
    assert.deepEqual(stored.map((a) => a.id).sort(), expected.map((a) => a.id).sort());
    assert.deepEqual([...stored].sort(byId).map((a) => [a.typologyId, a.subjectKey, a.transactionIds]), [...expected].sort(byId).map((a) => [a.typologyId, a.subjectKey, a.transactionIds]));
  } finally {
    await database.close();
  }
});
