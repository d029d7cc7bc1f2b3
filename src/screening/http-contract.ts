/**
 * The request and response of screening over HTTP, as zod schemas (for the API's OpenAPI
 * document) and one function from request to response, so the API route is a thin wrapper:
 * `app.post('/api/v1/screening', { schema: { body: ScreenRequestSchema, response: { 200: ScreenResponseSchema } } }, (req) => screenRequest(index, req.body))`.
 */
import { z } from 'zod';
import { ENTRY_TYPES } from './list-entry.ts';
import { screen, ScreeningQuerySchema } from './match.ts';
import type { ScreeningIndex } from './screening-index.ts';

export const ScreenRequestSchema = ScreeningQuerySchema.extend({
  threshold: z.number().min(0).max(1).default(0.8),
  limit: z.number().int().min(1).max(50).default(10),
  /** Only these lists (default all). */
  listIds: z.array(z.string().min(1).max(64)).max(20).optional(),
});
export type ScreenRequest = z.infer<typeof ScreenRequestSchema>;

export const ScreeningHitSchema = z.object({
  listId: z.string(),
  entryId: z.string(),
  entryType: z.enum(ENTRY_TYPES),
  name: z.string(),
  matchedName: z.string(),
  matchedAlias: z.boolean(),
  score: z.number(),
  nameScore: z.number(),
  programs: z.array(z.string()),
  tokens: z.array(z.object({ query: z.string(), listed: z.string(), kind: z.enum(['exact', 'phonetic', 'nickname', 'spelling', 'initial', 'prefix', 'particle']), similarity: z.number(), role: z.enum(['given', 'paternal', 'maternal', 'surname', 'company', 'unknown']) })),
  unmatchedQueryTokens: z.array(z.string()),
  unmatchedListedTokens: z.array(z.string()),
  evidence: z.array(z.object({ field: z.enum(['birthDate', 'nationality', 'country', 'identifier', 'type', 'alias']), outcome: z.enum(['match', 'partial', 'mismatch']), adjustment: z.number(), detail: z.string() })),
  explanation: z.string(),
});

export const ScreenResponseSchema = z.object({
  hits: z.array(ScreeningHitSchema),
  /** Lists in the index the query ran against. */
  listIds: z.array(z.string()),
});
export type ScreenResponse = z.infer<typeof ScreenResponseSchema>;

/**
 * @example screenRequest(index, ScreenRequestSchema.parse({ name: 'El Mencho' })).hits[0]?.entryId
 */
export function screenRequest(index: ScreeningIndex, request: ScreenRequest): ScreenResponse {
  const { threshold, limit, listIds, ...query } = request;
  const hits = screen(index, query, { threshold, limit, ...(listIds ? { listIds } : {}) });
  return { hits, listIds: [...index.listIds] };
}
