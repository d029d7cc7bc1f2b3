import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { IntegrityError, NotFoundError, ValidationError } from '../src/errors.ts';
import { createAlertStore, createCheckpointStore, createStore, createTransactionLog, migrateAll, type Store } from '../src/store/index.ts';
import { testDatabaseTargets, type TestDatabase } from '../src/store/testing.ts';

function transaction(index: number, overrides: Partial<Transaction> = {}): Transaction {
  return {
    id: `tx-${index}`,
    time: new Date(Date.UTC(2026, 2, 1, 12, 0, index)).toISOString(),
    amountMinor: 100_000 + index,
    currency: index % 2 === 0 ? 'USD' : 'MXN',
    channel: 'spei',
    originator: { accountId: `acct-${index % 5}`, partyId: `party-${index % 5}`, country: 'MX', name: 'José Peña Ñúñez' },
    beneficiary: { accountId: 'acct-target', institutionId: '072', country: 'US' },
    ...overrides,
  };
}

function atomicTransaction(suffix: string): Transaction {
  return { ...transaction(0), id: `tx-atomic-${suffix}` };
}

function alert(id: string, typologyId: string, subjectKey: string, time: string): Alert {
  return {
    id,
    typologyId,
    typologyVersion: '1.0.0',
    subjectKey,
    score: 0.75,
    severity: 'alert',
    time,
    triggerTransactionId: 'tx-1',
    transactionIds: ['tx-1', 'tx-2'],
    patterns: ['fan_in'],
    explanation: { rules: [{ id: 'r1', description: 'many senders', fired: true, weight: 1 }], features: { senders: 12, note: 'x' }, summary: '12 senders in 24 h' },
  };
}

for (const target of testDatabaseTargets()) {
  describe(`repositories on ${target.name}`, () => {
    let handle: TestDatabase;
    let store: Store;

    before(async () => {
      handle = await target.open();
      await migrateAll(handle.database);
      store = createStore(handle.database);
    });
    after(async () => {
      await handle?.dispose();
    });

    describe('transaction log', () => {
      it('appends idempotently, reports the new ids and assigns increasing positions', async () => {
        const log = store.transactionLog;
        assert.equal(await log.lastPosition(), 0);
        const first = await log.append([transaction(1), transaction(2), transaction(3)]);
        assert.deepEqual(first.newIds, ['tx-1', 'tx-2', 'tx-3']);
        const second = await log.append([transaction(3), transaction(4), transaction(4), transaction(2), transaction(5)]);
        assert.deepEqual(second.newIds, ['tx-4', 'tx-5']);
        assert.deepEqual(second.entries.map((entry) => entry.transaction), [transaction(4), transaction(5)]);
        assert.equal(second.entries[1]!.sequence, second.lastSequence);
        assert.deepEqual((await log.readAfter(first.lastSequence!)).map((entry) => [entry.sequence, entry.transaction.id]), second.entries.map((entry) => [entry.sequence, entry.transaction.id]));
        assert.ok(second.lastSequence! > first.lastSequence!);
        assert.deepEqual(await log.append([transaction(1)]), { newIds: [], lastSequence: null, entries: [] });
        assert.equal(await log.count(), 5);
        assert.equal(await log.lastPosition(), second.lastSequence);
      });

      it('stores the full transaction and the typed columns', async () => {
        const stored = await store.transactionLog.get('tx-1');
        assert.deepEqual(stored?.transaction, transaction(1));
        const row = await store.database.query(
          `SELECT time, amount_minor, currency, channel, originator_account_id, originator_party_id, originator_country,
                  beneficiary_account_id, beneficiary_institution_id, beneficiary_country, message_id
             FROM transaction_log WHERE id = $1`,
          ['tx-1'],
        );
        assert.deepEqual(row.rows, [
          {
            time: new Date('2026-03-01T12:00:01Z'),
            amount_minor: 100_001,
            currency: 'MXN',
            channel: 'spei',
            originator_account_id: 'acct-1',
            originator_party_id: 'party-1',
            originator_country: 'MX',
            beneficiary_account_id: 'acct-target',
            beneficiary_institution_id: '072',
            beneficiary_country: 'US',
            message_id: null,
          },
        ]);
        assert.equal(await store.transactionLog.get('missing'), null);
      });

      it('streams everything after a position in batches, in order', async () => {
        const batch = Array.from({ length: 2500 }, (_, index) => transaction(1000 + index, { amountMinor: 9_007_199_254_738_000 + index }));
        const appended = await store.transactionLog.append(batch);
        assert.equal(appended.newIds.length, 2500);
        const start = (await store.transactionLog.get('tx-5'))!.sequence;
        const seen: string[] = [];
        let batches = 0;
        for await (const entries of store.transactionLog.stream(start, { batchSize: 1000 })) {
          batches += 1;
          seen.push(...entries.map((entry) => entry.transaction.id));
        }
        assert.equal(batches, 3);
        assert.deepEqual(seen, batch.map((entry) => entry.id));
        assert.equal((await store.transactionLog.get('tx-3499'))!.transaction.amountMinor, 9_007_199_254_740_499);
        const tail = await store.transactionLog.readAfter(appended.lastSequence! - 2, 10);
        assert.deepEqual(tail.map((entry) => entry.transaction.id), ['tx-3498', 'tx-3499']);
      });

      it('reads several by id and lists an account on both sides, newest first', async () => {
        const many = await store.transactionLog.getMany(['tx-3', 'missing', 'tx-1', 'tx-3']);
        assert.deepEqual(many.map((entry) => entry.transaction.id), ['tx-3', 'tx-1', 'tx-3']);
        assert.deepEqual(await store.transactionLog.getMany([]), []);
        // acct-1 originates tx-1 and every 5th bulk row; the target account receives them all.
        const sent = await store.transactionLog.listByAccount('acct-1', { limit: 3 });
        assert.deepEqual(sent.map((entry) => entry.transaction.id), ['tx-3496', 'tx-3491', 'tx-3486']);
        const window = await store.transactionLog.listByAccount('acct-target', { from: '2026-03-01T12:00:02Z', to: '2026-03-01T12:00:05Z' });
        assert.deepEqual(window.map((entry) => entry.transaction.id), ['tx-4', 'tx-3', 'tx-2']);
        assert.deepEqual(await store.transactionLog.listByAccount('nobody'), []);
      });

      it('keeps sequence order equal to commit order under concurrent appends', async () => {
        const before = await store.transactionLog.lastPosition();
        const writers = Array.from({ length: 4 }, (_, writer) =>
          store.transactionLog.append(Array.from({ length: 50 }, (_, index) => transaction(10_000 + writer * 100 + index))),
        );
        const results = await Promise.all(writers);
        assert.equal(results.reduce((sum, result) => sum + result.newIds.length, 0), 200);
        const entries = await store.transactionLog.readAfter(before, 1000);
        assert.equal(entries.length, 200);
        // Each writer's batch occupies one contiguous run of positions.
        const writerOf = entries.map((entry) => Math.floor((Number(entry.transaction.id.slice(3)) - 10_000) / 100));
        const runs = writerOf.filter((writer, index) => index === 0 || writer !== writerOf[index - 1]).length;
        assert.equal(runs, 4);
      });

      it('refuses a corrupted log entry instead of replaying it', async () => {
        await store.transactionLog.append([transaction(99_999)]);
        await store.database.query(`UPDATE transaction_log SET document = (document::jsonb - 'currency')::json WHERE id = $1`, ['tx-99999']);
        await assert.rejects(store.transactionLog.get('tx-99999'), IntegrityError);
        await store.database.query('DELETE FROM transaction_log WHERE id = $1', ['tx-99999']);
        await assert.rejects(store.transactionLog.readAfter(-1), RangeError);
      });
    });

    describe('alerts', () => {
      before(async () => {
        const alerts = [
          alert('a-1', 'structuring', 'acct-1', '2026-03-01T10:00:00Z'),
          alert('a-2', 'structuring', 'acct-2', '2026-03-02T10:00:00Z'),
          alert('a-3', 'funnel', 'acct-1', '2026-03-03T10:00:00Z'),
          { ...alert('a-4', 'fan_in', 'acct-3', '2026-03-04T10:00:00-06:00'), severity: 'interdict' as const, partyId: 'party-3' },
        ];
        assert.deepEqual((await store.alerts.insert(alerts)).newIds, ['a-1', 'a-2', 'a-3', 'a-4']);
        assert.deepEqual((await store.alerts.insert([alerts[0]!, alert('a-5', 'structuring', 'acct-1', '2026-03-05T10:00:00Z')])).newIds, ['a-5']);
      });

      it('returns the stored alert unchanged with its status', async () => {
        const stored = await store.alerts.get('a-4');
        assert.deepEqual(stored?.alert, { ...alert('a-4', 'fan_in', 'acct-3', '2026-03-04T10:00:00-06:00'), severity: 'interdict', partyId: 'party-3' });
        assert.equal(stored?.status, 'new');
        assert.equal(await store.alerts.get('nope'), null);
      });

      it('filters by typology, subject, time and status, newest first', async () => {
        const ids = async (filter: Parameters<typeof store.alerts.list>[0]) => (await store.alerts.list(filter)).map((entry) => entry.alert.id);
        assert.deepEqual(await ids({}), ['a-5', 'a-4', 'a-3', 'a-2', 'a-1']);
        assert.deepEqual(await ids({ typologyId: 'structuring' }), ['a-5', 'a-2', 'a-1']);
        assert.deepEqual(await ids({ subjectKey: 'acct-1', from: '2026-03-02T00:00:00Z' }), ['a-5', 'a-3']);
        assert.deepEqual(await ids({ from: new Date('2026-03-02T10:00:00Z'), to: '2026-03-04T16:00:00Z' }), ['a-3', 'a-2']);
        assert.deepEqual(await ids({ severity: 'interdict' }), ['a-4']);
        assert.deepEqual(await ids({ limit: 2, offset: 1 }), ['a-4', 'a-3']);
        await store.alerts.setStatus('a-2', 'in_review');
        assert.deepEqual(await ids({ status: 'in_review' }), ['a-2']);
        assert.equal(await store.alerts.count({ status: 'new' }), 4);
        await assert.rejects(store.alerts.setStatus('nope', 'closed'), NotFoundError);
        await assert.rejects(store.alerts.list({ limit: 5000 }), ValidationError);
      });

      it('counts alerts by typology', async () => {
        assert.deepEqual(await store.alerts.countByTypology(), [
          { typologyId: 'structuring', count: 3 },
          { typologyId: 'fan_in', count: 1 },
          { typologyId: 'funnel', count: 1 },
        ]);
        assert.deepEqual(await store.alerts.countByTypology({ subjectKey: 'acct-1', to: '2026-03-04T00:00:00Z' }), [
          { typologyId: 'funnel', count: 1 },
          { typologyId: 'structuring', count: 1 },
        ]);
      });
    });

    describe('checkpoints', () => {
      it('saves states and returns the latest per name, pruning old ones', async () => {
        assert.equal(await store.checkpoints.latest('engine'), null);
        const big = new Uint8Array(300_000).map((_, index) => (index * 7) % 256);
        await store.checkpoints.save({ name: 'engine', logPosition: 10, state: new Uint8Array([1, 2, 3]) });
        await store.checkpoints.save({ name: 'engine.partition-1', logPosition: 5, state: new Uint8Array([9]) });
        const saved = await store.checkpoints.save({ name: 'engine', logPosition: 20, state: big });
        const latest = await store.checkpoints.latest('engine');
        assert.deepEqual(latest, saved);
        assert.equal(latest?.logPosition, 20);
        assert.deepEqual(latest?.state, big);
        assert.equal((await store.checkpoints.latest('engine.partition-1'))?.logPosition, 5);
        await store.checkpoints.save({ name: 'engine', logPosition: 30, state: new Uint8Array([]) });
        assert.equal(await store.checkpoints.prune('engine', 1), 2);
        assert.deepEqual((await store.checkpoints.latest('engine'))?.state, new Uint8Array([]));
        await assert.rejects(store.checkpoints.save({ name: 'engine', logPosition: -1, state: new Uint8Array() }), RangeError);
      });
    });

    describe('atomic composition', () => {
      it('appends, inserts alerts and saves a checkpoint in one transaction, or none of them', async () => {
        const write = (suffix: string, fail: boolean) =>
          store.database.transaction(async (transaction) => {
            const appended = await createTransactionLog(transaction).append([atomicTransaction(suffix)]);
            await createAlertStore(transaction).insert([alert(`atomic-${suffix}`, 'atomic', 'acct-9', '2026-04-01T00:00:00Z')]);
            await createCheckpointStore(transaction).save({ name: `atomic-${suffix}`, logPosition: appended.lastSequence!, state: new Uint8Array([1]) });
            if (fail) throw new Error('crash before commit');
          });
        await assert.rejects(write('lost', true), /crash before commit/);
        assert.equal(await store.transactionLog.get('tx-atomic-lost'), null);
        assert.equal(await store.alerts.get('atomic-lost'), null);
        assert.equal(await store.checkpoints.latest('atomic-lost'), null);
        await write('kept', false);
        const logged = await store.transactionLog.get('tx-atomic-kept');
        assert.equal((await store.checkpoints.latest('atomic-kept'))?.logPosition, logged?.sequence);
        assert.equal((await store.alerts.get('atomic-kept'))?.alert.typologyId, 'atomic');
      });
    });

    describe('quarantine', () => {
      it('keeps rejected records with their reasons', async () => {
        const records = [
          { source: 'wires.csv', location: 'line 12', issues: [{ field: 'amount', reason: 'not a number' }], raw: 'a,b\tc\n"d"' },
          { source: 'wires.csv', location: 'line 13', issues: [{ field: 'currency', reason: 'unknown' }, { field: 'time', reason: 'missing' }], raw: 'bad\u0000byte' },
          { source: 'pacs008.xml', location: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]', issues: [{ field: 'IntrBkSttlmAmt', reason: 'missing' }], raw: '<CdtTrfTxInf/>' },
        ];
        assert.equal(await store.quarantine.insert(records), 3);
        const wires = await store.quarantine.list({ source: 'wires.csv' });
        assert.deepEqual(wires.map(({ id: _id, createdAt: _createdAt, ...record }) => record), [records[0], { ...records[1]!, raw: 'bad\uFFFDbyte' }]);
        assert.equal(await store.quarantine.count(), 3);
        assert.equal(await store.quarantine.count({ source: 'pacs008.xml' }), 1);
        const page = await store.quarantine.list({ afterId: wires[0]!.id, limit: 1 });
        assert.equal(page[0]?.location, 'line 13');
        await assert.rejects(store.quarantine.insert([{ source: 'x', location: 'y', issues: [], raw: '' }]));
      });
    });
  });
}
