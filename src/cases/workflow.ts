import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Alert, FieldIssue, Transaction } from '../domain/index.ts';
import type { AuditEvent } from '../audit/index.ts';
import { draftNarrative } from './narrative.ts';
import { CaseSchema, type Case, type CaseStatus, type CaseSubject, type Filing, type ReportFormat, type TypologyHints, type VulnerableActivity } from './schemas.ts';

/** Who acts and when; the core reads no clock. */
export type ActionContext = { actor: string; now: string };

export type WorkflowResult =
  | { ok: true; value: Case; event: AuditEvent }
  | { ok: false; code: 'conflict' | 'forbidden' | 'validation'; issues: FieldIssue[] };

function refuse(code: 'conflict' | 'forbidden' | 'validation', field: string, reason: string): WorkflowResult {
  return { ok: false, code, issues: [{ field, reason }] };
}

function done(kase: Case, context: ActionContext, action: string, details: Record<string, unknown> = {}): WorkflowResult {
  const value = { ...kase, updatedAt: context.now };
  return { ok: true, value, event: { time: context.now, actor: context.actor, action, subject: { kind: 'case', id: kase.id }, details: details as AuditEvent['details'] } };
}

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['investigating', 'closed_no_file'],
  investigating: ['pending_approval', 'closed_no_file'],
  pending_approval: ['investigating', 'filed', 'closed_no_file'],
  filed: ['investigating'],
  closed_no_file: [],
};

function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The key alerts are grouped by: the party when known, else the monitored subject. */
export function subjectKeyOf(alert: Pick<Alert, 'partyId' | 'subjectKey'>): string {
  return alert.partyId ?? alert.subjectKey;
}

export type NewCaseInput = {
  id: string;
  jurisdiction: 'US' | 'MX';
  subject: CaseSubject;
  alerts: Alert[];
  transactions?: Transaction[];
  typologyHints?: TypologyHints[];
  relatedSubjects?: CaseSubject[];
  suspectIdentified?: boolean;
  ctrBusinessDay?: string;
  blockedListHitAt?: string;
  /** A vehicle sale (or other vulnerable activity) the case's transactions settle, for the SAT notice. */
  vulnerableActivity?: VulnerableActivity;
  /** Name used in the narrative drafts ("Banco Frontera, N.A."). */
  institutionName?: string;
};

/**
 * Opens a case; detection time is the earliest alert's time (or now when there is none).
 * @example const result = openCase({ id: 'C-1', jurisdiction: 'US', subject, alerts }, { actor: 'system', now });
 */
export function openCase(input: NewCaseInput, context: ActionContext): WorkflowResult {
  const firstAlert = input.alerts.map((a) => a.time).sort()[0];
  const parsed = CaseSchema.safeParse({
    id: input.id,
    subjectKey: input.alerts[0] ? subjectKeyOf(input.alerts[0]) : input.subject.party.id,
    jurisdiction: input.jurisdiction,
    status: 'open',
    subject: input.subject,
    relatedSubjects: input.relatedSubjects ?? [],
    alerts: input.alerts,
    transactions: input.transactions ?? [],
    typologyHints: input.typologyHints ?? [],
    openedAt: context.now,
    detectedAt: firstAlert ?? context.now,
    suspectIdentified: input.suspectIdentified ?? true,
    ctrBusinessDay: input.ctrBusinessDay,
    blockedListHitAt: input.blockedListHitAt,
    vulnerableActivity: input.vulnerableActivity,
    updatedAt: context.now,
  });
  if (!parsed.success) return { ok: false, code: 'validation', issues: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(case)', reason: i.message })) };
  // The analyst starts from drafts in both languages, written from the alert explanations.
  const options = input.institutionName ? { institutionName: input.institutionName } : {};
  const drafted = { ...parsed.data, narrative: { en: draftNarrative(parsed.data, 'en', options), es: draftNarrative(parsed.data, 'es', options) } };
  return done(drafted, context, 'case.opened', { alerts: input.alerts.map((a) => a.id), jurisdiction: input.jurisdiction });
}

/**
 * Groups alerts by subject: alerts for a subject with an open (not filed or closed) case join
 * that case; the rest are returned grouped by subject key, ready for `openCase`.
 * @example groupAlertsBySubject(alerts, openCases) // { joins: [{ caseId, alerts }], groups: [{ subjectKey, alerts }] }
 */
export function groupAlertsBySubject(alerts: readonly Alert[], activeCases: readonly Pick<Case, 'id' | 'subjectKey' | 'status'>[]): {
  joins: Array<{ caseId: string; alerts: Alert[] }>;
  groups: Array<{ subjectKey: string; alerts: Alert[] }>;
} {
  const caseBySubject = new Map<string, string>();
  for (const c of activeCases) if (c.status !== 'filed' && c.status !== 'closed_no_file') caseBySubject.set(c.subjectKey, c.id);
  const joins = new Map<string, Alert[]>();
  const groups = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const key = subjectKeyOf(alert);
    const caseId = caseBySubject.get(key);
    const target = caseId !== undefined ? joins : groups;
    const bucketKey = caseId ?? key;
    const list = target.get(bucketKey) ?? [];
    list.push(alert);
    target.set(bucketKey, list);
  }
  return {
    joins: [...joins].map(([caseId, list]) => ({ caseId, alerts: list })),
    groups: [...groups].map(([subjectKey, list]) => ({ subjectKey, alerts: list })),
  };
}

/** Adds alerts (and their transactions) to a case that is still being worked. Duplicates are skipped. */
export function addAlerts(kase: Case, alerts: readonly Alert[], transactions: readonly Transaction[], context: ActionContext): WorkflowResult {
  if (kase.status === 'filed' || kase.status === 'closed_no_file') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}; open a new case for new alerts`);
  const knownAlerts = new Set(kase.alerts.map((a) => a.id));
  const knownTransactions = new Set(kase.transactions.map((t) => t.id));
  const newAlerts = alerts.filter((a) => !knownAlerts.has(a.id));
  const next = {
    ...kase,
    alerts: [...kase.alerts, ...newAlerts],
    transactions: [...kase.transactions, ...transactions.filter((t) => !knownTransactions.has(t.id))],
  };
  return done(next, context, 'case.alerts_added', { alerts: newAlerts.map((a) => a.id) });
}

/** Assigns the case to an analyst; a new case moves to `investigating`. */
export function assignCase(kase: Case, assignee: string, context: ActionContext): WorkflowResult {
  if (assignee.trim() === '') return refuse('validation', 'assignee', 'an assignee is required');
  if (kase.status === 'filed' || kase.status === 'closed_no_file') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status} and cannot be reassigned`);
  const status: CaseStatus = kase.status === 'open' ? 'investigating' : kase.status;
  return done({ ...kase, assignee, status }, context, 'case.assigned', { from: kase.assignee ?? null, to: assignee });
}

/** The analyst replaces the narrative draft with their edit. */
export function editNarrative(kase: Case, language: 'en' | 'es', text: string, context: ActionContext): WorkflowResult {
  if (kase.status === 'filed' || kase.status === 'closed_no_file') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}; its narrative is final`);
  const limit = language === 'en' ? 17000 : 4000;
  if (text.length > limit) return refuse('validation', `narrative.${language}`, `narrative is ${text.length} characters, above the limit of ${limit}`);
  // An edited narrative needs a fresh approval.
  const { approval: _dropped, ...rest } = kase;
  return done({ ...rest, narrative: { ...kase.narrative, [language]: text } }, context, 'case.narrative_edited', { language, characters: text.length, sha256: sha256Hex(new TextEncoder().encode(text)) });
}

/** SHA-256 in hex: the content address of attachments and filed documents. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/**
 * Records an attachment by content hash. The caller stores the bytes under the same hash;
 * attaching the same content twice is a no-op.
 * @example const { value } = addAttachment(kase, { fileName: 'id.pdf', mediaType: 'application/pdf', bytes }, context);
 */
export function addAttachment(kase: Case, file: { fileName: string; mediaType: string; bytes: Uint8Array }, context: ActionContext, maxBytes = 25 * 1024 * 1024): WorkflowResult {
  if (file.bytes.byteLength > maxBytes) return refuse('validation', 'attachment', `attachment is ${file.bytes.byteLength} bytes, above the limit of ${maxBytes}`);
  if (kase.status === 'closed_no_file') return refuse('conflict', 'status', `case ${kase.id} is closed`);
  const hash = sha256Hex(file.bytes);
  if (kase.attachments.some((a) => a.sha256 === hash)) return done(kase, context, 'case.attachment_seen', { sha256: hash });
  const attachment = { sha256: hash, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.bytes.byteLength, addedAt: context.now, addedBy: context.actor };
  return done({ ...kase, attachments: [...kase.attachments, attachment] }, context, 'case.attachment_added', { sha256: hash, fileName: file.fileName, sizeBytes: file.bytes.byteLength });
}

/** The analyst (the preparer) sends the case for approval. */
export function submitForApproval(kase: Case, context: ActionContext): WorkflowResult {
  if (!canMove(kase.status, 'pending_approval')) return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}; only an investigated case goes for approval`);
  const { approval: _previous, ...rest } = kase;
  return done({ ...rest, status: 'pending_approval', preparer: context.actor }, context, 'case.submitted_for_approval');
}

/**
 * Four-eyes approval: the approver is never the preparer.
 * @example approveCase(kase, { actor: 'supervisor', now }) // refused when actor === kase.preparer
 */
export function approveCase(kase: Case, context: ActionContext, format?: ReportFormat): WorkflowResult {
  if (kase.status !== 'pending_approval') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}, not pending approval`);
  if (kase.preparer === undefined) return refuse('conflict', 'preparer', 'the case has no preparer on record');
  if (kase.preparer === context.actor) return refuse('forbidden', 'approver', `${context.actor} prepared this case and cannot also approve it (four-eyes rule)`);
  return done({ ...kase, approval: { approver: context.actor, approvedAt: context.now, ...(format ? { format } : {}) } }, context, 'case.approved', { preparer: kase.preparer, ...(format ? { format } : {}) });
}

/** Sends a case back to the analyst (approval withdrawn). */
export function returnForRework(kase: Case, reason: string, context: ActionContext): WorkflowResult {
  if (kase.status !== 'pending_approval' && kase.status !== 'filed') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}`);
  const { approval: _dropped, ...rest } = kase;
  return done({ ...rest, status: 'investigating' }, context, 'case.returned', { reason });
}

/** Proof that a rendered document passed its official schema; produced by the reports module. */
export type ValidatedDocument = { format: ReportFormat; documentSha256: string; validatedAgainst: string; valid: true; batchId?: string; batchReference?: string };

/**
 * Marks the case filed with a validated document. Refused without four-eyes approval or when
 * the document did not validate. The approval is consumed: a further filing needs a new one.
 */
export function recordFiling(kase: Case, document: ValidatedDocument, context: ActionContext): WorkflowResult {
  if (document.valid !== true) return refuse('validation', 'document', 'the document did not validate against its schema and cannot be filed');
  // Every filing, a continuing-activity SAR included, goes through submission and four-eyes approval again.
  if (kase.status !== 'pending_approval') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}; it must be submitted and approved before filing`);
  if (kase.approval === undefined) return refuse('forbidden', 'approval', `case ${kase.id} has no four-eyes approval`);
  const filing: Filing = {
    format: document.format,
    documentSha256: document.documentSha256,
    validatedAgainst: document.validatedAgainst,
    ...(document.batchId !== undefined ? { batchId: document.batchId } : {}),
    ...(document.batchReference !== undefined ? { batchReference: document.batchReference } : {}),
    filedAt: context.now,
    filedBy: context.actor,
    approvedBy: kase.approval.approver,
    acknowledgementMessages: [],
  };
  const { approval, ...rest } = kase;
  return done({ ...rest, status: 'filed', filings: [...kase.filings, filing] }, context, 'case.filed', { format: document.format, documentSha256: document.documentSha256, batchId: document.batchId ?? null, approver: approval.approver });
}

/**
 * Records the Comité de Comunicación y Control's decision (Mexico): the 3-business-day clock of
 * the inusual / interna preocupante report starts from it.
 */
export function recordCommitteeDecision(kase: Case, decidedAt: string, context: ActionContext): WorkflowResult {
  if (kase.jurisdiction !== 'MX') return refuse('validation', 'jurisdiction', 'only Mexican cases go to the Comité de Comunicación y Control');
  if (Number.isNaN(Date.parse(decidedAt)) || !/[Zz]|[+-]\d{2}:\d{2}$/.test(decidedAt)) return refuse('validation', 'committeeDecisionAt', 'must be an ISO date-time with a time zone');
  if (kase.status === 'filed' || kase.status === 'closed_no_file') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}`);
  return done({ ...kase, committeeDecisionAt: decidedAt }, context, 'case.committee_decision', { decidedAt });
}

/**
 * Completes or corrects the subject's details (address, phone, identity documents, economic
 * activity …) that a report needs; validated with the case schema. Withdraws an approval.
 * @example updateSubject(kase, { economicActivityCode: '4651000' }, context)
 */
export function updateSubject(kase: Case, changes: Record<string, unknown>, context: ActionContext): WorkflowResult {
  if (kase.status === 'filed' || kase.status === 'closed_no_file') return refuse('conflict', 'status', `case ${kase.id} is ${kase.status}; its subject is final`);
  const { approval: _dropped, ...rest } = kase;
  const parsed = CaseSchema.safeParse({ ...rest, subject: { ...kase.subject, ...changes } });
  if (!parsed.success) return { ok: false, code: 'validation', issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message })) };
  return done(parsed.data, context, 'case.subject_updated', { fields: Object.keys(changes) });
}

/** Closes without filing; the reason is required and kept. */
export function closeWithoutFiling(kase: Case, reason: string, context: ActionContext): WorkflowResult {
  if (reason.trim().length < 10) return refuse('validation', 'reason', 'a reason of at least 10 characters is required to close without filing');
  if (!canMove(kase.status, 'closed_no_file')) return refuse('conflict', 'status', `case ${kase.id} is ${kase.status} and cannot be closed without filing`);
  return done({ ...kase, status: 'closed_no_file', closeReason: reason }, context, 'case.closed_no_file', { reason });
}

/** Puts the regulator's filing id and status (from a batch acknowledgement) on a filing of the case. */
export function applyAcknowledgement(
  kase: Case,
  ack: { batchId: string; batchReference: string; regulatorFilingId?: string; status: 'accepted' | 'accepted_with_warnings' | 'rejected'; messages: string[] },
  context: ActionContext,
): WorkflowResult {
  const index = kase.filings.findIndex((f) => f.batchId === ack.batchId && f.batchReference === ack.batchReference);
  if (index < 0) return refuse('validation', 'batchReference', `case ${kase.id} has no filing in batch ${ack.batchId} at ${ack.batchReference}`);
  const filings = kase.filings.map((f, i) =>
    i === index
      ? { ...f, ...(ack.regulatorFilingId !== undefined ? { regulatorFilingId: ack.regulatorFilingId } : {}), acknowledgedAt: context.now, acknowledgementStatus: ack.status, acknowledgementMessages: ack.messages }
      : f,
  );
  // A rejected filing puts the case back in the analyst's hands.
  const status: CaseStatus = ack.status === 'rejected' ? 'investigating' : kase.status;
  return done({ ...kase, filings, status }, context, 'case.acknowledged', { batchId: ack.batchId, regulatorFilingId: ack.regulatorFilingId ?? null, status: ack.status });
}
