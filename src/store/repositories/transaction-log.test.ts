import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Transaction } from '../../domain/index.ts';
import { createTransactionLog, migrateAll } from '../index.ts';
import { testDatabaseTargets, type TestDatabase } from '../testing.ts';

function transaction(id: string): Transaction {
  return { id, time: '2026-03-01T10:00:00Z', amountMinor: 100, currency: 'USD', channel: 'wire', originator: { accountId: 'A', country: 'US' }, beneficiary: { accountId: 'B', country: 'MX' } };
}

for (const target of testDatabaseTargets()) {
  describe(`transaction log positions on ${target.name}`, () => {
    let handle: TestDatabase;
    before(async () => {
      handle = await target.open();
      await migrateAll(handle.database);
    });
    after(() => handle?.dispose());

    it('reports the positions the log gave, in input order, with and without gaps in the identity', async () => {
      const log = createTransactionLog(handle.database);
      const run = await log.append([transaction('P-1'), transaction('P-2'), transaction('P-1'), transaction('P-3')]);
      assert.deepEqual(run.newIds, ['P-1', 'P-2', 'P-3']);
      // Positions read back from the table are the ones the append reported.
      const stored = async () => (await log.readAfter(0, 100)).map((entry) => [entry.transaction.id, entry.sequence]);
      assert.deepEqual(run.entries.map((entry) => [entry.transaction.id, entry.sequence]), await stored());

      // Identity values with gaps (as a PostgreSQL sequence cache can leave) are read back id by id.
      await handle.database.exec('ALTER TABLE transaction_log ALTER COLUMN sequence SET INCREMENT BY 3');
      const gapped = await log.append([transaction('P-4'), transaction('P-2'), transaction('P-5')]);
      assert.deepEqual(gapped.newIds, ['P-4', 'P-5']);
      assert.equal(gapped.entries[1]!.sequence - gapped.entries[0]!.sequence, 3);
      assert.equal(gapped.lastSequence, gapped.entries[1]!.sequence);
      assert.deepEqual([...run.entries, ...gapped.entries].map((entry) => [entry.transaction.id, entry.sequence]), await stored());
    });
  });
}
