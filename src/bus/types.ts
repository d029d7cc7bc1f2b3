import { z } from 'zod';

/** How a message reached a handler. */
export type Delivery = {
  /** The subject it was published to (without the bus namespace). */
  subject: string;
  /** 1 on first delivery, 2+ on redelivery after a handler failed. */
  deliveryCount: number;
  /** Position in the bus's stream; increases with publish order. */
  sequence: number;
};

/**
 * Handles one message. Resolving acknowledges it; throwing (or rejecting) leaves it
 * unacknowledged, so it is delivered again after `retryDelayMs`, up to `maxDeliver` times,
 * then moved to the dead-letter subject `dead.<subject>`.
 */
export type MessageHandler<T> = (message: T, delivery: Delivery) => Promise<void>;

export type SubscribeOptions<T> = {
  /** Every message is validated with this schema; one that fails goes to the dead letters, never to the handler. */
  schema: z.ZodType<T>;
  /** A named consumer that keeps its position (and queues messages) while no subscriber is attached. */
  durable?: string;
  /** Subscribers with the same queue name share the messages (each goes to one of them). */
  queue?: string;
  /** Deliveries before a failing message is dead-lettered; default 5. */
  maxDeliver?: number;
  /** Wait before redelivering a failed message; default 1000 ms. */
  retryDelayMs?: number;
};

export type PublishOptions = {
  /** Validate before sending; a message that fails is refused with a ValidationError. */
  schema?: z.ZodType;
  /** Idempotency key: a repeat with the same id within the duplicate window is dropped. */
  messageId?: string;
};

export type BatchEntry = { subject: string; message: unknown; messageId?: string };

export interface Subscription {
  /** Stops delivery to this subscriber and waits for its handler in progress to finish. */
  unsubscribe(): Promise<void>;
}

export type BusKind = 'in-process' | 'nats';

/** Frontera's message bus: in-process by default, NATS JetStream when scaled out. */
export interface Bus {
  readonly kind: BusKind;
  /** Publishes one JSON message; resolves once the bus has accepted (NATS: stored) it. */
  publish(subject: string, message: unknown, options?: PublishOptions): Promise<void>;
  /**
   * Publishes many messages, pipelined on NATS (one round trip for the batch rather than one per
   * message). Every message is checked before any is sent; order is kept per subject.
   */
  publishBatch(entries: ReadonlyArray<BatchEntry>, options?: { schema?: z.ZodType }): Promise<void>;
  subscribe<T>(subject: string, handler: MessageHandler<T>, options: SubscribeOptions<T>): Promise<Subscription>;
  /** Unsubscribes everything, waits for handlers in progress, and disconnects. */
  close(): Promise<void>;
}

/** What lands on `dead.<subject>` when a message cannot be handled. */
export const DeadLetterSchema = z.object({
  subject: z.string(),
  reason: z.enum(['invalid_json', 'invalid_message', 'handler_failed']),
  /** Field issues (invalid_message) or the handler's error message (handler_failed). */
  issues: z.array(z.object({ field: z.string(), reason: z.string() })),
  deliveryCount: z.number().int().min(1),
  consumer: z.string(),
  /** The message exactly as published (JSON text). */
  payload: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const DEFAULT_MAX_DELIVER = 5;
export const DEFAULT_RETRY_DELAY_MS = 1000;
/** NATS's default max_payload is 1 MiB; the in-process bus enforces the same limit. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
