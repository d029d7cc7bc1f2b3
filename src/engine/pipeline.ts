/**
 * The thin adapter between the pure engine and the store: batches go to the durable transaction
 * log first, the engine evaluates what was new in log order, alerts are written in batches, and a
 * checkpoint of the engine state is saved every so many transactions. After a crash, `recover()`
 * restores the latest checkpoint and replays the log after its position; alert ids are
 * deterministic and the alert insert is idempotent, so replay never stores an alert twice.
 */
import type { Alert, Transaction } from '../domain/index.ts';
import type { AlertStore, CheckpointStore, TransactionLog } from '../store/index.ts';
import type { AlertUpdate, Engine, EvaluationErrorRecord } from './engine.ts';

export type EnginePipelineOptions = {
  engine: Engine;
  store: { transactionLog: TransactionLog; alerts: AlertStore; checkpoints: CheckpointStore };
  /** Name of this engine's checkpoints (one per engine worker / partition). */
  checkpointName?: string;
  /** Save a checkpoint after at least this many transactions since the last one. */
  checkpointEvery?: number;
  /** Checkpoints kept; older ones are pruned. */
  checkpointsKept?: number;
};

export type BatchOutcome = {
  /** Transactions evaluated (new in the log). */
  evaluated: number;
  /** Transactions already in the log, skipped. */
  duplicates: number;
  alerts: Alert[];
  /** Later evidence for alerts still in their cooldown window (the alert store keeps the first version). */
  updates: AlertUpdate[];
  errors: EvaluationErrorRecord[];
};

export type EnginePipeline = {
  /** Restores the latest checkpoint (if any) and replays the log after it; returns how many were replayed. */
  recover(): Promise<{ position: number; replayed: number; alerts: number }>;
  /** Logs, evaluates and stores one batch. */
  submit(transactions: readonly Transaction[]): Promise<BatchOutcome>;
  /** Saves a checkpoint now. */
  checkpoint(): Promise<void>;
};

/**
 * @example
 * const pipeline = createEnginePipeline({ engine: createEngine({ typologies }), store: await openStore(config) });
 * await pipeline.recover();
 * for await (const batch of batches) await pipeline.submit(batch);
 */
export function createEnginePipeline(options: EnginePipelineOptions): EnginePipeline {
  const { engine, store } = options;
  const name = options.checkpointName ?? 'engine';
  const every = options.checkpointEvery ?? 50_000;
  const kept = options.checkpointsKept ?? 2;
  let sinceCheckpoint = 0;

  async function checkpoint(): Promise<void> {
    await store.checkpoints.save({ name, logPosition: engine.position, state: engine.checkpoint() });
    await store.checkpoints.prune(name, kept);
    sinceCheckpoint = 0;
  }

  function evaluate(entries: ReadonlyArray<{ transaction: Transaction; sequence: number }>, outcome: BatchOutcome): void {
    for (const { transaction, sequence } of entries) {
      const result = engine.process(transaction, sequence);
      if (result.status === 'duplicate') {
        outcome.duplicates++;
        continue;
      }
      outcome.evaluated++;
      outcome.alerts.push(...result.alerts);
      outcome.updates.push(...result.updates);
      outcome.errors.push(...result.errors);
    }
  }

  return {
    async recover() {
      const latest = await store.checkpoints.latest(name);
      const position = latest ? engine.restore(latest.state) : 0;
      if (latest && position !== latest.logPosition) throw new Error(`checkpoint ${name} says position ${latest.logPosition} but holds ${position}`);
      let replayed = 0;
      let alerts = 0;
      for await (const batch of store.transactionLog.stream(position)) {
        const outcome: BatchOutcome = { evaluated: 0, duplicates: 0, alerts: [], updates: [], errors: [] };
        evaluate(batch, outcome);
        if (outcome.alerts.length > 0) await store.alerts.insert(outcome.alerts);
        replayed += batch.length;
        alerts += outcome.alerts.length;
      }
      return { position, replayed, alerts };
    },
    async submit(transactions) {
      const before = await store.transactionLog.lastPosition();
      const appended = await store.transactionLog.append(transactions);
      const outcome: BatchOutcome = { evaluated: 0, duplicates: transactions.length - appended.newIds.length, alerts: [], updates: [], errors: [] };
      if (appended.newIds.length > 0) {
        // Read back what this append logged, with its sequences, so the engine's position is the log's.
        const logged = await store.transactionLog.readAfter(before, appended.newIds.length + 1_000);
        evaluate(logged.filter((entry) => appended.lastSequence === null || entry.sequence <= appended.lastSequence), outcome);
      }
      if (outcome.alerts.length > 0) await store.alerts.insert(outcome.alerts);
      sinceCheckpoint += outcome.evaluated;
      if (sinceCheckpoint >= every) await checkpoint();
      return outcome;
    },
    checkpoint,
  };
}
