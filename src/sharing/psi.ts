/**
 * Elliptic-curve Diffie–Hellman private set intersection between an initiator I and a
 * responder R (semi-honest parties over authenticated messages):
 *
 *   1. I → R  A₁ = [a]·H(x) for each of I's keys, in a random order I remembers
 *   2. R → I  A₂ = [b]·A₁ as short tags (same order; shuffled in cardinality mode)
 *             B₁ = [b]·H(y) for each of R's keys, in a random order R remembers
 *   3. I → R  B₂ = [a]·B₁ as short tags (same order; shuffled in cardinality mode)
 *
 * I learns which of its own keys are shared (A₂ tags found among B₂), R learns the same for its
 * keys (B₂ tags found among A₂); in cardinality mode both learn only how many. Neither side can
 * test a guessed identifier against what it received: that needs the other side's scalar.
 * H is hash-to-group salted with the session id, so nothing can be precomputed across sessions.
 * Sets are padded with random elements so their exact sizes are not revealed.
 */
import { hash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { IntegrityError, ValidationError } from '../errors.ts';
import type { Party } from '../domain/index.ts';
import type { BlindingEngine } from './engine.ts';
import { POINT_BYTES, tagGroupElements, TAG_BYTES, UNIFORM_BYTES } from './group.ts';
import { deriveMatchKeys, matchKeyText, type MatchKeyKind, type NameParser } from './match-keys.ts';

export const PSI_MODES = ['identify', 'cardinality'] as const;
export const PsiModeSchema = z.enum(PSI_MODES);
export type PsiMode = z.infer<typeof PsiModeSchema>;

export { TAG_BYTES };
const HASH_DOMAIN = 'frontera-psi-v1/hash-to-group';
/** Elements per side accepted in one session (a size limit on every input). */
export const MAXIMUM_ELEMENTS = 4_000_000;

/** One distinct key of the own set, with every subject that holds it. */
export type PreparedElement = { kind: MatchKeyKind; subjectIds: string[] };

export type PreparedSet = {
  /** Per position of the blinded set: the element there, or null for a padding element. */
  positions: Array<PreparedElement | null>;
  /** 32 bytes per position: the hash-to-group input. */
  uniform: Uint8Array;
  subjectCount: number;
  keyCount: number;
};

function uniformFor(sessionId: string, keyText: string): Buffer {
  return hash('sha256', `${HASH_DOMAIN}\u0000${sessionId}\u0000${keyText}`, 'buffer');
}

function shuffleInPlace<T>(items: T[]): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    const held = items[index]!;
    items[index] = items[other]!;
    items[other] = held;
  }
}

/**
 * Turns subjects into the own set of a session: distinct match keys (two subjects sharing a phone
 * give one element, so duplicates do not show), shuffled, padded with random elements up to a
 * multiple of `padToMultipleOf`.
 * @example const prepared = prepareSet({ sessionId, subjects, parser, kinds: ['curp', 'rfc'] });
 */
export function prepareSet(options: { sessionId: string; subjects: readonly Party[]; parser: NameParser; kinds: readonly MatchKeyKind[]; padToMultipleOf?: number }): PreparedSet {
  const byKey = new Map<string, PreparedElement>();
  for (const subject of options.subjects) {
    for (const key of deriveMatchKeys(options.parser, subject, options.kinds)) {
      const text = matchKeyText(key);
      const element = byKey.get(text);
      if (element === undefined) byKey.set(text, { kind: key.kind, subjectIds: [subject.id] });
      else if (!element.subjectIds.includes(subject.id)) element.subjectIds.push(subject.id);
    }
  }
  const keyCount = byKey.size;
  const padding = options.padToMultipleOf ?? 256;
  const total = Math.max(padding, Math.ceil(keyCount / padding) * padding);
  if (total > MAXIMUM_ELEMENTS) throw new ValidationError(`a match takes at most ${MAXIMUM_ELEMENTS} keys per side, this set has ${keyCount}`);
  const entries: Array<[string, PreparedElement] | null> = [...byKey.entries()];
  while (entries.length < total) entries.push(null);
  shuffleInPlace(entries);
  const uniform = new Uint8Array(total * UNIFORM_BYTES);
  const positions: Array<PreparedElement | null> = new Array<PreparedElement | null>(total);
  entries.forEach((entry, index) => {
    uniform.set(entry === null ? randomBytes(UNIFORM_BYTES) : uniformFor(options.sessionId, entry[0]), index * UNIFORM_BYTES);
    positions[index] = entry === null ? null : entry[1];
  });
  return { positions, uniform, subjectCount: options.subjects.length, keyCount };
}

/** Short tags of doubly-blinded elements, 16 bytes each. */
export const tagsOf = tagGroupElements;

function shuffledTags(tags: Uint8Array): Uint8Array {
  const count = tags.length / TAG_BYTES;
  const order = Array.from({ length: count }, (_, index) => index);
  shuffleInPlace(order);
  const result = new Uint8Array(tags.length);
  order.forEach((from, to) => result.set(tags.subarray(from * TAG_BYTES, (from + 1) * TAG_BYTES), to * TAG_BYTES));
  return result;
}

function tagSet(tags: Uint8Array): Set<string> {
  const set = new Set<string>();
  const buffer = Buffer.from(tags.buffer, tags.byteOffset, tags.length);
  for (let offset = 0; offset < tags.length; offset += TAG_BYTES) set.add(buffer.toString('hex', offset, offset + TAG_BYTES));
  return set;
}

/** A matched subject, reported only to the side that holds it. */
export type MatchedSubject = {
  subjectId: string;
  /** Kinds of the keys that matched (e.g. `curp`, `name_birth_date`). */
  keyKinds: MatchKeyKind[];
  /** Pseudonymous handles of the matched keys, known to both sides; used to open a shared case. */
  handles: string[];
};

export type PsiOutcome = {
  mode: PsiMode;
  ownSubjectCount: number;
  ownKeyCount: number;
  /** Elements the other side sent, padding included (its exact key count is not revealed). */
  otherElementCount: number;
  matchedKeyCount: number;
  /** Identify mode only: the own subjects that are shared, with how they matched. */
  matchedSubjects?: MatchedSubject[];
};

function outcome(mode: PsiMode, prepared: PreparedSet, otherElementCount: number, ownTags: Uint8Array, otherTags: Set<string>): PsiOutcome {
  const buffer = Buffer.from(ownTags.buffer, ownTags.byteOffset, ownTags.length);
  if (mode === 'cardinality') {
    let matched = 0;
    for (let offset = 0; offset < ownTags.length; offset += TAG_BYTES) if (otherTags.has(buffer.toString('hex', offset, offset + TAG_BYTES))) matched++;
    return { mode, ownSubjectCount: prepared.subjectCount, ownKeyCount: prepared.keyCount, otherElementCount, matchedKeyCount: matched };
  }
  const bySubject = new Map<string, MatchedSubject>();
  let matchedKeyCount = 0;
  prepared.positions.forEach((element, index) => {
    if (element === null) return;
    const handle = buffer.toString('hex', index * TAG_BYTES, (index + 1) * TAG_BYTES);
    if (!otherTags.has(handle)) return;
    matchedKeyCount++;
    for (const subjectId of element.subjectIds) {
      const subject = bySubject.get(subjectId) ?? { subjectId, keyKinds: [], handles: [] };
      if (!subject.keyKinds.includes(element.kind)) subject.keyKinds.push(element.kind);
      subject.handles.push(handle);
      bySubject.set(subjectId, subject);
    }
  });
  const matchedSubjects = [...bySubject.values()].sort((left, right) => (left.subjectId < right.subjectId ? -1 : left.subjectId > right.subjectId ? 1 : 0));
  return { mode, ownSubjectCount: prepared.subjectCount, ownKeyCount: prepared.keyCount, otherElementCount, matchedKeyCount, matchedSubjects };
}

function checkElements(bytes: Uint8Array, width: number, what: string, expectedCount?: number): number {
  if (bytes.length % width !== 0) throw new IntegrityError(`${what} is not a whole number of ${width}-byte elements`);
  const count = bytes.length / width;
  if (count > MAXIMUM_ELEMENTS) throw new IntegrityError(`${what} has more than ${MAXIMUM_ELEMENTS} elements`);
  if (expectedCount !== undefined && count !== expectedCount) throw new IntegrityError(`${what} has ${count} elements, ${expectedCount} expected`);
  return count;
}

/** Step 1, initiator: blind the own set. */
export async function blindOwnSet(engine: BlindingEngine, prepared: PreparedSet, scalar: Uint8Array): Promise<Uint8Array> {
  return engine.hashAndBlind(prepared.uniform, scalar);
}

/**
 * Step 2, responder: re-blind the initiator's elements and blind the own set.
 * Keeps `initiatorTags` (the A₂ tags) to find its own matches in step 3.
 */
export async function respondToBlindedSet(options: { engine: BlindingEngine; mode: PsiMode; prepared: PreparedSet; scalar: Uint8Array; initiatorPoints: Uint8Array; ownBlinded?: Uint8Array }): Promise<{ initiatorTags: Uint8Array; tagsForInitiator: Uint8Array; ownBlinded: Uint8Array }> {
  checkElements(options.initiatorPoints, POINT_BYTES, 'the initiator set');
  const initiatorTags = await options.engine.blindAndTag(options.initiatorPoints, options.scalar);
  const ownBlinded = options.ownBlinded ?? (await options.engine.hashAndBlind(options.prepared.uniform, options.scalar));
  return { initiatorTags, tagsForInitiator: options.mode === 'cardinality' ? shuffledTags(initiatorTags) : initiatorTags, ownBlinded };
}

/** Step 3, initiator: re-blind the responder's set, learn the own result. */
export async function finishAsInitiator(options: { engine: BlindingEngine; mode: PsiMode; prepared: PreparedSet; scalar: Uint8Array; tagsFromResponder: Uint8Array; responderPoints: Uint8Array }): Promise<{ outcome: PsiOutcome; tagsForResponder: Uint8Array }> {
  checkElements(options.tagsFromResponder, TAG_BYTES, 'the re-blinded initiator set', options.prepared.positions.length);
  const responderCount = checkElements(options.responderPoints, POINT_BYTES, 'the responder set');
  const responderTags = await options.engine.blindAndTag(options.responderPoints, options.scalar);
  return {
    outcome: outcome(options.mode, options.prepared, responderCount, options.tagsFromResponder, tagSet(responderTags)),
    tagsForResponder: options.mode === 'cardinality' ? shuffledTags(responderTags) : responderTags,
  };
}

/** Step 3, responder: learn the own result from the initiator's re-blinded tags. */
export function finishAsResponder(options: { mode: PsiMode; prepared: PreparedSet; initiatorTags: Uint8Array; tagsFromInitiator: Uint8Array }): PsiOutcome {
  checkElements(options.tagsFromInitiator, TAG_BYTES, 'the re-blinded responder set', options.prepared.positions.length);
  return outcome(options.mode, options.prepared, options.initiatorTags.length / TAG_BYTES, options.tagsFromInitiator, tagSet(options.initiatorTags));
}

/** Binary payloads travel as base64url text inside the signed JSON messages. */
export function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
}

export function decodeBytes(text: string, what: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new IntegrityError(`${what} is not base64url`);
  const buffer = Buffer.from(text, 'base64url');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
