import { z } from 'zod';
import { AlertSchema, TransactionSchema } from '../../domain/index.ts';
import { NotFoundError } from '../../errors.ts';
import { ALERT_STATUSES, AlertStatusSchema } from '../../store/index.ts';
import { allow } from '../access.ts';
import { ProblemSchema } from '../problem.ts';
import type { RouteContext } from '../route-context.ts';

export const ALERT_ROLES = allow('institution_analyst', 'institution_approver');

const AlertSummarySchema = z.object({
  id: z.string(),
  typologyId: z.string(),
  typologyVersion: z.string(),
  subjectKey: z.string(),
  partyId: z.string().optional(),
  score: z.number(),
  severity: z.enum(['alert', 'interdict']),
  time: z.string(),
  status: AlertStatusSchema,
  summary: z.string(),
});

/** The alert queue: list and filter, one alert with its explanation and transactions, disposition. */
export function registerAlertRoutes({ app, services, now }: RouteContext): void {
  const store = services.store;
  if (!store) return;

  app.route({
    method: 'GET',
    url: '/api/v1/alerts',
    config: { access: ALERT_ROLES },
    schema: {
      summary: 'List alerts, newest first, with filters',
      tags: ['alerts'],
      querystring: z.object({
        status: AlertStatusSchema.optional(),
        typologyId: z.string().min(1).max(128).optional(),
        severity: z.enum(['alert', 'interdict']).optional(),
        subjectKey: z.string().min(1).max(128).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      response: { 200: z.object({ alerts: z.array(AlertSummarySchema), total: z.number().int() }) },
    },
    handler: async (request) => {
      const { limit, offset, ...filter } = request.query;
      const definedFilter = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
      const [stored, total] = await Promise.all([store.alerts.list({ ...definedFilter, limit, offset }), store.alerts.count(definedFilter)]);
      return {
        total,
        alerts: stored.map(({ alert, status }) => ({
          id: alert.id,
          typologyId: alert.typologyId,
          typologyVersion: alert.typologyVersion,
          subjectKey: alert.subjectKey,
          ...(alert.partyId === undefined ? {} : { partyId: alert.partyId }),
          score: alert.score,
          severity: alert.severity,
          time: alert.time,
          status,
          summary: alert.explanation.summary,
        })),
      };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/alerts/:alertId',
    config: { access: ALERT_ROLES },
    schema: {
      summary: 'One alert with its explanation (rules, feature values) and the transactions involved',
      tags: ['alerts'],
      params: z.object({ alertId: z.string().min(1).max(128) }),
      response: { 200: z.object({ alert: AlertSchema.extend({ status: AlertStatusSchema }), transactions: z.array(TransactionSchema) }), 404: ProblemSchema },
    },
    handler: async (request) => {
      const stored = await store.alerts.get(request.params.alertId);
      if (!stored) throw new NotFoundError(`no alert ${request.params.alertId}`, { alertId: request.params.alertId });
      const logged = await Promise.all(stored.alert.transactionIds.slice(0, 500).map((id) => store.transactionLog.get(id)));
      return { alert: { ...stored.alert, status: stored.status }, transactions: logged.flatMap((entry) => (entry ? [entry.transaction] : [])) };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/alerts/:alertId/status',
    config: { access: ALERT_ROLES },
    schema: {
      summary: `Disposition an alert (${ALERT_STATUSES.join(', ')})`,
      tags: ['alerts'],
      params: z.object({ alertId: z.string().min(1).max(128) }),
      body: z.object({ status: AlertStatusSchema, reason: z.string().max(2000).optional() }),
      response: { 200: z.object({ id: z.string(), status: AlertStatusSchema }), 404: ProblemSchema },
    },
    handler: async (request) => {
      await store.alerts.setStatus(request.params.alertId, request.body.status);
      await services.audit?.append({
        time: now().toISOString(),
        actor: request.principal!.name,
        action: 'alert.status_changed',
        subject: { kind: 'alert', id: request.params.alertId },
        details: { status: request.body.status, ...(request.body.reason ? { reason: request.body.reason } : {}) },
      });
      return { id: request.params.alertId, status: request.body.status };
    },
  });
}
