import { z } from 'zod';
import { screen, type ScreeningIndex } from '../../screening/index.ts';
import { allow } from '../access.ts';
import type { RouteContext } from '../route-context.ts';

export const SCREENING_ROLES = allow('institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'law_enforcement_investigator');

const HitSchema = z.object({
  listId: z.string(),
  entryId: z.string(),
  entryType: z.string(),
  name: z.string(),
  matchedName: z.string(),
  score: z.number(),
  programs: z.array(z.string()),
  explanation: z.string(),
});

/** Name search against the loaded designation lists (Spanish-aware matching from src/screening). */
export function registerScreeningRoutes({ app, services, now }: RouteContext): void {
  const index: ScreeningIndex | undefined = services.screeningIndex;
  if (!index) return;
  app.route({
    method: 'GET',
    url: '/api/v1/screening/search',
    config: { access: SCREENING_ROLES },
    schema: {
      summary: 'Search the designation lists for a name, with optional country, birth date and kind',
      tags: ['screening'],
      querystring: z.object({
        name: z.string().trim().min(2).max(400),
        kind: z.enum(['person', 'organization', 'unknown']).default('unknown'),
        country: z.string().regex(/^[A-Z]{2}$/).optional(),
        birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
        threshold: z.coerce.number().min(0.5).max(1).default(0.75),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ matches: z.array(HitSchema) }) },
    },
    handler: async (request) => {
      const { name, kind, country, birthDate, threshold, limit } = request.query;
      const hits = screen(index, { name, kind, ...(country ? { country } : {}), ...(birthDate ? { birthDate } : {}) }, { threshold, limit });
      // Who searched for whom is itself sensitive (tipping-off): it goes to the audit log.
      await services.audit?.append({ time: now().toISOString(), actor: request.principal!.name, action: 'screening.searched', subject: { kind: 'screening', id: 'search' }, details: { name, hits: hits.length } });
      return {
        matches: hits.map((hit) => ({
          listId: hit.listId,
          entryId: hit.entryId,
          entryType: hit.entryType,
          name: hit.name,
          matchedName: hit.matchedName,
          score: hit.score,
          programs: hit.programs,
          explanation: hit.explanation,
        })),
      };
    },
  });
}
