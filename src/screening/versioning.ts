/**
 * List versions and deltas: what a new load of a list added, changed and removed compared with
 * the previous one. Pure: the store keeps the snapshots, this compares them.
 */
import type { ListEntry, ListSnapshot } from './list-entry.ts';

export type EntryChange = { entryId: string; before: ListEntry; after: ListEntry; fields: string[] };

export type ListDelta = {
  listId: string;
  fromVersion: string | null;
  toVersion: string;
  added: ListEntry[];
  changed: EntryChange[];
  removed: ListEntry[];
  unchanged: number;
};

const COMPARED_FIELDS = ['type', 'name', 'structuredName', 'aliases', 'programs', 'birthDates', 'nationalities', 'countries', 'identifiers', 'remarks', 'listedOn'] as const;

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v)) ?? 'null';
}

/**
 * Compares two snapshots of the same list by entry id. `previous` null means a first load (all added).
 * @example diffSnapshots(v1, v2).added.map((e) => e.entryId)
 */
export function diffSnapshots(previous: ListSnapshot | null, next: ListSnapshot): ListDelta {
  const before = new Map((previous?.entries ?? []).map((e) => [e.entryId, e]));
  const added: ListEntry[] = [];
  const changed: EntryChange[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const entry of next.entries) {
    seen.add(entry.entryId);
    const old = before.get(entry.entryId);
    if (!old) { added.push(entry); continue; }
    const fields = COMPARED_FIELDS.filter((field) => canonical(old[field]) !== canonical(entry[field]));
    if (fields.length > 0) changed.push({ entryId: entry.entryId, before: old, after: entry, fields: [...fields] });
    else unchanged++;
  }
  const removed = (previous?.entries ?? []).filter((e) => !seen.has(e.entryId));
  return { listId: next.listId, fromVersion: previous?.version ?? null, toVersion: next.version, added, changed, removed, unchanged };
}

/** Entry ids that can create new hits: added entries and changed ones (a new alias, a new name). */
export function entriesToRescreen(delta: ListDelta): Set<string> {
  return new Set([...delta.added.map((e) => e.entryId), ...delta.changed.map((c) => c.entryId)]);
}
