import { z } from 'zod';
import { ROLES } from '../../auth/index.ts';
import { NotFoundError } from '../../errors.ts';
import type { TypologyDocument } from '../../typologies/index.ts';
import { allow } from '../access.ts';
import { ProblemSchema } from '../problem.ts';
import type { RouteContext } from '../route-context.ts';

const [firstRole, ...otherRoles] = ROLES;
/** Typologies encode public advisories: every role may read them. */
export const TYPOLOGY_ROLES = allow(firstRole, ...otherRoles);

export const BacktestSchema = z
  .object({
    precision: z.number().nullable(),
    recall: z.number().nullable(),
    alerts: z.number().int(),
    byPattern: z.array(z.object({ pattern: z.string(), alerts: z.number().int(), truePositives: z.number().int() })),
  })
  .meta({ id: 'Backtest' });
export type Backtest = z.infer<typeof BacktestSchema>;

const Localized = z.object({ en: z.string(), es: z.string() });
const TypologySummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  name: Localized,
  description: Localized,
  jurisdiction: z.string(),
  advisory: z.string().optional(),
  sources: z.array(z.object({ kind: z.string(), id: z.string(), title: z.string(), publisher: z.string() })),
  redFlags: z.object({ en: z.array(z.string()), es: z.array(z.string()) }),
  sarKeyTerm: z.string().optional(),
  patterns: z.array(z.string()),
  alertThreshold: z.number(),
  effective: z.object({ from: z.string(), until: z.string().optional() }),
  measured: z.object({ alerts: z.number().int(), dispositioned: z.number().int(), escalated: z.number().int(), precision: z.number().nullable() }),
  backtest: BacktestSchema.optional(),
});

function summarize(document: TypologyDocument, measured: z.infer<typeof TypologySummarySchema>['measured'], backtest: Backtest | undefined): z.infer<typeof TypologySummarySchema> {
  const advisory = document.sources.find((source) => source.kind === 'advisory' || source.kind === 'alert');
  return {
    id: document.id,
    version: document.version,
    name: document.name,
    description: document.description,
    jurisdiction: document.jurisdiction,
    ...(advisory ? { advisory: advisory.id } : {}),
    sources: document.sources.map(({ kind, id, title, publisher }) => ({ kind, id, title, publisher })),
    redFlags: { en: document.redFlags.map((flag) => flag.en), es: document.redFlags.map((flag) => flag.es) },
    ...(document.sar?.keyTerm ? { sarKeyTerm: document.sar.keyTerm } : {}),
    patterns: document.patterns,
    alertThreshold: document.alertThreshold,
    effective: document.effective,
    measured,
    ...(backtest ? { backtest } : {}),
  };
}

/** The typology and advisory library: red flags in EN/ES, sources, measured alert volume and precision, backtests. */
export function registerTypologyRoutes({ app, services }: RouteContext): void {
  const typologies = services.typologies;
  if (!typologies) return;
  const store = services.store;

  async function measuredByTypology() {
    const result = new Map<string, { alerts: number; dispositioned: number; escalated: number; precision: number | null }>();
    if (!store) return result;
    const { rows } = await store.database.query<{ typology_id: string; alerts: number | string; dispositioned: number | string; escalated: number | string }>(
      `SELECT typology_id, count(*) AS alerts, count(*) FILTER (WHERE status IN ('closed', 'escalated')) AS dispositioned,
              count(*) FILTER (WHERE status = 'escalated') AS escalated
         FROM alerts GROUP BY typology_id`,
    );
    for (const row of rows) {
      const dispositioned = Number(row.dispositioned);
      const escalated = Number(row.escalated);
      result.set(row.typology_id, { alerts: Number(row.alerts), dispositioned, escalated, precision: dispositioned > 0 ? escalated / dispositioned : null });
    }
    return result;
  }
  const none = { alerts: 0, dispositioned: 0, escalated: 0, precision: null };

  app.route({
    method: 'GET',
    url: '/api/v1/typologies',
    config: { access: TYPOLOGY_ROLES },
    schema: { summary: 'The typologies loaded, with red flags, sources and measured precision', tags: ['typologies'], response: { 200: z.object({ typologies: z.array(TypologySummarySchema) }) } },
    handler: async () => {
      const measured = await measuredByTypology();
      return { typologies: typologies.map((document) => summarize(document, measured.get(document.id) ?? none, services.backtests?.[document.id])) };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/typologies/:typologyId',
    config: { access: TYPOLOGY_ROLES },
    schema: {
      summary: 'One typology: its document (rules, thresholds) and measured figures',
      tags: ['typologies'],
      params: z.object({ typologyId: z.string().min(1).max(128) }),
      response: { 200: z.object({ summary: TypologySummarySchema, document: z.unknown() }), 404: ProblemSchema },
    },
    handler: async (request) => {
      const document = typologies.find((candidate) => candidate.id === request.params.typologyId);
      if (!document) throw new NotFoundError(`no typology ${request.params.typologyId}`, { typologyId: request.params.typologyId });
      const measured = await measuredByTypology();
      return { summary: summarize(document, measured.get(document.id) ?? none, services.backtests?.[document.id]), document };
    },
  });
}
