import { z } from 'zod';
import {
  caseIdFor,
  subjectKeyOf,
  approveCase,
  assignCase,
  recordCommitteeDecision,
  closeWithoutFiling,
  openCase,
  REPORT_FORMATS,
  returnForRework,
  submitForApproval,
  CASE_STATUSES,
  type ActionContext,
  type Case,
} from '../../cases/index.ts';
import type { Alert, Transaction } from '../../domain/index.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { allow } from '../access.ts';
import { fallbackSubject } from '../case-subject.ts';
import { typologyHintsOf } from '../../reports/index.ts';
import { ProblemSchema } from '../problem.ts';
import { createReportDocuments, reportSummary } from '../report-documents.ts';
import type { RouteContext } from '../route-context.ts';

export const CASE_ROLES = allow('institution_analyst', 'institution_approver');
export const APPROVER_ROLES = allow('institution_approver');

const CaseIdParams = z.object({ caseId: z.string().min(1).max(64) });

const CaseSummarySchema = z.object({
  id: z.string(),
  subjectKey: z.string(),
  status: z.enum(CASE_STATUSES),
  assignee: z.string().nullable(),
  openedAt: z.string(),
  alertCount: z.number().int(),
  jurisdiction: z.enum(['US', 'MX']),
});

const TimelineEntrySchema = z.object({ time: z.string(), actor: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()) });

function summary(kase: Case): z.infer<typeof CaseSummarySchema> {
  return { id: kase.id, subjectKey: kase.subjectKey, status: kase.status, assignee: kase.assignee ?? null, openedAt: kase.openedAt, alertCount: kase.alerts.length, jurisdiction: kase.jurisdiction };
}

/** Cases: open from alerts, assign, submit, approve (a second person), return, close. */
export function registerCaseRoutes({ app, db, services, now }: RouteContext): void {
  const cases = services.cases;
  const store = services.store;
  if (!cases || !store) return;
  const documents = services.filerProfile ? createReportDocuments(db) : null;
  const context = (actor: string): ActionContext => ({ actor, now: now().toISOString() });
  const CaseResponse = { 200: z.unknown().describe('The case (see the cases module schema)'), 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

  app.route({
    method: 'GET',
    url: '/api/v1/cases',
    config: { access: CASE_ROLES },
    schema: {
      summary: 'List cases',
      tags: ['cases'],
      querystring: z.object({ status: z.enum(CASE_STATUSES).optional(), assignee: z.string().min(1).max(128).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ cases: z.array(CaseSummarySchema) }) },
    },
    handler: async (request) => {
      const { status, assignee, limit } = request.query;
      const list = await cases.list({ ...(status ? { status } : {}), ...(assignee ? { assignee } : {}), limit });
      return { cases: list.map(summary).reverse() };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/cases',
    config: { access: CASE_ROLES },
    schema: {
      summary: 'Open a case from one or more alerts; the alerts move to review',
      tags: ['cases'],
      body: z.object({ alertIds: z.array(z.string().min(1).max(128)).min(1).max(100), jurisdiction: z.enum(['US', 'MX']).optional() }),
      response: { 201: CaseSummarySchema, 404: ProblemSchema, 409: ProblemSchema },
    },
    handler: async (request, reply) => {
      const alerts: Alert[] = [];
      for (const id of new Set(request.body.alertIds)) {
        const stored = await store.alerts.get(id);
        if (!stored) throw new NotFoundError(`no alert ${id}`, { alertId: id });
        if (stored.status === 'closed') throw new ConflictError(`alert ${id} is closed`, { alertId: id });
        alerts.push(stored.alert);
      }
      const transactionIds = [...new Set(alerts.flatMap((alert) => alert.transactionIds))].slice(0, 2000);
      const transactions: Transaction[] = (await Promise.all(transactionIds.map((id) => store.transactionLog.get(id)))).flatMap((entry) => (entry ? [entry.transaction] : []));
      const subject = (await services.resolveSubject?.(alerts, transactions)) ?? fallbackSubject(alerts, transactions);
      const vulnerableActivity = await services.resolveVulnerableActivity?.(subject, transactions);
      // The typologies' advisory key terms and SAR categories go with the case into its reports.
      const typologyIds = new Set(alerts.map((alert) => alert.typologyId));
      const typologyHints = (services.typologies ?? []).filter((typology) => typologyIds.has(typology.id)).map((typology) => typologyHintsOf(typology).hints);
      const first = [...alerts].sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id))[0]!;
      const { value } = await cases.create(
        openCase(
          {
            // Deterministic: the same subject and first alert cannot be opened twice (409).
            id: caseIdFor(subjectKeyOf(first), first.id),
            // The regulator is the filing institution's; without a filer profile, the subject's country decides.
            jurisdiction: request.body.jurisdiction ?? ((services.filerProfile?.filingInstitution.address.country ?? subject.party.country) === 'MX' ? 'MX' : 'US'),
            subject,
            alerts,
            transactions,
            typologyHints,
            ...(vulnerableActivity ? { vulnerableActivity } : {}),
          },
          context(request.principal!.name),
        ),
      );
      for (const alert of alerts) await store.alerts.setStatus(alert.id, 'in_review');
      return reply.code(201).send(summary(value));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/cases/:caseId',
    config: { access: CASE_ROLES },
    schema: {
      summary: 'One case with its timeline (actions, alerts, transactions) and the reports drafted from it',
      tags: ['cases'],
      params: CaseIdParams,
      response: { 200: z.object({ case: z.unknown(), timeline: z.array(TimelineEntrySchema), reports: z.array(z.unknown()) }), 404: ProblemSchema },
    },
    handler: async (request) => {
      const kase = await cases.get(request.params.caseId);
      const actions = services.audit ? await services.audit.list({ subjectKind: 'case', subjectId: kase.id }) : [];
      const timeline = [
        ...actions.map((entry) => ({ time: entry.time, actor: entry.actor, action: entry.action, details: entry.details as Record<string, unknown> })),
        ...kase.alerts.map((alert) => ({ time: alert.time, actor: 'monitoring', action: 'alert', details: { alertId: alert.id, typologyId: alert.typologyId, score: alert.score } })),
        ...kase.transactions.map((tx) => ({ time: tx.time, actor: tx.originator.name ?? tx.originator.accountId ?? 'unknown', action: 'transaction', details: { transactionId: tx.id, amountMinor: tx.amountMinor, currency: tx.currency, channel: tx.channel } })),
      ].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      const reports = documents ? (await documents.list({ caseId: kase.id })).map(reportSummary) : [];
      return { case: kase, timeline, reports };
    },
  });

  const step = (name: string, summaryText: string, access: typeof CASE_ROLES, body: z.ZodObject, apply: (kase: Case, input: Record<string, unknown>, actor: string) => ReturnType<typeof assignCase>) => {
    app.route({
      method: 'POST',
      url: `/api/v1/cases/:caseId/${name}`,
      config: { access },
      schema: { summary: summaryText, tags: ['cases'], params: CaseIdParams, body, response: { 200: CaseSummarySchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
      handler: async (request) => {
        const input = request.body as Record<string, unknown>;
        const { value } = await cases.apply(request.params.caseId, (kase) => apply(kase, input, request.principal!.name));
        return summary(value);
      },
    });
  };

  step('assign', 'Assign the case to an analyst', CASE_ROLES, z.object({ assignee: z.string().min(1).max(128) }), (kase, input, actor) => assignCase(kase, String(input['assignee']), context(actor)));
  step('submit', 'Submit the investigated case for approval (the submitter becomes the preparer)', CASE_ROLES, z.object({}), (kase, _input, actor) => submitForApproval(kase, context(actor)));
  step('approve', 'Approve filing: only an approver who did not prepare the case (four-eyes)', APPROVER_ROLES, z.object({ format: z.enum(REPORT_FORMATS).optional() }), (kase, input, actor) =>
    approveCase(kase, context(actor), input['format'] === undefined ? undefined : (input['format'] as (typeof REPORT_FORMATS)[number])),
  );
  step('return', 'Return the case to the analyst for more work', APPROVER_ROLES, z.object({ reason: z.string().min(3).max(2000) }), (kase, input, actor) => returnForRework(kase, String(input['reason']), context(actor)));
  step('committee-decision', 'Record the Comité de Comunicación y Control decision that rules a Mexican case unusual (UIF report clock)', CASE_ROLES, z.object({ decidedAt: z.iso.datetime({ offset: true }) }), (kase, input, actor) =>
    recordCommitteeDecision(kase, String(input['decidedAt']), context(actor)),
  );
  step('close', 'Close the case without filing, with a reason', CASE_ROLES, z.object({ reason: z.string().min(1).max(2000) }), (kase, input, actor) => closeWithoutFiling(kase, String(input['reason']), context(actor)));
}
