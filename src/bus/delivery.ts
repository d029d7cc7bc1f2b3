import { fieldIssues } from '../domain/index.ts';
import { ValidationError } from '../errors.ts';
import { DEFAULT_MAX_DELIVER, MAX_MESSAGE_BYTES, type DeadLetter, type Delivery, type MessageHandler, type PublishOptions, type SubscribeOptions } from './types.ts';

/** What to do with a delivered message; decided here once for every bus implementation. */
export type Outcome = { kind: 'ack' } | { kind: 'retry' } | { kind: 'dead'; letter: DeadLetter };

/**
 * Serialises and checks a message for publishing (schema if given, JSON-only, size limit).
 * @example encodeMessage({ id: 'tx-1' }) === '{"id":"tx-1"}'
 */
export function encodeMessage(message: unknown, options: PublishOptions = {}): string {
  if (options.schema) {
    const parsed = options.schema.safeParse(message);
    if (!parsed.success) throw new ValidationError('message does not match its schema', fieldIssues(parsed.error));
  }
  let payload: string | undefined;
  try {
    payload = JSON.stringify(message);
  } catch (error) {
    throw new ValidationError('message cannot be serialised as JSON', [{ field: '(message)', reason: error instanceof Error ? error.message : String(error) }]);
  }
  if (payload === undefined) throw new ValidationError('message cannot be serialised as JSON', [{ field: '(message)', reason: 'not a JSON value' }]);
  if (Buffer.byteLength(payload, 'utf8') > MAX_MESSAGE_BYTES) {
    throw new ValidationError(`message exceeds ${MAX_MESSAGE_BYTES} bytes`, [{ field: '(message)', reason: 'too large' }]);
  }
  return payload;
}

/**
 * Parses, validates and hands one message to the handler. Invalid messages are dead-lettered at
 * once (retrying cannot fix them); a failing handler is retried until `maxDeliver`.
 */
export async function deliver<T>(payload: string, delivery: Delivery, consumer: string, handler: MessageHandler<T>, options: SubscribeOptions<T>): Promise<Outcome> {
  const letter = (reason: DeadLetter['reason'], issues: DeadLetter['issues']): Outcome => ({
    kind: 'dead',
    letter: { subject: delivery.subject, reason, issues, deliveryCount: delivery.deliveryCount, consumer, payload },
  });
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (error) {
    return letter('invalid_json', [{ field: '(message)', reason: error instanceof Error ? error.message : String(error) }]);
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) return letter('invalid_message', fieldIssues(parsed.error));
  try {
    await handler(parsed.data, delivery);
    return { kind: 'ack' };
  } catch (error) {
    if (delivery.deliveryCount >= (options.maxDeliver ?? DEFAULT_MAX_DELIVER)) {
      return letter('handler_failed', [{ field: '(handler)', reason: error instanceof Error ? error.message : String(error) }]);
    }
    return { kind: 'retry' };
  }
}

/** The subject dead letters of `subject` are published to. */
export function deadLetterSubject(subject: string): string {
  return `dead.${subject}`;
}

/** Checks numeric subscription options. */
export function checkSubscribeOptions(options: SubscribeOptions<unknown>): void {
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  if (!Number.isSafeInteger(maxDeliver) || maxDeliver < 1 || maxDeliver > 1000) throw new RangeError('maxDeliver must be an integer from 1 to 1000');
  const delay = options.retryDelayMs;
  if (delay !== undefined && (!Number.isFinite(delay) || delay < 0 || delay > 3_600_000)) throw new RangeError('retryDelayMs must be from 0 to 3,600,000');
}
