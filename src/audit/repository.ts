import { appendEntry, verifyChain, AuditEntrySchema, type AuditEntry, type AuditEvent, type ChainVerification } from './chain.ts';
import type { SqlDatabase, SqlExecutor } from './sql.ts';

type AuditRow = {
  sequence: number | string | bigint;
  time: string;
  actor: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  details: unknown;
  previous_hash: string;
  hash: string;
};

function entryFromRow(row: AuditRow): AuditEntry {
  return AuditEntrySchema.parse({
    sequence: Number(row.sequence),
    time: row.time,
    actor: row.actor,
    action: row.action,
    subject: { kind: row.subject_kind, id: row.subject_id },
    details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
    previousHash: row.previous_hash,
    hash: row.hash,
  });
}

/**
 * Appends one entry inside a transaction the caller already holds, so a module can write its
 * own rows and the audit entry atomically. The table lock keeps concurrent writers from forking the chain.
 * @example await db.transaction(async (tx) => { await saveCase(tx, kase); await appendAuditEntry(tx, event); });
 */
export async function appendAuditEntry(tx: SqlExecutor, event: AuditEvent): Promise<AuditEntry> {
  await tx.exec('LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE');
  const head = await tx.query<AuditRow>('SELECT * FROM audit_log ORDER BY sequence DESC LIMIT 1');
  const entry = appendEntry(head.rows[0] ? entryFromRow(head.rows[0]) : undefined, event);
  await tx.query(
    'INSERT INTO audit_log (sequence, time, actor, action, subject_kind, subject_id, details, previous_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
    [entry.sequence, entry.time, entry.actor, entry.action, entry.subject.kind, entry.subject.id, JSON.stringify(entry.details), entry.previousHash, entry.hash],
  );
  return entry;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<AuditEntry>;
  /** Entries in sequence order, optionally only those about one subject. */
  list(filter?: { subjectKind?: string; subjectId?: string }): Promise<AuditEntry[]>;
  verify(): Promise<ChainVerification>;
}

/**
 * The audit log on the store: each append reads the head and chains to it inside one
 * transaction holding a table lock, so concurrent writers cannot fork the chain.
 * @example
 * const log = createSqlAuditLog(db);
 * await log.append({ time, actor: 'ana', action: 'case.assigned', subject: { kind: 'case', id: 'C-1' }, details: { to: 'luis' } });
 * (await log.verify()).ok === true
 */
export function createSqlAuditLog(db: SqlDatabase): AuditLog {
  return {
    async append(event) {
      return db.transaction((tx) => appendAuditEntry(tx, event));
    },
    async list(filter = {}) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.subjectKind !== undefined) clauses.push(`subject_kind = $${params.push(filter.subjectKind)}`);
      if (filter.subjectId !== undefined) clauses.push(`subject_id = $${params.push(filter.subjectId)}`);
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const result = await db.query<AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY sequence`, params);
      return result.rows.map(entryFromRow);
    },
    async verify() {
      const result = await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY sequence');
      return verifyChain(result.rows.map(entryFromRow));
    },
  };
}

/**
 * The same log in memory, for pure tests and one-shot CLI runs without a store.
 * @example const log = createMemoryAuditLog(); await log.append(event);
 */
export function createMemoryAuditLog(initial: readonly AuditEntry[] = []): AuditLog & { entries(): readonly AuditEntry[] } {
  const entries: AuditEntry[] = [...initial];
  return {
    async append(event) {
      const entry = appendEntry(entries[entries.length - 1], event);
      entries.push(entry);
      return entry;
    },
    async list(filter = {}) {
      return entries.filter((e) => (filter.subjectKind === undefined || e.subject.kind === filter.subjectKind) && (filter.subjectId === undefined || e.subject.id === filter.subjectId));
    },
    async verify() {
      return verifyChain(entries);
    },
    entries: () => entries,
  };
}
