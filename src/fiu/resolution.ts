import { createHash } from 'node:crypto';
import { compareTokens, parseName, parseStructuredName, type ParsedName } from '../screening/index.ts';
import type { FiuIdentifierKind, FiuSubject } from './records.ts';

/**
 * Entity resolution across every report's subjects: blocking keys (shared identifiers, phonetic
 * name keys) propose candidate pairs, a pairwise score with its evidence decides each link, and
 * union-find turns links into entities. Pure: same mentions and constraints, same entities.
 */

/** A subject mention as resolution needs it (a `FiuSubject` fits). */
export type Mention = Pick<FiuSubject, 'subjectId' | 'kind' | 'fullName' | 'identifiers' | 'addresses'> & Partial<Pick<FiuSubject, 'given' | 'paternal' | 'maternal' | 'birthDate' | 'country'>>;

/** Identifiers a person or company holds alone: two different values of one kind mean two entities. */
const UNIQUE_KINDS: ReadonlySet<FiuIdentifierKind> = new Set(['rfc', 'curp', 'ssn', 'ein']);
/** Identifiers that identify on their own when shared (with a compatible name). */
const STRONG_KINDS: ReadonlySet<FiuIdentifierKind> = new Set(['rfc', 'curp', 'ssn', 'ein', 'tin', 'passport', 'clabe', 'crypto_address']);
/** Shared by households and joint holders: corroborate a name match, never link alone. */
const WEAK_KINDS: ReadonlySet<FiuIdentifierKind> = new Set(['phone', 'account']);

export type LinkEvidence =
  | { kind: 'identifier'; identifierKind: FiuIdentifierKind; value: string }
  | { kind: 'name'; similarity: number; detail: string }
  | { kind: 'birth_date'; value: string }
  | { kind: 'address'; value: string }
  | { kind: 'analyst'; decision: 'merge'; by: string }
  /** Negative evidence a strong identifier overrode, shown so an analyst can review the link. */
  | { kind: 'conflict'; detail: string };

export type Link = { from: string; to: string; score: number; evidence: LinkEvidence[] };

/** Analyst decisions the resolver must respect: merges force a link, splits forbid one. */
export type ResolutionConstraints = {
  mustLink?: ReadonlyArray<{ a: string; b: string; by: string }>;
  cannotLink?: ReadonlyArray<{ a: string; b: string }>;
};

export type ResolutionOptions = {
  /** Mentions in one name block beyond this are not compared pairwise (a very common name); counted in stats. */
  maxBlockSize?: number;
  /** Minimum name similarity for a link without a shared strong identifier. */
  nameThreshold?: number;
  /** Previous mention → entity id, so entities keep their ids across runs. */
  previous?: ReadonlyMap<string, string>;
};

export type Entity = { entityId: string; kind: 'person' | 'company' | 'unknown'; displayName: string; mentionIds: string[] };

export type ResolutionResult = {
  entities: Entity[];
  entityOf: Map<string, string>;
  links: Link[];
  stats: { mentions: number; candidatePairs: number; scoredPairs: number; links: number; oversizedBlocks: number; refusedJoins: number };
};

type Prepared = {
  mention: Mention;
  name: ParsedName;
  unique: Map<FiuIdentifierKind, Set<string>>;
  ids: Set<string>;
  address: string | null;
};

function prepare(mention: Mention): Prepared {
  const name = mention.kind === 'person' && mention.paternal !== undefined
    ? parseStructuredName({ given: mention.given ?? '', paternal: mention.paternal, ...(mention.maternal ? { maternal: mention.maternal } : {}) })
    : parseName(mention.fullName, mention.kind === 'company' ? 'organization' : mention.kind === 'person' ? 'person' : 'unknown');
  const unique = new Map<FiuIdentifierKind, Set<string>>();
  const ids = new Set<string>();
  for (const identifier of mention.identifiers) {
    ids.add(`${identifier.kind}:${identifier.value}`);
    if (UNIQUE_KINDS.has(identifier.kind)) {
      const set = unique.get(identifier.kind) ?? new Set<string>();
      set.add(identifier.value);
      unique.set(identifier.kind, set);
    }
  }
  const firstAddress = mention.addresses[0];
  return { mention, name, unique, ids, address: firstAddress ? firstAddress.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim() : null };
}

/**
 * Best-match name similarity in [0, 1] over the shorter token list (a missing maternal surname
 * or a dropped second given name costs nothing; a different token costs its share). Order-free,
 * so "Pérez López Juan" and "Juan López Pérez" agree.
 * @example nameSimilarity(parseName('José Núñez Peña'), parseName('Jose Nunez')) // 1
 */
export function nameSimilarity(a: ParsedName, b: ParsedName): { similarity: number; detail: string } {
  const [shorter, longer] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a];
  if (shorter.tokens.length === 0) return { similarity: 0, detail: 'no name' };
  let total = 0;
  const used = new Set<number>();
  const kinds: string[] = [];
  for (let i = 0; i < shorter.tokens.length; i++) {
    let best = 0;
    let bestIndex = -1;
    let bestKind = 'none';
    for (let j = 0; j < longer.tokens.length; j++) {
      if (used.has(j)) continue;
      const comparison = compareTokens(shorter.tokens[i]!, longer.tokens[j]!, shorter.keys[i]!, longer.keys[j]!);
      // An initial matches only a given name: "J" is weak evidence for a surname.
      const similarity = comparison.kind === 'initial' ? comparison.similarity * 0.9 : comparison.similarity;
      if (similarity > best) {
        best = similarity;
        bestIndex = j;
        bestKind = comparison.kind;
      }
    }
    if (bestIndex >= 0 && best >= 0.75) used.add(bestIndex);
    total += best >= 0.75 ? best : 0;
    kinds.push(`${shorter.tokens[i]}~${bestIndex >= 0 ? longer.tokens[bestIndex] : '∅'}:${bestKind}`);
  }
  // One-token names ("Smith") say little; dampen them.
  const coverage = shorter.tokens.length === 1 ? 0.8 : 1;
  return { similarity: Math.round((total / shorter.tokens.length) * coverage * 1000) / 1000, detail: kinds.join(' ') };
}

function uniqueConflict(a: Prepared, b: Prepared): boolean {
  for (const [kind, values] of a.unique) {
    const other = b.unique.get(kind);
    if (other === undefined) continue;
    let shared = false;
    for (const value of values) if (other.has(value)) shared = true;
    if (!shared) return true;
  }
  return false;
}

/**
 * Scores one candidate pair. Returns the link with its evidence, or null when the pair must not be linked.
 * @example scorePair(prepareMention(a), prepareMention(b))?.evidence
 */
function scorePair(a: Prepared, b: Prepared, nameThreshold: number): Link | null {
  if (a.mention.kind !== 'unknown' && b.mention.kind !== 'unknown' && a.mention.kind !== b.mention.kind) return null;
  if (uniqueConflict(a, b)) return null;
  const birthA = a.mention.birthDate;
  const birthB = b.mention.birthDate;
  if (birthA !== undefined && birthB !== undefined && birthA !== birthB) return null;
  const evidence: LinkEvidence[] = [];
  let strong = false;
  let weak = 0;
  for (const key of a.ids) {
    if (!b.ids.has(key)) continue;
    const colon = key.indexOf(':');
    const identifierKind = key.slice(0, colon) as FiuIdentifierKind;
    evidence.push({ kind: 'identifier', identifierKind, value: key.slice(colon + 1) });
    if (STRONG_KINDS.has(identifierKind)) strong = true;
    else if (WEAK_KINDS.has(identifierKind)) weak++;
  }
  const name = nameSimilarity(a.name, b.name);
  evidence.push({ kind: 'name', similarity: name.similarity, detail: name.detail });
  if (birthA !== undefined && birthA === birthB) {
    evidence.push({ kind: 'birth_date', value: birthA });
    weak++;
  }
  if (a.address !== null && a.address === b.address) {
    evidence.push({ kind: 'address', value: a.address });
    weak++;
  }
  // "Industrias X, S.A. de C.V." and "Industrias X, S. de R.L. de C.V." are two companies unless an identifier says otherwise.
  const legalFormConflict = a.name.legalForm !== null && b.name.legalForm !== null && a.name.legalForm !== b.name.legalForm;
  if (legalFormConflict) evidence.push({ kind: 'conflict', detail: `legal forms differ: ${a.name.legalForm} / ${b.name.legalForm}` });
  let score: number;
  if (strong) {
    // A shared strong identifier under a clearly different name is a data error or a nominee: do not link.
    if (name.similarity < 0.5) return null;
    score = 0.9 + name.similarity * 0.1;
  } else {
    if (name.similarity < nameThreshold || weak === 0 || legalFormConflict) return null;
    // A one-token or initials-only match needs two corroborations.
    if (Math.min(a.name.tokens.length, b.name.tokens.length) < 2 && weak < 2) return null;
    score = Math.min(0.89, name.similarity * 0.7 + Math.min(weak, 3) * 0.08);
  }
  return { from: a.mention.subjectId, to: b.mention.subjectId, score: Math.round(score * 1000) / 1000, evidence };
}

/**
 * Blocking keys. Identifier keys (`i:`) put every pair sharing an identifier in one block. Name
 * keys (`n:` same name tokens, `t:` one shared token, `s:` same surnames) are each split by a
 * corroborator — the birth date, the first address — because a pair with a similar name and no
 * shared identifier links only when a birth date or an address corroborates it (see `scorePair`);
 * pairs sharing an identifier already meet in its `i:` block. So a common name ("José Luis
 * Hernández", thousands of different people) makes many small blocks, not one block compared
 * pairwise.
 */
function blockingKeys(prepared: Prepared): string[] {
  const keys: string[] = [];
  for (const id of prepared.ids) keys.push(`i:${id}`);
  const { name, mention } = prepared;
  const corroborators: string[] = [];
  if (mention.birthDate !== undefined) corroborators.push(`b${mention.birthDate}`);
  if (prepared.address !== null && prepared.address.length > 0) corroborators.push(`a${prepared.address}`);
  if (corroborators.length === 0) return keys;
  const tokenKeys = name.keys.filter((key) => key.length > 1);
  // Surnames (roles paternal/maternal) sorted: catches surname order swaps and missing given names.
  const surnames = name.roles.flatMap((role, index) => (role === 'paternal' || role === 'maternal' ? [name.keys[index]!] : []));
  const nameKey = tokenKeys.length > 0 ? `${mention.kind}:${[...tokenKeys].sort().join(' ')}` : null;
  for (const corroborator of corroborators) {
    if (nameKey !== null) keys.push(`n:${nameKey}|${corroborator}`);
    // One shared token plus the same birth date (or, for a company, address) blocks names with a
    // typo or a dropped surname. Not a person's address: a household or a building shares one.
    if (corroborator.startsWith('b') || mention.kind === 'company') for (const key of new Set(tokenKeys)) keys.push(`t:${key}|${corroborator}`);
    if (surnames.length >= 2) keys.push(`s:${[...surnames].sort().join(' ')}|${corroborator}`);
  }
  return keys;
}

/** Members of one cluster a new block member is compared with (the most recent first). */
const REPRESENTATIVES_PER_CLUSTER = 3;

class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): number {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return rootA;
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA]! += this.size[rootB]!;
    return rootA;
  }
}

/** A new entity's id: derived from its first mention so a rerun on the same data gives the same id. */
export function entityIdFor(firstMentionId: string): string {
  return `E-${createHash('sha256').update(firstMentionId).digest('hex').slice(0, 16)}`;
}

/**
 * Resolves mentions into entities.
 * @example
 * const { entities, links } = resolveEntities(reports.flatMap((report) => report.subjects));
 * links[0]?.evidence // [{ kind: 'identifier', identifierKind: 'curp', value: 'MUSJ861221MNLFSP11' }, { kind: 'name', … }]
 */
export function resolveEntities(mentions: readonly Mention[], constraints: ResolutionConstraints = {}, options: ResolutionOptions = {}): ResolutionResult {
  const maxBlockSize = options.maxBlockSize ?? 400;
  const nameThreshold = options.nameThreshold ?? 0.86;
  const prepared = mentions.map(prepare);
  const indexOf = new Map(mentions.map((mention, index) => [mention.subjectId, index]));
  const unionFind = new UnionFind(mentions.length);
  const links: Link[] = [];
  const stats = { mentions: mentions.length, candidatePairs: 0, scoredPairs: 0, links: 0, oversizedBlocks: 0, refusedJoins: 0 };

  // Cannot-link constraints are checked at every union between the two roots' members.
  const forbidden = new Map<number, number[]>();
  for (const { a, b } of constraints.cannotLink ?? []) {
    const indexA = indexOf.get(a);
    const indexB = indexOf.get(b);
    if (indexA === undefined || indexB === undefined) continue;
    forbidden.set(indexA, [...(forbidden.get(indexA) ?? []), indexB]);
    forbidden.set(indexB, [...(forbidden.get(indexB) ?? []), indexA]);
  }
  const members = new Map<number, number[]>();
  const constrainedRoot = (root: number): number[] => members.get(root) ?? [];
  for (const index of forbidden.keys()) members.set(index, [index]);
  // Each cluster's unique identifiers and birth dates: a chain of individually fine links must not
  // join two entities whose RFCs, CURPs, SSNs, EINs or birth dates differ.
  const profiles: Array<{ unique: Map<FiuIdentifierKind, Set<string>>; births: Set<string> }> = prepared.map((entry) => ({
    unique: new Map([...entry.unique].map(([kind, values]) => [kind, new Set(values)])),
    births: new Set(entry.mention.birthDate === undefined ? [] : [entry.mention.birthDate]),
  }));
  const profilesConflict = (rootA: number, rootB: number): boolean => {
    const profileA = profiles[rootA]!;
    const profileB = profiles[rootB]!;
    if (profileA.births.size > 0 && profileB.births.size > 0 && ![...profileA.births].some((date) => profileB.births.has(date))) return true;
    for (const [kind, values] of profileA.unique) {
      const other = profileB.unique.get(kind);
      if (other !== undefined && ![...values].some((value) => other.has(value))) return true;
    }
    return false;
  };
  const allowed = (a: number, b: number, analystMerge = false): boolean => {
    const rootA = unionFind.find(a);
    const rootB = unionFind.find(b);
    // An analyst's merge may overrule conflicting identifiers (a typing error in an RFC); never an analyst's split.
    if (!analystMerge && profilesConflict(rootA, rootB)) return false;
    if (forbidden.size === 0) return true;
    for (const member of constrainedRoot(rootA)) for (const other of forbidden.get(member) ?? []) if (unionFind.find(other) === rootB) return false;
    return true;
  };
  const join = (a: number, b: number): void => {
    const rootA = unionFind.find(a);
    const rootB = unionFind.find(b);
    const root = unionFind.union(a, b);
    const absorbed = profiles[root === rootA ? rootB : rootA]!;
    const kept = profiles[root]!;
    for (const date of absorbed.births) kept.births.add(date);
    for (const [kind, values] of absorbed.unique) {
      const target = kept.unique.get(kind);
      if (target === undefined) kept.unique.set(kind, values);
      else for (const value of values) target.add(value);
    }
    if (forbidden.size > 0) {
      const merged = [...constrainedRoot(rootA), ...constrainedRoot(rootB)];
      members.delete(rootA);
      members.delete(rootB);
      if (merged.length > 0) members.set(root, merged);
    }
  };

  for (const { a, b, by } of constraints.mustLink ?? []) {
    const indexA = indexOf.get(a);
    const indexB = indexOf.get(b);
    if (indexA === undefined || indexB === undefined || !allowed(indexA, indexB, true)) continue;
    join(indexA, indexB);
    links.push({ from: a, to: b, score: 1, evidence: [{ kind: 'analyst', decision: 'merge', by }] });
  }

  const blocks = new Map<string, number[]>();
  prepared.forEach((entry, index) => {
    for (const key of blockingKeys(entry)) {
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [index]);
      else block.push(index);
    }
  });
  // Identifier blocks first: their links are the surest and make later name comparisons unnecessary.
  const ordered = [...blocks.entries()].filter(([, block]) => block.length > 1).sort(([keyA], [keyB]) => (keyA[0] === 'i' ? 0 : 1) - (keyB[0] === 'i' ? 0 : 1));
  for (const [, block] of ordered) {
    // Each member is compared with a few members of every cluster already seen in the block, not
    // with every member: a busy subject's phone block of thousands of mentions costs linear time.
    const seen: number[] = [];
    const perRoot = new Map<number, number>();
    let full = false;
    for (const x of block) {
      const compared = new Map<number, number>();
      for (let k = seen.length - 1; k >= 0; k--) {
        const y = seen[k]!;
        const rootY = unionFind.find(y);
        stats.candidatePairs++;
        if (rootY === unionFind.find(x) || (compared.get(rootY) ?? 0) >= REPRESENTATIVES_PER_CLUSTER) continue;
        compared.set(rootY, (compared.get(rootY) ?? 0) + 1);
        stats.scoredPairs++;
        const link = scorePair(prepared[x]!, prepared[y]!, nameThreshold);
        if (link === null) continue;
        if (!allowed(x, y)) {
          stats.refusedJoins++;
          continue;
        }
        join(x, y);
        links.push(link);
      }
      const root = unionFind.find(x);
      const count = perRoot.get(root) ?? 0;
      if (count < REPRESENTATIVES_PER_CLUSTER && !full) {
        seen.push(x);
        perRoot.set(root, count + 1);
        if (seen.length >= maxBlockSize) {
          full = true;
          stats.oversizedBlocks++;
        }
      }
    }
  }
  stats.links = links.length;

  const groups = new Map<number, number[]>();
  for (let index = 0; index < mentions.length; index++) {
    const root = unionFind.find(index);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [index]);
    else group.push(index);
  }
  const previous = options.previous ?? new Map<string, string>();
  const taken = new Set<string>();
  const entities: Entity[] = [];
  const entityOf = new Map<string, string>();
  // Largest groups choose first, so a split keeps the old id on its bigger part.
  const sortedGroups = [...groups.values()].sort((a, b) => b.length - a.length || mentions[a[0]!]!.subjectId.localeCompare(mentions[b[0]!]!.subjectId));
  for (const group of sortedGroups) {
    const votes = new Map<string, number>();
    for (const index of group) {
      const old = previous.get(mentions[index]!.subjectId);
      if (old !== undefined && !taken.has(old)) votes.set(old, (votes.get(old) ?? 0) + 1);
    }
    let entityId = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    const mentionIds = group.map((index) => mentions[index]!.subjectId).sort();
    if (entityId === undefined) {
      // A fresh id from the group's mentions; after a merge and a split the first mention's own id
      // may already be held by the other part, so the seed widens (still deterministic) until free.
      entityId = entityIdFor(mentionIds[0]!);
      for (let attempt = 0; taken.has(entityId); attempt++) entityId = entityIdFor(attempt === 0 ? mentionIds.join('|') : `${mentionIds.join('|')}#${attempt}`);
    }
    taken.add(entityId);
    const kinds = new Set(group.map((index) => mentions[index]!.kind).filter((kind) => kind !== 'unknown'));
    const kind = kinds.size === 1 ? [...kinds][0]! : 'unknown';
    const displayName = mostCommon(group.map((index) => mentions[index]!.fullName));
    entities.push({ entityId, kind, displayName, mentionIds });
    for (const mentionId of mentionIds) entityOf.set(mentionId, entityId);
  }
  return { entities, entityOf, links, stats };
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

/**
 * Pairwise precision and recall of a clustering against ground truth (mention → true id).
 * @example pairwiseScores(result.entityOf, truth) // { precision: 0.99, recall: 0.97, … }
 */
export function pairwiseScores(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): { precision: number; recall: number; truePairs: number; predictedPairs: number; correctPairs: number } {
  const pairs = (count: number): number => (count * (count - 1)) / 2;
  const byPredicted = new Map<string, number>();
  const byTruth = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const [mention, trueId] of truth) {
    const predictedId = predicted.get(mention) ?? `unresolved:${mention}`;
    byPredicted.set(predictedId, (byPredicted.get(predictedId) ?? 0) + 1);
    byTruth.set(trueId, (byTruth.get(trueId) ?? 0) + 1);
    const both = `${predictedId}\u0000${trueId}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
  }
  let predictedPairs = 0;
  let truePairs = 0;
  let correctPairs = 0;
  for (const count of byPredicted.values()) predictedPairs += pairs(count);
  for (const count of byTruth.values()) truePairs += pairs(count);
  for (const count of byBoth.values()) correctPairs += pairs(count);
  return { precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs, recall: truePairs === 0 ? 1 : correctPairs / truePairs, truePairs, predictedPairs, correctPairs };
}
