/**
 * Advisory packages: an advisory document (what an FIU or supervisor publishes), the typology
 * documents that put its red flags into code, and an Ed25519 signature block by the issuer's key.
 * Key registries list each issuer's public keys with their validity periods.
 */
import { z } from 'zod';

const LocalizedText = z.object({ en: z.string().min(1).max(4000), es: z.string().min(1).max(4000) }).strict();
const Semver = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a semantic version such as 1.2.0');
const IsoDate = z.iso.date('must be an ISO date YYYY-MM-DD');
const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2025-08-28T00:00:00Z' });
const Identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'must be letters, digits, dot, dash or underscore');

/** Authorities that publish advisories in the corridor. */
export const ISSUERS = ['FinCEN', 'UIF', 'CNBV', 'SAT', 'OFAC', 'FATF'] as const;
export type Issuer = (typeof ISSUERS)[number];

export const AdvisoryDocumentSchema = z
  .object({
    id: Identifier.describe('the issuer\'s number, e.g. FIN-2025-A003'),
    version: Semver,
    issuer: z.enum(ISSUERS),
    kind: z.enum(['advisory', 'alert', 'notice', 'guidance', 'order']),
    date: IsoDate,
    title: LocalizedText,
    summary: LocalizedText,
    url: z.url().max(500).optional(),
    sar: z
      .object({
        keyTerm: z.string().min(1).max(60).optional(),
        fields: z.array(z.string().min(1).max(120)).max(30).default([]),
      })
      .strict()
      .optional(),
    redFlags: z.array(LocalizedText).min(1, 'give at least one red flag').max(200),
    typologies: z.array(z.object({ id: z.string().min(1).max(80), version: Semver }).strict()).max(100),
    enforcementActions: z.array(z.string().min(1).max(80)).max(100).default([]),
    changeNote: LocalizedText.optional().describe('what changed in this version'),
  })
  .strict();
export type AdvisoryDocument = z.infer<typeof AdvisoryDocumentSchema>;

export const SIGNATURE_ALGORITHM = 'ed25519' as const;

export const SignatureBlockSchema = z
  .object({
    keyId: Identifier,
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    signedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    /** Ed25519 signature (hex) over the package's signing bytes (see `signingBytes`). */
    signature: z.string().regex(/^[0-9a-f]{128}$/, 'must be 64 bytes of lower-case hex'),
  })
  .strict();
export type SignatureBlock = z.infer<typeof SignatureBlockSchema>;

export const PACKAGE_FORMAT = 'frontera-advisory-package/1' as const;

export const AdvisoryPackageSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    advisory: AdvisoryDocumentSchema,
    /** Typology documents, validated by the typology loader on verification. */
    typologies: z.array(z.record(z.string(), z.unknown())).max(100),
    signature: SignatureBlockSchema.optional(),
  })
  .strict();
export type AdvisoryPackage = z.infer<typeof AdvisoryPackageSchema>;
/** A package before signing. */
export type UnsignedPackage = Omit<AdvisoryPackage, 'signature'>;

export const RegisteredKeySchema = z
  .object({
    keyId: Identifier,
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    publicKey: z.string().regex(/^[0-9a-f]{64}$/, 'must be 32 bytes of lower-case hex'),
    validFrom: IsoDateTime,
    validUntil: IsoDateTime.optional(),
    revokedAt: IsoDateTime.optional(),
    /** A demonstration key: never trust it for real advisories. */
    demo: z.boolean().default(false),
    note: z.string().max(400).optional(),
  })
  .strict();
export type RegisteredKey = z.infer<typeof RegisteredKeySchema>;

export const KeyRegistrySchema = z
  .object({
    format: z.literal('frontera-key-registry/1'),
    issuers: z.partialRecord(z.enum(ISSUERS), z.array(RegisteredKeySchema).max(100)),
  })
  .strict();
export type KeyRegistry = z.infer<typeof KeyRegistrySchema>;

/** A secret signing key as `frontera advisory keygen` writes it (keep it offline). */
export const SecretKeyFileSchema = z
  .object({
    format: z.literal('frontera-signing-key/1'),
    issuer: z.enum(ISSUERS),
    keyId: Identifier,
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    secretKey: z.string().regex(/^[0-9a-f]{64}$/),
    publicKey: z.string().regex(/^[0-9a-f]{64}$/),
    demo: z.boolean().default(false),
  })
  .strict();
export type SecretKeyFile = z.infer<typeof SecretKeyFileSchema>;
