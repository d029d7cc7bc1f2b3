import { z } from 'zod';
import { allow } from '../access.ts';
import type { RouteContext } from '../route-context.ts';

export const AUDIT_ROLES = allow('institution_approver', 'fiu_supervisor', 'supervisor', 'administrator');

/** The audit log viewer: newest entries first, with the hash chain verified on every read. */
export function registerAuditRoutes({ app, services }: RouteContext): void {
  const audit = services.audit;
  if (!audit) return;
  app.route({
    method: 'GET',
    url: '/api/v1/audit',
    config: { access: AUDIT_ROLES },
    schema: {
      summary: 'Audit log entries, newest first, and whether the hash chain verifies',
      tags: ['audit'],
      querystring: z.object({
        subjectKind: z.string().min(1).max(32).optional(),
        subjectId: z.string().min(1).max(128).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: {
        200: z.object({
          total: z.number().int(),
          chain: z.object({ ok: z.boolean() }),
          entries: z.array(
            z.object({
              sequence: z.number().int(),
              time: z.string(),
              actor: z.string(),
              action: z.string(),
              subject: z.object({ kind: z.string(), id: z.string() }),
              details: z.record(z.string(), z.unknown()),
              hash: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const { subjectKind, subjectId, limit } = request.query;
      const [entries, verification] = await Promise.all([
        audit.list({ ...(subjectKind ? { subjectKind } : {}), ...(subjectId ? { subjectId } : {}) }),
        audit.verify(),
      ]);
      return {
        total: entries.length,
        chain: { ok: verification.ok },
        entries: entries
          .slice(-limit)
          .reverse()
          .map((entry) => ({ sequence: entry.sequence, time: entry.time, actor: entry.actor, action: entry.action, subject: entry.subject, details: entry.details as Record<string, unknown>, hash: entry.hash })),
      };
    },
  });
}
