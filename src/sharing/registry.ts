/**
 * Participants and safe harbor. An institution takes part in sharing only while its registration
 * is in force (registered, not expired, not withdrawn), like a 314(b) notice to FinCEN, which
 * is valid for one year (31 CFR 1010.540). A session records both institutions, the purpose and
 * the legal basis; it is refused unless both registrations are in force for that basis. Pure.
 */
import { z } from 'zod';
import { CountryCode } from '../domain/index.ts';
import type { FieldIssue } from '../errors.ts';

/** The legal bases Frontera knows; a registration lists the ones the institution registered under. */
export const LEGAL_BASES = {
  'us-314b': { title: 'USA PATRIOT Act section 314(b) voluntary information sharing', citation: '31 CFR 1010.540' },
  'fiu-convened': { title: 'Exchange convened by a financial intelligence unit or supervisor', citation: 'as stated in the convening notice' },
  'bilateral-agreement': { title: 'Information-sharing agreement between the two institutions, notified to their supervisors', citation: 'as stated in the agreement' },
} as const;
export const LegalBasisSchema = z.enum(Object.keys(LEGAL_BASES) as [keyof typeof LEGAL_BASES, ...Array<keyof typeof LEGAL_BASES>]);
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

/** Purposes 314(b) allows: identifying and reporting possible money laundering or terrorist activity. */
export const SHARING_PURPOSES = ['money_laundering', 'terrorist_financing'] as const;
export const SharingPurposeSchema = z.enum(SHARING_PURPOSES);

export const InvestigatorSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  email: z.string().max(200).optional(),
});
export type Investigator = z.infer<typeof InvestigatorSchema>;

const IsoDateTime = z.iso.datetime({ offset: true });

export const ParticipantRegistrationSchema = z
  .object({
    institutionId: z.string().min(1).max(128),
    name: z.string().min(1).max(200),
    country: CountryCode,
    role: z.enum(['institution', 'fiu', 'supervisor']).default('institution'),
    /** The confirmation number of the registration (e.g. FinCEN's 314(b) acknowledgement). */
    registrationNumber: z.string().min(1).max(64),
    legalBases: z.array(LegalBasisSchema).min(1),
    registeredAt: IsoDateTime,
    expiresAt: IsoDateTime,
    withdrawnAt: IsoDateTime.optional(),
    /** Ed25519 public key (raw 32 bytes, base64url) that signs this node's protocol messages. */
    identityKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a raw Ed25519 public key in base64url'),
    /** X25519 public key (raw, base64url) that roundtable shares are encrypted to. */
    encryptionKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a raw X25519 public key in base64url'),
    /** Where the node's sharing routes are served. */
    endpoint: z.url().max(500).optional(),
    /** Investigators the institution names for sharing (the 314(b) point of contact and others). */
    investigators: z.array(InvestigatorSchema).max(200).default([]),
  })
  .refine((registration) => Date.parse(registration.expiresAt) > Date.parse(registration.registeredAt), { message: 'expiresAt must be after registeredAt', path: ['expiresAt'] });
export type ParticipantRegistration = z.infer<typeof ParticipantRegistrationSchema>;
export type ParticipantRegistrationInput = z.input<typeof ParticipantRegistrationSchema>;

/** Registration status at a given time. */
export function registrationStatus(registration: ParticipantRegistration, at: Date): 'active' | 'not-yet-valid' | 'expired' | 'withdrawn' {
  const time = at.getTime();
  if (registration.withdrawnAt !== undefined && Date.parse(registration.withdrawnAt) <= time) return 'withdrawn';
  if (Date.parse(registration.registeredAt) > time) return 'not-yet-valid';
  if (Date.parse(registration.expiresAt) <= time) return 'expired';
  return 'active';
}

/**
 * Why sharing between two institutions is refused at `at`, or no issue when it is allowed.
 * @example sharingIssues(registrations, { self: 'bank-norte', peer: 'banco-sur', legalBasis: 'us-314b', at }) // []
 */
export function sharingIssues(registrations: ReadonlyMap<string, ParticipantRegistration>, request: { self: string; peer: string; legalBasis: LegalBasis; at: Date }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (request.self === request.peer) issues.push({ field: 'peer', reason: 'an institution cannot share with itself' });
  for (const [field, institutionId] of [['self', request.self], ['peer', request.peer]] as const) {
    const registration = registrations.get(institutionId);
    if (registration === undefined) {
      issues.push({ field, reason: `${institutionId} is not registered for sharing` });
      continue;
    }
    const status = registrationStatus(registration, request.at);
    if (status !== 'active') issues.push({ field, reason: `the registration of ${institutionId} is ${status}` });
    if (!registration.legalBases.includes(request.legalBasis)) issues.push({ field, reason: `${institutionId} is not registered under ${request.legalBasis}` });
  }
  return issues;
}
