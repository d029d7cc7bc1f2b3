import { partitionSubject, type BatchEntry, type Bus } from '../bus/index.ts';
import { TransactionSchema, type Transaction } from '../domain/index.ts';
import { transactionPartitions } from './partitions.ts';

export type PublishSummary = {
  transactions: number;
  /** Messages sent: one per transaction and partition it touches. */
  messages: number;
  /** Transactions whose two ends belong to different partitions (sent twice). */
  crossPartition: number;
  /** Messages per partition, index = partition. */
  byPartition: number[];
};

/** An empty summary for `partitions` partitions, to accumulate `publishTransactions` results into. */
export function emptyPublishSummary(partitions: number): PublishSummary {
  return { transactions: 0, messages: 0, crossPartition: 0, byPartition: Array.from({ length: partitions }, () => 0) };
}

/**
 * Publishes transactions to the engine partitions they touch: `tx.<p>` for the partition of the
 * originator's subject key and, when different, of the beneficiary's. The message id
 * `<transaction id>:<partition>` makes a repeated publish (a retried batch, a file sent twice
 * within the bus's duplicate window) a no-op; beyond that window the durable log's idempotent
 * append still evaluates each transaction once.
 *
 * @example
 * const summary = await publishTransactions(bus, batch, 4); // → { transactions: 1000, messages: 1740, … }
 */
export async function publishTransactions(bus: Bus, transactions: readonly Transaction[], partitions: number, into: PublishSummary = emptyPublishSummary(partitions)): Promise<PublishSummary> {
  const entries: BatchEntry[] = [];
  for (const transaction of transactions) {
    const targets = transactionPartitions(transaction, partitions);
    if (targets.length > 1) into.crossPartition++;
    for (const partition of targets) {
      entries.push({ subject: partitionSubject(partition), message: transaction, messageId: `${transaction.id}:${partition}` });
      into.byPartition[partition] = (into.byPartition[partition] ?? 0) + 1;
    }
  }
  // Validated before anything is sent: a transaction that does not parse is refused, not half-published.
  await bus.publishBatch(entries, { schema: TransactionSchema });
  into.transactions += transactions.length;
  into.messages += entries.length;
  return into;
}
