export { transactionPartitions, partitionOwnership } from './partitions.ts';
export type { PartitionOwnership } from './partitions.ts';
export { publishTransactions, emptyPublishSummary } from './publisher.ts';
export type { PublishSummary } from './publisher.ts';
export { startPartitionWorker } from './worker.ts';
export type { PartitionWorker, PartitionWorkerOptions, PartitionWorkerStats } from './worker.ts';
