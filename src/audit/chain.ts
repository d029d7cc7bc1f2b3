import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The hash the first entry of every chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

const JsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]));

/** What an actor did, before it is chained. */
export const AuditEventSchema = z.object({
  /** Data or wall time of the action, passed in (the core reads no clock). */
  time: z.iso.datetime({ offset: true }),
  actor: z.string().min(1).max(128),
  /** Verb in dotted form, e.g. `case.assigned`, `report.filed`. */
  action: z.string().min(1).max(64),
  subject: z.object({ kind: z.string().min(1).max(32), id: z.string().min(1).max(128) }),
  details: z.record(z.string(), JsonValue).default({}),
});
export type AuditEvent = z.input<typeof AuditEventSchema>;

export const AuditEntrySchema = AuditEventSchema.extend({
  /** 1, 2, 3 … without gaps. */
  sequence: z.number().int().positive(),
  previousHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * Canonical JSON: object keys sorted, no whitespace, so the same entry always hashes the same.
 * @example canonicalJson({ b: 1, a: [true, null] }) === '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

/** SHA-256 over the canonical JSON of the entry without its own hash (it includes `previousHash`). */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { sequence, time, actor, action, subject, details, previousHash } = entry;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson({ sequence, time, actor, action, subject, details, previousHash }))));
}

/**
 * Chains a new event after `previous` (or starts the chain).
 * @example
 * const first = appendEntry(undefined, { time: '2026-01-05T10:00:00Z', actor: 'ana', action: 'case.opened', subject: { kind: 'case', id: 'C-1' } });
 * const second = appendEntry(first, { ...event, action: 'case.assigned' }); // second.previousHash === first.hash
 */
export function appendEntry(previous: AuditEntry | undefined, event: AuditEvent): AuditEntry {
  const parsed = AuditEventSchema.parse(event);
  const base = { ...parsed, sequence: (previous?.sequence ?? 0) + 1, previousHash: previous?.hash ?? GENESIS_HASH };
  return { ...base, hash: hashEntry(base) };
}

export type ChainProblem = {
  /** Position in the list given (0-based) where the problem shows. */
  index: number;
  sequence: number;
  kind: 'edited' | 'removed' | 'reordered' | 'broken-link';
  reason: string;
};

export type ChainVerification = { ok: true; entries: number; headHash: string } | { ok: false; problems: ChainProblem[] };

/**
 * Verifies a chain read in sequence order: every hash recomputes (no entry edited), sequences
 * run 1, 2, 3 … (none removed, none reordered) and each entry links to the previous hash.
 * Pass `expectedHead` (kept elsewhere, e.g. the last hash reported) to detect truncation at the end.
 * @example verifyChain(entries).ok === true
 */
export function verifyChain(entries: readonly AuditEntry[], expectedHead?: { sequence: number; hash: string }): ChainVerification {
  const problems: ChainProblem[] = [];
  let previous: AuditEntry | undefined;
  entries.forEach((entry, index) => {
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) {
      problems.push({ index, sequence: entry.sequence, kind: 'edited', reason: `entry ${entry.sequence} does not match its hash: its content was changed` });
    }
    const expectedSequence = (previous?.sequence ?? 0) + 1;
    if (entry.sequence < expectedSequence) {
      problems.push({ index, sequence: entry.sequence, kind: 'reordered', reason: `entry ${entry.sequence} comes after entry ${previous?.sequence}: entries are out of order` });
    } else if (entry.sequence > expectedSequence) {
      problems.push({ index, sequence: entry.sequence, kind: 'removed', reason: `entries ${expectedSequence}–${entry.sequence - 1} are missing before entry ${entry.sequence}` });
    } else if (entry.previousHash !== (previous?.hash ?? GENESIS_HASH)) {
      problems.push({ index, sequence: entry.sequence, kind: 'broken-link', reason: `entry ${entry.sequence} does not link to the hash of entry ${expectedSequence - 1}` });
    }
    previous = entry;
  });
  if (expectedHead && (previous?.sequence !== expectedHead.sequence || previous.hash !== expectedHead.hash)) {
    problems.push({ index: entries.length, sequence: expectedHead.sequence, kind: 'removed', reason: `the chain ends at entry ${previous?.sequence ?? 0}, not at the recorded head ${expectedHead.sequence}` });
  }
  return problems.length === 0 ? { ok: true, entries: entries.length, headHash: previous?.hash ?? GENESIS_HASH } : { ok: false, problems };
}
