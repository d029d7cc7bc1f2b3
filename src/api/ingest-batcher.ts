import { channel } from 'node:diagnostics_channel';
import type { AuditLog } from '../audit/index.ts';
import type { QuarantinedRecord, Transaction } from '../domain/index.ts';
import type { Store } from '../store/index.ts';

export type IngestEntry = { location: string; transaction: Transaction } | { location: string; quarantined: QuarantinedRecord };

export type RecordResult = {
  index: number;
  location: string;
  id?: string;
  status: 'accepted' | 'duplicate' | 'quarantined';
  issues?: Array<{ field: string; reason: string }>;
};

export type IngestResult = { accepted: number; duplicates: number; quarantined: number; results: RecordResult[] };

export type IngestSubmission = { actor: string; source: string; format: string; entries: IngestEntry[] };

/**
 * Every group commit is published here as `{ requests, transactions, writeMs }` (for benchmarks
 * and metrics); publishing costs nothing while no one subscribes.
 */
export const GROUP_COMMIT_CHANNEL = 'frontera:ingest:group-commit';
export type GroupCommitEvent = { requests: number; transactions: number; writeMs: number };
const groupCommits = channel(GROUP_COMMIT_CHANNEL);

type Pending = { submission: IngestSubmission; resolve: (result: IngestResult) => void; reject: (error: unknown) => void };

/** The backlog is full: the caller should retry later (HTTP 503 with Retry-After). */
export class IngestBacklogFullError extends Error {
  constructor(readonly queuedTransactions: number) {
    super(`ingest backlog is full (${queuedTransactions} transactions waiting to be written); retry shortly`);
    this.name = 'IngestBacklogFullError';
  }
}

export type IngestBatcherOptions = {
  store: Store;
  audit?: AuditLog | undefined;
  /**
   * Hands newly logged transactions to monitoring, after their requests were answered: an
   * answer waits for durability, not for evaluation. Calls are serialised and transactions
   * logged meanwhile are handed over together in the next call, each exactly once.
   */
  monitor?: ((transactions: readonly Transaction[]) => Promise<void>) | undefined;
  /** Where a failed monitoring call is reported (the transactions stay in the log for the next catch-up). */
  onMonitorError?: ((error: unknown) => void) | undefined;
  now: () => Date;
  /**
   * Most transactions written in one group commit (default 1,000): bounds how long one commit
   * takes, hence how long a request arriving behind it waits. Past ~1,000 rows a bigger commit
   * saves little (the fixed cost per commit is a few statements).
   */
  maxTransactions?: number;
  /** Most transactions submitted and not yet written (default 50,000, ten seconds at 5,000/s); beyond it submissions are refused. */
  maxQueuedTransactions?: number;
};

/**
 * Group commit for ingest: requests that arrive while a write is in flight are written
 * together in the next one (at most `maxTransactions`), with no timer: an idle batcher writes a
 * request at once. The store's bulk append costs little per row next to its fixed cost per
 * commit, so throughput grows with load while each request still gets its own per-record answer
 * only after its records are durable (committed to the transaction log, with the audit entry).
 * Repeated ids (within a request, across requests in a group, or already in the log) are
 * reported as duplicates; the first occurrence is accepted.
 * @example
 * const batcher = createIngestBatcher({ store, audit, now: () => new Date() });
 * const result = await batcher.submit({ actor: 'feed', source: 'api:json', format: 'json', entries });
 */
export function createIngestBatcher(options: IngestBatcherOptions) {
  const maxTransactions = options.maxTransactions ?? 1000;
  const maxQueuedTransactions = options.maxQueuedTransactions ?? 50_000;
  const queue: Pending[] = [];
  let queuedTransactions = 0;
  let flushing: Promise<void> | null = null;
  // Monitoring runs behind the acknowledgements, one call at a time.
  let unmonitored: Transaction[] = [];
  let monitoring: Promise<void> | null = null;

  function monitorInBackground(fresh: readonly Transaction[]): void {
    const monitor = options.monitor;
    if (!monitor || fresh.length === 0) return;
    unmonitored.push(...fresh);
    monitoring ??= (async () => {
      while (unmonitored.length > 0) {
        const handOver = unmonitored;
        unmonitored = [];
        try {
          await monitor(handOver);
        } catch (error) {
          options.onMonitorError?.(error);
        }
      }
    })().finally(() => {
      monitoring = null;
    });
  }

  async function writeGroup(group: Pending[]): Promise<Transaction[]> {
    const valid: Transaction[] = [];
    const rejected: QuarantinedRecord[] = [];
    for (const { submission } of group) {
      for (const entry of submission.entries) {
        if ('transaction' in entry) valid.push(entry.transaction);
        else rejected.push(entry.quarantined);
      }
    }
    const appended = valid.length > 0 ? await options.store.transactionLog.append(valid) : { newIds: [] as string[] };
    if (rejected.length > 0) await options.store.quarantine.insert(rejected);
    const unclaimed = new Set(appended.newIds);
    const results = group.map(({ submission }) => {
      const result: IngestResult = { accepted: 0, duplicates: 0, quarantined: 0, results: [] };
      for (const [index, entry] of submission.entries.entries()) {
        if ('quarantined' in entry) {
          result.quarantined++;
          result.results.push({ index, location: entry.location, status: 'quarantined', issues: entry.quarantined.issues });
        } else if (unclaimed.delete(entry.transaction.id)) {
          result.accepted++;
          result.results.push({ index, location: entry.location, id: entry.transaction.id, status: 'accepted' });
        } else {
          result.duplicates++;
          result.results.push({ index, location: entry.location, id: entry.transaction.id, status: 'duplicate' });
        }
      }
      return result;
    });
    if (options.audit) {
      // One entry per actor and source per group commit, with the counts of what was written.
      const totals = new Map<string, { actor: string; source: string; format: string; requests: number; accepted: number; duplicates: number; quarantined: number }>();
      group.forEach(({ submission }, position) => {
        const key = `${submission.actor}\u0000${submission.source}`;
        const total = totals.get(key) ?? { actor: submission.actor, source: submission.source, format: submission.format, requests: 0, accepted: 0, duplicates: 0, quarantined: 0 };
        const result = results[position]!;
        total.requests++;
        total.accepted += result.accepted;
        total.duplicates += result.duplicates;
        total.quarantined += result.quarantined;
        totals.set(key, total);
      });
      const time = options.now().toISOString();
      for (const total of totals.values()) {
        await options.audit.append({
          time,
          actor: total.actor,
          action: 'transactions.ingested',
          subject: { kind: 'transactions', id: total.source },
          details: { format: total.format, requests: total.requests, accepted: total.accepted, duplicates: total.duplicates, quarantined: total.quarantined },
        });
      }
    }
    group.forEach((pending, position) => pending.resolve(results[position]!));
    const fresh = new Set(appended.newIds);
    return valid.filter((transaction) => fresh.delete(transaction.id));
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const group: Pending[] = [];
      let size = 0;
      while (queue.length > 0 && (group.length === 0 || size + queue[0]!.submission.entries.length <= maxTransactions)) {
        const next = queue.shift()!;
        size += next.submission.entries.length;
        group.push(next);
      }
      try {
        const started = performance.now();
        const fresh = await writeGroup(group);
        if (groupCommits.hasSubscribers) groupCommits.publish({ requests: group.length, transactions: size, writeMs: performance.now() - started } satisfies GroupCommitEvent);
        monitorInBackground(fresh);
      } catch (error) {
        for (const pending of group) pending.reject(error);
      } finally {
        queuedTransactions -= size;
      }
    }
  }

  return {
    /** Resolves with the per-record result once the records are durable; rejects if they are not (nothing of the group was acknowledged). */
    submit(submission: IngestSubmission): Promise<IngestResult> {
      const size = submission.entries.length;
      if (queuedTransactions > 0 && queuedTransactions + size > maxQueuedTransactions) return Promise.reject(new IngestBacklogFullError(queuedTransactions));
      queuedTransactions += size;
      return new Promise<IngestResult>((resolve, reject) => {
        queue.push({ submission, resolve, reject });
        flushing ??= drain().finally(() => {
          flushing = null;
        });
      });
    },
    /** Resolves when everything submitted so far is written and handed to monitoring (for shutdown). */
    async idle(): Promise<void> {
      while (flushing || monitoring) await (flushing ?? monitoring);
    },
  };
}

export type IngestBatcher = ReturnType<typeof createIngestBatcher>;
