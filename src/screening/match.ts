/**
 * Screening a name (and what else is known of the party) against the index: candidate generation
 * through the inverted index, best-pair token alignment, a weighted name score that knows Spanish
 * name structure, and secondary evidence (date of birth, nationality, identifiers) that raises or
 * lowers it. Every hit says which tokens and which fields matched. Pure, deterministic.
 */
import { z } from 'zod';
import { SCREENING_IDENTIFIER_KINDS, type ListEntry } from './list-entry.ts';
import { parseName, parseStructuredName, type NameKind, type ParsedName, type TokenRole } from './names.ts';
import { compareTokens, hypocorismsOf, type TokenComparison, type TokenMatchKind } from './similarity.ts';
import { keyDeletions, MIN_KEY_LENGTH_FOR_DELETIONS, tokenInformation, withoutJoinedParticle, type IndexedName, type ScreeningIndex } from './screening-index.ts';
import { COMMON_NAME_TOKENS } from './common-names.ts';

export const ScreeningQuerySchema = z.object({
  name: z.string().min(1, 'must not be empty').max(400, 'must be at most 400 characters'),
  kind: z.enum(['person', 'organization', 'unknown']).default('unknown'),
  structuredName: z.object({ given: z.string().max(200).optional(), paternal: z.string().max(200).optional(), maternal: z.string().max(200).optional() }).optional(),
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD').optional(),
  nationality: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 code').optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 code').optional(),
  identifiers: z.array(z.object({ kind: z.enum(SCREENING_IDENTIFIER_KINDS), value: z.string().min(1).max(128) })).default([]),
});
export type ScreeningQuery = z.infer<typeof ScreeningQuerySchema>;
export type ScreeningQueryInput = z.input<typeof ScreeningQuerySchema>;

export type TokenMatch = { query: string; listed: string; kind: TokenMatchKind; similarity: number; role: TokenRole };

export type EvidenceField = 'birthDate' | 'nationality' | 'country' | 'identifier' | 'type' | 'alias';
export type Evidence = { field: EvidenceField; outcome: 'match' | 'partial' | 'mismatch'; adjustment: number; detail: string };

export type ScreeningHit = {
  listId: string;
  entryId: string;
  entryType: ListEntry['type'];
  /** Primary name of the listed entry. */
  name: string;
  /** The listed name or alias that matched best. */
  matchedName: string;
  matchedAlias: boolean;
  score: number;
  /** Score from the names alone, before secondary evidence. */
  nameScore: number;
  programs: string[];
  tokens: TokenMatch[];
  unmatchedQueryTokens: string[];
  unmatchedListedTokens: string[];
  evidence: Evidence[];
  /** One line for an analyst: what matched and why the score is what it is. */
  explanation: string;
};

export type ScreenOptions = {
  /** Lowest score returned (default 0.8). */
  threshold?: number;
  /** Most hits returned (default 10). */
  limit?: number;
  /** Only these lists (default all). */
  listIds?: readonly string[];
};

/** Token pairs below this similarity are not aligned. */
const MIN_TOKEN_SIMILARITY = 0.74;
/** Names fully scored per query, best upper bounds first. */
const MAX_CANDIDATES = 64;
const topCandidateIds = new Int32Array(MAX_CANDIDATES);
const topCandidateScores = new Float64Array(MAX_CANDIDATES);
const INITIAL_EVIDENCE = 0.8;
const INFORMATION_REFERENCE_BITS = 10;
/** Weight cap for a listed token the query omits, and for a token matched only by its initial. */
const MISSING_TOKEN_WEIGHT_CAP = 4;
const EXTRA_TOKEN_WEIGHT_FLOOR = 3;

type QueryToken = {
  text: string;
  key: string;
  weight: number;
  role: TokenRole;
  /** Index token id → comparison, for the tokens candidate generation found. */
  candidates: ReadonlyMap<number, TokenComparison>;
  /** The same, best first. */
  ordered: ReadonlyArray<readonly [number, TokenComparison]>;
};

/**
 * Reusable scratch arrays sized to the index; one per index, so screening allocates little.
 * Not shared between concurrent callers (JavaScript runs one query at a time per isolate).
 */
type Scratch = {
  accumulated: Float64Array;
  stamp: Int32Array;
  touched: Int32Array;
  touchedCount: number;
  generation: number;
  /** Query token → the listed tokens within reach, with their comparison. Names repeat tokens
   * (García, José) across queries, so each is looked up once; bounded, emptied when full. */
  tokenCandidates: Map<string, CandidateTokens>;
};
const TOKEN_CACHE_SIZE = 50_000;
/** The listed tokens a query token can match: by id, and best first for candidate generation. */
type CandidateTokens = { byId: ReadonlyMap<number, TokenComparison>; ordered: ReadonlyArray<readonly [number, TokenComparison]> };
const scratchByIndex = new WeakMap<ScreeningIndex, Scratch>();

/**
 * Empties the per-index token cache (benchmarks measure a cold cache this way; results never depend on it).
 * @example clearScreeningCaches(index)
 */
export function clearScreeningCaches(index: ScreeningIndex): void {
  scratchByIndex.get(index)?.tokenCandidates.clear();
}

function cachedCandidates(index: ScreeningIndex, scratch: Scratch, text: string, key: string): CandidateTokens {
  let found = scratch.tokenCandidates.get(text);
  if (found === undefined) {
    const byId = collectCandidates(index, text, key);
    found = { byId, ordered: [...byId].sort((a, b) => b[1].similarity - a[1].similarity || a[0] - b[0]) };
    if (scratch.tokenCandidates.size >= TOKEN_CACHE_SIZE) scratch.tokenCandidates.clear();
    scratch.tokenCandidates.set(text, found);
  }
  return found;
}

function scratchFor(index: ScreeningIndex): Scratch {
  let scratch = scratchByIndex.get(index);
  if (!scratch) {
    const size = index.names.length;
    scratch = { accumulated: new Float64Array(size), stamp: new Int32Array(size).fill(-1), touched: new Int32Array(size), touchedCount: 0, generation: 0, tokenCandidates: new Map() };
    scratchByIndex.set(index, scratch);
  }
  return scratch;
}

function queryTokenWeight(index: ScreeningIndex, token: string): number {
  const id = index.tokenIds.get(token);
  if (id !== undefined) return index.tokenWeight[id]!;
  // Unseen tokens are informative, but a common name stays common even if no list has it.
  return Math.min(index.unknownTokenWeight, tokenInformation(token, 0, index.names.length));
}

function collectCandidates(index: ScreeningIndex, text: string, key: string): Map<number, TokenComparison> {
  const found = new Map<number, TokenComparison>();
  if (text.length === 1) return found;
  const consider = (id: number): void => {
    if (found.has(id)) return;
    const comparison = compareTokens(text, index.tokenText[id]!, key, index.tokenKey[id]!);
    if (comparison.similarity >= MIN_TOKEN_SIMILARITY) found.set(id, comparison);
  };
  const exact = index.tokenIds.get(text);
  if (exact !== undefined) found.set(exact, { similarity: 1, kind: 'exact' });
  for (const variant of keyDeletions(key)) {
    const keys = index.keyNeighbours.get(variant);
    if (!keys) continue;
    for (const neighbour of keys) {
      const ids = index.keyTokens.get(neighbour);
      if (ids) for (const id of ids) consider(id);
    }
  }
  if (text.length >= 3) {
    // One letter dropped on either side: "garca" ↔ "garcia", "marqsuez" ↔ "marquez".
    const own = index.spellingNeighbours.get(text);
    if (own) for (const id of own) consider(id);
    if (text.length >= MIN_KEY_LENGTH_FOR_DELETIONS + 1) {
      for (let i = 0; i < text.length; i++) {
        const variant = text.slice(0, i) + text.slice(i + 1);
        const exactId = index.tokenIds.get(variant);
        if (exactId !== undefined) consider(exactId);
        const ids = index.spellingNeighbours.get(variant);
        if (ids) for (const id of ids) consider(id);
      }
    }
  }
  // "Delacruz" in the query finds "cruz"; "cruz" finds listed "delacruz".
  const rest = withoutJoinedParticle(text);
  if (rest !== null) {
    const id = index.tokenIds.get(rest);
    if (id !== undefined && !found.has(id)) found.set(id, { similarity: 0.93, kind: 'particle' });
  }
  const joined = index.particleJoined.get(text);
  if (joined) for (const id of joined) if (!found.has(id)) found.set(id, { similarity: 0.93, kind: 'particle' });
  for (const nickname of hypocorismsOf(text)) {
    const id = index.tokenIds.get(nickname);
    if (id !== undefined) consider(id);
  }
  return found;
}

type Alignment = {
  score: number;
  information: number;
  pairs: Array<{ queryPosition: number; namePosition: number; comparison: TokenComparison }>;
  unmatchedQuery: number[];
  unmatchedName: number[];
};

const CONFLICT_FACTOR = 0.85;

function countSubstantive(positions: number[], text: (position: number) => string): number {
  let count = 0;
  for (const position of positions) if (text(position).length > 1) count++;
  return count;
}

function unmatchedPenalty(role: TokenRole, otherGivenMatched: boolean): number {
  switch (role) {
    case 'given': return otherGivenMatched ? 0.3 : 0.7;
    case 'maternal': return 0.35;
    case 'paternal': return 0.8;
    default: return 0.5;
  }
}

// Scratch for the alignment: candidate pairs in query-major order, reused across calls.
let pairCapacity = 1024;
let pairSimilarity = new Float64Array(pairCapacity);
let pairQuery = new Int32Array(pairCapacity);
let pairName = new Int32Array(pairCapacity);
let pairComparison: TokenComparison[] = new Array<TokenComparison>(pairCapacity);
let usedQueryScratch = new Uint8Array(64);
let usedNameScratch = new Uint8Array(64);

/** Greedy best-pair alignment of query tokens with one listed name, then the weighted score. */
function alignAndScore(index: ScreeningIndex, query: QueryToken[], name: IndexedName): Alignment {
  const nameTokens = name.tokenIds;
  if (query.length * nameTokens.length > pairCapacity) {
    pairCapacity = query.length * nameTokens.length;
    pairSimilarity = new Float64Array(pairCapacity);
    pairQuery = new Int32Array(pairCapacity);
    pairName = new Int32Array(pairCapacity);
    pairComparison = new Array<TokenComparison>(pairCapacity);
  }
  let pairCount = 0;
  for (let qp = 0; qp < query.length; qp++) {
    const token = query[qp]!;
    for (let np = 0; np < nameTokens.length; np++) {
      const id = nameTokens[np]!;
      let comparison = token.candidates.get(id);
      if (comparison === undefined) {
        const listed = index.tokenText[id]!;
        // Only initials and truncations can match without having been found by the index.
        if (token.text.length === 1 || listed.length === 1 || (token.text.length >= 4 && listed.startsWith(token.text))) {
          comparison = compareTokens(token.text, listed, token.key, index.tokenKey[id]!);
          if (comparison.similarity < MIN_TOKEN_SIMILARITY) continue;
        } else continue;
      }
      pairSimilarity[pairCount] = comparison.similarity;
      pairQuery[pairCount] = qp;
      pairName[pairCount] = np;
      pairComparison[pairCount] = comparison;
      pairCount++;
    }
  }
  if (usedQueryScratch.length < query.length) usedQueryScratch = new Uint8Array(query.length);
  if (usedNameScratch.length < nameTokens.length) usedNameScratch = new Uint8Array(nameTokens.length);
  const usedQuery = usedQueryScratch;
  const usedName = usedNameScratch;
  usedQuery.fill(0, 0, query.length);
  usedName.fill(0, 0, nameTokens.length);
  const pairs: Alignment['pairs'] = [];
  // Highest similarity first; ties go to the earlier query token (the order pairs were found in).
  for (;;) {
    let best = -1;
    let bestSimilarity = -1;
    for (let p = 0; p < pairCount; p++) {
      if (usedQuery[pairQuery[p]!] || usedName[pairName[p]!]) continue;
      if (pairSimilarity[p]! > bestSimilarity) { bestSimilarity = pairSimilarity[p]!; best = p; }
    }
    if (best < 0) break;
    usedQuery[pairQuery[best]!] = 1;
    usedName[pairName[best]!] = 1;
    pairs.push({ queryPosition: pairQuery[best]!, namePosition: pairName[best]!, comparison: pairComparison[best]! });
  }
  let matched = 0;
  let total = 0;
  let information = 0;
  let substantiveMatches = 0;
  let givenMatched = false;
  for (const pair of pairs) {
    const isInitial = pair.comparison.kind === 'initial';
    const fullWeight = index.tokenWeight[nameTokens[pair.namePosition]!]!;
    // An initial confirms a name part exists, not which one: it counts as a common token.
    const weight = isInitial ? Math.min(fullWeight, MISSING_TOKEN_WEIGHT_CAP) : fullWeight;
    matched += pair.comparison.similarity * (isInitial ? INITIAL_EVIDENCE : 1) * weight;
    total += weight;
    if (isInitial) information += 0.5 * weight;
    else { information += pair.comparison.similarity * weight; substantiveMatches++; }
    if (name.parsed.roles[pair.namePosition] === 'given') givenMatched = true;
  }
  if (substantiveMatches === 0) return { score: 0, information: 0, pairs, unmatchedQuery: [], unmatchedName: [] };
  const unmatchedQuery: number[] = [];
  let queryLeftOver = 0;
  for (let qp = 0; qp < query.length; qp++) {
    if (usedQuery[qp]) continue;
    unmatchedQuery.push(qp);
    // An extra word makes a different name even when the word is common ("Servicios El Sol" is not "SOL").
    queryLeftOver += Math.max(query[qp]!.weight, EXTRA_TOKEN_WEIGHT_FLOOR);
  }
  const queryExplained = queryLeftOver === 0;
  const unmatchedName: number[] = [];
  let nameLeftOver = 0;
  for (let np = 0; np < nameTokens.length; np++) {
    if (usedName[np]) continue;
    unmatchedName.push(np);
    const weight = index.tokenWeight[nameTokens[np]!]!;
    // A missing token (maternal surname, second given name) is tolerated, and costs at most as much
    // as a common name part however rare it is; a different token is not tolerated.
    nameLeftOver += queryExplained ? Math.min(weight, MISSING_TOKEN_WEIGHT_CAP) * unmatchedPenalty(name.parsed.roles[np]!, givenMatched) : weight;
  }
  let score = matched / (total + queryLeftOver + nameLeftOver);
  // A token on each side left unexplained is a different name part (another maternal surname),
  // not a missing one: "Nemesio Oseguera Ramírez" is not "Nemesio Oseguera Cervantes".
  const conflicts = Math.min(countSubstantive(unmatchedQuery, (qp) => query[qp]!.text), countSubstantive(unmatchedName, (np) => index.tokenText[nameTokens[np]!]!));
  if (conflicts > 0) score *= CONFLICT_FACTOR ** conflicts;
  // When no token matched exactly or by sound, every pair is a guess at a typo.
  if (pairs.every((pair) => pair.comparison.kind === 'spelling' || pair.comparison.kind === 'initial' || pair.comparison.kind === 'prefix')) score *= 0.9;
  // A match made only of a few common tokens says little about identity.
  score *= Math.min(1, 0.8 + (0.2 * information) / INFORMATION_REFERENCE_BITS);
  return { score, information, pairs, unmatchedQuery, unmatchedName };
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function secondaryEvidence(query: ScreeningQuery, queryKind: NameKind, entry: ListEntry): Evidence[] {
  const evidence: Evidence[] = [];
  if (query.birthDate && entry.birthDates.length > 0) {
    const qd = query.birthDate;
    const exact = entry.birthDates.some((d) => d.length === 10 && qd.length === 10 && d === qd);
    const sameYear = entry.birthDates.some((d) => yearOf(d) === yearOf(qd));
    const nearYear = entry.birthDates.some((d) => Math.abs(yearOf(d) - yearOf(qd)) <= 1);
    if (exact) evidence.push({ field: 'birthDate', outcome: 'match', adjustment: 0.08, detail: `date of birth ${qd} is listed` });
    else if (sameYear) evidence.push({ field: 'birthDate', outcome: 'partial', adjustment: 0.03, detail: `birth year ${yearOf(qd)} is listed` });
    else if (!nearYear) evidence.push({ field: 'birthDate', outcome: 'mismatch', adjustment: -0.15, detail: `date of birth ${qd}; listed ${entry.birthDates.join(', ')}` });
  }
  if (query.nationality && entry.nationalities.length > 0) {
    if (entry.nationalities.includes(query.nationality)) evidence.push({ field: 'nationality', outcome: 'match', adjustment: 0.03, detail: `nationality ${query.nationality} is listed` });
    else evidence.push({ field: 'nationality', outcome: 'mismatch', adjustment: -0.05, detail: `nationality ${query.nationality}; listed ${entry.nationalities.join(', ')}` });
  }
  if (query.country && entry.countries.length > 0) {
    if (entry.countries.includes(query.country)) evidence.push({ field: 'country', outcome: 'match', adjustment: 0.02, detail: `address country ${query.country} is listed` });
    else if (!entry.nationalities.includes(query.country)) evidence.push({ field: 'country', outcome: 'mismatch', adjustment: -0.02, detail: `country ${query.country}; listed ${entry.countries.join(', ')}` });
  }
  for (const identifier of query.identifiers) {
    const value = normaliseIdentifier(identifier.value);
    const sameKind = entry.identifiers.filter((listed) => listed.kind === identifier.kind);
    if (sameKind.some((listed) => normaliseIdentifier(listed.value) === value)) {
      evidence.push({ field: 'identifier', outcome: 'match', adjustment: 0.3, detail: `${identifier.kind} ${identifier.value} is listed` });
    } else if (sameKind.length > 0) {
      evidence.push({ field: 'identifier', outcome: 'mismatch', adjustment: -0.25, detail: `${identifier.kind} ${identifier.value}; listed ${sameKind.map((l) => l.value).join(', ')}` });
    }
  }
  if (queryKind !== 'unknown' && entry.type !== 'unknown') {
    const entryIsPerson = entry.type === 'person';
    if (queryKind === 'organization' && (entry.type === 'vessel' || entry.type === 'aircraft')) {
      evidence.push({ field: 'type', outcome: 'mismatch', adjustment: -0.12, detail: `query is an organisation, listed ${entry.type}` });
    } else if ((queryKind === 'person') !== entryIsPerson) {
      evidence.push({ field: 'type', outcome: 'mismatch', adjustment: -0.12, detail: `query is ${queryKind === 'person' ? 'a person' : 'an organisation'}, listed ${entry.type}` });
    }
  }
  return evidence;
}

/** Upper-case alphanumerics only: "OECA-580820 HMNSRN04" and "oeca580820hmnsrn04" compare equal. */
export function normaliseIdentifier(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9Ñ]/g, '');
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}

function explain(hit: Omit<ScreeningHit, 'explanation'>): string {
  const tokens = hit.tokens.map((t) => (t.kind === 'exact' ? t.listed : `${t.query}≈${t.listed} (${t.kind})`)).join(', ');
  const missing = hit.unmatchedListedTokens.length > 0 ? `; not in query: ${hit.unmatchedListedTokens.join(' ')}` : '';
  const extra = hit.unmatchedQueryTokens.length > 0 ? `; not listed: ${hit.unmatchedQueryTokens.join(' ')}` : '';
  const fields = hit.evidence.map((e) => `${e.field} ${e.outcome} (${e.adjustment >= 0 ? '+' : ''}${e.adjustment.toFixed(2)})`).join(', ');
  const via = hit.matchedAlias ? ` via alias "${hit.matchedName}"` : '';
  return `${hit.listId} ${hit.entryId} "${hit.name}"${via}: name ${hit.nameScore.toFixed(2)} [${tokens}${missing}${extra}]${fields ? `; ${fields}` : ''} → ${hit.score.toFixed(2)}`;
}

/**
 * Screens one query against the index and returns the hits at or above the threshold, best first.
 * @example
 * screen(index, { name: 'NEMESIO OZEGUERA' })[0]?.name // 'OSEGUERA CERVANTES, Nemesio'
 */
export function screen(index: ScreeningIndex, input: ScreeningQueryInput, options: ScreenOptions = {}): ScreeningHit[] {
  const query = ScreeningQuerySchema.parse(input);
  const threshold = options.threshold ?? 0.8;
  const limit = options.limit ?? 10;
  const listFilter = options.listIds ? new Set(options.listIds) : null;
  const parsed: ParsedName = query.structuredName && (query.structuredName.paternal || query.structuredName.given)
    ? parseStructuredName(query.structuredName)
    : parseName(query.name, query.kind);
  if (parsed.tokens.length === 0) return [];

  const scratch = scratchFor(index);
  const queryTokens: QueryToken[] = [];
  const seenTokens = new Set<string>();
  parsed.tokens.forEach((text, position) => {
    if (seenTokens.has(text)) return;
    seenTokens.add(text);
    const key = parsed.keys[position]!;
    const found = cachedCandidates(index, scratch, text, key);
    queryTokens.push({ text, key, weight: queryTokenWeight(index, text), role: parsed.roles[position]!, candidates: found.byId, ordered: found.ordered });
  });
  for (const token of queryTokens) {
    // A typo'd token borrows the weight of what it matches: its own spelling is unseen, not rare.
    if (!index.tokenIds.has(token.text)) {
      let best = 0;
      let bestWeight = token.weight;
      for (const [id, comparison] of token.candidates) if (comparison.similarity > best) { best = comparison.similarity; bestWeight = index.tokenWeight[id]!; }
      token.weight = COMMON_NAME_TOKENS.has(token.text) ? Math.min(token.weight, bestWeight) : bestWeight;
    }
  }

  // Candidate generation: upper bound of the matched weight per name, through the postings.
  const { accumulated, stamp, touched } = scratch;
  scratch.touchedCount = 0;
  let queryTotal = 0;
  for (let qp = 0; qp < queryTokens.length; qp++) {
    const token = queryTokens[qp]!;
    queryTotal += token.weight;
    const generation = ++scratch.generation;
    for (const [id, comparison] of token.ordered) {
      const weight = index.tokenWeight[id]! * comparison.similarity;
      const posting = index.postings[id]!;
      for (let p = 0; p < posting.length; p++) {
        const nameId = posting[p]!;
        if (stamp[nameId] === generation) continue;
        stamp[nameId] = generation;
        if (accumulated[nameId] === 0) touched[scratch.touchedCount++] = nameId;
        accumulated[nameId] = accumulated[nameId]! + weight;
      }
    }
  }
  // Keep the MAX_CANDIDATES best in a small sorted buffer (score desc, name id asc) instead of
  // sorting every touched name: a query of common names touches thousands.
  const topIds = topCandidateIds;
  const topScores = topCandidateScores;
  let topCount = 0;
  for (let t = 0; t < scratch.touchedCount; t++) {
    const nameId = touched[t]!;
    const bound = accumulated[nameId]!;
    accumulated[nameId] = 0;
    if (listFilter && !listFilter.has(index.entries[index.names[nameId]!.entryIndex]!.listId)) continue;
    const nameTotal = index.nameWeight[nameId]!;
    // Ranked by an optimistic score (matched weight over the union of both names' weight), so
    // that among many names sharing "Mario" and "Ramírez" the ones with little else come first.
    if (!(bound >= 0.4 * queryTotal || bound >= 0.6 * nameTotal)) continue;
    const score = bound / Math.max(bound, queryTotal + nameTotal - bound);
    if (topCount === MAX_CANDIDATES) {
      const lastScore = topScores[topCount - 1]!;
      if (score < lastScore || (score === lastScore && nameId > topIds[topCount - 1]!)) continue;
    }
    let position = topCount < MAX_CANDIDATES ? topCount : MAX_CANDIDATES - 1;
    while (position > 0 && (topScores[position - 1]! < score || (topScores[position - 1] === score && topIds[position - 1]! > nameId))) {
      topScores[position] = topScores[position - 1]!;
      topIds[position] = topIds[position - 1]!;
      position--;
    }
    topScores[position] = score;
    topIds[position] = nameId;
    if (topCount < MAX_CANDIDATES) topCount++;
  }

  const bestByEntry = new Map<number, { name: IndexedName; alignment: Alignment }>();
  for (let c = 0; c < topCount; c++) {
    const name = index.names[topIds[c]!]!;
    const alignment = alignAndScore(index, queryTokens, name);
    if (name.weak) alignment.score *= 0.97;
    const previous = bestByEntry.get(name.entryIndex);
    if (!previous || alignment.score > previous.alignment.score) bestByEntry.set(name.entryIndex, { name, alignment });
  }

  for (const [entryIndex, best] of bestByEntry) {
    if (best.name.aliasIndex < 0 || best.alignment.unmatchedQuery.length === 0) continue;
    // An alias that is a shorter form of the primary name ("BARRERA, Nicandro" for "BARRERA MEDRANO,
    // Nicandro") cannot hide a conflict the full name shows: "Nicandro Barrera Sánchez" has
    // another maternal surname.
    const primaryId = index.primaryNameOfEntry[entryIndex]!;
    if (primaryId < 0) continue;
    const primary = index.names[primaryId]!;
    if (!best.name.tokenIds.every((id) => primary.tokenIds.includes(id))) continue;
    const full = alignAndScore(index, queryTokens, primary);
    const fullConflicts = Math.min(countSubstantive(full.unmatchedQuery, (qp) => queryTokens[qp]!.text), countSubstantive(full.unmatchedName, (np) => index.tokenText[primary.tokenIds[np]!]!));
    if (fullConflicts > 0) best.alignment.score *= CONFLICT_FACTOR ** fullConflicts;
  }

  const hits: ScreeningHit[] = [];
  for (const [entryIndex, { name, alignment }] of bestByEntry) {
    // Secondary evidence can lift a name score by at most 0.11 (date of birth and nationality), or more with an identifier.
    if (alignment.score < threshold - 0.35) continue;
    const entry = index.entries[entryIndex]!;
    const evidence = secondaryEvidence(query, parsed.kind, entry);
    if (name.weak) evidence.push({ field: 'alias', outcome: 'partial', adjustment: 0, detail: `matched a weak alias (nickname) "${name.text}"` });
    let score = alignment.score;
    for (const item of evidence) score += item.adjustment;
    if (evidence.some((e) => e.field === 'identifier' && e.outcome === 'match')) score = Math.max(score, 0.99);
    score = clamp(score);
    if (score < threshold) continue;
    const partial: Omit<ScreeningHit, 'explanation'> = {
      listId: entry.listId,
      entryId: entry.entryId,
      entryType: entry.type,
      name: entry.name,
      matchedName: name.text,
      matchedAlias: name.aliasIndex >= 0,
      score: Math.round(score * 1000) / 1000,
      nameScore: Math.round(alignment.score * 1000) / 1000,
      programs: entry.programs,
      tokens: alignment.pairs.map((pair) => ({
        query: queryTokens[pair.queryPosition]!.text,
        listed: index.tokenText[name.tokenIds[pair.namePosition]!]!,
        kind: pair.comparison.kind,
        similarity: Math.round(pair.comparison.similarity * 1000) / 1000,
        role: name.parsed.roles[pair.namePosition]!,
      })),
      unmatchedQueryTokens: alignment.unmatchedQuery.map((qp) => queryTokens[qp]!.text),
      unmatchedListedTokens: alignment.unmatchedName.map((np) => index.tokenText[name.tokenIds[np]!]!),
      evidence,
    };
    hits.push({ ...partial, explanation: explain(partial) });
  }
  hits.sort((a, b) => b.score - a.score || a.listId.localeCompare(b.listId) || a.entryId.localeCompare(b.entryId));
  return hits.slice(0, limit);
}
