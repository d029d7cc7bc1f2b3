/**
 * Live monitoring: the engine tailing the durable transaction log.
 *
 * The log is the source of truth. Whoever accepts transactions (a file scan, the HTTP ingest
 * route, a bus consumer) appends them to the log idempotently and then asks the monitor to catch
 * up; the monitor evaluates every entry after the engine's position exactly once, in log order,
 * writes alerts, alert extensions, holds and evaluation errors in batches, and checkpoints the
 * engine's state. After a crash `start()` restores the newest checkpoint and replays the log from
 * its position, so the alerts come out the same as in an uninterrupted run.
 */
import type { Alert, Transaction } from '../domain/index.ts';
import { CorruptCheckpointError, type Engine, type EvaluationErrorRecord, type AlertUpdate } from '../engine/index.ts';
import type { TransactionScreener } from '../screening/index.ts';
import { screeningAlertsForTransaction } from '../screening/index.ts';
import type { Database, Store } from '../store/index.ts';

export type MonitorOptions = {
  engine: Engine;
  store: Store;
  /** Screens both ends of every transaction against the loaded lists (optional). */
  screener?: TransactionScreener;
  screeningInterdictionThreshold?: number;
  /** Checkpoint name; one per engine (partition) sharing a store. */
  checkpointName?: string;
  /** Checkpoint after this many evaluated transactions (default 50,000). */
  checkpointEvery?: number;
  /** Log entries read per batch (default 5,000). */
  batchSize?: number;
  /** Only entries this predicate accepts are evaluated (scale-out partitions); all by default. */
  accepts?: (transaction: Transaction) => boolean;
  /**
   * Only alerts, alert extensions and evaluation errors of subjects this predicate owns are
   * stored (scale-out: a worker evaluates both ends of a transaction but stores only its own
   * partition's subjects, so an alert is never written by two workers); all by default.
   */
  ownsSubject?: (subjectKey: string) => boolean;
};

export type CatchUpResult = {
  evaluated: number;
  duplicates: number;
  alerts: Alert[];
  updates: number;
  evaluationErrors: number;
  held: number;
  position: number;
};

export type Monitor = {
  /**
   * Restores the newest checkpoint and replays the log after it. A checkpoint this engine cannot
   * use (taken with another typology set, or damaged) is set aside and the whole log replayed;
   * `discardedCheckpoint` says why. Replaying is safe: alert ids are deterministic and stored once.
   */
  start(): Promise<CatchUpResult & { restoredFrom: number; discardedCheckpoint?: string }>;
  /** Evaluates every log entry after the engine's position. Calls are serialised. */
  catchUp(): Promise<CatchUpResult>;
  /** Appends transactions to the log (duplicates skipped) and evaluates the new ones. */
  ingest(transactions: readonly Transaction[]): Promise<CatchUpResult & { newIds: string[] }>;
  checkpoint(): Promise<void>;
  /** Writes a final checkpoint when anything was evaluated since the last one. */
  stop(): Promise<void>;
  readonly engine: Engine;
};

/**
 * @example
 * const monitor = createMonitor({ engine: createEngine({ typologies }), store });
 * await monitor.start();
 * await monitor.ingest(transactions); // → { alerts, evaluated, … }
 */
export function createMonitor(options: MonitorOptions): Monitor {
  const { engine, store } = options;
  const checkpointName = options.checkpointName ?? 'engine';
  const checkpointEvery = options.checkpointEvery ?? 50_000;
  const batchSize = options.batchSize ?? 5_000;
  const screeningThreshold = options.screeningInterdictionThreshold ?? 0.92;
  let sinceCheckpoint = 0;
  // The log position this monitor has read up to, including entries another partition owns.
  let readPosition = engine.position;
  let queue: Promise<unknown> = Promise.resolve();

  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const checkpoint = async (): Promise<void> => {
    await store.checkpoints.save({ name: checkpointName, logPosition: readPosition, state: engine.checkpoint() });
    await store.checkpoints.prune(checkpointName, 3);
    sinceCheckpoint = 0;
  };

  const runCatchUp = async (): Promise<CatchUpResult> => {
    const total: CatchUpResult = { evaluated: 0, duplicates: 0, alerts: [], updates: 0, evaluationErrors: 0, held: 0, position: readPosition };
    for (;;) {
      const entries = await store.transactionLog.readAfter(readPosition, batchSize);
      if (entries.length === 0) break;
      const alerts: Alert[] = [];
      const updates: AlertUpdate[] = [];
      const errors: EvaluationErrorRecord[] = [];
      for (const entry of entries) {
        readPosition = entry.sequence;
        if (options.accepts && !options.accepts(entry.transaction)) continue;
        const result = engine.process(entry.transaction, entry.sequence);
        if (result.status === 'duplicate') {
          total.duplicates++;
          continue;
        }
        total.evaluated++;
        const owns = options.ownsSubject;
        alerts.push(...(owns ? result.alerts.filter((alert) => owns(alert.subjectKey)) : result.alerts));
        updates.push(...(owns ? result.updates.filter((update) => owns(update.subjectKey)) : result.updates));
        errors.push(...(owns ? result.errors.filter((error) => owns(error.subjectKey)) : result.errors));
        if (options.screener) {
          const screening = options.screener.screenTransaction(entry.transaction);
          if (screening.hits.length > 0) {
            const screeningAlerts = screeningAlertsForTransaction(entry.transaction, screening, { interdictionThreshold: screeningThreshold });
            alerts.push(...(owns ? screeningAlerts.filter((alert) => owns(alert.subjectKey)) : screeningAlerts));
          }
        }
      }
      await writeResults(store, alerts, updates, errors);
      total.alerts.push(...alerts);
      total.updates += updates.length;
      total.evaluationErrors += errors.length;
      total.held += alerts.filter((alert) => alert.severity === 'interdict').length;
      sinceCheckpoint += entries.length;
      if (sinceCheckpoint >= checkpointEvery) await checkpoint();
    }
    total.position = readPosition;
    return total;
  };

  return {
    engine,
    async start() {
      return serialise(async () => {
        const latest = await store.checkpoints.latest(checkpointName);
        let restoredFrom = 0;
        let discardedCheckpoint: string | undefined;
        if (latest) {
          try {
            engine.restore(latest.state);
            readPosition = latest.logPosition;
            restoredFrom = latest.logPosition;
          } catch (error) {
            // The engine replaces its state only after reading a whole checkpoint, so it is still fresh here.
            if (!(error instanceof CorruptCheckpointError)) throw error;
            discardedCheckpoint = error.message;
            readPosition = 0;
          }
        }
        const result = await runCatchUp();
        return discardedCheckpoint === undefined ? { ...result, restoredFrom } : { ...result, restoredFrom, discardedCheckpoint };
      });
    },
    catchUp: () => serialise(runCatchUp),
    async ingest(transactions) {
      const appended = await store.transactionLog.append(transactions);
      const result = await serialise(runCatchUp);
      return { ...result, newIds: appended.newIds };
    },
    checkpoint: () => serialise(checkpoint),
    stop: () =>
      serialise(async () => {
        if (sinceCheckpoint > 0) await checkpoint();
      }),
  };
}

async function writeResults(store: Store, alerts: Alert[], updates: AlertUpdate[], errors: EvaluationErrorRecord[]): Promise<void> {
  if (alerts.length > 0) await store.alerts.insert(alerts);
  // Extensions of alerts still open: add the new transactions to the stored alert.
  const byAlert = new Map<string, string[]>();
  for (const update of updates) byAlert.set(update.alertId, [...(byAlert.get(update.alertId) ?? []), ...update.transactionIds]);
  for (const [alertId, transactionIds] of byAlert) await store.alerts.addTransactions(alertId, transactionIds);
  if (errors.length > 0) {
    await store.database.insertRows(
      'evaluation_errors',
      ['typology_id', 'typology_version', 'subject_key', 'transaction_id', 'time', 'rule_id', 'expression', 'reason'],
      errors.map((e) => [e.typologyId, e.typologyVersion, e.subjectKey, e.transactionId, e.time, e.ruleId, `${e.expression} (line ${e.line}, column ${e.column})`, e.reason]),
    );
  }
  const holds = alerts.filter((alert) => alert.severity === 'interdict');
  if (holds.length > 0) {
    await store.database.insertRows(
      'transaction_holds',
      ['transaction_id', 'alert_id', 'reason', 'time'],
      holds.map((alert) => [alert.triggerTransactionId, alert.id, alert.explanation.summary, alert.time]),
      { onConflictDoNothing: ['transaction_id'] },
    );
  }
}

/** Evaluation errors recorded by monitoring, newest first. */
export async function listEvaluationErrors(database: Database, limit = 100): Promise<Array<{ typologyId: string; transactionId: string; ruleId: string; reason: string }>> {
  const result = await database.query<{ typology_id: string; transaction_id: string; rule_id: string; reason: string }>(
    'SELECT typology_id, transaction_id, rule_id, reason FROM evaluation_errors ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return result.rows.map((row) => ({ typologyId: row.typology_id, transactionId: row.transaction_id, ruleId: row.rule_id, reason: row.reason }));
}
