import { z } from 'zod';
import { CurrencyCode, MinorUnits } from './money.ts';
import { validateIdentifier, type IdentifierKind } from './identifiers.ts';

/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code');

const Id = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });
const IsoDate = z.iso.date('must be an ISO date YYYY-MM-DD');

export const IDENTIFIER_KINDS = ['clabe', 'aba', 'rfc', 'curp', 'ssn', 'ein', 'bic', 'passport', 'phone', 'crypto_address', 'account'] as const;

/** An identifier whose value is checked with the real rule of its kind (check digits, shapes). */
export const IdentifierSchema = z
  .object({
    kind: z.enum(IDENTIFIER_KINDS),
    value: z.string().min(1).max(128),
    country: CountryCode.optional(),
  })
  .superRefine((id, ctx) => {
    const problem = validateIdentifier(id.kind as IdentifierKind, id.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type Identifier = z.infer<typeof IdentifierSchema>;

export const PersonNameSchema = z.object({
  /** Given names, possibly compound ("José Luis", "María de los Ángeles"). */
  given: z.string().min(1).max(100),
  /** Apellido paterno (or the only surname for most US names). */
  paternal: z.string().min(1).max(100),
  /** Apellido materno; absent for most US names. */
  maternal: z.string().max(100).optional(),
});
export type PersonName = z.infer<typeof PersonNameSchema>;

export const LEGAL_FORMS = ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.', 'S.C.', 'A.C.', 'LLC', 'Inc.', 'Corp.', 'LP', 'Ltd.', 'sole_proprietor'] as const;

export const PartySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('person'),
    id: Id,
    name: PersonNameSchema,
    birthDate: IsoDate.optional(),
    nationality: CountryCode.optional(),
    country: CountryCode,
    postalCode: z.string().max(16).optional(),
    occupation: z.string().max(100).optional(),
    identifiers: z.array(IdentifierSchema).default([]),
    aliases: z.array(z.string().max(200)).default([]),
  }),
  z.object({
    type: z.literal('company'),
    id: Id,
    legalName: z.string().min(1).max(200),
    legalForm: z.enum(LEGAL_FORMS).optional(),
    incorporationDate: IsoDate.optional(),
    country: CountryCode,
    postalCode: z.string().max(16).optional(),
    industry: z.string().max(100).optional(),
    identifiers: z.array(IdentifierSchema).default([]),
    aliases: z.array(z.string().max(200)).default([]),
  }),
]);
export type Party = z.infer<typeof PartySchema>;

export const INSTITUTION_KINDS = ['bank', 'msb', 'broker_dealer', 'casa_de_bolsa', 'casa_de_cambio', 'fintech', 'crypto_exchange', 'actividad_vulnerable'] as const;

/** An institution is known by at least one of ABA routing number, BIC or Mexican bank code. */
export const InstitutionSchema = z
  .object({
    id: Id,
    name: z.string().min(1).max(200),
    kind: z.enum(INSTITUTION_KINDS),
    country: CountryCode,
    aba: z.string().optional(),
    bic: z.string().optional(),
    mxBankCode: z.string().regex(/^\d{3}$/, 'Mexican bank code must be 3 digits').optional(),
  })
  .superRefine((inst, ctx) => {
    for (const kind of ['aba', 'bic'] as const) {
      const value = inst[kind];
      if (value === undefined) continue;
      const problem = validateIdentifier(kind, value);
      if (problem) ctx.addIssue({ code: 'custom', path: [kind], message: problem });
    }
  });
export type Institution = z.infer<typeof InstitutionSchema>;

export const AccountSchema = z.object({
  id: Id,
  partyId: Id,
  institutionId: Id,
  country: CountryCode,
  currency: CurrencyCode,
  kind: z.enum(['checking', 'savings', 'business', 'msb_agent', 'crypto_wallet', 'correspondent']).default('checking'),
  /** CLABE for Mexican accounts, validated with its check digit. */
  clabe: z.string().optional(),
  openedAt: IsoDate.optional(),
});
export type Account = z.infer<typeof AccountSchema>;

export const CHANNELS = ['wire', 'spei', 'ach', 'cash_deposit', 'cash_withdrawal', 'remittance', 'card', 'check', 'crypto', 'trade_payment'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** One end of a transaction: who, which account, through which agent, where. */
export const TransactionEndSchema = z.object({
  partyId: Id.optional(),
  name: z.string().max(200).optional(),
  accountId: Id.optional(),
  /** The agent: ABA, BIC or Mexican bank code of the institution holding the account. */
  institutionId: Id.optional(),
  country: CountryCode,
  postalCode: z.string().max(16).optional(),
});
export type TransactionEnd = z.infer<typeof TransactionEndSchema>;

export const CryptoDetailsSchema = z.object({
  chain: z.string().min(1).max(32),
  address: z.string().min(1).max(128),
  /** Amount of the asset as a decimal string (too precise for a float). */
  assetAmount: z.string().regex(/^\d+(\.\d+)?$/).optional(),
  asset: z.string().max(16).optional(),
});

/**
 * A transaction. Time comes from the data (never the wall clock); the amount is integer minor
 * units of `currency`. Idempotency key: `id` (end-to-end id where the source has one).
 */
export const TransactionSchema = z.object({
  id: Id,
  messageId: Id.optional(),
  time: IsoDateTime,
  amountMinor: MinorUnits.positive('must be greater than zero'),
  currency: CurrencyCode,
  channel: Channel,
  originator: TransactionEndSchema,
  beneficiary: TransactionEndSchema,
  /** Where cash changed hands (branch / agent location), for cash and remittance channels. */
  location: z.object({ country: CountryCode, postalCode: z.string().max(16).optional(), branchId: z.string().max(64).optional() }).optional(),
  purpose: z.string().max(500).optional(),
  crypto: CryptoDetailsSchema.optional(),
});
export type Transaction = z.infer<typeof TransactionSchema>;

export const SEVERITIES = ['alert', 'interdict'] as const;

/** Why an alert fired: each rule evaluated, the feature values it read, the transactions involved. */
export const AlertExplanationSchema = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      fired: z.boolean(),
      weight: z.number(),
      /** Names of the features the rule's expression read (their values are in `features`). */
      reads: z.array(z.string()).optional(),
    }),
  ),
  features: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  summary: z.string(),
});

export const AlertSchema = z.object({
  id: Id,
  typologyId: Id,
  typologyVersion: z.string(),
  /** The monitored account (or subject key) the alert is about. */
  subjectKey: Id,
  partyId: Id.optional(),
  score: z.number(),
  severity: z.enum(SEVERITIES),
  /** Data time of the transaction that triggered the alert. */
  time: IsoDateTime,
  triggerTransactionId: Id,
  transactionIds: z.array(Id).min(1),
  /** Laundering pattern names this typology is designed to catch (for evaluation). */
  patterns: z.array(z.string()).default([]),
  explanation: AlertExplanationSchema,
});
export type Alert = z.infer<typeof AlertSchema>;

/** A record that failed validation, kept with its reasons instead of being dropped. */
export const QuarantinedRecordSchema = z.object({
  source: z.string(),
  /** Line number, XML element path or record index within the source. */
  location: z.string(),
  issues: z.array(z.object({ field: z.string(), reason: z.string() })).min(1),
  raw: z.string(),
});
export type QuarantinedRecord = z.infer<typeof QuarantinedRecordSchema>;
