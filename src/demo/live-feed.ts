import type { Transaction } from '../domain/index.ts';

export type LiveFeed = { stop(): Promise<void>; readonly remaining: number };

/**
 * Feeds transactions to `deliver` a few at a time on a timer, as a live source would, and
 * waits for each delivery before the next so batches never overlap.
 * @example const feed = startLiveFeed({ transactions, perSecond: 20, deliver: (batch) => monitor.ingest(batch) });
 */
export function startLiveFeed(options: {
  transactions: readonly Transaction[];
  perSecond: number;
  deliver: (batch: Transaction[]) => Promise<unknown>;
  onError?: (error: unknown) => void;
  onFinished?: () => void;
}): LiveFeed {
  let next = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const perTick = Math.max(1, Math.round(options.perSecond / 4));
  const timer = setInterval(() => {
    if (next >= options.transactions.length) {
      clearInterval(timer);
      options.onFinished?.();
      return;
    }
    const batch = options.transactions.slice(next, next + perTick);
    next += batch.length;
    inFlight = inFlight.then(() => options.deliver(batch)).catch((error: unknown) => options.onError?.(error));
  }, 250);
  return {
    get remaining() {
      return options.transactions.length - next;
    },
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
