import { z } from 'zod';
import { ROLES } from '../../auth/index.ts';
import { allow } from '../access.ts';
import { dashboardMetrics } from '../dashboard-queries.ts';
import type { RouteContext } from '../route-context.ts';

const [firstRole, ...otherRoles] = ROLES;

/** Aggregates only (no personal data), so every role may see them. */
export function registerDashboardRoutes({ app, services }: RouteContext): void {
  const store = services.store;
  if (!store) return;
  app.route({
    method: 'GET',
    url: '/api/v1/dashboard',
    config: { access: allow(firstRole, ...otherRoles) },
    schema: {
      summary: 'Volumes, alerts by typology, alert precision and analyst workload over time',
      tags: ['dashboard'],
      querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      response: {
        200: z.object({
          totals: z.object({ transactions: z.number(), alerts: z.number(), openAlerts: z.number(), openCases: z.number() }),
          volumeByDay: z.array(z.object({ day: z.string(), transactions: z.number(), amountUsdMinor: z.number() })),
          alertsByTypology: z.array(z.object({ typologyId: z.string(), count: z.number() })),
          precisionByWeek: z.array(z.object({ week: z.string(), closedAlerts: z.number(), confirmed: z.number(), precision: z.number().nullable() })),
          workloadByDay: z.array(z.object({ day: z.string(), newAlerts: z.number(), closedAlerts: z.number(), openAlerts: z.number() })),
        }),
      },
    },
    handler: async (request) => dashboardMetrics(store.database, { days: request.query.days, hasCases: services.cases !== undefined }),
  });
}
