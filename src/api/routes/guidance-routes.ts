import { z } from 'zod';
import type { VerifiedPackage } from '../../advisories/index.ts';
import { ENFORCEMENT_ACTIONS, type EnforcementAction } from '../../enforcement/index.ts';
import type { RouteContext } from '../route-context.ts';
import { TYPOLOGY_ROLES } from './typology-routes.ts';

const Localized = z.object({ en: z.string(), es: z.string() });

const EnforcementActionSummarySchema = z
  .object({
    id: z.string(),
    authority: z.array(z.string()),
    date: z.string(),
    institution: z.string(),
    institutionKind: z.string(),
    country: z.string(),
    actionType: z.string(),
    penalty: z.object({ amountMinor: z.number().int(), currency: z.string(), note: Localized }).nullable(),
    summary: Localized,
    controlFailures: z.array(Localized),
    redFlags: z.array(Localized),
    typologies: z.array(z.string()),
    sources: z.array(z.object({ title: z.string(), publisher: z.string(), url: z.string() })),
  })
  .meta({ id: 'EnforcementAction' });

const AdvisorySummarySchema = z
  .object({
    id: z.string(),
    version: z.string(),
    issuer: z.string(),
    kind: z.string(),
    date: z.string(),
    title: Localized,
    summary: Localized,
    url: z.string().optional(),
    sarKeyTerm: z.string().optional(),
    redFlags: z.array(Localized),
    typologies: z.array(z.object({ id: z.string(), version: z.string() })),
    enforcementActions: z.array(z.string()),
    /** Who signed it and whether that key is a demonstration key, as verification found. */
    signature: z.object({ keyId: z.string(), signedAt: z.string(), expiresAt: z.string(), demo: z.boolean() }).nullable(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Advisory' });

function enforcementSummary(action: EnforcementAction): z.infer<typeof EnforcementActionSummarySchema> {
  return {
    id: action.id,
    authority: action.authority,
    date: action.date,
    institution: action.institution,
    institutionKind: action.institutionKind,
    country: action.country,
    actionType: action.actionType,
    penalty: action.penalty,
    summary: action.summary,
    controlFailures: action.controlFailures,
    redFlags: action.redFlags,
    typologies: action.typologies,
    sources: action.sources,
  };
}

function advisorySummary(verified: VerifiedPackage): z.infer<typeof AdvisorySummarySchema> {
  const { advisory, signature } = verified.package;
  return {
    id: advisory.id,
    version: advisory.version,
    issuer: advisory.issuer,
    kind: advisory.kind,
    date: advisory.date,
    title: advisory.title,
    summary: advisory.summary,
    ...(advisory.url !== undefined ? { url: advisory.url } : {}),
    ...(advisory.sar?.keyTerm !== undefined ? { sarKeyTerm: advisory.sar.keyTerm } : {}),
    redFlags: advisory.redFlags,
    typologies: advisory.typologies,
    enforcementActions: advisory.enforcementActions,
    signature: signature ? { keyId: signature.keyId, signedAt: signature.signedAt, expiresAt: signature.expiresAt, demo: verified.key?.demo ?? false } : null,
    warnings: verified.warnings,
  };
}

/**
 * "What not to do" guidance: the public enforcement-action library (always shipped) and the
 * advisory packages the server was given, each verified before it was handed over.
 * Same readers as the typologies: every role.
 */
export function registerGuidanceRoutes({ app, services }: RouteContext): void {
  app.route({
    method: 'GET',
    url: '/api/v1/enforcement-actions',
    config: { access: TYPOLOGY_ROLES },
    schema: {
      summary: 'Public enforcement actions: authority, penalty, control failures and the typologies that would have caught them',
      tags: ['typologies'],
      response: { 200: z.object({ enforcementActions: z.array(EnforcementActionSummarySchema) }) },
    },
    handler: async () => ({ enforcementActions: ENFORCEMENT_ACTIONS.map(enforcementSummary) }),
  });

  const advisories = services.advisories;
  if (!advisories) return;
  app.route({
    method: 'GET',
    url: '/api/v1/advisories',
    config: { access: TYPOLOGY_ROLES },
    schema: {
      summary: 'The verified advisory packages loaded: issuer, date, title and summary in EN/ES, red flags, linked typologies',
      tags: ['typologies'],
      response: { 200: z.object({ advisories: z.array(AdvisorySummarySchema) }) },
    },
    handler: async () => ({ advisories: advisories.map(advisorySummary) }),
  });
}
