import { partitionSubject, type Bus, type Subscription } from '../bus/index.ts';
import { TransactionSchema, type Transaction } from '../domain/index.ts';
import type { Engine } from '../engine/index.ts';
import { createMonitor, type CatchUpResult, type Monitor } from '../monitor/index.ts';
import type { TransactionScreener } from '../screening/index.ts';
import type { Store } from '../store/index.ts';
import { partitionOwnership, type PartitionOwnership } from './partitions.ts';

export type PartitionWorkerOptions = {
  bus: Bus;
  store: Store;
  engine: Engine;
  screener?: TransactionScreener;
  partition: number;
  partitions: number;
  /**
   * Concurrent subscribers on the partition's durable consumer. The bus hands each subscriber one
   * message at a time, so this bounds the batch appended to the log per round (default 64).
   */
  subscribers?: number;
  /** Append and catch up once this many messages wait (default half the subscribers, so one half fills while the other is written). */
  maxBatch?: number;
  /** Longest a received message waits for its batch to fill (default 20 ms). */
  lingerMs?: number;
  checkpointEvery?: number;
  /**
   * Deliveries of a message whose batch keeps failing (the database is down) before the bus
   * dead-letters it on `dead.tx.<partition>`; default 100, with `retryDelayMs` (default 3 s)
   * between them, so an outage of about five minutes loses nothing.
   */
  maxDeliver?: number;
  retryDelayMs?: number;
  /** Told after every batch is logged and evaluated. */
  onBatch?: (result: CatchUpResult & { received: number; newIds: string[] }) => void;
};

export type PartitionWorkerStats = { received: number; appended: number; evaluated: number; alerts: number; batches: number; failedBatches: number };

export type PartitionWorker = {
  readonly ownership: PartitionOwnership;
  readonly monitor: Monitor;
  /** Log position the engine restored from at start (0 when it started empty). */
  readonly restoredFrom: number;
  stats(): PartitionWorkerStats;
  /** Evaluates whatever other workers appended since (every log entry touching this partition). */
  catchUp(): Promise<CatchUpResult>;
  /** Stops consuming, finishes the batch in progress, catches up and writes a final checkpoint. */
  stop(): Promise<void>;
};

type Waiting = { transaction: Transaction; resolve: () => void; reject: (error: unknown) => void };

/**
 * One scale-out engine worker: restores its partition's checkpoint and replays the shared log,
 * then consumes `tx.<partition>` through the durable consumer `engine-p<I>-of-<N>`. Received
 * transactions are appended to the shared log in batches (idempotently) and the monitor catches
 * up over every log entry touching the partition's subjects; a message is acknowledged only after
 * its batch was logged and evaluated, so a crash leaves it to be redelivered.
 *
 * @example
 * const worker = await startPartitionWorker({ bus, store, engine: createEngine({ typologies }), partition: 0, partitions: 2 });
 * // … on SIGTERM:
 * await worker.stop();
 */
export async function startPartitionWorker(options: PartitionWorkerOptions): Promise<PartitionWorker> {
  const ownership = partitionOwnership(options.partition, options.partitions);
  const subscribers = options.subscribers ?? 64;
  if (!Number.isSafeInteger(subscribers) || subscribers < 1 || subscribers > 1024) throw new RangeError('subscribers must be an integer from 1 to 1,024');
  const maxBatch = Math.max(1, Math.min(subscribers, options.maxBatch ?? Math.ceil(subscribers / 2)));
  const lingerMs = options.lingerMs ?? 20;
  const monitor = createMonitor({
    engine: options.engine,
    store: options.store,
    ...(options.screener === undefined ? {} : { screener: options.screener }),
    checkpointName: ownership.name,
    ...(options.checkpointEvery === undefined ? {} : { checkpointEvery: options.checkpointEvery }),
    accepts: ownership.accepts,
    ownsSubject: ownership.ownsSubject,
  });
  const started = await monitor.start();
  const stats: PartitionWorkerStats = { received: 0, appended: 0, evaluated: started.evaluated, alerts: started.alerts.length, batches: 0, failedBatches: 0 };

  let pending: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    writing = writing.then(async () => {
      try {
        const result = await monitor.ingest(batch.map((waiting) => waiting.transaction));
        stats.batches++;
        stats.appended += result.newIds.length;
        stats.evaluated += result.evaluated;
        stats.alerts += result.alerts.length;
        options.onBatch?.({ ...result, received: batch.length });
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        // Every message of the batch stays unacknowledged and is redelivered.
        stats.failedBatches++;
        for (const waiting of batch) waiting.reject(error);
      }
    });
  };

  const handle = (transaction: Transaction) =>
    new Promise<void>((resolve, reject) => {
      stats.received++;
      pending.push({ transaction, resolve, reject });
      if (pending.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, lingerMs);
    });

  const subscriptions: Subscription[] = [];
  const subject = partitionSubject(ownership.partition);
  try {
    for (let index = 0; index < subscribers; index++) {
      subscriptions.push(await options.bus.subscribe(subject, handle, { schema: TransactionSchema, durable: ownership.name, maxDeliver: options.maxDeliver ?? 100, retryDelayMs: options.retryDelayMs ?? 3000 }));
    }
  } catch (error) {
    await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    ownership,
    monitor,
    restoredFrom: started.restoredFrom,
    stats: () => ({ ...stats }),
    catchUp: () => monitor.catchUp(),
    stop() {
      stopping ??= (async () => {
        // Handlers in progress wait for their batch; the linger timer still flushes it.
        await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
        flush();
        await writing;
        await monitor.catchUp();
        await monitor.stop();
      })();
      return stopping;
    },
  };
}
