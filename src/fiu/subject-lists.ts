import { z } from 'zod';
import { appendAuditEntry } from '../audit/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { parseName } from '../screening/index.ts';
import type { Database } from '../store/index.ts';
import { FiuIdentifierSchema, normaliseIdentifierValue } from './records.ts';
import { nameSimilarity } from './resolution.ts';

/**
 * 314(a)-style subject lists: the FIU sends a law-enforcement request's subjects to institutions;
 * each institution searches its records (`matchSubjectList` is the institution-side matcher) and
 * answers per subject; only recipients may answer, each once, and every step is audited.
 */

export const ListSubjectSchema = z.object({
  name: z.string().trim().min(2).max(300),
  kind: z.enum(['person', 'company']),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  identifiers: z.array(FiuIdentifierSchema).max(16).default([]),
});
export type ListSubject = z.infer<typeof ListSubjectSchema>;

export const SubjectResultSchema = z.object({
  subjectIndex: z.number().int().nonnegative(),
  matched: z.boolean(),
  /** Accounts or transactions found; empty when not matched. */
  accounts: z.array(z.string().max(64)).max(200).default([]),
  note: z.string().max(2000).default(''),
});
export type SubjectResult = z.infer<typeof SubjectResultSchema>;

export type SubjectList = { listId: string; title: string; requestingAgency: string; subjects: ListSubject[]; createdBy: string; createdAt: string; respondBy: string };

/** A customer record on the institution side, as `matchSubjectList` reads it. */
export type CustomerRecord = { customerId: string; name: string; kind: 'person' | 'company'; birthDate?: string; identifiers: Array<{ kind: ListSubject['identifiers'][number]['kind']; value: string }>; accounts: string[] };

/**
 * Institution side: which list subjects match which customers (an identifier, or a name ≥ 0.9
 * that no birth date contradicts).
 * @example matchSubjectList(list.subjects, customers)[0] // { subjectIndex: 0, matched: true, accounts: ['…'], note: 'customer C-1: rfc' }
 */
export function matchSubjectList(subjects: readonly ListSubject[], customers: readonly CustomerRecord[]): SubjectResult[] {
  const parsedCustomers = customers.map((customer) => ({ customer, name: parseName(customer.name, customer.kind === 'company' ? 'organization' : 'person'), ids: new Set(customer.identifiers.map((identifier) => `${identifier.kind}:${normaliseIdentifierValue(identifier.kind, identifier.value)}`)) }));
  return subjects.map((subject, subjectIndex) => {
    const name = parseName(subject.name, subject.kind === 'company' ? 'organization' : 'person');
    const ids = subject.identifiers.map((identifier) => `${identifier.kind}:${normaliseIdentifierValue(identifier.kind, identifier.value)}`);
    const hits = parsedCustomers.flatMap(({ customer, name: customerName, ids: customerIds }) => {
      const byIdentifier = ids.filter((id) => customerIds.has(id));
      if (byIdentifier.length > 0) return [{ customer, reason: byIdentifier.map((id) => id.slice(0, id.indexOf(':'))).join(', ') }];
      if (subject.kind !== customer.kind) return [];
      if (subject.birthDate !== undefined && customer.birthDate !== undefined && subject.birthDate !== customer.birthDate) return [];
      const similarity = nameSimilarity(name, customerName).similarity;
      return similarity >= 0.9 && Math.min(name.tokens.length, customerName.tokens.length) >= 2 ? [{ customer, reason: `name ${similarity.toFixed(2)}` }] : [];
    });
    return { subjectIndex, matched: hits.length > 0, accounts: [...new Set(hits.flatMap((hit) => hit.customer.accounts))], note: hits.map((hit) => `customer ${hit.customer.customerId}: ${hit.reason}`).join('; ') };
  });
}

export interface SubjectListService {
  send(input: { listId: string; title: string; requestingAgency: string; subjects: readonly ListSubject[]; institutionIds: readonly string[]; respondBy: string; by: string; time: string }): Promise<SubjectList>;
  /** The lists an institution received (it sees the subjects it must search for). */
  listsFor(institutionId: string): Promise<SubjectList[]>;
  /** An institution's answer: one result per subject, once. */
  respond(input: { listId: string; institutionId: string; results: readonly SubjectResult[]; by: string; time: string }): Promise<void>;
  /** The FIU's view of what it sent, newest first, with how many recipients have answered. */
  recent(limit: number): Promise<Array<SubjectList & { recipients: number; answered: number }>>;
  /** The FIU's view: every institution's results, and which recipients have not answered. */
  results(listId: string): Promise<{ list: SubjectList; matches: Array<SubjectResult & { institutionId: string }>; pending: string[] }>;
}

type ListRow = { list_id: string; title: string; requesting_agency: string; subjects: unknown; created_by: string; created_at: string; respond_by: string };

function listOf(row: ListRow): SubjectList {
  const subjects = z.array(ListSubjectSchema).parse(typeof row.subjects === 'string' ? JSON.parse(row.subjects) : row.subjects);
  return { listId: row.list_id, title: row.title, requestingAgency: row.requesting_agency, subjects, createdBy: row.created_by, createdAt: row.created_at, respondBy: row.respond_by };
}

/**
 * @example
 * const lists = createSubjectListService({ database });
 * await lists.send({ listId: 'L-1', title: '314(a) 2026-03', requestingAgency: 'HSI', subjects, institutionIds: ['EIN:1'], respondBy: '2026-03-16', by: 'ana', time });
 */
export function createSubjectListService(dependencies: { database: Database }): SubjectListService {
  const { database } = dependencies;
  async function load(listId: string): Promise<SubjectList> {
    const rows = await database.query<ListRow>('SELECT * FROM fiu_subject_lists WHERE list_id = $1', [listId]);
    const row = rows.rows[0];
    if (row === undefined) throw new NotFoundError(`unknown subject list ${listId}`);
    return listOf(row);
  }
  return {
    async send(input) {
      const subjects = z.array(ListSubjectSchema).min(1).max(5000).safeParse(input.subjects);
      if (!subjects.success) throw new ValidationError('invalid subject list', subjects.error.issues.map((issue) => ({ field: issue.path.join('.'), reason: issue.message })));
      if (input.institutionIds.length === 0) throw new ValidationError('a subject list needs recipients', [{ field: 'institutionIds', reason: 'empty' }]);
      await database.transaction(async (tx) => {
        await tx.query('INSERT INTO fiu_subject_lists (list_id, title, requesting_agency, subjects, created_by, created_at, respond_by) VALUES ($1,$2,$3,$4,$5,$6,$7)', [input.listId, input.title, input.requestingAgency, JSON.stringify(subjects.data), input.by, input.time, input.respondBy]);
        await tx.insertRows('fiu_subject_list_recipients', ['list_id', 'institution_id'], [...new Set(input.institutionIds)].map((id) => [input.listId, id]));
        await appendAuditEntry(tx, { time: input.time, actor: input.by, action: 'fiu.subject_list.sent', subject: { kind: 'fiu-subject-list', id: input.listId }, details: { requestingAgency: input.requestingAgency, subjects: subjects.data.length, institutions: [...new Set(input.institutionIds)] } });
      });
      return load(input.listId);
    },
    async listsFor(institutionId) {
      const rows = await database.query<ListRow>('SELECT l.* FROM fiu_subject_lists l JOIN fiu_subject_list_recipients r USING (list_id) WHERE r.institution_id = $1 ORDER BY l.created_at, l.list_id', [institutionId]);
      return rows.rows.map(listOf);
    },
    async respond(input) {
      const list = await load(input.listId);
      const recipient = await database.query('SELECT 1 FROM fiu_subject_list_recipients WHERE list_id = $1 AND institution_id = $2', [input.listId, input.institutionId]);
      if (recipient.rows.length === 0) throw new ForbiddenError('this institution did not receive the list');
      const results = z.array(SubjectResultSchema).safeParse(input.results);
      if (!results.success) throw new ValidationError('invalid results', results.error.issues.map((issue) => ({ field: issue.path.join('.'), reason: issue.message })));
      const indexes = new Set(results.data.map((result) => result.subjectIndex));
      if (indexes.size !== list.subjects.length || [...indexes].some((index) => index >= list.subjects.length)) throw new ValidationError(`answer each of the ${list.subjects.length} subjects exactly once`, [{ field: 'results', reason: 'one result per subject index' }]);
      await database.transaction(async (tx) => {
        const already = await tx.query('SELECT 1 FROM fiu_subject_list_results WHERE list_id = $1 AND institution_id = $2 LIMIT 1', [input.listId, input.institutionId]);
        if (already.rows.length > 0) throw new ConflictError('this institution already answered the list');
        await tx.insertRows('fiu_subject_list_results', ['list_id', 'institution_id', 'subject_index', 'matched', 'details', 'responded_at'], results.data.map((result) => [input.listId, input.institutionId, result.subjectIndex, result.matched, JSON.stringify({ accounts: result.accounts, note: result.note }), input.time]));
        await appendAuditEntry(tx, { time: input.time, actor: input.by, action: 'fiu.subject_list.answered', subject: { kind: 'fiu-subject-list', id: input.listId }, details: { institutionId: input.institutionId, matches: results.data.filter((result) => result.matched).length } });
      });
    },
    async recent(limit) {
      const rows = await database.query<ListRow & { recipients: number | string; answered: number | string }>(
        `SELECT l.*,
           (SELECT count(*) FROM fiu_subject_list_recipients r WHERE r.list_id = l.list_id) AS recipients,
           (SELECT count(DISTINCT s.institution_id) FROM fiu_subject_list_results s WHERE s.list_id = l.list_id) AS answered
         FROM fiu_subject_lists l ORDER BY l.created_at DESC, l.list_id DESC LIMIT $1`,
        [limit],
      );
      return rows.rows.map((row) => ({ ...listOf(row), recipients: Number(row.recipients), answered: Number(row.answered) }));
    },
    async results(listId) {
      const list = await load(listId);
      const rows = await database.query<{ institution_id: string; subject_index: number; matched: boolean; details: unknown }>('SELECT institution_id, subject_index, matched, details FROM fiu_subject_list_results WHERE list_id = $1 ORDER BY institution_id, subject_index', [listId]);
      const recipients = await database.query<{ institution_id: string }>('SELECT institution_id FROM fiu_subject_list_recipients WHERE list_id = $1 ORDER BY institution_id', [listId]);
      const answered = new Set(rows.rows.map((row) => row.institution_id));
      const matches = rows.rows.filter((row) => row.matched).map((row) => {
        const details = z.object({ accounts: z.array(z.string()), note: z.string() }).parse(typeof row.details === 'string' ? JSON.parse(row.details) : row.details);
        return { institutionId: row.institution_id, subjectIndex: row.subject_index, matched: true, accounts: details.accounts, note: details.note };
      });
      return { list, matches, pending: recipients.rows.map((row) => row.institution_id).filter((id) => !answered.has(id)) };
    },
  };
}
