/**
 * Screening inside the engine: both ends of every transaction, by name and by the institution
 * that holds the account (a section 2313a bank code or BIC), with a bounded cache so a party seen
 * before costs one map lookup.
 */
import { AlertSchema, type Alert, type Transaction, type TransactionEnd } from '../domain/index.ts';
import { screen, type ScreeningHit } from './match.ts';
import { normaliseIdentifier } from './match.ts';
import type { ScreeningIndex } from './screening-index.ts';

export type TransactionScreeningHit = { end: 'originator' | 'beneficiary'; via: 'name' | 'institution'; hit: ScreeningHit };
export type TransactionScreening = { hits: TransactionScreeningHit[]; hold: boolean };

export type TransactionScreenerOptions = {
  index: ScreeningIndex;
  /** Most cached party results (default 100,000); the oldest entries are evicted first. */
  cacheSize?: number;
  /** Lowest score reported as a hit (default 0.8). */
  alertThreshold?: number;
  /** A hit at or above this score holds the transaction (default 0.92). */
  interdictionThreshold?: number;
};

export type TransactionScreener = {
  screenTransaction(transaction: Pick<Transaction, 'originator' | 'beneficiary'>): TransactionScreening;
  /** Screens one transaction end (cached). */
  screenEnd(end: TransactionEnd): readonly ScreeningHit[];
  readonly stats: { cacheHits: number; cacheMisses: number };
};

const NO_HITS: readonly ScreeningHit[] = Object.freeze([]);

/**
 * @example
 * const screener = createTransactionScreener({ index, alertThreshold: 0.8, interdictionThreshold: 0.92 });
 * screener.screenTransaction(tx).hold
 */
export function createTransactionScreener(options: TransactionScreenerOptions): TransactionScreener {
  const { index } = options;
  const cacheSize = options.cacheSize ?? 100_000;
  const alertThreshold = options.alertThreshold ?? 0.8;
  const interdictionThreshold = options.interdictionThreshold ?? 0.92;
  // Keyed by party id (or name when there is none) without building a composite string: the
  // other fields are compared on the cached record, so a hit costs one lookup and three compares.
  type Cached = { name: string | undefined; institutionId: string | undefined; country: string; hits: readonly ScreeningHit[] };
  const cache = new Map<string, Cached>();
  const stats = { cacheHits: 0, cacheMisses: 0 };

  // Institution identifiers (bank codes, BICs, ABAs) of listed institutions → entries.
  const institutionEntries = new Map<string, number[]>();
  index.entries.forEach((entry, entryIndex) => {
    for (const identifier of entry.identifiers) {
      if (identifier.kind !== 'mx_bank_code' && identifier.kind !== 'bic' && identifier.kind !== 'aba') continue;
      const key = normaliseIdentifier(identifier.value);
      const list = institutionEntries.get(key) ?? [];
      list.push(entryIndex);
      institutionEntries.set(key, list);
    }
  });

  const institutionHits = (institutionId: string): ScreeningHit[] => {
    const id = normaliseIdentifier(institutionId);
    // A CLABE's first three digits and a BIC's first eight characters name the institution.
    const keys = [id, id.length === 18 && /^\d+$/.test(id) ? id.slice(0, 3) : '', id.length === 11 ? id.slice(0, 8) : ''].filter((k) => k);
    const out: ScreeningHit[] = [];
    for (const key of keys) {
      for (const entryIndex of institutionEntries.get(key) ?? []) {
        const entry = index.entries[entryIndex]!;
        const explanation = `${entry.listId} ${entry.entryId} "${entry.name}": institution identifier ${institutionId} is listed → 1.00`;
        out.push({ listId: entry.listId, entryId: entry.entryId, entryType: entry.type, name: entry.name, matchedName: institutionId, matchedAlias: false, score: 1, nameScore: 0, programs: entry.programs, tokens: [], unmatchedQueryTokens: [], unmatchedListedTokens: [], evidence: [{ field: 'identifier', outcome: 'match', adjustment: 1, detail: `institution ${institutionId}` }], explanation });
      }
    }
    return out;
  };

  const screenEnd = (end: TransactionEnd): readonly ScreeningHit[] => {
    const key = end.partyId ?? `\u0000${end.name ?? ''}`;
    const cached = cache.get(key);
    if (cached !== undefined && cached.name === end.name && cached.institutionId === end.institutionId && cached.country === end.country) {
      stats.cacheHits++;
      return cached.hits;
    }
    stats.cacheMisses++;
    const hits: ScreeningHit[] = [];
    if (end.name && end.name.trim().length > 0) hits.push(...screen(index, { name: end.name.slice(0, 400), country: end.country }, { threshold: alertThreshold, limit: 5 }));
    if (end.institutionId) {
      // The same listed institution found by name and by bank code is one hit: keep the stronger.
      for (const hit of institutionHits(end.institutionId)) {
        const same = hits.findIndex((h) => h.listId === hit.listId && h.entryId === hit.entryId);
        if (same < 0) hits.push(hit);
        else if (hit.score > hits[same]!.score) hits[same] = hit;
      }
    }
    const result = hits.length === 0 ? NO_HITS : Object.freeze(hits);
    if (cached === undefined && cache.size >= cacheSize) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, { name: end.name, institutionId: end.institutionId, country: end.country, hits: result });
    return result;
  };

  return {
    stats,
    screenEnd,
    screenTransaction(transaction) {
      const originator = screenEnd(transaction.originator);
      const beneficiary = screenEnd(transaction.beneficiary);
      if (originator.length === 0 && beneficiary.length === 0) return { hits: [], hold: false };
      const hits: TransactionScreeningHit[] = [];
      let hold = false;
      for (const hit of originator) { hits.push({ end: 'originator', via: hit.tokens.length === 0 ? 'institution' : 'name', hit }); if (hit.score >= interdictionThreshold) hold = true; }
      for (const hit of beneficiary) { hits.push({ end: 'beneficiary', via: hit.tokens.length === 0 ? 'institution' : 'name', hit }); if (hit.score >= interdictionThreshold) hold = true; }
      return { hits, hold };
    },
  };
}

/** The subject an alert is about, keyed like the engine keys its subjects (account, party, name). */
function subjectKey(end: TransactionEnd): string {
  if (end.accountId) return end.accountId;
  if (end.partyId) return `party:${end.partyId}`;
  return `name:${end.country}:${end.name ?? ''}`.slice(0, 128);
}

/**
 * Alerts for a screened transaction: one per (end, listed entry), typology `screening.sanctions`,
 * version = the list's loaded version, severity `interdict` at or above the interdiction threshold.
 * @example screeningAlertsForTransaction(tx, screener.screenTransaction(tx), { interdictionThreshold: 0.92, listVersions: { 'ofac-sdn': '2024-05-03' } })
 */
export function screeningAlertsForTransaction(
  transaction: Pick<Transaction, 'id' | 'time' | 'originator' | 'beneficiary'>,
  screening: TransactionScreening,
  options: { interdictionThreshold: number; listVersions?: Readonly<Record<string, string>> },
): Alert[] {
  return screening.hits.map(({ end, via, hit }) => {
    const side = end === 'originator' ? transaction.originator : transaction.beneficiary;
    return AlertSchema.parse({
      id: `screening:${transaction.id}:${end}:${hit.listId}:${hit.entryId}`.slice(0, 128),
      typologyId: 'screening.sanctions',
      typologyVersion: options.listVersions?.[hit.listId] ?? 'unversioned',
      subjectKey: subjectKey(side),
      ...(side.partyId ? { partyId: side.partyId } : {}),
      score: hit.score,
      severity: hit.score >= options.interdictionThreshold ? 'interdict' : 'alert',
      time: transaction.time,
      triggerTransactionId: transaction.id,
      transactionIds: [transaction.id],
      patterns: [],
      explanation: {
        rules: [{ id: `${hit.listId}:${hit.entryId}`, description: hit.explanation, fired: true, weight: hit.score }],
        features: { end, via, listId: hit.listId, entryId: hit.entryId, listedName: hit.name, matchedName: hit.matchedName, nameScore: hit.nameScore, score: hit.score, programs: hit.programs.join(' ') },
        summary: `Screening hit on the ${end} (${via}): ${hit.listId} ${hit.entryId} "${hit.name}" (score ${hit.score.toFixed(2)})`,
      },
    });
  });
}
