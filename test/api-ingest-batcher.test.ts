import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createIngestBatcher, IngestBacklogFullError } from '../src/api/ingest-batcher.ts';
import type { Transaction } from '../src/domain/index.ts';
import { startHarness, type Harness } from './api-harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

function tx(id: string): Transaction {
  return { id, time: '2026-03-01T10:00:00Z', amountMinor: 100, currency: 'USD', channel: 'wire', originator: { accountId: 'A', country: 'US' }, beneficiary: { accountId: 'B', country: 'MX' } };
}

test('concurrent submissions are written in one group; a repeated id is accepted once, in arrival order', async () => {
  const seen: string[][] = [];
  const batcher = createIngestBatcher({ store: h.services.store!, audit: h.services.audit, now: () => new Date('2026-03-01T12:00:00Z'), monitor: async (transactions) => void seen.push(transactions.map((t) => t.id)) });
  const [first, second, third] = await Promise.all([
    batcher.submit({ actor: 'feed-a', source: 's1', format: 'json', entries: [{ location: '0', transaction: tx('G-1') }, { location: '1', transaction: tx('G-2') }] }),
    batcher.submit({ actor: 'feed-b', source: 's2', format: 'json', entries: [{ location: '0', transaction: tx('G-2') }, { location: '1', transaction: tx('G-3') }] }),
    batcher.submit({ actor: 'feed-b', source: 's2', format: 'json', entries: [{ location: '0', quarantined: { source: 's2', location: '0', issues: [{ field: 'id', reason: 'missing' }], raw: '{}' } }] }),
  ]);
  assert.deepEqual(first.results.map((r) => r.status), ['accepted', 'accepted']);
  assert.deepEqual(second.results.map((r) => r.status), ['duplicate', 'accepted']);
  assert.deepEqual(third, { accepted: 0, duplicates: 0, quarantined: 1, results: [{ index: 0, location: '0', status: 'quarantined', issues: [{ field: 'id', reason: 'missing' }] }] });
  await batcher.idle();
  assert.deepEqual(seen.flat().sort(), ['G-1', 'G-2', 'G-3'], 'monitoring sees each new transaction once');
  const entries = (await h.services.audit!.list({ subjectKind: 'transactions' })).filter((e) => e.time === '2026-03-01T12:00:00.000Z' || e.time === '2026-03-01T12:00:00Z');
  const byActor = Object.fromEntries(entries.map((e) => [e.actor, e.details]));
  assert.equal(byActor['feed-b']?.['quarantined'], 1);
  assert.equal(byActor['feed-a']?.['accepted'], 2);
});

test('a failed write rejects every request of its group instead of answering "accepted"', async () => {
  const failing = { ...h.services.store!, transactionLog: { ...h.services.store!.transactionLog, append: async () => Promise.reject(new Error('disk full')) } };
  const batcher = createIngestBatcher({ store: failing, now: () => new Date() });
  await assert.rejects(batcher.submit({ actor: 'x', source: 's', format: 'json', entries: [{ location: '0', transaction: tx('F-1') }] }), /disk full/);
});

test('answers once the records are durable, without waiting for monitoring; monitoring gets every new transaction exactly once, in order', async () => {
  const handedOver: string[][] = [];
  let releaseMonitor!: () => void;
  const monitorBlocked = new Promise<void>((resolve) => (releaseMonitor = resolve));
  const batcher = createIngestBatcher({
    store: h.services.store!,
    now: () => new Date(),
    monitor: async (transactions) => {
      handedOver.push(transactions.map((t) => t.id));
      await monitorBlocked;
    },
  });
  const first = await batcher.submit({ actor: 'a', source: 's', format: 'json', entries: [{ location: '0', transaction: tx('M-1') }] });
  assert.equal(first.accepted, 1, 'answered while monitoring of M-1 is still running');
  assert.deepEqual((await h.services.store!.transactionLog.get('M-1'))?.transaction.id, 'M-1', 'durable before the answer');
  // Logged while monitoring is busy: handed over together afterwards, the duplicate not at all.
  const [second, third] = await Promise.all([
    batcher.submit({ actor: 'a', source: 's', format: 'json', entries: [{ location: '0', transaction: tx('M-2') }, { location: '1', transaction: tx('M-1') }] }),
    batcher.submit({ actor: 'a', source: 's', format: 'json', entries: [{ location: '0', transaction: tx('M-3') }] }),
  ]);
  assert.deepEqual([second.accepted, second.duplicates, third.accepted], [1, 1, 1]);
  assert.deepEqual(handedOver, [['M-1']]);
  releaseMonitor();
  await batcher.idle();
  assert.deepEqual(handedOver, [['M-1'], ['M-2', 'M-3']]);
});

test('a failed monitoring call is reported and does not fail the acknowledged request', async () => {
  const reported: string[] = [];
  const batcher = createIngestBatcher({
    store: h.services.store!,
    now: () => new Date(),
    monitor: async () => Promise.reject(new Error('engine down')),
    onMonitorError: (error) => reported.push((error as Error).message),
  });
  const result = await batcher.submit({ actor: 'a', source: 's', format: 'json', entries: [{ location: '0', transaction: tx('E-1') }] });
  assert.equal(result.accepted, 1);
  await batcher.idle();
  assert.deepEqual(reported, ['engine down']);
});

test('refuses a submission past the backlog bound and writes nothing of it; groups stay within maxTransactions', async () => {
  const groups: number[] = [];
  const store = h.services.store!;
  const counting = { ...store, transactionLog: { ...store.transactionLog, append: (batch: readonly Transaction[]) => (groups.push(batch.length), store.transactionLog.append(batch)) } };
  const batcher = createIngestBatcher({ store: counting, now: () => new Date(), maxTransactions: 3, maxQueuedTransactions: 4 });
  const entries = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ location: String(i), transaction: tx(`${prefix}-${i}`) }));
  const accepted = [batcher.submit({ actor: 'a', source: 's', format: 'json', entries: entries('Q1', 2) }), batcher.submit({ actor: 'a', source: 's', format: 'json', entries: entries('Q2', 2) })];
  await assert.rejects(batcher.submit({ actor: 'a', source: 's', format: 'json', entries: entries('Q3', 1) }), (error: unknown) => error instanceof IngestBacklogFullError && error.queuedTransactions === 4);
  assert.deepEqual((await Promise.all(accepted)).map((r) => r.accepted), [2, 2]);
  assert.deepEqual(groups, [2, 2], 'two requests of 2 do not fit one group of at most 3');
  assert.equal(await store.transactionLog.get('Q3-0'), null);
  // Once written, the backlog has room again.
  assert.equal((await batcher.submit({ actor: 'a', source: 's', format: 'json', entries: entries('Q3', 1) })).accepted, 1);
});
