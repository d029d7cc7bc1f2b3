import { partitionFor } from '../bus/index.ts';
import type { Transaction } from '../domain/index.ts';
import { subjectKeyOf } from '../engine/index.ts';

/**
 * The engine partitions a transaction belongs to: the partition of its originator's subject key
 * and, when different, of its beneficiary's. A transaction with no subject key at either end
 * (nothing the engine can keep state for) still goes to one partition, chosen by its id, so it
 * reaches the durable log.
 *
 * @example
 * transactionPartitions(transaction, 4) // → [1, 3]: the originator's account on 1, the beneficiary's on 3
 */
export function transactionPartitions(transaction: Transaction, partitions: number): number[] {
  const keys = [subjectKeyOf(transaction.originator), subjectKeyOf(transaction.beneficiary)].filter((key): key is string => key !== undefined);
  if (keys.length === 0) return [partitionFor(transaction.id, partitions)];
  return [...new Set(keys.map((key) => partitionFor(key, partitions)))].sort((a, b) => a - b);
}

/** What one worker owns: which transactions it evaluates and which subjects' alerts it stores. */
export type PartitionOwnership = {
  partition: number;
  partitions: number;
  /** The transaction touches a subject of this partition (the monitor's `accepts`). */
  accepts(transaction: Transaction): boolean;
  /** The subject key hashes to this partition (the monitor's `ownsSubject`). */
  ownsSubject(subjectKey: string): boolean;
  /** The checkpoint and durable consumer name, `engine-p<partition>-of-<partitions>`. */
  name: string;
};

/**
 * The ownership of partition `partition` of `partitions`.
 * @example const ownership = partitionOwnership(0, 2); createMonitor({ …, accepts: ownership.accepts, ownsSubject: ownership.ownsSubject })
 */
export function partitionOwnership(partition: number, partitions: number): PartitionOwnership {
  if (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > 65536) throw new RangeError(`partitions must be an integer from 1 to 65536, got ${partitions}`);
  if (!Number.isSafeInteger(partition) || partition < 0 || partition >= partitions) throw new RangeError(`partition must be an integer from 0 to ${partitions - 1}, got ${partition}`);
  return {
    partition,
    partitions,
    name: `engine-p${partition}-of-${partitions}`,
    accepts: (transaction) => transactionPartitions(transaction, partitions).includes(partition),
    ownsSubject: (subjectKey) => partitionFor(subjectKey, partitions) === partition,
  };
}
