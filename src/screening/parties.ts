/**
 * Screening Frontera parties (src/domain Party) and raising alerts when a list update creates a
 * new hit. Pure: the caller loads parties and previous hits from the store and saves the alerts.
 */
import { AlertSchema, type Alert, type Party } from '../domain/index.ts';
import type { ScreeningIdentifierKind } from './list-entry.ts';
import { screen, type ScreeningHit, type ScreeningQueryInput, type ScreenOptions } from './match.ts';
import type { ScreeningIndex } from './screening-index.ts';
import { entriesToRescreen, type ListDelta } from './versioning.ts';

const IDENTIFIER_KINDS: Partial<Record<string, ScreeningIdentifierKind>> = { rfc: 'rfc', curp: 'curp', passport: 'passport', bic: 'bic' };

/**
 * The queries for one party: its name with everything known about it, and each alias.
 * @example partyQueries(person)[0]?.structuredName?.paternal === 'Oseguera'
 */
export function partyQueries(party: Party): ScreeningQueryInput[] {
  const identifiers = party.identifiers.flatMap((id) => {
    const kind = IDENTIFIER_KINDS[id.kind];
    return kind ? [{ kind, value: id.value }] : [];
  });
  if (party.type === 'person') {
    const { given, paternal, maternal } = party.name;
    const base = {
      kind: 'person' as const,
      ...(party.birthDate ? { birthDate: party.birthDate } : {}),
      ...(party.nationality ? { nationality: party.nationality } : {}),
      country: party.country,
      identifiers,
    };
    return [
      { ...base, name: [given, paternal, maternal].filter((p) => p).join(' '), structuredName: { given, paternal, ...(maternal ? { maternal } : {}) } },
      ...party.aliases.map((alias) => ({ ...base, name: alias })),
    ];
  }
  const base = { kind: 'organization' as const, country: party.country, identifiers };
  const legalName = party.legalForm && party.legalForm !== 'sole_proprietor' ? `${party.legalName} ${party.legalForm}` : party.legalName;
  return [{ ...base, name: legalName }, ...party.aliases.map((alias) => ({ ...base, name: alias }))];
}

/**
 * Screens a party (name and aliases) and keeps the best hit per listed entry.
 * @example screenParty(index, party, { threshold: 0.8 })
 */
export function screenParty(index: ScreeningIndex, party: Party, options: ScreenOptions = {}): ScreeningHit[] {
  const best = new Map<string, ScreeningHit>();
  for (const query of partyQueries(party)) {
    for (const hit of screen(index, query, options)) {
      const key = `${hit.listId}\u0000${hit.entryId}`;
      const previous = best.get(key);
      if (!previous || hit.score > previous.score) best.set(key, hit);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** Key of a (party, listed entry) pair, used to tell a new hit from one already alerted. */
export function hitKey(partyId: string, hit: Pick<ScreeningHit, 'listId' | 'entryId'>): string {
  return `${partyId}|${hit.listId}|${hit.entryId}`;
}

export type RescreenInput = {
  /** Index built over every list after the update. */
  index: ScreeningIndex;
  /** Deltas of the lists that changed. */
  deltas: readonly ListDelta[];
  parties: Iterable<Party>;
  /** hitKey() of every hit already alerted (from the store). */
  alreadyAlerted: ReadonlySet<string>;
  /** Data time of the list update (never read from a clock here). */
  time: string;
  alertThreshold: number;
  interdictionThreshold: number;
};

export type RescreenResult = { alerts: Alert[]; hits: Array<{ partyId: string; hit: ScreeningHit }>; partiesScreened: number };

/**
 * Re-screens stored parties after list updates and returns an Alert for each new hit on an added
 * or changed entry. The alert's trigger is the list update (`list-update:<list>:<version>`), since
 * no transaction caused it.
 * @example rescreenParties({ index, deltas: [delta], parties, alreadyAlerted: new Set(), time, alertThreshold: 0.8, interdictionThreshold: 0.92 }).alerts
 */
export function rescreenParties(input: RescreenInput): RescreenResult {
  const changedEntries = new Map<string, { delta: ListDelta; ids: Set<string> }>();
  for (const delta of input.deltas) changedEntries.set(delta.listId, { delta, ids: entriesToRescreen(delta) });
  const alerts: Alert[] = [];
  const hits: RescreenResult['hits'] = [];
  let partiesScreened = 0;
  for (const party of input.parties) {
    partiesScreened++;
    for (const hit of screenParty(input.index, party, { threshold: input.alertThreshold, limit: 20 })) {
      const changed = changedEntries.get(hit.listId);
      if (!changed || !changed.ids.has(hit.entryId)) continue;
      const key = hitKey(party.id, hit);
      if (input.alreadyAlerted.has(key)) continue;
      hits.push({ partyId: party.id, hit });
      alerts.push(screeningAlert(party.id, hit, changed.delta.toVersion, input.time, input.interdictionThreshold, `list-update:${hit.listId}:${changed.delta.toVersion}`.slice(0, 128)));
    }
  }
  return { alerts, hits, partiesScreened };
}

/**
 * Builds the Alert for a screening hit (typology `screening.sanctions`, version = list version).
 * @example screeningAlert('P1', hit, '2024-05-03', '2026-01-01T00:00:00Z', 0.92, 'tx-1').severity
 */
export function screeningAlert(partyId: string, hit: ScreeningHit, listVersion: string, time: string, interdictionThreshold: number, triggerId: string): Alert {
  return AlertSchema.parse({
    id: `screening:${partyId}:${hit.listId}:${hit.entryId}:${listVersion}`.slice(0, 128),
    typologyId: 'screening.sanctions',
    typologyVersion: listVersion,
    subjectKey: partyId,
    partyId,
    score: hit.score,
    severity: hit.score >= interdictionThreshold ? 'interdict' : 'alert',
    time,
    triggerTransactionId: triggerId,
    transactionIds: [triggerId],
    patterns: [],
    explanation: {
      rules: [{ id: `${hit.listId}:${hit.entryId}`, description: hit.explanation, fired: true, weight: hit.score }],
      features: { listId: hit.listId, entryId: hit.entryId, listedName: hit.name, matchedName: hit.matchedName, nameScore: hit.nameScore, score: hit.score, programs: hit.programs.join(' ') },
      summary: `Screening hit on ${hit.listId} ${hit.entryId} "${hit.name}" (score ${hit.score.toFixed(2)})`,
    },
  });
}
