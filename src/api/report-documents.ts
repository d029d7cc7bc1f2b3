import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SqlClient } from '../auth/index.ts';
import { NotFoundError } from '../errors.ts';

export const ReportSummarySchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    format: z.string(),
    valid: z.boolean(),
    issues: z.array(z.object({ field: z.string(), reason: z.string(), line: z.number().nullable().optional(), xsdPath: z.string().optional() })),
    fileName: z.string().nullable(),
    sha256: z.string().nullable(),
    validatedAgainst: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export type StoredReport = ReportSummary & { content: string | null; batchId: string | null; batchReference: string | null };

type Row = {
  id: string;
  case_id: string;
  kind: string;
  valid: boolean;
  issues: unknown;
  content: string | null;
  file_name: string | null;
  sha256: string | null;
  validated_against: string | null;
  batch_id: string | null;
  batch_reference: string | null;
  created_by: string;
  created_at: Date | string;
};

const IssuesColumn = ReportSummarySchema.shape.issues;

function fromRow(row: Row): StoredReport {
  return {
    id: row.id,
    caseId: row.case_id,
    format: row.kind,
    valid: row.valid,
    issues: IssuesColumn.parse(typeof row.issues === 'string' ? JSON.parse(row.issues) : row.issues),
    fileName: row.file_name,
    sha256: row.sha256,
    validatedAgainst: row.validated_against,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    content: row.content,
    batchId: row.batch_id,
    batchReference: row.batch_reference,
  };
}

/**
 * Report documents drafted through the API (migration 0501): the validated bytes, or the issues.
 * @example const documents = createReportDocuments(db); await documents.list({ caseId: 'C-1' });
 */
export function createReportDocuments(db: SqlClient) {
  return {
    async save(input: Omit<StoredReport, 'id'>): Promise<StoredReport> {
      const id = `R-${input.createdAt.slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
      await db.query(
        `INSERT INTO api_report_documents (id, case_id, kind, valid, issues, content, file_name, sha256, validated_against, batch_id, batch_reference, created_by, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
        [id, input.caseId, input.format, input.valid, JSON.stringify(input.issues), input.content, input.fileName, input.sha256, input.validatedAgainst, input.batchId, input.batchReference, input.createdBy, input.createdAt],
      );
      return { ...input, id };
    },
    async get(id: string): Promise<StoredReport> {
      const { rows } = await db.query<Row>('SELECT * FROM api_report_documents WHERE id = $1', [id]);
      if (!rows[0]) throw new NotFoundError(`no report ${id}`, { reportId: id });
      return fromRow(rows[0]);
    },
    async list(filter: { caseId?: string; limit?: number } = {}): Promise<StoredReport[]> {
      const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
      const { rows } = filter.caseId
        ? await db.query<Row>(`SELECT * FROM api_report_documents WHERE case_id = $1 ORDER BY created_at DESC LIMIT ${limit}`, [filter.caseId])
        : await db.query<Row>(`SELECT * FROM api_report_documents ORDER BY created_at DESC LIMIT ${limit}`);
      return rows.map(fromRow);
    },
  };
}

export type ReportDocuments = ReturnType<typeof createReportDocuments>;

/** A summary without the document body. */
export function reportSummary(report: StoredReport): ReportSummary {
  const { content: _content, batchId: _batchId, batchReference: _batchReference, ...summary } = report;
  return summary;
}
