import type { QuarantinedRecord } from '../../domain/index.ts';
import { QuarantinedRecordSchema, fieldIssues } from '../../domain/index.ts';
import { IntegrityError } from '../../errors.ts';
import type { Queryable } from '../database.ts';

export type StoredQuarantinedRecord = QuarantinedRecord & { id: number; createdAt: Date };

export interface QuarantineStore {
  /** Keeps rejected records with their reasons; returns how many were stored. */
  insert(records: readonly QuarantinedRecord[]): Promise<number>;
  /** Oldest first, after `afterId` (for paging). */
  list(filter?: { source?: string; afterId?: number; limit?: number }): Promise<StoredQuarantinedRecord[]>;
  count(filter?: { source?: string }): Promise<number>;
}

const COLUMNS = ['source', 'location', 'issues', 'raw'] as const;

type QuarantineRow = { id: number; source: string; location: string; issues: unknown; raw: string; created_at: Date };

/** PostgreSQL text cannot hold NUL; keep the record (with a visible replacement) rather than lose it. */
function storableText(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text;
}

/**
 * The quarantine of rejected input records.
 *
 * @example
 * const quarantine = createQuarantineStore(database);
 * await quarantine.insert([{ source: 'wires.csv', location: 'line 12', issues: [{ field: 'amount', reason: 'not a number' }], raw: '…' }]);
 */
export function createQuarantineStore(database: Queryable): QuarantineStore {
  return {
    async insert(records) {
      if (records.length === 0) return 0;
      const rows = records.map((record) => [storableText(record.source), storableText(record.location), JSON.stringify(record.issues), storableText(record.raw)]);
      const result = await database.insertRows('quarantine', COLUMNS, rows);
      return result.inserted;
    },

    async list(filter = {}) {
      const limit = Math.max(1, Math.min(1000, Math.floor(filter.limit ?? 100)));
      const params: unknown[] = [filter.afterId ?? 0, limit];
      let sql = 'SELECT id, source, location, issues, raw, created_at FROM quarantine WHERE id > $1';
      if (filter.source !== undefined) {
        params.push(filter.source);
        sql += ' AND source = $3';
      }
      const result = await database.query<QuarantineRow>(`${sql} ORDER BY id LIMIT $2`, params);
      return result.rows.map((row) => {
        const parsed = QuarantinedRecordSchema.safeParse({ source: row.source, location: row.location, issues: row.issues, raw: row.raw });
        if (!parsed.success) throw new IntegrityError(`quarantine record ${row.id} does not parse`, { issues: fieldIssues(parsed.error) });
        return { ...parsed.data, id: row.id, createdAt: row.created_at };
      });
    },

    async count(filter = {}) {
      const result = filter.source === undefined
        ? await database.query<{ count: number }>('SELECT count(*) AS count FROM quarantine')
        : await database.query<{ count: number }>('SELECT count(*) AS count FROM quarantine WHERE source = $1', [filter.source]);
      return result.rows[0]?.count ?? 0;
    },
  };
}
