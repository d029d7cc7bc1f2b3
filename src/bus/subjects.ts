import { ValidationError } from '../errors.ts';

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks a subject to publish to: dot-separated tokens of letters, digits, `_` and `-`.
 * @example assertPublishSubject('tx.3') // ok; 'tx.*' throws
 */
export function assertPublishSubject(subject: string): void {
  const tokens = subject.split('.');
  if (subject.length > 255 || !tokens.every((token) => TOKEN.test(token))) {
    throw new ValidationError(`invalid subject to publish to: ${JSON.stringify(subject)}`, [{ field: 'subject', reason: 'must be dot-separated tokens of letters, digits, _ and -' }]);
  }
}

/**
 * Checks a subject filter to subscribe to: tokens, `*` for one token, `>` as the last token for the rest.
 * @example assertSubscribeSubject('tx.>') // ok
 */
export function assertSubscribeSubject(filter: string): void {
  const tokens = filter.split('.');
  const valid = filter.length <= 255 && tokens.every((token, index) => TOKEN.test(token) || token === '*' || (token === '>' && index === tokens.length - 1));
  if (!valid) throw new ValidationError(`invalid subject filter: ${JSON.stringify(filter)}`, [{ field: 'subject', reason: 'must be tokens, `*` or a final `>`' }]);
}

/** Checks a durable, queue, namespace or stream name. */
export function assertName(kind: string, name: string): void {
  if (!NAME.test(name)) throw new ValidationError(`invalid ${kind} name: ${JSON.stringify(name)}`, [{ field: kind, reason: 'must be 1–64 letters, digits, _ or -' }]);
}

/**
 * NATS subject matching: `*` matches one token, a final `>` one or more.
 * @example subjectMatches('tx.*', 'tx.3') === true
 * @example subjectMatches('tx.>', 'tx') === false
 */
export function subjectMatches(filter: string, subject: string): boolean {
  const want = filter.split('.');
  const have = subject.split('.');
  for (let index = 0; index < want.length; index += 1) {
    const token = want[index]!;
    if (token === '>') return have.length > index;
    if (index >= have.length) return false;
    if (token !== '*' && token !== have[index]) return false;
  }
  return want.length === have.length;
}

/**
 * The engine partition of an account: a stable FNV-1a hash of the key's UTF-8 bytes, so every
 * process (and every restart) sends one account's transactions to the same worker.
 * @example partitionFor('acct-123', 8) === partitionFor('acct-123', 8) // always, in [0, 8)
 */
export function partitionFor(accountKey: string, partitions: number): number {
  if (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > 65536) throw new RangeError(`partitions must be an integer from 1 to 65536, got ${partitions}`);
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(accountKey, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // FNV-1a's low bits mix poorly for keys that differ only in their last digits (account
  // numbers), which skews `% 2^k`; a final avalanche (MurmurHash3 fmix32) spreads them evenly.
  hash = Math.imul((hash ^ (hash >>> 16)) >>> 0, 0x85ebca6b) >>> 0;
  hash = Math.imul((hash ^ (hash >>> 13)) >>> 0, 0xc2b2ae35) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return hash % partitions;
}

/**
 * The subject an engine partition consumes (`tx.<partition>`; `frontera.tx.<partition>` on the
 * wire with the default namespace).
 * @example partitionSubject(partitionFor(transaction.originator.accountId ?? transaction.id, 8))
 */
export function partitionSubject(partition: number): string {
  if (!Number.isSafeInteger(partition) || partition < 0) throw new RangeError(`partition must be a non-negative integer, got ${partition}`);
  return `tx.${partition}`;
}
