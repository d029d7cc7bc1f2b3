import { z } from 'zod';
import { appendAuditEntry } from '../audit/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Database, Queryable } from '../store/index.ts';
import type { FiuReport } from './records.ts';
import type { FiuStore } from './repository.ts';

/**
 * Dissemination to law enforcement under purpose-bound, audited access. An investigator reads a
 * report only when it was disseminated to their agency; every search and every view, allowed or
 * refused, is written to the hash-chained audit log with the purpose the investigator declared.
 * There is no code path from an investigator to a report that skips `reportsVisibleTo`.
 */

export const PurposeSchema = z.string().trim().min(10, 'declare the purpose of the search (at least 10 characters)').max(500);
export const InvestigatorQuerySchema = z.object({
  /** A name or an identifier value (RFC, CURP, SSN, account, phone…). */
  text: z.string().trim().min(2).max(200),
  purpose: PurposeSchema,
});

export type DisseminationPackage = { disseminationId: string; agencyId: string; title: string; analysis: string; createdBy: string; createdAt: string; reportIds: string[]; entityIds: string[] };

export interface DisseminationService {
  registerAgency(input: { agencyId: string; name: string; country: string; by: string; time: string }): Promise<void>;
  registerInvestigator(input: { userId: string; agencyId: string; name: string; by: string; time: string }): Promise<void>;
  /** Sends a package (reports, the network's entities, the FIU's analysis) to one agency. */
  disseminate(input: { disseminationId: string; agencyId: string; title: string; analysis: string; reportIds: readonly string[]; entityIds?: readonly string[]; by: string; time: string }): Promise<DisseminationPackage>;
  /** The packages an investigator's agency received (metadata only; reading a report is `viewReport`). */
  packagesFor(input: { userId: string; purpose: string; time: string }): Promise<DisseminationPackage[]>;
  /** Reads one report: allowed only when disseminated to the investigator's agency. Audited either way. */
  viewReport(input: { userId: string; reportId: string; purpose: string; time: string }): Promise<FiuReport>;
  /** Searches names and identifiers, only within what was disseminated to the agency. Audited. */
  search(input: { userId: string; text: string; purpose: string; time: string }): Promise<Array<{ reportId: string; subjectId: string; fullName: string; matchedOn: 'name' | 'identifier' }>>;
  /** Report ids disseminated to an agency: the only set an investigator's reads are checked against. */
  reportsVisibleTo(agencyId: string, within?: Queryable): Promise<Set<string>>;
  disseminatedReportIds(): Promise<Set<string>>;
}

/**
 * @example
 * const dissemination = createDisseminationService({ database, fiu });
 * await dissemination.disseminate({ disseminationId: 'D-1', agencyId: 'FGR', title: 'Red de embudo', analysis: '…', reportIds: ['f1#2'], by: 'ana', time });
 * await dissemination.viewReport({ userId: 'inv-7', reportId: 'f1#2', purpose: 'Carpeta FED/123/2026', time });
 */
export function createDisseminationService(dependencies: { database: Database; fiu: FiuStore }): DisseminationService {
  const { database, fiu } = dependencies;

  async function investigator(tx: Queryable, userId: string): Promise<{ agencyId: string }> {
    const rows = await tx.query<{ agency_id: string; active: boolean }>('SELECT agency_id, active FROM fiu_investigators WHERE user_id = $1', [userId]);
    const row = rows.rows[0];
    if (row === undefined || !row.active) throw new ForbiddenError('not a registered, active investigator', { userId });
    return { agencyId: row.agency_id };
  }

  function purposeOf(purpose: string): string {
    const parsed = PurposeSchema.safeParse(purpose);
    if (!parsed.success) throw new ValidationError('a purpose is required for every search and view', [{ field: 'purpose', reason: parsed.error.issues[0]?.message ?? 'invalid' }]);
    return parsed.data;
  }

  async function reportsVisibleTo(agencyId: string, within: Queryable = database): Promise<Set<string>> {
    const rows = await within.query<{ report_id: string }>('SELECT DISTINCT r.report_id FROM fiu_dissemination_reports r JOIN fiu_disseminations d USING (dissemination_id) WHERE d.agency_id = $1', [agencyId]);
    return new Set(rows.rows.map((row) => row.report_id));
  }

  async function audit(action: string, actor: string, time: string, subject: { kind: string; id: string }, details: Record<string, string | number | boolean | string[]>): Promise<void> {
    await database.transaction((tx) => appendAuditEntry(tx, { time, actor, action, subject, details }));
  }

  return {
    async registerAgency(input) {
      await database.transaction(async (tx) => {
        await tx.query('INSERT INTO fiu_agencies (agency_id, name, country) VALUES ($1,$2,$3)', [input.agencyId, input.name, input.country]);
        await appendAuditEntry(tx, { time: input.time, actor: input.by, action: 'fiu.agency.registered', subject: { kind: 'fiu-agency', id: input.agencyId }, details: { name: input.name } });
      });
    },
    async registerInvestigator(input) {
      await database.transaction(async (tx) => {
        await tx.query('INSERT INTO fiu_investigators (user_id, agency_id, name) VALUES ($1,$2,$3)', [input.userId, input.agencyId, input.name]);
        await appendAuditEntry(tx, { time: input.time, actor: input.by, action: 'fiu.investigator.registered', subject: { kind: 'fiu-investigator', id: input.userId }, details: { agencyId: input.agencyId } });
      });
    },
    async disseminate(input) {
      if (input.reportIds.length === 0) throw new ValidationError('a dissemination needs at least one report', [{ field: 'reportIds', reason: 'empty' }]);
      return database.transaction(async (tx) => {
        const agency = await tx.query('SELECT 1 FROM fiu_agencies WHERE agency_id = $1', [input.agencyId]);
        if (agency.rows.length === 0) throw new NotFoundError(`unknown agency ${input.agencyId}`);
        const known = await tx.query<{ report_id: string }>('SELECT report_id FROM fiu_reports WHERE report_id = ANY($1)', [input.reportIds]);
        const missing = input.reportIds.filter((id) => !known.rows.some((row) => row.report_id === id));
        if (missing.length > 0) throw new NotFoundError(`unknown report(s): ${missing.join(', ')}`);
        await tx.query('INSERT INTO fiu_disseminations (dissemination_id, agency_id, title, analysis, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6)', [input.disseminationId, input.agencyId, input.title, input.analysis, input.by, input.time]);
        await tx.insertRows('fiu_dissemination_reports', ['dissemination_id', 'report_id'], [...new Set(input.reportIds)].map((id) => [input.disseminationId, id]));
        const entityIds = [...new Set(input.entityIds ?? [])];
        await tx.insertRows('fiu_dissemination_entities', ['dissemination_id', 'entity_id'], entityIds.map((id) => [input.disseminationId, id]));
        await appendAuditEntry(tx, { time: input.time, actor: input.by, action: 'fiu.disseminated', subject: { kind: 'fiu-dissemination', id: input.disseminationId }, details: { agencyId: input.agencyId, reportIds: [...input.reportIds], entityIds } });
        return { disseminationId: input.disseminationId, agencyId: input.agencyId, title: input.title, analysis: input.analysis, createdBy: input.by, createdAt: input.time, reportIds: [...new Set(input.reportIds)], entityIds };
      });
    },
    async packagesFor(input) {
      const purpose = purposeOf(input.purpose);
      const { agencyId } = await investigator(database, input.userId);
      const rows = await database.query<{ dissemination_id: string; title: string; analysis: string; created_by: string; created_at: string }>('SELECT * FROM fiu_disseminations WHERE agency_id = $1 ORDER BY created_at, dissemination_id', [agencyId]);
      const packages: DisseminationPackage[] = [];
      for (const row of rows.rows) {
        const reports = await database.query<{ report_id: string }>('SELECT report_id FROM fiu_dissemination_reports WHERE dissemination_id = $1 ORDER BY report_id', [row.dissemination_id]);
        const entities = await database.query<{ entity_id: string }>('SELECT entity_id FROM fiu_dissemination_entities WHERE dissemination_id = $1 ORDER BY entity_id', [row.dissemination_id]);
        packages.push({ disseminationId: row.dissemination_id, agencyId, title: row.title, analysis: row.analysis, createdBy: row.created_by, createdAt: row.created_at, reportIds: reports.rows.map((r) => r.report_id), entityIds: entities.rows.map((e) => e.entity_id) });
      }
      await audit('fiu.packages.listed', input.userId, input.time, { kind: 'fiu-agency', id: agencyId }, { purpose, count: packages.length });
      return packages;
    },
    async viewReport(input) {
      const purpose = purposeOf(input.purpose);
      const { agencyId } = await investigator(database, input.userId);
      const visible = await reportsVisibleTo(agencyId);
      if (!visible.has(input.reportId)) {
        await audit('fiu.report.view_refused', input.userId, input.time, { kind: 'fiu-report', id: input.reportId.slice(0, 128) || '(empty)' }, { purpose, agencyId });
        // The same answer whether the report exists or not: an investigator learns nothing from a refusal.
        throw new ForbiddenError('this report was not disseminated to your agency', { reportId: input.reportId });
      }
      const report = await fiu.getReport(input.reportId);
      if (report === null) throw new ForbiddenError('this report was not disseminated to your agency', { reportId: input.reportId });
      await audit('fiu.report.viewed', input.userId, input.time, { kind: 'fiu-report', id: input.reportId }, { purpose, agencyId });
      return report;
    },
    async search(input) {
      const query = InvestigatorQuerySchema.safeParse({ text: input.text, purpose: input.purpose });
      if (!query.success) throw new ValidationError('invalid search', query.error.issues.map((issue) => ({ field: issue.path.join('.'), reason: issue.message })));
      const { agencyId } = await investigator(database, input.userId);
      const folded = query.data.text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const identifier = query.data.text.toUpperCase().replace(/[\s\-./()]/g, '');
      // The agency restriction is in the SQL itself: rows outside the agency's disseminations are never read.
      const rows = await database.query<{ report_id: string; subject_id: string; full_name: string; matched: string }>(
        `SELECT DISTINCT s.report_id, s.subject_id, s.full_name,
                CASE WHEN EXISTS (SELECT 1 FROM fiu_identifiers i WHERE i.subject_id = s.subject_id AND i.value = $3) THEN 'identifier' ELSE 'name' END AS matched
           FROM fiu_subjects s
           JOIN fiu_dissemination_reports dr ON dr.report_id = s.report_id
           JOIN fiu_disseminations d ON d.dissemination_id = dr.dissemination_id AND d.agency_id = $1
          WHERE position($2 in translate(lower(s.full_name), 'áéíóúüñàèìòù', 'aeiouunaeiou')) > 0
             OR EXISTS (SELECT 1 FROM fiu_identifiers i WHERE i.subject_id = s.subject_id AND i.value = $3)
          ORDER BY s.report_id, s.subject_id
          LIMIT 200`,
        [agencyId, folded, identifier],
      );
      const results = rows.rows.map((row) => ({ reportId: row.report_id, subjectId: row.subject_id, fullName: row.full_name, matchedOn: row.matched === 'identifier' ? ('identifier' as const) : ('name' as const) }));
      await audit('fiu.search', input.userId, input.time, { kind: 'fiu-agency', id: agencyId }, { purpose: query.data.purpose, text: query.data.text, results: results.length, reportIds: [...new Set(results.map((result) => result.reportId))] });
      return results;
    },
    reportsVisibleTo,
    async disseminatedReportIds() {
      const rows = await database.query<{ report_id: string }>('SELECT DISTINCT report_id FROM fiu_dissemination_reports');
      return new Set(rows.rows.map((row) => row.report_id));
    },
  };
}
