/**
 * The typology document: a versioned, bilingual, cited set of weighted rule expressions.
 * The JSON Schema in `typology.schema.json` is generated from this zod schema
 * (`npm run typologies:schema`), and a test fails when the two drift apart.
 */
import { z } from 'zod';
import { CHANNELS } from '../domain/index.ts';

/** Laundering patterns of docs/patterns.md; a typology names those it is designed to catch. */
export const PATTERN_NAMES = [
  'structuring_ctr',
  'structuring_mx',
  'funnel_account',
  'fan_in',
  'fan_out',
  'cycle',
  'scatter_gather',
  'gather_scatter',
  'bipartite',
  'stack',
  'rapid_pass_through',
  'tbml_mirror',
  'bulk_cash',
  'crypto_cash_out',
] as const;

const LocalizedText = z
  .object({
    en: z.string().min(1).max(2000).describe('English text'),
    es: z.string().min(1).max(2000).describe('Spanish text'),
  })
  .strict();

const Identifier = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lower-case words joined by - or _').max(80);
const Semver = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a semantic version such as 1.2.0');
const IsoDate = z.iso.date('must be an ISO date YYYY-MM-DD');

export const SourceCitationSchema = z
  .object({
    kind: z.enum(['advisory', 'alert', 'statute', 'regulation', 'order', 'guidance', 'report']),
    id: z.string().min(1).max(100).describe('e.g. FIN-2019-A006, 31 U.S.C. 5324'),
    title: z.string().min(1).max(400),
    publisher: z.string().min(1).max(200),
    url: z.url().max(500).optional(),
    date: IsoDate.optional(),
  })
  .strict();

export const ParameterValueSchema = z.union([
  z.number(),
  z.boolean(),
  z.string().max(200),
  z.array(z.number()).max(500),
  z.array(z.string().max(200)).max(500),
]);

export const RuleSchema = z
  .object({
    id: Identifier,
    when: z.string().min(1).max(4000).describe('boolean expression over features and parameters'),
    weight: z.number().min(-1000).max(1000),
    description: LocalizedText,
  })
  .strict();

export const TypologySchema = z
  .object({
    $schema: z.string().optional(),
    id: Identifier,
    version: Semver,
    name: LocalizedText,
    description: LocalizedText,
    sources: z.array(SourceCitationSchema).min(1, 'cite at least one source'),
    jurisdiction: z.enum(['US', 'MX', 'both']),
    redFlags: z.array(LocalizedText).min(1, 'give at least one red flag'),
    sar: z
      .object({
        keyTerm: z.string().min(1).max(60).optional().describe('term for SAR field 2 and the narrative'),
        activityCategories: z.array(z.string().min(1).max(120)).max(20).default([]),
      })
      .strict()
      .optional(),
    patterns: z.array(z.enum(PATTERN_NAMES)).default([]).describe('synthetic patterns this typology is designed to catch (evaluation only)'),
    scope: z
      .object({
        channels: z.array(z.enum(CHANNELS)).min(1).optional().describe('evaluate only transactions on these channels'),
        side: z.enum(['originator', 'beneficiary', 'both']).describe('which end of the transaction is the subject'),
      })
      .strict(),
    window: z
      .object({
        cooldownHours: z.number().min(0).max(24 * 365).describe('a new alert for the same subject is suppressed for this long'),
        evidenceHours: z.number().min(1).max(24 * 30).describe('how far back involved transactions are listed'),
      })
      .strict(),
    parameters: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/, 'parameter names are lower_snake_case'), ParameterValueSchema).default({}),
    rules: z.array(RuleSchema).min(1).max(64),
    alertThreshold: z.number(),
    interdictionThreshold: z.number().optional(),
    effective: z
      .object({ from: IsoDate, until: IsoDate.optional() })
      .strict()
      .describe('the typology applies to transactions from `from` up to and including `until`'),
  })
  .strict();

export type TypologyDocument = z.infer<typeof TypologySchema>;
export type TypologyRule = z.infer<typeof RuleSchema>;
export type PatternName = (typeof PATTERN_NAMES)[number];

/** The JSON Schema of a typology document, for editors and other implementations. */
export function typologyJsonSchema(): unknown {
  return z.toJSONSchema(TypologySchema, { io: 'input' });
}
