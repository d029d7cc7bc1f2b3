import { NotFoundError, ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { appendAuditEntry, type AuditEntry, type SqlDatabase, type SqlExecutor } from '../audit/index.ts';
import { CaseSchema, type Case, type CaseStatus } from './schemas.ts';
import type { WorkflowResult } from './workflow.ts';

/**
 * The folder of SQL migrations 0200–0299 (audit log, cases, attachments), in the store's
 * `NNNN-kebab-name.sql` layout; register it with the store's migration registry.
 */
export const CASES_MIGRATION_FOLDER = { module: 'cases', range: [200, 299] as const, folder: new URL('./migrations/', import.meta.url) };

type CaseRow = { document: unknown };

function caseFromRow(row: CaseRow): Case {
  return CaseSchema.parse(typeof row.document === 'string' ? JSON.parse(row.document) : row.document);
}

async function writeCase(tx: SqlExecutor, kase: Case, expectedUpdatedAt: string | null): Promise<void> {
  const values = [kase.id, kase.subjectKey, kase.jurisdiction, kase.status, kase.assignee ?? null, kase.openedAt, kase.updatedAt, JSON.stringify(kase)];
  if (expectedUpdatedAt === null) {
    const inserted = await tx.query('INSERT INTO cases (id, subject_key, jurisdiction, status, assignee, opened_at, updated_at, document) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO NOTHING RETURNING id', values);
    if (inserted.rows.length === 0) throw new ConflictError(`case ${kase.id} already exists`);
    return;
  }
  // Optimistic concurrency: the row must still be the version the workflow step read.
  const updated = await tx.query(
    'UPDATE cases SET subject_key=$2, jurisdiction=$3, status=$4, assignee=$5, opened_at=$6, updated_at=$7, document=$8 WHERE id=$1 AND updated_at=$9 RETURNING id',
    [...values, expectedUpdatedAt],
  );
  if (updated.rows.length === 0) throw new ConflictError(`case ${kase.id} was changed by someone else; reload and retry`);
}

export interface CaseRepository {
  get(id: string): Promise<Case>;
  list(filter?: { status?: CaseStatus; assignee?: string; limit?: number }): Promise<Case[]>;
  /** Inserts a new case with its audit entry, atomically. */
  create(result: WorkflowResult): Promise<{ value: Case; audit: AuditEntry }>;
  /** Loads a case, applies a pure workflow step, saves it and its audit entry in one transaction. */
  apply(id: string, step: (kase: Case) => WorkflowResult): Promise<{ value: Case; audit: AuditEntry }>;
  putAttachment(sha256: string, content: Uint8Array): Promise<void>;
  getAttachment(sha256: string): Promise<Uint8Array>;
}

function unwrap(result: WorkflowResult): Extract<WorkflowResult, { ok: true }> {
  if (result.ok) return result;
  const message = result.issues.map((i) => i.reason).join('; ');
  if (result.code === 'forbidden') throw new ForbiddenError(message, { issues: result.issues });
  if (result.code === 'conflict') throw new ConflictError(message, { issues: result.issues });
  throw new ValidationError(message, result.issues);
}

/**
 * Cases on the store (PGlite or PostgreSQL through the store's Database). The workflow stays
 * pure; this adapter only loads, saves and audits.
 * @example
 * const cases = createSqlCaseRepository(db);
 * await cases.apply('C-1', (kase) => assignCase(kase, 'luis', { actor: 'ana', now }));
 */
export function createSqlCaseRepository(db: SqlDatabase): CaseRepository {
  return {
    async get(id) {
      const result = await db.query<CaseRow>('SELECT document FROM cases WHERE id = $1', [id]);
      const row = result.rows[0];
      if (!row) throw new NotFoundError(`case ${id} not found`);
      return caseFromRow(row);
    },
    async list(filter = {}) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.status !== undefined) clauses.push(`status = $${params.push(filter.status)}`);
      if (filter.assignee !== undefined) clauses.push(`assignee = $${params.push(filter.assignee)}`);
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const limit = Math.min(Math.max(filter.limit ?? 500, 1), 10_000);
      const result = await db.query<CaseRow>(`SELECT document FROM cases ${where} ORDER BY opened_at, id LIMIT ${limit}`, params);
      return result.rows.map(caseFromRow);
    },
    async create(result) {
      const { value, event } = unwrap(result);
      return db.transaction(async (tx) => {
        await writeCase(tx, value, null);
        return { value, audit: await appendAuditEntry(tx, event) };
      });
    },
    async apply(id, step) {
      return db.transaction(async (tx) => {
        const row = (await tx.query<CaseRow>('SELECT document FROM cases WHERE id = $1 FOR UPDATE', [id])).rows[0];
        if (!row) throw new NotFoundError(`case ${id} not found`);
        const before = caseFromRow(row);
        const { value, event } = unwrap(step(before));
        await writeCase(tx, value, before.updatedAt);
        return { value, audit: await appendAuditEntry(tx, event) };
      });
    },
    async putAttachment(sha256, content) {
      await db.query('INSERT INTO case_attachments (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, content]);
    },
    async getAttachment(sha256) {
      const row = (await db.query<{ content: Uint8Array }>('SELECT content FROM case_attachments WHERE sha256 = $1', [sha256])).rows[0];
      if (!row) throw new NotFoundError(`attachment ${sha256} not found`);
      return row.content;
    },
  };
}
