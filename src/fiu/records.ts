import { z } from 'zod';

/**
 * The hub's normalised records. Every intake format (FinCEN SAR/CTR batch, goAML report, UIF
 * bank layout) is reduced to these shapes so resolution, triage and dissemination read one model.
 */

export const FIU_REPORT_KINDS = ['fincen-sar', 'fincen-ctr', 'goaml', 'uif-relevante', 'uif-inusual', 'uif-interna-preocupante'] as const;
export const FiuReportKindSchema = z.enum(FIU_REPORT_KINDS);
export type FiuReportKind = z.infer<typeof FiuReportKindSchema>;

/** Identifier kinds the hub links on; values are stored normalised (upper case, no separators). */
export const FIU_IDENTIFIER_KINDS = ['rfc', 'curp', 'ssn', 'ein', 'tin', 'passport', 'account', 'clabe', 'crypto_address', 'phone', 'other'] as const;
export const FiuIdentifierKindSchema = z.enum(FIU_IDENTIFIER_KINDS);
export type FiuIdentifierKind = z.infer<typeof FiuIdentifierKindSchema>;

export const FiuIdentifierSchema = z.object({ kind: FiuIdentifierKindSchema, value: z.string().min(1).max(128) });
export type FiuIdentifier = z.infer<typeof FiuIdentifierSchema>;

export const FiuSubjectSchema = z.object({
  /** Unique within the hub: `<reportId>/s<n>`. */
  subjectId: z.string().min(1).max(200),
  reportId: z.string().min(1).max(200),
  kind: z.enum(['person', 'company', 'unknown']),
  role: z.enum(['subject', 'conductor', 'beneficiary', 'counterparty', 'related']),
  fullName: z.string().max(300),
  given: z.string().max(150).optional(),
  paternal: z.string().max(150).optional(),
  maternal: z.string().max(150).optional(),
  /** YYYY-MM-DD (date of birth or of incorporation). */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  country: z.string().length(2).optional(),
  identifiers: z.array(FiuIdentifierSchema).max(64),
  addresses: z.array(z.string().max(400)).max(16),
});
export type FiuSubject = z.infer<typeof FiuSubjectSchema>;

export const FiuTransactionSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  amountMinor: z.number().int().nonnegative(),
  currency: z.string().length(3),
  fromCountry: z.string().length(2).optional(),
  toCountry: z.string().length(2).optional(),
  channel: z.string().max(40).optional(),
  fromAccount: z.string().max(64).optional(),
  toAccount: z.string().max(64).optional(),
});
export type FiuTransaction = z.infer<typeof FiuTransactionSchema>;

export const FiuInstitutionSchema = z.object({
  /** Stable key: the filer's identifier (EIN, goAML rentity id, UIF sujeto obligado key). */
  institutionId: z.string().min(1).max(80),
  name: z.string().max(300),
  country: z.string().length(2).optional(),
});
export type FiuInstitution = z.infer<typeof FiuInstitutionSchema>;

export const FiuReportSchema = z.object({
  /** Hub id: `<fileId>#<sequence>`. */
  reportId: z.string().min(1).max(200),
  fileId: z.string().min(1).max(120),
  /** 1-based position of the report in its file. */
  sequence: z.number().int().positive(),
  kind: FiuReportKindSchema,
  /** The filer's own reference (goAML entity_reference, UIF folio, FinCEN activity SeqNum). */
  filerReference: z.string().max(120),
  institution: FiuInstitutionSchema,
  filedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  activityFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  activityTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Total amount in the report's currency, minor units. */
  amountMinor: z.number().int().nonnegative(),
  currency: z.string().length(3),
  /** Activity classifications: FinCEN `type/subtype` ids, goAML indicator codes, UIF operation type. */
  categories: z.array(z.string().max(40)).max(64),
  narrative: z.string().max(100_000),
  subjects: z.array(FiuSubjectSchema),
  transactions: z.array(FiuTransactionSchema),
});
export type FiuReport = z.infer<typeof FiuReportSchema>;

/** One problem in a received file, located as precisely as the format allows. */
export type IntakeError = {
  /** 1-based report position in the file, or null for a file-level problem (which rejects the whole file). */
  sequence: number | null;
  filerReference: string | null;
  line: number | null;
  /** Element path (XML) or field name (UIF layout). */
  location: string | null;
  reason: string;
};

/** What the hub sends back to the filer for every file it receives. */
export type Acknowledgement = {
  fileId: string;
  fileName: string;
  filerId: string;
  receivedAt: string;
  detectedKind: FiuReportKind | null;
  validatedAgainst: string | null;
  status: 'accepted' | 'partially_accepted' | 'rejected';
  reportCount: number;
  accepted: Array<{ sequence: number; reportId: string; filerReference: string }>;
  errors: IntakeError[];
};

/**
 * Upper-cases and strips separators so "abc-12 3" and "ABC123" compare equal.
 * @example normaliseIdentifierValue('phone', '+52 (656) 123-4567') === '526561234567'
 */
export function normaliseIdentifierValue(kind: FiuIdentifierKind, value: string): string {
  const upper = value.normalize('NFKC').toUpperCase().replace(/[\s\-./()]/g, '');
  if (kind === 'phone') return upper.replace(/\D/g, '').replace(/^00/, '');
  if (kind === 'crypto_address') return value.trim();
  return upper;
}
