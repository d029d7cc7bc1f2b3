import type { Alert, Transaction } from '../domain/index.ts';
import type { Case, CaseSubject, TypologyHints, VulnerableActivity } from './schemas.ts';
import { addAlerts, groupAlertsBySubject, openCase, sha256Hex, type ActionContext, type WorkflowResult } from './workflow.ts';

/** Where the case builder looks things up; each returns undefined when it does not know. */
export type CaseSources = {
  /** The subject for a subject key (a party id, or an account id the caller resolves to its holder). */
  subject(subjectKey: string): CaseSubject | undefined;
  transaction(id: string): Transaction | undefined;
  hints(typologyId: string): TypologyHints | undefined;
  /** A vehicle sale the subject paid for among the case's transactions (SAT Actividades Vulnerables notice). */
  vulnerableActivity?(subject: CaseSubject, transactions: readonly Transaction[]): VulnerableActivity | undefined;
  /** Which regulator the case is worked for; defaults to MX for Mexican subjects, else US. */
  jurisdiction?(subject: CaseSubject): 'US' | 'MX';
  /** Name used in the narrative drafts. */
  institutionName?: string;
};

export type CasesFromAlerts = {
  opened: WorkflowResult[];
  joined: Array<{ caseId: string; alerts: Alert[]; transactions: Transaction[] }>;
  /** Alerts that could not become a case, with the reason: never dropped silently. */
  unresolved: Array<{ alert: Alert; reason: string }>;
};

/** A case id that is the same for the same subject and first alert, so reruns do not duplicate cases. */
export function caseIdFor(subjectKey: string, firstAlertId: string): string {
  return `C-${sha256Hex(new TextEncoder().encode(`${subjectKey}\u0000${firstAlertId}`)).slice(0, 12).toUpperCase()}`;
}

/**
 * Turns alerts into work: alerts of a subject with an active case join it, the others open one
 * case per subject with the subject's details, the alerts' transactions and the typologies'
 * report hints (advisory key term, SAR categories, red flags).
 * @example const { opened, joined, unresolved } = casesFromAlerts(alerts, activeCases, sources, { actor: 'system', now });
 */
export function casesFromAlerts(alerts: readonly Alert[], activeCases: readonly Pick<Case, 'id' | 'subjectKey' | 'status'>[], sources: CaseSources, context: ActionContext): CasesFromAlerts {
  const { joins, groups } = groupAlertsBySubject(alerts, activeCases);
  const transactionsOf = (list: readonly Alert[]) => {
    const seen = new Set<string>();
    const out: Transaction[] = [];
    for (const alert of list) {
      for (const id of alert.transactionIds) {
        if (seen.has(id)) continue;
        seen.add(id);
        const transaction = sources.transaction(id);
        if (transaction) out.push(transaction);
      }
    }
    return out;
  };
  const unresolved: CasesFromAlerts['unresolved'] = [];
  const opened: WorkflowResult[] = [];
  for (const group of groups) {
    const subject = sources.subject(group.subjectKey);
    if (!subject) {
      for (const alert of group.alerts) unresolved.push({ alert, reason: `no party is known for subject ${group.subjectKey}` });
      continue;
    }
    const sorted = [...group.alerts].sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
    const hints = [...new Set(sorted.map((a) => a.typologyId))].map((id) => sources.hints(id)).filter((h): h is TypologyHints => h !== undefined);
    const jurisdiction = sources.jurisdiction?.(subject) ?? (subject.party.country === 'MX' ? 'MX' : 'US');
    const transactions = transactionsOf(sorted);
    const vulnerableActivity = sources.vulnerableActivity?.(subject, transactions);
    opened.push(openCase({
      id: caseIdFor(group.subjectKey, sorted[0]!.id), jurisdiction, subject, alerts: sorted, transactions, typologyHints: hints,
      ...(vulnerableActivity ? { vulnerableActivity } : {}),
      ...(sources.institutionName ? { institutionName: sources.institutionName } : {}),
    }, context));
  }
  return { opened, joined: joins.map((join) => ({ ...join, transactions: transactionsOf(join.alerts) })), unresolved };
}

/** Applies a join from `casesFromAlerts` to the case it names. */
export function joinAlerts(kase: Case, join: CasesFromAlerts['joined'][number], context: ActionContext): WorkflowResult {
  return addAlerts(kase, join.alerts, join.transactions, context);
}
