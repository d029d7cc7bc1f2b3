import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from '../src/bus/index.ts';
import { cleanupStream, ensureTestNats, TEST_NATS_URL, uniqueNamespace } from '../src/bus/testing.ts';
import { connectNatsBus } from '../src/bus/index.ts';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { createEngine } from '../src/engine/index.ts';
import { partitionOwnership, publishTransactions, startPartitionWorker, transactionPartitions, type PartitionWorker } from '../src/scale-out/index.ts';
import { createStore, migrateAll, openPostgres, quoteIdentifier, type Database, type Store } from '../src/store/index.ts';
import { ensureTestPostgres, TEST_POSTGRES_URL, uniqueSchemaName } from '../src/store/testing.ts';
import { generateCorridor } from '../src/synth/index.ts';
import { loadBuiltinTypologies, type FeatureGroup } from '../src/typologies/index.ts';

/**
 * Scale-out on real PostgreSQL and NATS JetStream: two partition workers (in this process, each
 * with its own database pool and NATS connection) behind a publisher, compared with one
 * in-memory engine over the same log.
 */

const typologies = loadBuiltinTypologies();
const PER_ACCOUNT_GROUPS: ReadonlySet<FeatureGroup> = new Set(['current', 'window', 'flow', 'fan']);
/** Typologies whose rules read only the subject's own history (no multi-account graph pattern). */
const perAccount = new Set(typologies.filter((typology) => [...typology.groups].every((group) => PER_ACCOUNT_GROUPS.has(group))).map((typology) => typology.id));

// FRONTERA_SCALE_OUT_TRANSACTIONS runs it on a larger corridor (by hand; the suite uses 3,000).
const count = Number(process.env['FRONTERA_SCALE_OUT_TRANSACTIONS'] ?? 3000);
const timeScale = Math.max(1, count / 3000);

function corridorTransactions(): Transaction[] {
  const transactions: Transaction[] = [];
  for (const batch of generateCorridor({ seed: 3, transactions: count, days: Math.max(10, Math.round(count / 300)) }).batches()) transactions.push(...batch.transactions);
  return transactions;
}

type Snapshot = { id: string; typologyId: string; subjectKey: string; triggerTransactionId: string; transactionIds: string[] };
const snapshot = (alert: Alert): Snapshot => ({ id: alert.id, typologyId: alert.typologyId, subjectKey: alert.subjectKey, triggerTransactionId: alert.triggerTransactionId, transactionIds: [...alert.transactionIds].sort() });

/** One engine over the whole log, in log order: what an unpartitioned deployment stores. */
function referenceAlerts(logged: readonly Transaction[]): Map<string, Snapshot> {
  const engine = createEngine({ typologies });
  const alerts = new Map<string, Snapshot>();
  for (const transaction of logged) {
    const result = engine.process(transaction);
    for (const alert of result.alerts) alerts.set(alert.id, snapshot(alert));
    for (const update of result.updates) {
      const alert = alerts.get(update.alertId)!;
      alert.transactionIds = [...new Set([...alert.transactionIds, ...update.transactionIds])].sort();
    }
  }
  return alerts;
}

async function storedAlerts(store: Store): Promise<Snapshot[]> {
  const alerts: Snapshot[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.alerts.list({ limit: 1000, offset });
    alerts.push(...page.map((stored) => snapshot(stored.alert)));
    if (page.length < 1000) return alerts;
  }
}

async function loggedTransactions(store: Store): Promise<Transaction[]> {
  const transactions: Transaction[] = [];
  for await (const entries of store.transactionLog.stream(0, { batchSize: 5000 })) transactions.push(...entries.map((entry) => entry.transaction));
  return transactions;
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000 * timeScale): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Node = { database: Database; store: Store; bus: Bus };

describe('scale-out: two partition workers on PostgreSQL and NATS JetStream', { timeout: 180_000 * timeScale }, () => {
  const transactions = corridorTransactions();
  const schema = uniqueSchemaName('scaleout');
  const namespace = uniqueNamespace();
  const nodes: Node[] = [];

  const openNode = async (): Promise<Node> => {
    const database = await openPostgres({ url: TEST_POSTGRES_URL, schema, maxConnections: 3 });
    const bus = await connectNatsBus({ servers: TEST_NATS_URL, namespace, ackWaitMs: 30_000, prefetch: 16, maxAgeMs: 10 * 60_000 });
    const node = { database, store: createStore(database), bus };
    nodes.push(node);
    return node;
  };
  const closeNode = async (node: Node) => {
    nodes.splice(nodes.indexOf(node), 1);
    await node.bus.close();
    await node.database.close();
  };
  const startWorker = (node: Node, partition: number) => startPartitionWorker({ bus: node.bus, store: node.store, engine: createEngine({ typologies }), partition, partitions: 2, checkpointEvery: 500 });

  before(async () => {
    await Promise.all([ensureTestPostgres(), ensureTestNats()]);
    const first = await openNode();
    await migrateAll(first.database);
  });

  after(async () => {
    for (const node of [...nodes]) await closeNode(node);
    const database = await openPostgres({ url: TEST_POSTGRES_URL, schema });
    try {
      await database.exec(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    } finally {
      await database.close();
    }
    await cleanupStream({ servers: TEST_NATS_URL, namespace });
  });

  it('partitions by subject key and sends a transaction to both ends’ partitions', () => {
    const crossing = transactions.filter((transaction) => transactionPartitions(transaction, 2).length === 2);
    assert.ok(crossing.length > transactions.length / 4, 'a good share of the corridor crosses partitions');
    for (const transaction of transactions.slice(0, 200)) {
      const targets = transactionPartitions(transaction, 2);
      for (const partition of [0, 1]) assert.equal(partitionOwnership(partition, 2).accepts(transaction), targets.includes(partition));
    }
    assert.throws(() => partitionOwnership(2, 2), RangeError);
  });

  it('publishes a corridor to 2 partitions; the workers log every transaction once and store the per-account alerts of one engine', async () => {
    const [workerNode, secondNode, publisherNode] = [nodes[0]!, await openNode(), await openNode()];
    // Subscribe before publishing: a durable consumer starts with the messages published after it exists.
    let workers: PartitionWorker[] = [await startWorker(workerNode, 0), await startWorker(secondNode, 1)];
    const started = performance.now();
    const half = Math.floor(transactions.length / 2);
    const summary = await publishTransactions(publisherNode.bus, transactions.slice(0, half), 2);
    // A retried publish of the same batch is dropped by the bus (message id = transaction id : partition).
    await publishTransactions(publisherNode.bus, transactions.slice(0, 500), 2);

    // Restart: partition 0's worker stops mid-way (final checkpoint) and a new one takes over.
    await waitFor(async () => workers[0]!.stats().batches > 3, 'partition 0 to handle some batches');
    await workers[0]!.stop();
    const stoppedAt = workers[0]!.stats();
    await publishTransactions(publisherNode.bus, transactions.slice(half), 2, summary);
    workers[0] = await startWorker(workerNode, 0);
    assert.ok(workers[0].restoredFrom > 0, 'the new worker restored the checkpoint');

    assert.equal(summary.transactions, transactions.length);
    assert.equal(summary.messages, transactions.length + summary.crossPartition);
    await waitFor(async () => (await workerNode.store.transactionLog.count()) === transactions.length, 'every transaction in the log');
    for (const worker of workers) await worker.stop();
    const seconds = (performance.now() - started) / 1000;

    const logged = await loggedTransactions(workerNode.store);
    assert.equal(logged.length, transactions.length);
    assert.equal(new Set(logged.map((transaction) => transaction.id)).size, transactions.length, 'every transaction is in the log exactly once');

    const stored = await storedAlerts(workerNode.store);
    const keys = stored.map((alert) => `${alert.typologyId}|${alert.subjectKey}|${alert.triggerTransactionId}`);
    assert.equal(new Set(keys).size, keys.length, 'no alert is stored twice');
    for (const alert of stored) {
      assert.ok(partitionOwnership(0, 2).ownsSubject(alert.subjectKey) || partitionOwnership(1, 2).ownsSubject(alert.subjectKey));
    }

    const reference = referenceAlerts(logged);
    const referencePerAccount = [...reference.values()].filter((alert) => perAccount.has(alert.typologyId)).sort((a, b) => a.id.localeCompare(b.id));
    const storedPerAccount = stored.filter((alert) => perAccount.has(alert.typologyId)).sort((a, b) => a.id.localeCompare(b.id));
    assert.ok(referencePerAccount.length >= 5, `the corridor raises per-account alerts (${referencePerAccount.length})`);
    assert.deepEqual(storedPerAccount, referencePerAccount);

    const storedGraph = new Set(stored.filter((alert) => !perAccount.has(alert.typologyId)).map((alert) => alert.id));
    const referenceGraph = new Set([...reference.values()].filter((alert) => !perAccount.has(alert.typologyId)).map((alert) => alert.id));
    const missingIds = [...referenceGraph].filter((id) => !storedGraph.has(id));
    const missing = missingIds.length;
    const extra = [...storedGraph].filter((id) => !referenceGraph.has(id)).length;
    const missingByTypology = new Map<string, number>();
    for (const id of missingIds) missingByTypology.set(reference.get(id)!.typologyId, (missingByTypology.get(reference.get(id)!.typologyId) ?? 0) + 1);
    process.stdout.write(
      `# scale-out: ${transactions.length} transactions, ${summary.messages} messages (${summary.crossPartition} cross-partition) in ${seconds.toFixed(1)} s; ` +
        `partition 0 stopped after ${stoppedAt.received} messages and resumed from log position ${workers[0].restoredFrom}; ` +
        `per-account alerts ${storedPerAccount.length} (= one engine); graph alerts ${storedGraph.size} vs one engine ${referenceGraph.size} (${missing} missing, ${extra} extra; missing by typology ${JSON.stringify(Object.fromEntries(missingByTypology))})\n`,
    );
    workers = [];
  });
});
