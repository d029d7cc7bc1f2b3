import { z } from 'zod';
import { AlertSchema, fieldIssues, type Alert } from '../../domain/index.ts';
import { IntegrityError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Queryable } from '../database.ts';

export const ALERT_STATUSES = ['new', 'in_review', 'escalated', 'closed'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export type StoredAlert = { alert: Alert; status: AlertStatus; createdAt: Date };

/** Filters combine with AND; times are ISO date-times or Dates, `from` inclusive, `to` exclusive. */
export const AlertFilterSchema = z.object({
  typologyId: z.string().min(1).max(128).optional(),
  subjectKey: z.string().min(1).max(128).optional(),
  status: AlertStatusSchema.optional(),
  severity: z.enum(['alert', 'interdict']).optional(),
  from: z.union([z.iso.datetime({ offset: true }), z.date()]).optional(),
  to: z.union([z.iso.datetime({ offset: true }), z.date()]).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export type AlertFilter = z.input<typeof AlertFilterSchema>;

export interface AlertStore {
  /** Inserts a batch idempotently (alert ids are deterministic); returns the ids that were new. */
  insert(alerts: readonly Alert[]): Promise<{ newIds: string[] }>;
  get(id: string): Promise<StoredAlert | null>;
  /** Newest first (by data time, then id). */
  list(filter?: AlertFilter): Promise<StoredAlert[]>;
  count(filter?: Omit<AlertFilter, 'limit' | 'offset'>): Promise<number>;
  /** Alert counts per typology, most alerts first. */
  countByTypology(filter?: Omit<AlertFilter, 'limit' | 'offset' | 'typologyId'>): Promise<Array<{ typologyId: string; count: number }>>;
  /** Throws NotFoundError for an unknown id. */
  setStatus(id: string, status: AlertStatus): Promise<void>;
  /** Adds transactions to an alert that is still open (an instance growing); ids already on it are kept once. */
  addTransactions(id: string, transactionIds: readonly string[]): Promise<void>;
}

const COLUMNS = ['id', 'typology_id', 'typology_version', 'subject_key', 'party_id', 'score', 'severity', 'time', 'trigger_transaction_id', 'transaction_ids', 'patterns', 'document'] as const;

type AlertRow = { document: unknown; status: string; created_at: Date };

function toStored(row: AlertRow): StoredAlert {
  const alert = AlertSchema.safeParse(row.document);
  const status = AlertStatusSchema.safeParse(row.status);
  if (!alert.success) throw new IntegrityError('stored alert does not parse', { issues: fieldIssues(alert.error) });
  if (!status.success) throw new IntegrityError(`stored alert ${alert.data.id} has unknown status ${row.status}`);
  return { alert: alert.data, status: status.data, createdAt: row.created_at };
}

function whereClause(input: AlertFilter): { sql: string; params: unknown[]; limit: number; offset: number } {
  const parsed = AlertFilterSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid alert filter', fieldIssues(parsed.error));
  const filter = parsed.data;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.typologyId !== undefined) add('typology_id = ?', filter.typologyId);
  if (filter.subjectKey !== undefined) add('subject_key = ?', filter.subjectKey);
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.severity !== undefined) add('severity = ?', filter.severity);
  if (filter.from !== undefined) add('time >= ?', filter.from);
  if (filter.to !== undefined) add('time < ?', filter.to);
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params, limit: filter.limit, offset: filter.offset };
}

/**
 * Alerts over a `Database`, or over an open transaction to write atomically with other rows.
 *
 * @example
 * const alerts = createAlertStore(database);
 * await alerts.insert(engineAlerts);
 * await alerts.list({ typologyId: 'structuring-ctr', status: 'new', limit: 50 });
 */
export function createAlertStore(database: Queryable): AlertStore {
  return {
    async insert(alerts) {
      if (alerts.length === 0) return { newIds: [] };
      const rows = alerts.map((alert) => [
        alert.id,
        alert.typologyId,
        alert.typologyVersion,
        alert.subjectKey,
        alert.partyId ?? null,
        alert.score,
        alert.severity,
        alert.time,
        alert.triggerTransactionId,
        alert.transactionIds,
        alert.patterns,
        JSON.stringify(alert),
      ]);
      const result = await database.insertRows<{ id: string }>('alerts', COLUMNS, rows, { onConflictDoNothing: ['id'], returning: ['id'] });
      const inserted = new Set(result.returned.map((row) => row.id));
      return { newIds: alerts.map((alert) => alert.id).filter((id) => inserted.delete(id)) };
    },

    async get(id) {
      const result = await database.query<AlertRow>('SELECT document, status, created_at FROM alerts WHERE id = $1', [id]);
      const row = result.rows[0];
      return row ? toStored(row) : null;
    },

    async list(filter = {}) {
      const where = whereClause(filter);
      const params = [...where.params, where.limit, where.offset];
      const result = await database.query<AlertRow>(
        `SELECT document, status, created_at FROM alerts ${where.sql} ORDER BY time DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return result.rows.map(toStored);
    },

    async count(filter = {}) {
      const where = whereClause(filter);
      const result = await database.query<{ count: number }>(`SELECT count(*) AS count FROM alerts ${where.sql}`, where.params);
      return result.rows[0]?.count ?? 0;
    },

    async countByTypology(filter = {}) {
      const where = whereClause(filter);
      const result = await database.query<{ typology_id: string; count: number }>(
        `SELECT typology_id, count(*) AS count FROM alerts ${where.sql} GROUP BY typology_id ORDER BY count DESC, typology_id`,
        where.params,
      );
      return result.rows.map((row) => ({ typologyId: row.typology_id, count: row.count }));
    },

    async setStatus(id, status) {
      const parsed = AlertStatusSchema.safeParse(status);
      if (!parsed.success) throw new ValidationError('invalid alert status', fieldIssues(parsed.error));
      const result = await database.query('UPDATE alerts SET status = $2 WHERE id = $1', [id, parsed.data]);
      if (result.rowCount === 0) throw new NotFoundError(`alert ${id} not found`, { id });
    },

    async addTransactions(id, transactionIds) {
      if (transactionIds.length === 0) return;
      // Union in order: the stored ids first, then the new ones not already present.
      const result = await database.query(
        `UPDATE alerts SET
           transaction_ids = merged.ids,
           document = jsonb_set(document, '{transactionIds}', to_jsonb(merged.ids))
         FROM (
           SELECT array_agg(tx ORDER BY first_position) AS ids FROM (
             SELECT tx, min(position) AS first_position
             FROM unnest((SELECT transaction_ids FROM alerts WHERE id = $1) || $2::text[]) WITH ORDINALITY AS u(tx, position)
             GROUP BY tx
           ) AS unique_ids
         ) AS merged
         WHERE alerts.id = $1`,
        [id, [...transactionIds]],
      );
      if (result.rowCount === 0) throw new NotFoundError(`alert ${id} not found`, { id });
    },
  };
}
