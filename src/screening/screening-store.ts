/**
 * Persistence of list versions, deltas and alerted hits over the store's `Database`
 * (tables from migration 0100). A thin adapter: the delta and the re-screening are the pure
 * functions of versioning.ts and parties.ts; this reads and writes their inputs and outputs.
 */
import type { Alert, Party } from '../domain/index.ts';
import { ConflictError } from '../errors.ts';
import type { AlertStore, Database, Queryable } from '../store/index.ts';
import { ListEntrySchema, type ListEntry, type ListSnapshot } from './list-entry.ts';
import { hitKey, rescreenParties } from './parties.ts';
import { buildScreeningIndex, type ScreeningIndex } from './screening-index.ts';
import { diffSnapshots, type ListDelta } from './versioning.ts';

export type StoredListVersion = {
  listId: string;
  version: string;
  loadedAt: Date;
  previousVersion: string | null;
  entryCount: number;
  quarantinedCount: number;
  added: number;
  changed: number;
  removed: number;
  current: boolean;
};

export type ScreeningStore = {
  /** Stores a newly loaded snapshot as the list's current version and returns its delta against the previous current one. */
  saveListVersion(snapshot: ListSnapshot, options: { loadedAt: string; quarantinedCount?: number }): Promise<ListDelta>;
  /** The snapshot of a list version, or null. */
  snapshot(listId: string, version: string): Promise<ListSnapshot | null>;
  /** The current snapshot of every list. */
  currentSnapshots(): Promise<ListSnapshot[]>;
  versions(listId?: string): Promise<StoredListVersion[]>;
  /** hitKey() of every (party, entry) pair already alerted. */
  alertedHitKeys(): Promise<Set<string>>;
  recordHits(hits: ReadonlyArray<{ partyId: string; listId: string; entryId: string; listVersion: string; score: number; alertId: string; time: string }>): Promise<number>;
};

type VersionRow = { list_id: string; version: string; loaded_at: Date; previous_version: string | null; entry_count: number; quarantined_count: number; added_count: number; changed_count: number; removed_count: number; current_version: string | null };

async function readEntries(queryable: Queryable, listId: string, version: string): Promise<ListEntry[]> {
  const result = await queryable.query<{ document: unknown }>('SELECT document FROM screening_list_entries WHERE list_id = $1 AND version = $2 ORDER BY entry_id', [listId, version]);
  // Rows were validated on the way in; parsing again keeps a hand-edited row from reaching the matcher unchecked.
  return result.rows.map((row) => ListEntrySchema.parse(typeof row.document === 'string' ? JSON.parse(row.document) : row.document));
}

/**
 * @example
 * const screeningStore = createScreeningStore(database);
 * const delta = await screeningStore.saveListVersion(sdn.snapshot, { loadedAt: '2024-05-03T18:43:00Z' });
 */
export function createScreeningStore(database: Database): ScreeningStore {
  return {
    async saveListVersion(snapshot, options) {
      return database.transaction(async (tx) => {
        const exists = await tx.query('SELECT 1 FROM screening_list_versions WHERE list_id = $1 AND version = $2', [snapshot.listId, snapshot.version]);
        if (exists.rowCount > 0) throw new ConflictError(`${snapshot.listId} version ${snapshot.version} is already loaded`, { listId: snapshot.listId, version: snapshot.version });
        const current = await tx.query<{ version: string }>('SELECT version FROM screening_current_lists WHERE list_id = $1', [snapshot.listId]);
        const previousVersion = current.rows[0]?.version ?? null;
        const previous = previousVersion === null ? null : { listId: snapshot.listId, version: previousVersion, entries: await readEntries(tx, snapshot.listId, previousVersion) };
        const delta = diffSnapshots(previous, snapshot);
        await tx.query(
          `INSERT INTO screening_list_versions (list_id, version, loaded_at, previous_version, entry_count, quarantined_count, added_count, changed_count, removed_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [snapshot.listId, snapshot.version, options.loadedAt, previousVersion, snapshot.entries.length, options.quarantinedCount ?? 0, delta.added.length, delta.changed.length, delta.removed.length],
        );
        if (snapshot.entries.length > 0) {
          await tx.insertRows('screening_list_entries', ['list_id', 'version', 'entry_id', 'name', 'document'], snapshot.entries.map((entry) => [snapshot.listId, snapshot.version, entry.entryId, entry.name, JSON.stringify(entry)]));
        }
        await tx.query(
          'INSERT INTO screening_current_lists (list_id, version) VALUES ($1, $2) ON CONFLICT (list_id) DO UPDATE SET version = EXCLUDED.version',
          [snapshot.listId, snapshot.version],
        );
        return delta;
      });
    },

    async snapshot(listId, version) {
      const exists = await database.query('SELECT 1 FROM screening_list_versions WHERE list_id = $1 AND version = $2', [listId, version]);
      if (exists.rowCount === 0) return null;
      return { listId, version, entries: await readEntries(database, listId, version) };
    },

    async currentSnapshots() {
      const current = await database.query<{ list_id: string; version: string }>('SELECT list_id, version FROM screening_current_lists ORDER BY list_id');
      const out: ListSnapshot[] = [];
      for (const row of current.rows) out.push({ listId: row.list_id, version: row.version, entries: await readEntries(database, row.list_id, row.version) });
      return out;
    },

    async versions(listId) {
      const result = await database.query<VersionRow>(
        `SELECT v.*, c.version AS current_version FROM screening_list_versions v LEFT JOIN screening_current_lists c ON c.list_id = v.list_id
         ${listId === undefined ? '' : 'WHERE v.list_id = $1'} ORDER BY v.list_id, v.loaded_at, v.version`,
        listId === undefined ? [] : [listId],
      );
      return result.rows.map((row) => ({
        listId: row.list_id, version: row.version, loadedAt: row.loaded_at, previousVersion: row.previous_version, entryCount: row.entry_count,
        quarantinedCount: row.quarantined_count, added: row.added_count, changed: row.changed_count, removed: row.removed_count, current: row.current_version === row.version,
      }));
    },

    async alertedHitKeys() {
      const result = await database.query<{ party_id: string; list_id: string; entry_id: string }>('SELECT party_id, list_id, entry_id FROM screening_party_hits');
      return new Set(result.rows.map((row) => hitKey(row.party_id, { listId: row.list_id, entryId: row.entry_id })));
    },

    async recordHits(hits) {
      if (hits.length === 0) return 0;
      const result = await database.insertRows('screening_party_hits', ['party_id', 'list_id', 'entry_id', 'list_version', 'score', 'alert_id', 'first_seen'],
        hits.map((h) => [h.partyId, h.listId, h.entryId, h.listVersion, h.score, h.alertId, h.time]), { onConflictDoNothing: ['party_id', 'list_id', 'entry_id'] });
      return result.inserted;
    },
  };
}

export type ListUpdateResult = { deltas: ListDelta[]; index: ScreeningIndex; alerts: Alert[]; newAlertIds: string[]; partiesScreened: number };

/**
 * A list update end to end: store each new snapshot as a version (with its delta), rebuild the
 * index over every current list, re-screen the parties, store alerts for new hits through the
 * store's alert repository, and remember those hits.
 * @example await applyListUpdates({ screeningStore, alertStore, snapshots: [sdn], extraSnapshots: [section2313aList()], parties, time, alertThreshold: 0.8, interdictionThreshold: 0.92 })
 */
export async function applyListUpdates(input: {
  screeningStore: ScreeningStore;
  alertStore: AlertStore;
  snapshots: readonly ListSnapshot[];
  /** Lists indexed but not versioned in the store (the built-in lists). */
  extraSnapshots?: readonly ListSnapshot[];
  parties: Iterable<Party>;
  time: string;
  alertThreshold: number;
  interdictionThreshold: number;
}): Promise<ListUpdateResult> {
  const deltas: ListDelta[] = [];
  for (const snapshot of input.snapshots) deltas.push(await input.screeningStore.saveListVersion(snapshot, { loadedAt: input.time }));
  const current = await input.screeningStore.currentSnapshots();
  const storedIds = new Set(current.map((s) => s.listId));
  const extra = (input.extraSnapshots ?? []).filter((s) => !storedIds.has(s.listId));
  const index = buildScreeningIndex([...current, ...extra].flatMap((s) => s.entries));
  const alreadyAlerted = await input.screeningStore.alertedHitKeys();
  const result = rescreenParties({ index, deltas, parties: input.parties, alreadyAlerted, time: input.time, alertThreshold: input.alertThreshold, interdictionThreshold: input.interdictionThreshold });
  const { newIds } = await input.alertStore.insert(result.alerts);
  await input.screeningStore.recordHits(result.hits.map(({ partyId, hit }, i) => ({
    partyId, listId: hit.listId, entryId: hit.entryId, listVersion: result.alerts[i]!.typologyVersion, score: hit.score, alertId: result.alerts[i]!.id, time: input.time,
  })));
  return { deltas, index, alerts: result.alerts, newAlertIds: newIds, partiesScreened: result.partiesScreened };
}
