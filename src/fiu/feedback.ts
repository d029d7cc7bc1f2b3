import { appendAuditEntry } from '../audit/index.ts';
import type { Database } from '../store/index.ts';
import type { FiuReport, FiuReportKind } from './records.ts';
import type { FiuStore } from './repository.ts';

/**
 * Feedback to institutions: per-institution report-quality scorecards (completeness,
 * timeliness, usefulness = share of reports that led to a dissemination), feedback messages,
 * and advisories published from the hub to every institution.
 */

/** Days from the end of the activity to the filing, by report kind (SAR 30, CTR 15, UIF inusual 60 + 3). */
export const FILING_DEADLINE_DAYS: Record<FiuReportKind, number> = {
  'fincen-sar': 30,
  'fincen-ctr': 15,
  goaml: 30,
  'uif-inusual': 63,
  'uif-interna-preocupante': 63,
  // Quarterly, filed within the first 10 business days after the quarter: at most about 106 days after an operation.
  'uif-relevante': 106,
};

export type CompletenessCheck = { field: string; present: boolean };

/**
 * What a useful report carries: an identified subject (an identifier), a birth or incorporation
 * date, an address, activity dates, an amount, and a narrative where the format has one.
 * @example completenessOf(report).filter((check) => !check.present).map((check) => check.field)
 */
export function completenessOf(report: FiuReport): CompletenessCheck[] {
  const main = report.subjects.find((subject) => subject.role === 'subject' || subject.role === 'conductor') ?? report.subjects[0];
  const checks: CompletenessCheck[] = [
    { field: 'subject', present: main !== undefined && main.fullName.trim().length > 0 },
    { field: 'subject.identifier', present: main !== undefined && main.identifiers.some((identifier) => identifier.kind !== 'phone' && identifier.kind !== 'account' && identifier.kind !== 'clabe') },
    { field: 'subject.birthDate', present: main?.birthDate !== undefined },
    { field: 'subject.address', present: (main?.addresses.length ?? 0) > 0 },
    { field: 'activity.dates', present: report.activityFrom !== undefined && report.activityTo !== undefined },
    { field: 'amount', present: report.amountMinor > 0 },
  ];
  if (report.kind !== 'fincen-ctr' && report.kind !== 'uif-relevante') checks.push({ field: 'narrative', present: report.narrative.trim().length >= 100 });
  return checks;
}

export type Scorecard = {
  institutionId: string;
  name: string;
  reports: number;
  /** Mean share of completeness checks met, 0–1. */
  completeness: number;
  /** Share of reports filed within the deadline of their kind (reports without dates count as late). */
  timeliness: number;
  /** Share of reports that were part of a dissemination to law enforcement. */
  usefulness: number;
  /** The fields most often missing, with counts, for the feedback message. */
  mostMissing: Array<{ field: string; count: number }>;
  medianFilingDelayDays: number | null;
};

/**
 * Scorecards for every institution that filed, best usefulness first.
 * @example const cards = scorecards(reports, disseminatedReportIds);
 */
export function scorecards(reports: readonly FiuReport[], disseminated: ReadonlySet<string>): Scorecard[] {
  const byInstitution = new Map<string, FiuReport[]>();
  for (const report of reports) (byInstitution.get(report.institution.institutionId) ?? byInstitution.set(report.institution.institutionId, []).get(report.institution.institutionId)!).push(report);
  const cards: Scorecard[] = [];
  for (const [institutionId, filed] of byInstitution) {
    let completeness = 0;
    let onTime = 0;
    let useful = 0;
    const missing = new Map<string, number>();
    const delays: number[] = [];
    for (const report of filed) {
      const checks = completenessOf(report);
      completeness += checks.filter((check) => check.present).length / checks.length;
      for (const check of checks) if (!check.present) missing.set(check.field, (missing.get(check.field) ?? 0) + 1);
      if (report.filedOn !== undefined && report.activityTo !== undefined) {
        const delay = (Date.parse(`${report.filedOn}T00:00:00Z`) - Date.parse(`${report.activityTo}T00:00:00Z`)) / 86_400_000;
        delays.push(delay);
        if (delay <= FILING_DEADLINE_DAYS[report.kind]) onTime++;
      }
      if (disseminated.has(report.reportId)) useful++;
    }
    delays.sort((a, b) => a - b);
    const round = (value: number): number => Math.round(value * 1000) / 1000;
    cards.push({
      institutionId,
      name: filed[0]!.institution.name,
      reports: filed.length,
      completeness: round(completeness / filed.length),
      timeliness: round(onTime / filed.length),
      usefulness: round(useful / filed.length),
      mostMissing: [...missing].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([field, count]) => ({ field, count })),
      medianFilingDelayDays: delays.length === 0 ? null : delays[Math.floor(delays.length / 2)]!,
    });
  }
  return cards.sort((a, b) => b.usefulness - a.usefulness || b.completeness - a.completeness || a.institutionId.localeCompare(b.institutionId));
}

export type InstitutionMessage = { messageId: string; institutionId: string | null; kind: 'feedback' | 'advisory'; subject: { en: string; es: string }; body: string; reference: string | null; sentBy: string; sentAt: string };

export interface FeedbackService {
  scorecards(): Promise<Scorecard[]>;
  /** A feedback message to one institution (audited). */
  sendFeedback(input: { messageId: string; institutionId: string; subject: { en: string; es: string }; body: string; by: string; time: string }): Promise<InstitutionMessage>;
  /** An advisory (e.g. a typology document's id and version) published to every institution (audited). */
  publishAdvisory(input: { messageId: string; subject: { en: string; es: string }; body: string; reference: string; by: string; time: string }): Promise<InstitutionMessage>;
  /** What one institution sees: its feedback and every advisory, newest first. */
  messagesFor(institutionId: string): Promise<InstitutionMessage[]>;
}

type MessageRow = { message_id: string; institution_id: string | null; kind: 'feedback' | 'advisory'; subject_en: string; subject_es: string; body: string; reference: string | null; sent_by: string; sent_at: string };

/**
 * @example const feedback = createFeedbackService({ database, fiu, disseminatedReportIds: () => dissemination.disseminatedReportIds() });
 */
export function createFeedbackService(dependencies: { database: Database; fiu: FiuStore; disseminatedReportIds: () => Promise<Set<string>> }): FeedbackService {
  const { database, fiu } = dependencies;
  async function insert(message: InstitutionMessage): Promise<InstitutionMessage> {
    await database.transaction(async (tx) => {
      await tx.query('INSERT INTO fiu_institution_messages (message_id, institution_id, kind, subject_en, subject_es, body, reference, sent_by, sent_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)', [message.messageId, message.institutionId, message.kind, message.subject.en, message.subject.es, message.body, message.reference, message.sentBy, message.sentAt]);
      await appendAuditEntry(tx, { time: message.sentAt, actor: message.sentBy, action: message.kind === 'advisory' ? 'fiu.advisory.published' : 'fiu.feedback.sent', subject: { kind: message.kind === 'advisory' ? 'fiu-advisory' : 'fiu-institution', id: message.institutionId ?? message.messageId }, details: { messageId: message.messageId, subject: message.subject.en } });
    });
    return message;
  }
  return {
    async scorecards() {
      return scorecards(await fiu.loadReports(), await dependencies.disseminatedReportIds());
    },
    sendFeedback(input) {
      return insert({ messageId: input.messageId, institutionId: input.institutionId, kind: 'feedback', subject: input.subject, body: input.body, reference: null, sentBy: input.by, sentAt: input.time });
    },
    publishAdvisory(input) {
      return insert({ messageId: input.messageId, institutionId: null, kind: 'advisory', subject: input.subject, body: input.body, reference: input.reference, sentBy: input.by, sentAt: input.time });
    },
    async messagesFor(institutionId) {
      const rows = await database.query<MessageRow>('SELECT * FROM fiu_institution_messages WHERE institution_id = $1 OR kind = $2 ORDER BY sent_at DESC, message_id', [institutionId, 'advisory']);
      return rows.rows.map((row) => ({ messageId: row.message_id, institutionId: row.institution_id, kind: row.kind, subject: { en: row.subject_en, es: row.subject_es }, body: row.body, reference: row.reference, sentBy: row.sent_by, sentAt: row.sent_at }));
    },
  };
}
