import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors.ts';
import { checkSubscribeOptions, deadLetterSubject, deliver, encodeMessage } from './delivery.ts';
import { assertName, assertPublishSubject, assertSubscribeSubject, subjectMatches } from './subjects.ts';
import { DEFAULT_RETRY_DELAY_MS, type Bus, type MessageHandler, type SubscribeOptions, type Subscription } from './types.ts';

export type InProcessBusOptions = {
  /** Most messages a consumer may hold undelivered; publishing beyond it is refused (backpressure). Default 100,000. */
  maxPending?: number;
  /** How many recent message ids are remembered to drop duplicates; default 100,000. */
  duplicateWindow?: number;
};

type Entry = { subject: string; payload: string; sequence: number; deliveryCount: number };

type Member = {
  active: boolean;
  /** Resolves when the member's loop has stopped. */
  stopped: Promise<void>;
  wake: (() => void) | undefined;
  abort: AbortController;
};

type Consumer = {
  name: string;
  filter: string;
  durable: boolean;
  entries: Entry[];
  members: Set<Member>;
  waiting: Array<() => void>;
};

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/**
 * The embedded bus: asynchronous, ordered per consumer, at-least-once with redelivery, the same
 * consumer model as the NATS JetStream bus (durable and queue consumers, dead letters).
 * Messages are copied through JSON, exactly as on the wire.
 *
 * @example
 * const bus = createInProcessBus();
 * await bus.subscribe('tx.0', async (tx) => engine.handle(tx), { schema: TransactionSchema, durable: 'engine-0' });
 * await bus.publish('tx.0', transaction);
 */
export function createInProcessBus(options: InProcessBusOptions = {}): Bus {
  const maxPending = options.maxPending ?? 100_000;
  const duplicateWindow = options.duplicateWindow ?? 100_000;
  const consumers = new Map<string, Consumer>();
  const recentIds = new Set<string>();
  let sequence = 0;
  let closed = false;

  const enqueue = (subject: string, payload: string): void => {
    const targets = [...consumers.values()].filter((consumer) => subjectMatches(consumer.filter, subject));
    const full = targets.find((consumer) => consumer.entries.length >= maxPending);
    if (full) throw new ConflictError(`consumer ${full.name} has ${maxPending} undelivered messages; publishing refused until it catches up`, { consumer: full.name });
    sequence += 1;
    for (const consumer of targets) {
      consumer.entries.push({ subject, payload, sequence, deliveryCount: 0 });
      consumer.waiting.shift()?.();
    }
  };

  const take = async (consumer: Consumer, member: Member): Promise<Entry | undefined> => {
    while (member.active) {
      const entry = consumer.entries.shift();
      if (entry) return entry;
      await new Promise<void>((resolve) => {
        member.wake = resolve;
        consumer.waiting.push(resolve);
      });
      member.wake = undefined;
    }
    return undefined;
  };

  const run = async <T>(consumer: Consumer, member: Member, handler: MessageHandler<T>, subscribeOptions: SubscribeOptions<T>): Promise<void> => {
    const retryDelay = subscribeOptions.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    // Let the subscriber finish setting up before the first delivery, as over a network.
    await Promise.resolve();
    for (;;) {
      const entry = await take(consumer, member);
      if (!entry) return;
      entry.deliveryCount += 1;
      const outcome = await deliver(entry.payload, { subject: entry.subject, deliveryCount: entry.deliveryCount, sequence: entry.sequence }, consumer.name, handler, subscribeOptions);
      if (outcome.kind === 'retry') {
        // Head-of-line retry keeps the consumer's order: nothing later overtakes the failed message.
        consumer.entries.unshift(entry);
        await sleep(retryDelay, member.abort.signal);
      } else if (outcome.kind === 'dead' && !entry.subject.startsWith('dead.')) {
        try {
          enqueue(deadLetterSubject(entry.subject), JSON.stringify(outcome.letter));
        } catch {
          // The dead-letter consumer is full: keep the message rather than lose it, and try again later.
          consumer.entries.unshift(entry);
          await sleep(retryDelay, member.abort.signal);
        }
      }
    }
  };

  const stopMember = async (consumer: Consumer, member: Member): Promise<void> => {
    if (!member.active) return member.stopped;
    member.active = false;
    member.abort.abort();
    if (member.wake) {
      const index = consumer.waiting.indexOf(member.wake);
      if (index >= 0) consumer.waiting.splice(index, 1);
      member.wake();
    }
    await member.stopped;
    consumer.members.delete(member);
    if (!consumer.durable && consumer.members.size === 0) consumers.delete(consumer.name);
    // A message taken back after a stop must reach the remaining members.
    if (consumer.entries.length > 0) consumer.waiting.shift()?.();
  };

  return {
    kind: 'in-process',

    async publish(subject, message, publishOptions = {}) {
      if (closed) throw new Error('bus is closed');
      assertPublishSubject(subject);
      const payload = encodeMessage(message, publishOptions);
      if (publishOptions.messageId !== undefined) {
        if (recentIds.has(publishOptions.messageId)) return;
        recentIds.add(publishOptions.messageId);
        if (recentIds.size > duplicateWindow) recentIds.delete(recentIds.values().next().value!);
      }
      enqueue(subject, payload);
    },

    async publishBatch(entries, batchOptions = {}) {
      if (closed) throw new Error('bus is closed');
      const encoded = entries.map((entry) => {
        assertPublishSubject(entry.subject);
        return encodeMessage(entry.message, batchOptions);
      });
      for (const [index, entry] of entries.entries()) {
        if (entry.messageId !== undefined) {
          if (recentIds.has(entry.messageId)) continue;
          recentIds.add(entry.messageId);
          if (recentIds.size > duplicateWindow) recentIds.delete(recentIds.values().next().value!);
        }
        enqueue(entry.subject, encoded[index]!);
      }
    },

    async subscribe(subject, handler, subscribeOptions) {
      if (closed) throw new Error('bus is closed');
      assertSubscribeSubject(subject);
      checkSubscribeOptions(subscribeOptions as SubscribeOptions<unknown>);
      if (subscribeOptions.durable !== undefined) assertName('durable', subscribeOptions.durable);
      if (subscribeOptions.queue !== undefined) assertName('queue', subscribeOptions.queue);
      const name = subscribeOptions.durable ?? subscribeOptions.queue ?? `ephemeral-${randomUUID()}`;
      let consumer = consumers.get(name);
      if (consumer && consumer.filter !== subject) {
        throw new ConflictError(`consumer ${name} already exists for subject ${consumer.filter}, not ${subject}`, { consumer: name });
      }
      if (!consumer) {
        consumer = { name, filter: subject, durable: subscribeOptions.durable !== undefined, entries: [], members: new Set(), waiting: [] };
        consumers.set(name, consumer);
      }
      const member: Member = { active: true, stopped: Promise.resolve(), wake: undefined, abort: new AbortController() };
      member.stopped = run(consumer, member, handler, subscribeOptions);
      consumer.members.add(member);
      const owner = consumer;
      const subscription: Subscription = { unsubscribe: () => stopMember(owner, member) };
      return subscription;
    },

    async close() {
      closed = true;
      const stops: Array<Promise<void>> = [];
      for (const consumer of consumers.values()) for (const member of consumer.members) stops.push(stopMember(consumer, member));
      await Promise.all(stops);
      consumers.clear();
    },
  };
}
