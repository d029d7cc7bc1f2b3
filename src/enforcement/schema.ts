/**
 * Public enforcement actions as guidance: who was penalised, by whom, for which control failures,
 * and which red flags and typologies would have caught the activity ("what not to do").
 */
import { z } from 'zod';

const LocalizedText = z.object({ en: z.string().min(1).max(4000), es: z.string().min(1).max(4000) }).strict();

export const EnforcementActionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    authority: z.array(z.string().min(1).max(120)).min(1),
    date: z.iso.date(),
    institution: z.string().min(1).max(200),
    institutionKind: z.enum(['bank', 'msb', 'broker_dealer', 'casa_de_bolsa', 'casa_de_cambio', 'fintech', 'crypto_exchange']),
    country: z.enum(['US', 'MX']),
    actionType: z.enum(['civil_money_penalty', 'deferred_prosecution', 'non_prosecution', 'guilty_plea', 'order', 'consent_order']),
    /** Money penalties as stated by the authority; null for orders without a penalty. */
    penalty: z.object({ amountMinor: z.number().int().nonnegative(), currency: z.string().length(3), note: LocalizedText }).strict().nullable(),
    summary: LocalizedText,
    controlFailures: z.array(LocalizedText).min(1),
    redFlags: z.array(LocalizedText).min(1),
    typologies: z.array(z.string().min(1).max(80)).min(1),
    sources: z.array(z.object({ title: z.string().min(1), publisher: z.string().min(1), url: z.url() }).strict()).min(1),
  })
  .strict();
export type EnforcementAction = z.infer<typeof EnforcementActionSchema>;
