/**
 * Scale-out throughput: `node --import tsx test/scale-out-throughput.ts [transactions] [workers] [partitions] [subscribers]`
 * (defaults 20,000, 2, = workers, 64) on the test PostgreSQL and NATS servers, in a schema and a
 * namespace of its own that are dropped afterwards. Phase 1 creates the durable consumers and
 * publishes the whole synthetic corridor while no worker runs; phase 2 starts the workers (in this
 * process, each with its own database pool and NATS connection) and times them until every
 * transaction is logged and every worker has caught up and checkpointed. Prints one JSON line.
 */
import { connectNatsBus } from '../src/bus/index.ts';
import { cleanupStream, ensureTestNats, TEST_NATS_URL, uniqueNamespace } from '../src/bus/testing.ts';
import type { Transaction } from '../src/domain/index.ts';
import { createEngine } from '../src/engine/index.ts';
import { publishTransactions, startPartitionWorker } from '../src/scale-out/index.ts';
import { createStore, migrateAll, openPostgres, quoteIdentifier } from '../src/store/index.ts';
import { ensureTestPostgres, TEST_POSTGRES_URL, uniqueSchemaName } from '../src/store/testing.ts';
import { generateCorridor } from '../src/synth/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';

const count = Number(process.argv[2] ?? 20_000);
const workersWanted = Number(process.argv[3] ?? 2);
const partitions = Number(process.argv[4] ?? workersWanted);
const subscribers = Number(process.argv[5] ?? 64);
const transactions: Transaction[] = [];
for (const batch of generateCorridor({ seed: 11, transactions: count, days: Math.max(10, Math.round(count / 3000)) }).batches()) transactions.push(...batch.transactions);
await Promise.all([ensureTestPostgres(), ensureTestNats()]);
const schema = uniqueSchemaName('sobench');
const namespace = uniqueNamespace();
const typologies = loadBuiltinTypologies();
const setup = await openPostgres({ url: TEST_POSTGRES_URL, schema });
await migrateAll(setup);
const nodes: Array<{ database: Awaited<ReturnType<typeof openPostgres>>; bus: Awaited<ReturnType<typeof connectNatsBus>>; worker: Awaited<ReturnType<typeof startPartitionWorker>> }> = [];
const open = async (p: number) => {
  const database = await openPostgres({ url: TEST_POSTGRES_URL, schema, maxConnections: 3 });
  const bus = await connectNatsBus({ servers: TEST_NATS_URL, namespace, prefetch: 16 });
  const worker = await startPartitionWorker({ bus, store: createStore(database), engine: createEngine({ typologies }), partition: p, partitions, subscribers, checkpointEvery: 50_000 });
  return { database, bus, worker };
};
// Phase 1: create the durable consumers, then publish everything while no worker runs.
for (let p = 0; p < workersWanted; p++) { const node = await open(p); await node.worker.stop(); await node.bus.close(); await node.database.close(); }
const publisher = await connectNatsBus({ servers: TEST_NATS_URL, namespace });
const publishStarted = performance.now();
let messages = 0;
for (let i = 0; i < transactions.length; i += 1000) messages += (await publishTransactions(publisher, transactions.slice(i, i + 1000), partitions)).messages;
const publishSeconds = (performance.now() - publishStarted) / 1000;
const loadBefore = (await import('node:os')).loadavg().map((x) => +x.toFixed(1));
// Phase 2: the workers consume the backlog.
const started = performance.now();
for (let p = 0; p < workersWanted; p++) nodes.push(await open(p));
const store = createStore(setup);
for (;;) {
  const logged = await store.transactionLog.count();
  if (logged >= transactions.length) break;
  process.stderr.write(`${((performance.now() - started) / 1000).toFixed(0)}s logged ${logged} received ${nodes.map((n) => n.worker.stats().received).join('/')}\n`);
  await new Promise((r) => setTimeout(r, 5000));
}
const publishedAt = performance.now();

for (const n of nodes) await n.worker.stop();
const seconds = (performance.now() - started) / 1000;
const stats = nodes.map((n) => n.worker.stats());
console.log(JSON.stringify({ transactions: transactions.length, workers: workersWanted, partitions, subscribers, seconds: +seconds.toFixed(1), publishSeconds: +publishSeconds.toFixed(1), messages, evaluated: stats.map((s) => s.evaluated), loadBefore, perSecond: Math.round(transactions.length / seconds), batches: stats.map((s) => s.batches), received: stats.map((s) => s.received), alerts: stats.map((s) => s.alerts), load: (await import('node:os')).loadavg().map((x) => +x.toFixed(1)) }));
for (const n of nodes) { await n.bus.close(); await n.database.close(); }
await publisher.close();
await setup.exec(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
await setup.close();
await cleanupStream({ servers: TEST_NATS_URL, namespace });
