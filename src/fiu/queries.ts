import type { Database } from '../store/index.ts';
import type { DisseminationPackage } from './dissemination.ts';
import type { Acknowledgement, FiuReportKind } from './records.ts';
import type { StoredEntity } from './repository.ts';

/**
 * Read-only listings of the hub for the FIU's pages: reports, entities, packages, agencies and a
 * filer's own files. Each is a bounded query; nothing here writes or audits (the FIU's own reads
 * are not purpose-bound; an investigator never reaches these).
 */

export type ReportSummary = {
  reportId: string;
  kind: FiuReportKind;
  filerReference: string;
  institution: { institutionId: string; name: string };
  receivedAt: string;
  filedOn: string | null;
  activityFrom: string | null;
  activityTo: string | null;
  amountMinor: number;
  currency: string;
  categories: string[];
  subjectCount: number;
  subjectNames: string[];
  /** Agencies the report was disseminated to, sorted. */
  disseminatedTo: string[];
};

export type AgencySummary = { agencyId: string; name: string; country: string; investigators: number };

export type ReportFilter = { limit: number; offset: number; institutionId?: string; kind?: string; query?: string };

export interface FiuQueries {
  listReports(filter: ReportFilter): Promise<{ reports: ReportSummary[]; total: number }>;
  /** subjectId → entityId for one report's subjects, and the agencies it was disseminated to. */
  reportContext(reportId: string): Promise<{ entityOf: Map<string, string>; disseminatedTo: string[] }>;
  /** Entities whose name (any mention's, accents folded) contains `query` or with an identifier equal to it; largest first. */
  searchEntities(input: { query?: string; limit: number }): Promise<StoredEntity[]>;
  /** Every package, newest first. */
  listDisseminations(limit: number): Promise<DisseminationPackage[]>;
  listAgencies(): Promise<AgencySummary[]>;
  getAgency(agencyId: string): Promise<AgencySummary | null>;
  /** The investigators registered for an agency, by their hub user id. */
  investigatorsOf(agencyId: string): Promise<Array<{ userId: string; name: string; active: boolean }>>;
  /** The agency a hub user is registered with as an investigator, or null when not registered. */
  registrationOf(userId: string): Promise<{ agencyId: string; active: boolean } | null>;
  /** The acknowledgements of the files one filer sent, newest first. */
  filesOf(filerId: string, limit: number): Promise<Acknowledgement[]>;
}

const FOLD_FROM = 'áéíóúüñàèìòùâêîôûç';
const FOLD_TO = 'aeiouunaeiouaeiouc';

/** The folding the SQL applies to names, applied to the query text. */
function foldName(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** Identifier values are stored upper-case without separators. */
function foldIdentifier(text: string): string {
  return text.toUpperCase().replace(/[\s\-./()]/g, '');
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * @example
 * const queries = createFiuQueries(database);
 * const { reports, total } = await queries.listReports({ limit: 50, offset: 0 });
 */
export function createFiuQueries(database: Database): FiuQueries {
  const nameMatches = (column: string, parameter: string) => `position(${parameter} in translate(lower(${column}), '${FOLD_FROM}', '${FOLD_TO}')) > 0`;

  async function packagesWhere(where: string, params: unknown[], limit: number): Promise<DisseminationPackage[]> {
    const rows = await database.query<{ dissemination_id: string; agency_id: string; title: string; analysis: string; created_by: string; created_at: string; report_ids: unknown; entity_ids: unknown }>(
      `SELECT d.*,
              ARRAY(SELECT report_id FROM fiu_dissemination_reports r WHERE r.dissemination_id = d.dissemination_id ORDER BY report_id) AS report_ids,
              ARRAY(SELECT entity_id FROM fiu_dissemination_entities e WHERE e.dissemination_id = d.dissemination_id ORDER BY entity_id) AS entity_ids
         FROM fiu_disseminations d ${where}
        ORDER BY d.created_at DESC, d.dissemination_id
        LIMIT ${Math.max(1, Math.floor(limit))}`,
      params,
    );
    return rows.rows.map((row) => ({ disseminationId: row.dissemination_id, agencyId: row.agency_id, title: row.title, analysis: row.analysis, createdBy: row.created_by, createdAt: row.created_at, reportIds: strings(row.report_ids), entityIds: strings(row.entity_ids) }));
  }

  async function agencies(where: string, params: unknown[]): Promise<AgencySummary[]> {
    const rows = await database.query<{ agency_id: string; name: string; country: string; investigators: number }>(
      `SELECT a.agency_id, a.name, a.country, (SELECT count(*) FROM fiu_investigators i WHERE i.agency_id = a.agency_id AND i.active) AS investigators
         FROM fiu_agencies a ${where} ORDER BY a.agency_id`,
      params,
    );
    return rows.rows.map((row) => ({ agencyId: row.agency_id, name: row.name, country: row.country.trim(), investigators: Number(row.investigators) }));
  }

  return {
    async listReports(filter) {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (filter.institutionId !== undefined) {
        params.push(filter.institutionId);
        conditions.push(`r.institution_id = $${params.length}`);
      }
      if (filter.kind !== undefined) {
        params.push(filter.kind);
        conditions.push(`r.kind = $${params.length}`);
      }
      if (filter.query !== undefined && filter.query.trim() !== '') {
        params.push(foldName(filter.query), foldIdentifier(filter.query));
        const name = `$${params.length - 1}`;
        const identifier = `$${params.length}`;
        conditions.push(`EXISTS (SELECT 1 FROM fiu_subjects s WHERE s.report_id = r.report_id AND (${nameMatches('s.full_name', name)} OR EXISTS (SELECT 1 FROM fiu_identifiers i WHERE i.subject_id = s.subject_id AND i.value = ${identifier})))`);
      }
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      const total = await database.query<{ total: number }>(`SELECT count(*) AS total FROM fiu_reports r ${where}`, params);
      const rows = await database.query<Record<string, unknown>>(
        `SELECT r.report_id, r.kind, r.filer_reference, r.institution_id, i.name AS institution_name, r.received_at, r.filed_on,
                r.activity_from, r.activity_to, r.amount_minor, r.currency, r.categories,
                ARRAY(SELECT s.full_name FROM fiu_subjects s WHERE s.report_id = r.report_id ORDER BY s.subject_id) AS subject_names,
                ARRAY(SELECT DISTINCT d.agency_id FROM fiu_dissemination_reports dr JOIN fiu_disseminations d USING (dissemination_id) WHERE dr.report_id = r.report_id ORDER BY d.agency_id) AS disseminated_to
           FROM fiu_reports r JOIN fiu_institutions i USING (institution_id)
           ${where}
          ORDER BY r.received_at DESC, r.report_id
          LIMIT ${Math.max(1, Math.floor(filter.limit))} OFFSET ${Math.max(0, Math.floor(filter.offset))}`,
        params,
      );
      const reports = rows.rows.map((row): ReportSummary => {
        const subjectNames = strings(row['subject_names']);
        return {
          reportId: String(row['report_id']),
          kind: String(row['kind']) as FiuReportKind,
          filerReference: String(row['filer_reference']),
          institution: { institutionId: String(row['institution_id']), name: String(row['institution_name']) },
          receivedAt: String(row['received_at']),
          filedOn: stringOrNull(row['filed_on']),
          activityFrom: stringOrNull(row['activity_from']),
          activityTo: stringOrNull(row['activity_to']),
          amountMinor: Number(row['amount_minor']),
          currency: String(row['currency']),
          categories: strings(row['categories']),
          subjectCount: subjectNames.length,
          subjectNames,
          disseminatedTo: strings(row['disseminated_to']),
        };
      });
      return { reports, total: Number(total.rows[0]?.total ?? 0) };
    },

    async reportContext(reportId) {
      const members = await database.query<{ subject_id: string; entity_id: string }>('SELECT m.subject_id, m.entity_id FROM fiu_entity_members m JOIN fiu_subjects s USING (subject_id) WHERE s.report_id = $1', [reportId]);
      const agencyRows = await database.query<{ agency_id: string }>('SELECT DISTINCT d.agency_id FROM fiu_dissemination_reports dr JOIN fiu_disseminations d USING (dissemination_id) WHERE dr.report_id = $1 ORDER BY d.agency_id', [reportId]);
      return { entityOf: new Map(members.rows.map((row) => [row.subject_id, row.entity_id])), disseminatedTo: agencyRows.rows.map((row) => row.agency_id) };
    },

    async searchEntities(input) {
      const limit = Math.max(1, Math.floor(input.limit));
      const query = input.query?.trim() ?? '';
      const rows = query === ''
        ? await database.query<{ entity_id: string; kind: string; display_name: string; mention_count: number; resolved_at: string }>(`SELECT * FROM fiu_entities ORDER BY mention_count DESC, entity_id LIMIT ${limit}`)
        : await database.query<{ entity_id: string; kind: string; display_name: string; mention_count: number; resolved_at: string }>(
            `SELECT e.* FROM fiu_entities e
              WHERE ${nameMatches('e.display_name', '$1')}
                 OR EXISTS (SELECT 1 FROM fiu_entity_members m JOIN fiu_subjects s USING (subject_id)
                             WHERE m.entity_id = e.entity_id
                               AND (${nameMatches('s.full_name', '$1')} OR EXISTS (SELECT 1 FROM fiu_identifiers i WHERE i.subject_id = s.subject_id AND i.value = $2)))
              ORDER BY e.mention_count DESC, e.entity_id
              LIMIT ${limit}`,
            [foldName(query), foldIdentifier(query)],
          );
      return rows.rows.map((row) => ({ entityId: row.entity_id, kind: row.kind, displayName: row.display_name, mentionCount: Number(row.mention_count), resolvedAt: row.resolved_at }));
    },

    listDisseminations: (limit) => packagesWhere('', [], limit),

    listAgencies: () => agencies('', []),

    async getAgency(agencyId) {
      return (await agencies('WHERE a.agency_id = $1', [agencyId]))[0] ?? null;
    },

    async investigatorsOf(agencyId) {
      const rows = await database.query<{ user_id: string; name: string; active: boolean }>('SELECT user_id, name, active FROM fiu_investigators WHERE agency_id = $1 ORDER BY user_id', [agencyId]);
      return rows.rows.map((row) => ({ userId: row.user_id, name: row.name, active: row.active }));
    },

    async registrationOf(userId) {
      const rows = await database.query<{ agency_id: string; active: boolean }>('SELECT agency_id, active FROM fiu_investigators WHERE user_id = $1', [userId]);
      const row = rows.rows[0];
      return row === undefined ? null : { agencyId: row.agency_id, active: row.active };
    },

    async filesOf(filerId, limit) {
      const rows = await database.query<{ acknowledgement: unknown }>(`SELECT acknowledgement FROM fiu_files WHERE filer_id = $1 ORDER BY received_at DESC, file_id LIMIT ${Math.max(1, Math.floor(limit))}`, [filerId]);
      return rows.rows.map((row) => json<Acknowledgement>(row.acknowledgement));
    },
  };
}
