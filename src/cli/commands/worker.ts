/**
 * `frontera worker`: one scale-out engine worker for one partition, on PostgreSQL and NATS JetStream.
 */
import type { Command } from 'commander';
import { serverMigrationFolders } from '../../api/index.ts';
import { connectNatsBus } from '../../bus/index.ts';
import { loadConfig, redactUrl } from '../../config/index.ts';
import { createEngine } from '../../engine/index.ts';
import { ValidationError } from '../../errors.ts';
import { startPartitionWorker } from '../../scale-out/index.ts';
import { buildScreeningIndex, createTransactionScreener, section2313aList, usFto2025List } from '../../screening/index.ts';
import { createStore, migrateAll, openPostgres } from '../../store/index.ts';
import { loadBuiltinTypologies } from '../../typologies/index.ts';
import { wholeNumberOption } from './publish.ts';
import { waitForShutdown } from './serve.ts';

type WorkerOptions = { partition: string; partitions: string; namespace?: string; subscribers: string; checkpointEvery: string; databaseUrl?: string; natsUrl?: string };

export function register(program: Command): void {
  program
    .command('worker')
    .description('scale-out: run the engine for one partition, consuming NATS JetStream into PostgreSQL (needs DATABASE_URL and NATS_URL)')
    .requiredOption('--partition <i>', 'this worker’s partition, from 0 to N-1')
    .requiredOption('--partitions <n>', 'number of partitions N (the same for every worker and for publish)')
    .option('--namespace <name>', 'NATS subject namespace (default frontera)')
    .option('--subscribers <n>', 'concurrent subscribers on the partition’s consumer; bounds the batch logged per round', '64')
    .option('--checkpoint-every <n>', 'checkpoint the engine after this many log entries read', '50000')
    .option('--database-url <url>', 'PostgreSQL URL (overrides DATABASE_URL)')
    .option('--nats-url <url>', 'NATS server (overrides NATS_URL)')
    .action(async (options: WorkerOptions) => {
      const partitions = wholeNumberOption('--partitions', options.partitions, 1, 65536);
      const partition = wholeNumberOption('--partition', options.partition, 0, partitions - 1);
      const subscribers = wholeNumberOption('--subscribers', options.subscribers, 1, 1024);
      const checkpointEvery = wholeNumberOption('--checkpoint-every', options.checkpointEvery, 1, 100_000_000);
      const config = loadConfig({ env: process.env, flags: { databaseUrl: options.databaseUrl, natsUrl: options.natsUrl } });
      const missing = [...(config.databaseUrl === undefined ? ['DATABASE_URL'] : []), ...(config.natsUrl === undefined ? ['NATS_URL'] : [])];
      if (config.databaseUrl === undefined || config.natsUrl === undefined) {
        // Workers share one log and one message stream: embedded PGlite and the in-process bus are per process.
        throw new ValidationError(`frontera worker needs ${missing.join(' and ')}: scale-out workers share one PostgreSQL log and one NATS JetStream stream (PGlite and the in-process bus belong to a single process)`, missing.map((field) => ({ field, reason: 'required for scale-out' })));
      }
      const log = (line: string) => process.stdout.write(`${line}\n`);
      log(`partition ${partition} of ${partitions}: PostgreSQL ${redactUrl(config.databaseUrl)}, NATS ${redactUrl(config.natsUrl)}`);
      const database = await openPostgres({ url: config.databaseUrl });
      try {
        await migrateAll(database, serverMigrationFolders());
        // The prefetch stays small: every prefetched message's ack timer runs while it waits for its batch.
        const bus = await connectNatsBus({ servers: config.natsUrl, prefetch: 16, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) });
        try {
          const screeningIndex = buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]);
          const started = performance.now();
          const worker = await startPartitionWorker({
            bus,
            store: createStore(database),
            engine: createEngine({ typologies: loadBuiltinTypologies() }),
            screener: createTransactionScreener({ index: screeningIndex }),
            partition,
            partitions,
            subscribers,
            checkpointEvery,
          });
          log(`${worker.ownership.name}: restored from log position ${worker.restoredFrom}, ${worker.stats().evaluated} replayed; consuming tx.${partition}`);
          const report = setInterval(() => {
            const stats = worker.stats();
            log(`${worker.ownership.name}: ${stats.received} received, ${stats.appended} appended, ${stats.evaluated} evaluated, ${stats.alerts} alerts, ${stats.failedBatches} failed batches (${((performance.now() - started) / 1000).toFixed(0)} s)`);
          }, 10_000);
          report.unref();
          await waitForShutdown(async () => {
            log('stopping: finishing the batch in progress and writing a final checkpoint…');
            clearInterval(report);
            await worker.stop();
            const stats = worker.stats();
            log(`stopped: ${stats.received} received, ${stats.evaluated} evaluated, ${stats.alerts} alerts`);
          });
        } finally {
          await bus.close();
        }
      } finally {
        await database.close();
      }
    });
}
