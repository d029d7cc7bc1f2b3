import { z } from 'zod';
import { AlertSchema, CountryCode, PartySchema, TransactionSchema, CurrencyCode, MinorUnits } from '../domain/index.ts';

const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });
const IsoDate = z.iso.date('must be an ISO date YYYY-MM-DD');

export const CASE_STATUSES = ['open', 'investigating', 'pending_approval', 'filed', 'closed_no_file'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Report formats Frontera renders from a case. */
export const REPORT_FORMATS = ['fincen-sar', 'fincen-ctr', 'uif-relevante', 'uif-inusual', 'uif-interna-preocupante', 'sat-av', 'goaml-str'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const AddressSchema = z.object({
  street: z.string().min(1).max(100),
  /** Exterior (and interior) number, kept apart because the Mexican layouts ask for it apart. */
  number: z.string().max(56).optional(),
  /** Colonia (Mexican neighbourhood). */
  colonia: z.string().max(50).optional(),
  city: z.string().min(1).max(50),
  /** US state or Mexican state code. */
  state: z.string().max(3).optional(),
  postalCode: z.string().max(12).optional(),
  country: CountryCode,
  /** CNBV localidad catalogue code (8 digits) of the city, for the UIF bank layout. */
  cnbvLocalityCode: z.string().regex(/^\d{8}$/).optional(),
});
export type Address = z.infer<typeof AddressSchema>;

export const SubjectAccountSchema = z.object({
  accountNumber: z.string().min(1).max(40),
  clabe: z.string().length(18).optional(),
  institutionName: z.string().max(150).optional(),
  openedAt: IsoDate.optional(),
  closed: z.boolean().default(false),
});

/** A person or company the case is about, with what the reports need beyond the domain Party. */
export const CaseSubjectSchema = z.object({
  party: PartySchema,
  address: AddressSchema.optional(),
  phone: z.string().max(16).optional(),
  email: z.string().max(100).optional(),
  gender: z.enum(['male', 'female', 'unknown']).optional(),
  /** INEGI / SAT 7-digit economic activity (actividad económica / giro mercantil). */
  economicActivityCode: z.string().regex(/^\d{7}$/).optional(),
  /** Relationship to the institution, e.g. customer or employee (employee → interna preocupante). */
  relationship: z.enum(['customer', 'employee', 'non_customer']).default('customer'),
  accounts: z.array(SubjectAccountSchema).default([]),
  /** Legal representative (apoderado) of a company; the SAT notices require one. */
  representative: z.object({
    given: z.string().min(1).max(100),
    paternal: z.string().min(1).max(100),
    maternal: z.string().max(100).optional(),
    birthDate: IsoDate.optional(),
    rfc: z.string().max(13).optional(),
    curp: z.string().length(18).optional(),
  }).optional(),
  /** Identity documents seen at onboarding (goAML asks for number, issue and expiry dates). */
  identityDocuments: z.array(z.object({
    type: z.enum(['passport', 'national_id', 'drivers_license', 'voter_id', 'residence_permit']),
    number: z.string().min(1).max(255),
    issueDate: IsoDate,
    expiryDate: IsoDate,
    issueCountry: CountryCode,
    issuedBy: z.string().max(255).optional(),
  })).default([]),
});
export type CaseSubject = z.infer<typeof CaseSubjectSchema>;

/** What a typology tells the reports: the advisory key term and SAR categories (FinCEN form items 29–38). */
export const TypologyHintsSchema = z.object({
  typologyId: z.string(),
  advisoryKeyTerm: z.string().max(50).optional(),
  sarCategories: z.array(z.object({ typeId: z.number().int(), subtypeId: z.number().int(), otherText: z.string().max(50).optional() })).default([]),
  /** SAT Actividades Vulnerables alert code (tipo_alerta), when the typology maps to one. */
  satAlertCode: z.string().regex(/^\d{3,4}$/).optional(),
  redFlag: z.object({ en: z.string(), es: z.string() }).partial().optional(),
});
export type TypologyHints = z.infer<typeof TypologyHintsSchema>;

export const AttachmentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1).max(150),
  mediaType: z.string().max(100),
  sizeBytes: z.number().int().nonnegative(),
  addedAt: IsoDateTime,
  addedBy: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const FilingSchema = z.object({
  format: z.enum(REPORT_FORMATS),
  /** SHA-256 of the document exactly as validated and filed. */
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  validatedAgainst: z.string(),
  batchId: z.string().max(64).optional(),
  /** Position of this case in the batch (FinCEN Activity SeqNum, UIF folio …), to match acknowledgements. */
  batchReference: z.string().max(32).optional(),
  filedAt: IsoDateTime,
  filedBy: z.string(),
  /** The four-eyes approver of this filing. */
  approvedBy: z.string().optional(),
  /** Identifier the regulator gave back (FinCEN BSA ID, UIF folio …), from the acknowledgement. */
  regulatorFilingId: z.string().max(64).optional(),
  acknowledgedAt: IsoDateTime.optional(),
  acknowledgementStatus: z.enum(['accepted', 'accepted_with_warnings', 'rejected']).optional(),
  acknowledgementMessages: z.array(z.string()).default([]),
});
export type Filing = z.infer<typeof FilingSchema>;

/** Details of the operation for an Actividades Vulnerables notice (vehicle sale). */
export const VulnerableActivitySchema = z.object({
  activity: z.literal('VEH'),
  operationDate: IsoDate,
  operationPostalCode: z.string().regex(/^\d{5}$/),
  /** SAT catalogue: 801 venta, 802 compra … */
  operationType: z.string().regex(/^\d{3,4}$/),
  vehicles: z.array(z.object({
    make: z.string().min(1).max(40),
    model: z.string().min(1).max(40),
    year: z.number().int().min(1900).max(2100),
    vin: z.string().length(17).optional(),
    plates: z.string().max(12).optional(),
    armourLevel: z.number().int().min(0).max(9).default(0),
  })).min(1),
  payments: z.array(z.object({
    date: IsoDate,
    /** SAT catalogue forma_pago: 1 contado, 2 parcialidades … */
    method: z.string().regex(/^\d$/),
    /** SAT catalogue instrumento_monetario: 1 efectivo, 2 tarjeta, 4 transferencia … */
    instrument: z.string().regex(/^\d{1,2}$/).optional(),
    amountMinor: MinorUnits.positive(),
    currency: CurrencyCode,
  })).min(1),
});
export type VulnerableActivity = z.infer<typeof VulnerableActivitySchema>;

export const CaseSchema = z.object({
  id: z.string().min(1).max(64),
  /** Key the alerts were grouped by (party id, else the alert subject key). */
  subjectKey: z.string().min(1).max(128),
  /** Which regulator the case is worked for. */
  jurisdiction: z.enum(['US', 'MX']),
  status: z.enum(CASE_STATUSES),
  subject: CaseSubjectSchema,
  /** Other people or companies involved (counterparts), reported as further subjects where the format allows. */
  relatedSubjects: z.array(CaseSubjectSchema).default([]),
  alerts: z.array(AlertSchema).default([]),
  transactions: z.array(TransactionSchema).default([]),
  typologyHints: z.array(TypologyHintsSchema).default([]),
  openedAt: IsoDateTime,
  /** Initial detection: the SAR clock starts here (31 CFR 1020.320(b)(3)). */
  detectedAt: IsoDateTime,
  suspectIdentified: z.boolean().default(true),
  /** Mexico: date of the Comité de Comunicación y Control session that ruled the operation unusual. */
  committeeDecisionAt: IsoDateTime.optional(),
  /** Match on the UIF Lista de Personas Bloqueadas: report within 24 hours. */
  blockedListHitAt: IsoDateTime.optional(),
  /** A cash aggregate above the CTR threshold: business day (YYYY-MM-DD) of the cash activity. */
  ctrBusinessDay: IsoDate.optional(),
  assignee: z.string().max(128).optional(),
  preparer: z.string().max(128).optional(),
  approval: z.object({ approver: z.string(), approvedAt: IsoDateTime, format: z.enum(REPORT_FORMATS).optional() }).optional(),
  closeReason: z.string().max(2000).optional(),
  narrative: z.object({ en: z.string().max(17000).optional(), es: z.string().max(4000).optional() }).default({}),
  attachments: z.array(AttachmentSchema).default([]),
  filings: z.array(FilingSchema).default([]),
  vulnerableActivity: VulnerableActivitySchema.optional(),
  updatedAt: IsoDateTime,
});
export type Case = z.infer<typeof CaseSchema>;
export type CaseInput = z.input<typeof CaseSchema>;
