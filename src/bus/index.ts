import type { Config } from '../config/index.ts';
import { createInProcessBus } from './in-process.ts';
import { connectNatsBus } from './nats.ts';
import type { Bus } from './types.ts';

export type { BatchEntry, Bus, BusKind, DeadLetter, Delivery, MessageHandler, PublishOptions, SubscribeOptions, Subscription } from './types.ts';
export { DeadLetterSchema, DEFAULT_MAX_DELIVER, DEFAULT_RETRY_DELAY_MS, MAX_MESSAGE_BYTES } from './types.ts';
export { partitionFor, partitionSubject, subjectMatches } from './subjects.ts';
export { deadLetterSubject } from './delivery.ts';
export { createInProcessBus, type InProcessBusOptions } from './in-process.ts';
export { connectNatsBus, type NatsBus, type NatsBusOptions } from './nats.ts';

/**
 * Opens the bus the configuration asks for: NATS JetStream when `natsUrl` is set, otherwise
 * the in-process bus.
 *
 * @example
 * const bus = await openBus(config);
 * await bus.publish(partitionSubject(partitionFor(accountId, 4)), transaction, { messageId: transaction.id });
 */
export async function openBus(config: Pick<Config, 'natsUrl'>, options: { namespace?: string } = {}): Promise<Bus> {
  if (config.natsUrl === undefined) return createInProcessBus();
  return connectNatsBus({ servers: config.natsUrl, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) });
}
