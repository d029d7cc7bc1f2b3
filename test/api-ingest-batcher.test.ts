import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createIngestBatcher } from '../src/api/ingest-batcher.ts';
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
