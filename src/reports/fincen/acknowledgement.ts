import { parseXmlSecure } from '../../xml/index.ts';
import type { ReportIssue } from '../issues.ts';

export type AcknowledgedActivity = {
  /** SeqNum of the Activity in the submitted batch (kept on the case as `batchReference`). */
  activitySeqNum: string;
  /** FinCEN's BSA ID for the filing (14 digits). */
  bsaId?: string;
  status: 'accepted' | 'accepted_with_warnings' | 'rejected';
  messages: string[];
};

export type Acknowledgement = { format: 'fincen'; submissionStatus: string; activities: AcknowledgedActivity[] };

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value && typeof (value as { '#text': unknown })['#text'] === 'string') return (value as { '#text': string })['#text'];
  return undefined;
}

/**
 * Reads a FinCEN BSA E-Filing batch acknowledgement: per Activity SeqNum, the BSA ID and any
 * errors (WARN keeps the filing, FATAL rejects it). Parsed securely; unknown shapes are refused.
 * @example parseFincenAcknowledgement(xml) // { ok: true, value: { activities: [{ activitySeqNum: '1', bsaId: '31000055053784', … }] } }
 */
export function parseFincenAcknowledgement(xml: string): { ok: true; value: Acknowledgement } | { ok: false; issues: ReportIssue[] } {
  const parsed = parseXmlSecure(xml, { removeNamespacePrefix: true });
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((i) => ({ field: `line ${i.line ?? '?'}`, reason: i.message })) };
  const root = (parsed.value as Record<string, unknown>)['EFilingBatchXML'] as Record<string, unknown> | undefined;
  const submission = root?.['EFilingSubmissionXML'] as Record<string, unknown> | undefined;
  if (!root || !submission) return { ok: false, issues: [{ field: 'EFilingBatchXML/EFilingSubmissionXML', reason: 'not a FinCEN batch acknowledgement (no EFilingSubmissionXML)' }] };
  const activities: AcknowledgedActivity[] = [];
  for (const activity of asArray(submission['EFilingActivityXML'] as Record<string, unknown> | Record<string, unknown>[] | undefined)) {
    const seq = text(activity['@_SeqNum']);
    if (seq === undefined) return { ok: false, issues: [{ field: 'EFilingActivityXML/@SeqNum', reason: 'an acknowledged activity has no SeqNum' }] };
    const errors = asArray(activity['EFilingActivityErrorXML'] as Record<string, unknown> | Record<string, unknown>[] | undefined).filter((e) => typeof e === 'object' && e !== null && 'ErrorText' in e);
    const messages = errors.map((e) => `${text(e['ErrorLevelText']) ?? ''} ${text(e['ErrorTypeCode']) ?? ''} ${text(e['ErrorElementNameText']) ?? ''}: ${text(e['ErrorText']) ?? ''}`.trim());
    const fatal = errors.some((e) => text(e['ErrorLevelText'])?.toUpperCase() === 'FATAL');
    const bsaId = text(activity['BSAID']);
    activities.push({
      activitySeqNum: seq,
      ...(bsaId ? { bsaId } : {}),
      status: fatal || !bsaId ? 'rejected' : errors.length > 0 ? 'accepted_with_warnings' : 'accepted',
      messages,
    });
  }
  return { ok: true, value: { format: 'fincen', submissionStatus: text(submission['@_StatusCode']) ?? text(root['@_StatusCode']) ?? '', activities } };
}
