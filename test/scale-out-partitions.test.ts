import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { createInProcessBus, partitionFor } from '../src/bus/index.ts';
import { TransactionSchema, type Transaction } from '../src/domain/index.ts';
import { makeTransaction } from '../src/engine/test-transactions.ts';
import { partitionOwnership, publishTransactions, transactionPartitions } from '../src/scale-out/index.ts';

/** Two accounts on different partitions of 4 and one more on the first's partition. */
function accountsOnPartitions(): { a: string; b: string; sameAsA: string } {
  const names = Array.from({ length: 64 }, (_, index) => `ACCT-${index}`);
  const a = names[0]!;
  const b = names.find((name) => partitionFor(name, 4) !== partitionFor(a, 4))!;
  const sameAsA = names.find((name) => name !== a && partitionFor(name, 4) === partitionFor(a, 4))!;
  return { a, b, sameAsA };
}

const cli = (args: string[], env: Record<string, string | undefined>) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'], ...env } });

describe('scale-out partitioning', () => {
  const { a, b, sameAsA } = accountsOnPartitions();
  const crossing = makeTransaction({ id: 't-cross', hour: 1, amount: 900, channel: 'wire', from: { account: a }, to: { account: b } });
  const local = makeTransaction({ id: 't-local', hour: 2, amount: 900, channel: 'wire', from: { account: a }, to: { account: sameAsA } });
  const byParty = makeTransaction({ id: 't-party', hour: 3, amount: 900, channel: 'cash_deposit', from: { party: 'P-9' }, to: { account: a } });

  it('sends a transaction to the partitions of both ends’ subject keys, once each', () => {
    assert.deepEqual(transactionPartitions(crossing, 4), [partitionFor(a, 4), partitionFor(b, 4)].sort((x, y) => x - y));
    assert.deepEqual(transactionPartitions(local, 4), [partitionFor(a, 4)]);
    // A party without an account is keyed `party:<id>`, as the engine keys it.
    assert.ok(transactionPartitions(byParty, 4).includes(partitionFor('party:P-9', 4)));
  });

  it('falls back to the transaction id when no end has a subject key, so the transaction still reaches the log', () => {
    const anonymous: Transaction = { ...local, id: 't-anonymous', originator: { country: 'US' }, beneficiary: { country: 'MX' } };
    assert.deepEqual(transactionPartitions(anonymous, 4), [partitionFor('t-anonymous', 4)]);
    assert.ok(partitionOwnership(partitionFor('t-anonymous', 4), 4).accepts(anonymous));
  });

  it('each worker accepts exactly the transactions of its partitions and owns only its subjects', () => {
    for (let partition = 0; partition < 4; partition++) {
      const ownership = partitionOwnership(partition, 4);
      assert.equal(ownership.name, `engine-p${partition}-of-4`);
      assert.equal(ownership.accepts(crossing), partition === partitionFor(a, 4) || partition === partitionFor(b, 4));
      assert.equal(ownership.ownsSubject(b), partition === partitionFor(b, 4));
    }
    assert.throws(() => partitionOwnership(4, 4), RangeError);
    assert.throws(() => partitionOwnership(0, 0), RangeError);
  });

  it('publishes to tx.<partition> with message id <transaction id>:<partition>; a repeated publish is dropped', async () => {
    const bus = createInProcessBus();
    try {
      const received: Array<[string, string]> = [];
      for (let partition = 0; partition < 4; partition++) {
        await bus.subscribe(`tx.${partition}`, async (transaction, delivery) => void received.push([delivery.subject, transaction.id]), { schema: TransactionSchema, durable: `p${partition}` });
      }
      const summary = await publishTransactions(bus, [crossing, local], 4);
      await publishTransactions(bus, [crossing], 4);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(summary.messages, 3);
      assert.deepEqual(summary.crossPartition, 1);
      assert.equal(summary.byPartition.reduce((sum, count) => sum + count, 0), 3);
      const expected: Array<[string, string]> = [...transactionPartitions(crossing, 4).map((p): [string, string] => [`tx.${p}`, 't-cross']), [`tx.${partitionFor(a, 4)}`, 't-local']];
      assert.deepEqual(received.sort(), expected.sort());
    } finally {
      await bus.close();
    }
  });

  it('publish and worker refuse to run on the single-process defaults and say why', () => {
    const publish = cli(['publish', 'missing.csv', '--partitions', '2'], {});
    assert.equal(publish.status, 2);
    assert.match(publish.stderr, /needs NATS: set NATS_URL/);
    const worker = cli(['worker', '--partition', '0', '--partitions', '2'], { NATS_URL: 'nats://127.0.0.1:4222' });
    assert.equal(worker.status, 2);
    assert.match(worker.stderr, /needs DATABASE_URL: scale-out workers share one PostgreSQL log/);
    const outOfRange = cli(['worker', '--partition', '2', '--partitions', '2'], {});
    assert.match(outOfRange.stderr, /--partition must be a whole number from 0 to 1/);
  });
});
