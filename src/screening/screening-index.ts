/**
 * The screening index: every listed name and alias, tokenised once, with an inverted index from
 * tokens, phonetic keys and one-deletion neighbours of the keys to the names that contain them,
 * so a query touches only names sharing a similar token instead of scanning the list.
 * Built from plain data, immutable once built.
 */
import { COMMON_NAME_TOKENS, GENERIC_COMPANY_TOKENS } from './common-names.ts';
import type { ListEntry } from './list-entry.ts';
import { parseName, parseStructuredName, type NameKind, type ParsedName, type TokenRole } from './names.ts';

export type IndexedName = {
  entryIndex: number;
  /** The text as published. */
  text: string;
  parsed: ParsedName;
  tokenIds: Int32Array;
  /** -1 for the primary name, else the alias position in the entry. */
  aliasIndex: number;
  weak: boolean;
};

export type ScreeningIndex = {
  readonly entries: readonly ListEntry[];
  readonly names: readonly IndexedName[];
  /** Token text → token id. */
  readonly tokenIds: ReadonlyMap<string, number>;
  readonly tokenText: readonly string[];
  readonly tokenKey: readonly string[];
  /** Information weight of each token (bits, capped for common names). */
  readonly tokenWeight: Float64Array;
  /** Name id of each entry's primary name (-1 when it has no comparable token). */
  readonly primaryNameOfEntry: Int32Array;
  /** Sum of the token weights of each name. */
  readonly nameWeight: Float64Array;
  /** Token id → ids of the names that contain it. */
  readonly postings: readonly Int32Array[];
  /** Phonetic key → token ids with that key. */
  readonly keyTokens: ReadonlyMap<string, readonly number[]>;
  /** Phonetic key with one symbol deleted (or the key itself) → keys. */
  readonly keyNeighbours: ReadonlyMap<string, readonly string[]>;
  /** For listed tokens written with their particle joined ("delacruz"): the rest ("cruz") → token ids. */
  readonly particleJoined: ReadonlyMap<string, readonly number[]>;
  /** Spelling with one letter deleted → token ids (typos that change the sound: "garca", "marqsuez"). */
  readonly spellingNeighbours: ReadonlyMap<string, readonly number[]>;
  /** Weight used for a query token the index has never seen. */
  readonly unknownTokenWeight: number;
  readonly listIds: readonly string[];
};

/** Weight cap for very common given names and surnames, in bits. */
const COMMON_NAME_WEIGHT_CAP = 3;
const GENERIC_COMPANY_WEIGHT_CAP = 1.5;
const MAX_TOKEN_WEIGHT = 12;
const MIN_WEIGHT_POPULATION = 20_000;

/** Key deletions are generated only for keys this long: shorter ones match too much by chance. */
export const MIN_KEY_LENGTH_FOR_DELETIONS = 4;

/** Particles that clerks write joined to the surname: "Delacruz", "Delosrios", "Dela Rosa". */
const JOINED_PARTICLES = ['delos', 'delas', 'dela', 'del', 'de', 'la', 'los', 'las'];
/** Names that merely begin like a particle. A split is only ever used when the rest is itself a listed token. */
const NOT_JOINED = new Set(['delgado', 'delgadillo', 'delfino', 'delfina', 'delia', 'delicia', 'demetrio', 'desiderio', 'debora', 'deborah', 'denise', 'dennis', 'lazaro', 'lamberto', 'laurencio', 'lastra', 'lascano', 'lazcano', 'losada', 'lasalle']);

/**
 * The surname without a particle written joined to it, or null.
 * @example withoutJoinedParticle('delacruz') === 'cruz'
 * @example withoutJoinedParticle('delgado') === null
 */
export function withoutJoinedParticle(token: string): string | null {
  if (NOT_JOINED.has(token)) return null;
  for (const particle of JOINED_PARTICLES) {
    if (token.length - particle.length >= 4 && token.startsWith(particle)) return token.slice(particle.length);
  }
  return null;
}

/**
 * All strings obtained by deleting one symbol of `key`, plus the key itself.
 * @example keyDeletions('abcd') // ['abcd', 'bcd', 'acd', 'abd', 'abc']
 */
export function keyDeletions(key: string): string[] {
  const out = [key];
  if (key.length < MIN_KEY_LENGTH_FOR_DELETIONS) return out;
  for (let i = 0; i < key.length; i++) {
    const variant = key.slice(0, i) + key.slice(i + 1);
    if (variant !== out[out.length - 1]) out.push(variant);
  }
  return out;
}

function entryNameKind(entry: ListEntry): NameKind {
  if (entry.type === 'person') return 'person';
  if (entry.type === 'unknown') return 'unknown';
  return 'organization';
}

/**
 * Token information weight: log2 of how rare the token is among the listed names, capped for
 * tokens that are common in the population (José, García, Smith) or generic company words.
 * @example tokenInformation('garcia', 120, 40000) <= 3
 */
export function tokenInformation(token: string, documentFrequency: number, nameCount: number): number {
  let weight = Math.log2((nameCount + 1) / (documentFrequency + 0.5));
  weight = Math.min(MAX_TOKEN_WEIGHT, Math.max(1, weight));
  if (COMMON_NAME_TOKENS.has(token)) weight = Math.min(weight, COMMON_NAME_WEIGHT_CAP);
  if (GENERIC_COMPANY_TOKENS.has(token)) weight = Math.min(weight, GENERIC_COMPANY_WEIGHT_CAP);
  // Digits and one-letter tokens (initials) identify little.
  if (token.length === 1) weight = Math.min(weight, 1);
  return weight;
}

/**
 * Builds the index over list entries (primary names and every alias).
 * @example const index = buildScreeningIndex([...sdn.entries, ...un.entries]); index.names.length
 */
export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const names: IndexedName[] = [];
  const tokenIds = new Map<string, number>();
  const tokenText: string[] = [];
  const tokenKey: string[] = [];
  const postingLists: number[][] = [];
  const listIds = new Set<string>();

  const addName = (entryIndex: number, text: string, parsed: ParsedName, aliasIndex: number, weak: boolean): void => {
    if (parsed.tokens.length === 0) return;
    const nameId = names.length;
    const ids = new Int32Array(parsed.tokens.length);
    const seen = new Set<number>();
    parsed.tokens.forEach((token, position) => {
      let id = tokenIds.get(token);
      if (id === undefined) {
        id = tokenText.length;
        tokenIds.set(token, id);
        tokenText.push(token);
        tokenKey.push(parsed.keys[position]!);
        postingLists.push([]);
      }
      ids[position] = id;
      if (!seen.has(id)) { postingLists[id]!.push(nameId); seen.add(id); }
    });
    names.push({ entryIndex, text, parsed, tokenIds: ids, aliasIndex, weak });
  };

  entries.forEach((entry, entryIndex) => {
    listIds.add(entry.listId);
    const kind = entryNameKind(entry);
    const structured = entry.structuredName;
    const primary = structured && (structured.paternal || structured.given) ? parseStructuredName(structured) : parseName(entry.name, kind);
    addName(entryIndex, entry.name, kind === 'organization' ? parseName(entry.name, kind) : primary, -1, false);
    entry.aliases.forEach((alias, aliasIndex) => {
      // Nicknames ("Mencho") are not split into given/surname roles: they are one identity token.
      addName(entryIndex, alias.name, parseName(alias.name, kind), aliasIndex, alias.quality === 'weak');
    });
  });

  // Rarity counts listed entries, not names: an entry's five aliases repeating its surname do not
  // make the surname common. Small lists (an internal list of ten names) are weighed as if they
  // were list-sized, so one exact rare token is not discounted for the list being short.
  const tokenWeight = new Float64Array(tokenText.length);
  const population = Math.max(names.length, MIN_WEIGHT_POPULATION);
  for (let id = 0; id < tokenText.length; id++) {
    // Names are numbered entry by entry, so an entry's names are adjacent in every posting list.
    let entriesWithToken = 0;
    let lastEntry = -1;
    for (const nameId of postingLists[id]!) {
      const entryIndex = names[nameId]!.entryIndex;
      if (entryIndex !== lastEntry) { entriesWithToken++; lastEntry = entryIndex; }
    }
    tokenWeight[id] = tokenInformation(tokenText[id]!, entriesWithToken, population);
  }

  const primaryNameOfEntry = new Int32Array(entries.length).fill(-1);
  names.forEach((name, nameId) => { if (name.aliasIndex < 0) primaryNameOfEntry[name.entryIndex] = nameId; });
  const nameWeight = new Float64Array(names.length);
  names.forEach((name, nameId) => {
    let total = 0;
    for (const id of name.tokenIds) total += tokenWeight[id]!;
    nameWeight[nameId] = total;
  });

  const keyTokens = new Map<string, number[]>();
  tokenKey.forEach((key, id) => {
    const list = keyTokens.get(key);
    if (list) list.push(id); else keyTokens.set(key, [id]);
  });
  const keyNeighbours = new Map<string, string[]>();
  for (const key of keyTokens.keys()) {
    for (const variant of keyDeletions(key)) {
      const list = keyNeighbours.get(variant);
      if (list) list.push(key); else keyNeighbours.set(variant, [key]);
    }
  }

  const particleJoined = new Map<string, number[]>();
  tokenText.forEach((token, id) => {
    const rest = withoutJoinedParticle(token);
    if (rest === null) return;
    const list = particleJoined.get(rest);
    if (list) list.push(id); else particleJoined.set(rest, [id]);
  });
  const spellingNeighbours = new Map<string, number[]>();
  tokenText.forEach((token, id) => {
    if (token.length < MIN_KEY_LENGTH_FOR_DELETIONS) return;
    for (let i = 0; i < token.length; i++) {
      const variant = token.slice(0, i) + token.slice(i + 1);
      const list = spellingNeighbours.get(variant);
      if (!list) spellingNeighbours.set(variant, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  });

  return {
    entries,
    spellingNeighbours,
    particleJoined,
    names,
    tokenIds,
    tokenText,
    tokenKey,
    tokenWeight,
    nameWeight,
    primaryNameOfEntry,
    postings: postingLists.map((list) => Int32Array.from(list)),
    keyTokens,
    keyNeighbours,
    unknownTokenWeight: Math.min(MAX_TOKEN_WEIGHT, Math.log2(population + 1)) * 0.6,
    listIds: [...listIds].sort(),
  };
}

export type { TokenRole };
