import { createHash } from 'node:crypto';
import { appendAuditEntry } from '../audit/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Database, Queryable } from '../store/index.ts';
import type { IntakeResult } from './intake.ts';
import type { FiuIdentifierKind, FiuReport } from './records.ts';
import { resolveEntities, type Mention, type ResolutionConstraints, type ResolutionResult } from './resolution.ts';

/**
 * The hub's rows: intake results, entities and analysts' resolution decisions. Every write an
 * actor causes is audited in the same transaction.
 */

export type ResolutionRun = ResolutionResult['stats'] & { entities: number };

export type StoredEntity = { entityId: string; kind: string; displayName: string; mentionCount: number; resolvedAt: string };

export type EntityDetail = StoredEntity & {
  mentions: Array<{ subjectId: string; reportId: string; fullName: string; birthDate: string | null; identifiers: Array<{ kind: string; value: string }> }>;
  links: Array<{ from: string; to: string; score: number; evidence: unknown }>;
};

export interface FiuStore {
  readonly database: Database;
  /** Stores one intake: the file with its acknowledgement, accepted reports, quarantined ones. */
  saveIntake(result: IntakeResult, content: string): Promise<void>;
  /** All subject mentions, for resolution. */
  loadMentions(): Promise<Mention[]>;
  /** Re-resolves every mention, keeping entity ids stable, replaying analysts' decisions. */
  resolve(at: { actor: string; time: string }): Promise<ResolutionRun>;
  /** Analyst merge of two entities (audited), then re-resolution. */
  mergeEntities(input: { entityA: string; entityB: string; analyst: string; reason: string; time: string }): Promise<ResolutionRun>;
  /** Analyst split: the given mentions leave their entity and may never rejoin it (audited). */
  splitEntity(input: { entityId: string; mentionIds: readonly string[]; analyst: string; reason: string; time: string }): Promise<ResolutionRun>;
  entityOfSubject(subjectId: string): Promise<string | null>;
  getEntity(entityId: string): Promise<EntityDetail | null>;
  getReport(reportId: string): Promise<FiuReport | null>;
  /** Every report (or those listed), assembled in a few queries. */
  loadReports(reportIds?: readonly string[]): Promise<FiuReport[]>;
  /** subjectId → entityId as of the last resolution. */
  entityMembership(): Promise<Map<string, string>>;
  reportIds(): Promise<string[]>;
}

type SubjectRow = { subject_id: string; report_id: string; kind: string; full_name: string; given: string | null; paternal: string | null; maternal: string | null; birth_date: string | null; country: string | null; addresses: unknown };

function jsonArray(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

function subjectKind(kind: string): Mention['kind'] {
  return kind === 'person' || kind === 'company' ? kind : 'unknown';
}

/**
 * @example
 * const fiu = createFiuStore(database); // after migrateAll(database)
 * await fiu.saveIntake(await receiveFile(input), input.content);
 * await fiu.resolve({ actor: 'system', time: '2026-03-02T10:00:00Z' });
 */
export function createFiuStore(database: Database): FiuStore {
  async function writeReports(tx: Queryable, reports: readonly FiuReport[], receivedAt: string): Promise<void> {
    if (reports.length === 0) return;
    const institutions = new Map(reports.map((report) => [report.institution.institutionId, report.institution]));
    // A file names few institutions: one multi-row INSERT costs less than COPY through a staging table.
    const institutionRows = [...institutions.values()];
    await tx.query(`INSERT INTO fiu_institutions (institution_id, name, country) VALUES ${institutionRows.map((_, index) => `($${index * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3})`).join(', ')} ON CONFLICT (institution_id) DO NOTHING`, institutionRows.flatMap((institution) => [institution.institutionId, institution.name, institution.country ?? null]));
    await tx.insertRows(
      'fiu_reports',
      ['report_id', 'file_id', 'sequence', 'kind', 'filer_reference', 'institution_id', 'received_at', 'filed_on', 'activity_from', 'activity_to', 'amount_minor', 'currency', 'categories', 'narrative'],
      reports.map((report) => [report.reportId, report.fileId, report.sequence, report.kind, report.filerReference, report.institution.institutionId, receivedAt, report.filedOn ?? null, report.activityFrom ?? null, report.activityTo ?? null, report.amountMinor, report.currency, report.categories, report.narrative]),
    );
    const subjects = reports.flatMap((report) => report.subjects);
    await tx.insertRows(
      'fiu_subjects',
      ['subject_id', 'report_id', 'kind', 'role', 'full_name', 'given', 'paternal', 'maternal', 'birth_date', 'country', 'addresses'],
      subjects.map((subject) => [subject.subjectId, subject.reportId, subject.kind, subject.role, subject.fullName, subject.given ?? null, subject.paternal ?? null, subject.maternal ?? null, subject.birthDate ?? null, subject.country ?? null, JSON.stringify(subject.addresses)]),
    );
    // The subjects were just inserted (a duplicate subject id fails above), so only a repeat within
    // one subject can collide: drop those here and COPY straight in, without a staging table.
    const identifierKeys = new Set<string>();
    const identifierRows: string[][] = [];
    for (const subject of subjects) {
      for (const identifier of subject.identifiers) {
        const key = `${subject.subjectId}\u0000${identifier.kind}\u0000${identifier.value}`;
        if (identifierKeys.has(key)) continue;
        identifierKeys.add(key);
        identifierRows.push([subject.subjectId, identifier.kind, identifier.value]);
      }
    }
    await tx.insertRows('fiu_identifiers', ['subject_id', 'kind', 'value'], identifierRows);
    await tx.insertRows(
      'fiu_transactions',
      ['report_id', 'position', 'date', 'amount_minor', 'currency', 'from_country', 'to_country', 'channel', 'from_account', 'to_account'],
      reports.flatMap((report) => report.transactions.map((transaction, position) => [report.reportId, position + 1, transaction.date ?? null, transaction.amountMinor, transaction.currency, transaction.fromCountry ?? null, transaction.toCountry ?? null, transaction.channel ?? null, transaction.fromAccount ?? null, transaction.toAccount ?? null])),
    );
  }

  async function loadMentions(source: Queryable = database): Promise<Mention[]> {
    const subjects = await source.query<SubjectRow>('SELECT subject_id, report_id, kind, full_name, given, paternal, maternal, birth_date, country, addresses FROM fiu_subjects ORDER BY subject_id');
    const identifiers = await source.query<{ subject_id: string; kind: string; value: string }>('SELECT subject_id, kind, value FROM fiu_identifiers');
    const bySubject = new Map<string, Array<{ kind: FiuIdentifierKind; value: string }>>();
    for (const row of identifiers.rows) {
      const list = bySubject.get(row.subject_id) ?? [];
      list.push({ kind: row.kind as FiuIdentifierKind, value: row.value });
      bySubject.set(row.subject_id, list);
    }
    return subjects.rows.map((row) => ({
      subjectId: row.subject_id,
      kind: subjectKind(row.kind),
      fullName: row.full_name,
      ...(row.given !== null ? { given: row.given } : {}),
      ...(row.paternal !== null ? { paternal: row.paternal } : {}),
      ...(row.maternal !== null ? { maternal: row.maternal } : {}),
      ...(row.birth_date !== null ? { birthDate: row.birth_date } : {}),
      ...(row.country !== null ? { country: row.country } : {}),
      identifiers: bySubject.get(row.subject_id) ?? [],
      addresses: jsonArray(row.addresses),
    }));
  }

  async function constraints(tx: Queryable): Promise<ResolutionConstraints> {
    const rows = await tx.query<{ decision: string; subject_a: string; subject_b: string; analyst: string }>('SELECT decision, subject_a, subject_b, analyst FROM fiu_resolution_decisions ORDER BY decision_id');
    return {
      mustLink: rows.rows.filter((row) => row.decision === 'merge').map((row) => ({ a: row.subject_a, b: row.subject_b, by: row.analyst })),
      cannotLink: rows.rows.filter((row) => row.decision === 'split').map((row) => ({ a: row.subject_a, b: row.subject_b })),
    };
  }

  async function resolveWithin(tx: Queryable, at: { actor: string; time: string }, reason: Record<string, string | number>): Promise<ResolutionRun> {
    const mentions = await loadMentions(tx);
    const previousRows = await tx.query<{ subject_id: string; entity_id: string }>('SELECT subject_id, entity_id FROM fiu_entity_members');
    const previous = new Map(previousRows.rows.map((row) => [row.subject_id, row.entity_id]));
    const result = resolveEntities(mentions, await constraints(tx), { previous });
    await tx.exec('DELETE FROM fiu_entity_links; DELETE FROM fiu_entity_members; DELETE FROM fiu_entities;');
    await tx.insertRows('fiu_entities', ['entity_id', 'kind', 'display_name', 'mention_count', 'resolved_at'], result.entities.map((entity) => [entity.entityId, entity.kind, entity.displayName, entity.mentionIds.length, at.time]));
    await tx.insertRows('fiu_entity_members', ['subject_id', 'entity_id'], [...result.entityOf].map(([subjectId, entityId]) => [subjectId, entityId]));
    await tx.insertRows('fiu_entity_links', ['entity_id', 'from_subject', 'to_subject', 'score', 'evidence'], result.links.map((link) => [result.entityOf.get(link.from) ?? '', link.from, link.to, link.score, JSON.stringify(link.evidence)]));
    const run: ResolutionRun = { ...result.stats, entities: result.entities.length };
    await appendAuditEntry(tx, { time: at.time, actor: at.actor, action: 'fiu.entities.resolved', subject: { kind: 'fiu-resolution', id: at.time }, details: { ...run, ...reason } });
    return run;
  }

  async function membersOf(tx: Queryable, entityId: string): Promise<string[]> {
    const rows = await tx.query<{ subject_id: string }>('SELECT subject_id FROM fiu_entity_members WHERE entity_id = $1 ORDER BY subject_id', [entityId]);
    return rows.rows.map((row) => row.subject_id);
  }

  return {
    database,
    async saveIntake(result, content) {
      const acknowledgement = result.acknowledgement;
      const sha256 = createHash('sha256').update(content).digest('hex');
      await database.transaction(async (tx) => {
        await tx.query('INSERT INTO fiu_files (file_id, file_name, filer_id, received_at, detected_kind, status, sha256, acknowledgement) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)', [acknowledgement.fileId, acknowledgement.fileName, acknowledgement.filerId, acknowledgement.receivedAt, acknowledgement.detectedKind, acknowledgement.status, sha256, JSON.stringify(acknowledgement)]);
        await writeReports(tx, result.reports, acknowledgement.receivedAt);
        await tx.insertRows('fiu_quarantine', ['file_id', 'sequence', 'received_at', 'errors'], result.rejected.map((entry) => [acknowledgement.fileId, entry.sequence, acknowledgement.receivedAt, JSON.stringify(entry.errors)]));
      });
    },
    loadMentions: () => loadMentions(),
    resolve(at) {
      return database.transaction((tx) => resolveWithin(tx, at, { trigger: 'run' }));
    },
    mergeEntities(input) {
      return database.transaction(async (tx) => {
        const [first] = await membersOf(tx, input.entityA);
        const [second] = await membersOf(tx, input.entityB);
        if (first === undefined || second === undefined) throw new NotFoundError(`unknown entity ${first === undefined ? input.entityA : input.entityB}`);
        await tx.query('INSERT INTO fiu_resolution_decisions (decision, subject_a, subject_b, analyst, reason, decided_at) VALUES ($1,$2,$3,$4,$5,$6)', ['merge', first, second, input.analyst, input.reason, input.time]);
        await appendAuditEntry(tx, { time: input.time, actor: input.analyst, action: 'fiu.entity.merged', subject: { kind: 'fiu-entity', id: input.entityA }, details: { into: input.entityA, merged: input.entityB, reason: input.reason } });
        return resolveWithin(tx, { actor: input.analyst, time: input.time }, { trigger: 'merge' });
      });
    },
    splitEntity(input) {
      return database.transaction(async (tx) => {
        const members = await membersOf(tx, input.entityId);
        const moving = new Set(input.mentionIds);
        const unknown = input.mentionIds.filter((id) => !members.includes(id));
        if (unknown.length > 0 || moving.size === 0 || moving.size === members.length) throw new ValidationError(`a split must move some, not all, of ${input.entityId}'s mentions; not members: ${unknown.join(', ')}`);
        const staying = members.filter((id) => !moving.has(id));
        const rows: unknown[][] = [];
        for (const a of moving) for (const b of staying) rows.push(['split', a, b, input.analyst, input.reason, input.time]);
        // The moved mentions stay together: chain them with merges.
        const moved = [...moving];
        for (let i = 1; i < moved.length; i++) rows.push(['merge', moved[0]!, moved[i]!, input.analyst, input.reason, input.time]);
        await tx.insertRows('fiu_resolution_decisions', ['decision', 'subject_a', 'subject_b', 'analyst', 'reason', 'decided_at'], rows);
        await appendAuditEntry(tx, { time: input.time, actor: input.analyst, action: 'fiu.entity.split', subject: { kind: 'fiu-entity', id: input.entityId }, details: { moved, reason: input.reason } });
        return resolveWithin(tx, { actor: input.analyst, time: input.time }, { trigger: 'split' });
      });
    },
    async entityOfSubject(subjectId) {
      const rows = await database.query<{ entity_id: string }>('SELECT entity_id FROM fiu_entity_members WHERE subject_id = $1', [subjectId]);
      return rows.rows[0]?.entity_id ?? null;
    },
    async getEntity(entityId) {
      const entity = await database.query<{ entity_id: string; kind: string; display_name: string; mention_count: number; resolved_at: string }>('SELECT * FROM fiu_entities WHERE entity_id = $1', [entityId]);
      const row = entity.rows[0];
      if (row === undefined) return null;
      const mentions = await database.query<{ subject_id: string; report_id: string; full_name: string; birth_date: string | null }>('SELECT s.subject_id, s.report_id, s.full_name, s.birth_date FROM fiu_entity_members m JOIN fiu_subjects s USING (subject_id) WHERE m.entity_id = $1 ORDER BY s.subject_id', [entityId]);
      const identifiers = await database.query<{ subject_id: string; kind: string; value: string }>('SELECT i.subject_id, i.kind, i.value FROM fiu_entity_members m JOIN fiu_identifiers i USING (subject_id) WHERE m.entity_id = $1', [entityId]);
      const links = await database.query<{ from_subject: string; to_subject: string; score: number; evidence: unknown }>('SELECT from_subject, to_subject, score, evidence FROM fiu_entity_links WHERE entity_id = $1', [entityId]);
      return {
        entityId: row.entity_id,
        kind: row.kind,
        displayName: row.display_name,
        mentionCount: row.mention_count,
        resolvedAt: row.resolved_at,
        mentions: mentions.rows.map((mention) => ({ subjectId: mention.subject_id, reportId: mention.report_id, fullName: mention.full_name, birthDate: mention.birth_date, identifiers: identifiers.rows.filter((identifier) => identifier.subject_id === mention.subject_id).map((identifier) => ({ kind: identifier.kind, value: identifier.value })) })),
        links: links.rows.map((link) => ({ from: link.from_subject, to: link.to_subject, score: link.score, evidence: typeof link.evidence === 'string' ? JSON.parse(link.evidence) : link.evidence })),
      };
    },
    async getReport(reportId) {
      const report = await database.query<Record<string, unknown>>('SELECT r.*, i.name AS institution_name, i.country AS institution_country FROM fiu_reports r JOIN fiu_institutions i USING (institution_id) WHERE r.report_id = $1', [reportId]);
      const row = report.rows[0];
      if (row === undefined) return null;
      const mentions = (await loadMentionsOf(database, reportId));
      const transactions = await database.query<Record<string, unknown>>('SELECT * FROM fiu_transactions WHERE report_id = $1 ORDER BY position', [reportId]);
      const optional = (key: string, value: unknown): Record<string, string> => (typeof value === 'string' ? { [key]: value } : {});
      return {
        reportId: String(row['report_id']),
        fileId: String(row['file_id']),
        sequence: Number(row['sequence']),
        kind: String(row['kind']) as FiuReport['kind'],
        filerReference: String(row['filer_reference']),
        institution: { institutionId: String(row['institution_id']), name: String(row['institution_name']), ...optional('country', row['institution_country']) },
        ...optional('filedOn', row['filed_on']),
        ...optional('activityFrom', row['activity_from']),
        ...optional('activityTo', row['activity_to']),
        amountMinor: Number(row['amount_minor']),
        currency: String(row['currency']),
        categories: Array.isArray(row['categories']) ? row['categories'].map(String) : [],
        narrative: String(row['narrative']),
        subjects: mentions,
        transactions: transactions.rows.map((transaction) => ({
          amountMinor: Number(transaction['amount_minor']),
          currency: String(transaction['currency']),
          ...optional('date', transaction['date']),
          ...optional('fromCountry', transaction['from_country']),
          ...optional('toCountry', transaction['to_country']),
          ...optional('channel', transaction['channel']),
          ...optional('fromAccount', transaction['from_account']),
          ...optional('toAccount', transaction['to_account']),
        })),
      };
    },
    async loadReports(reportIds) {
      const ids = reportIds ?? (await database.query<{ report_id: string }>('SELECT report_id FROM fiu_reports ORDER BY report_id')).rows.map((row) => row.report_id);
      const reports: FiuReport[] = [];
      for (const id of ids) {
        const report = await this.getReport(id);
        if (report !== null) reports.push(report);
      }
      return reports;
    },
    async entityMembership() {
      const rows = await database.query<{ subject_id: string; entity_id: string }>('SELECT subject_id, entity_id FROM fiu_entity_members');
      return new Map(rows.rows.map((row) => [row.subject_id, row.entity_id]));
    },
    async reportIds() {
      const rows = await database.query<{ report_id: string }>('SELECT report_id FROM fiu_reports ORDER BY report_id');
      return rows.rows.map((row) => row.report_id);
    },
  };
}

async function loadMentionsOf(database: Database, reportId: string): Promise<FiuReport['subjects']> {
  const subjects = await database.query<SubjectRow & { role: string }>('SELECT * FROM fiu_subjects WHERE report_id = $1 ORDER BY subject_id', [reportId]);
  const identifiers = await database.query<{ subject_id: string; kind: string; value: string }>('SELECT i.subject_id, i.kind, i.value FROM fiu_identifiers i JOIN fiu_subjects s USING (subject_id) WHERE s.report_id = $1', [reportId]);
  return subjects.rows.map((row) => ({
    subjectId: row.subject_id,
    reportId: row.report_id,
    kind: subjectKind(row.kind),
    role: row.role as FiuReport['subjects'][number]['role'],
    fullName: row.full_name,
    ...(row.given !== null ? { given: row.given } : {}),
    ...(row.paternal !== null ? { paternal: row.paternal } : {}),
    ...(row.maternal !== null ? { maternal: row.maternal } : {}),
    ...(row.birth_date !== null ? { birthDate: row.birth_date } : {}),
    ...(row.country !== null ? { country: row.country } : {}),
    identifiers: identifiers.rows.filter((identifier) => identifier.subject_id === row.subject_id).map((identifier) => ({ kind: identifier.kind as FiuIdentifierKind, value: identifier.value })),
    addresses: jsonArray(row.addresses),
  }));
}
