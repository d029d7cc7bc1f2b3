import { z } from 'zod';
import { CountryCode } from '../domain/index.ts';

const InstitutionAddressSchema = z.object({
  street: z.string().min(1).max(100),
  city: z.string().min(1).max(50),
  /** US state / Mexican state code (2–3 characters). */
  state: z.string().min(2).max(3),
  postalCode: z.string().min(4).max(9),
  country: CountryCode,
});

/** FinCEN primary federal regulator codes (SAR item 75 / CTR item 38). */
export const FEDERAL_REGULATORS = { CFTC: '9', FederalReserve: '1', FDIC: '2', IRS: '7', NCUA: '3', OCC: '4', SEC: '6', FHFA: '13', NotApplicable: '99' } as const;

/**
 * Who files: the transmitter, the filing institution, its contact office and, for Mexico and
 * goAML, the keys the UIF and the FIU gave it. Loaded once from configuration and validated.
 */
export const FilerProfileSchema = z.object({
  transmitter: z.object({
    name: z.string().min(1).max(150),
    /** FinCEN Transmitter Control Code, issued on registration for batch filing. */
    tcc: z.string().regex(/^[A-Z0-9]{8}$/, 'must be the 8-character Transmitter Control Code'),
    /** Transmitter TIN, 9 digits without hyphen. */
    tin: z.string().regex(/^\d{9}$/, 'must be 9 digits'),
    address: InstitutionAddressSchema,
    phone: z.string().regex(/^\d{10,16}$/, 'must be 10–16 digits'),
    contactName: z.string().min(1).max(150),
  }),
  filingInstitution: z.object({
    name: z.string().min(1).max(150),
    /** EIN, 9 digits without hyphen. */
    tin: z.string().regex(/^\d{9}$/, 'must be 9 digits'),
    primaryRegulator: z.enum(Object.values(FEDERAL_REGULATORS) as ['9', ...string[]]),
    /** FinCEN organization type: 1 casino, 2 depository institution, 3 insurance, 4 MSB, 5 securities/futures, 11 loan/finance, 999 other. */
    organizationType: z.enum(['1', '2', '3', '4', '5', '11', '12', '999']),
    rssd: z.string().regex(/^\d{1,10}$/).optional(),
    address: InstitutionAddressSchema,
  }),
  contactOffice: z.object({ name: z.string().min(1).max(150), phone: z.string().regex(/^\d{10,16}$/, 'must be 10–16 digits') }),
  /** The branch where the activity occurred, when it is not the head office. */
  branch: z.object({ address: InstitutionAddressSchema, rssd: z.string().regex(/^\d{1,10}$/).optional() }).optional(),
  mexico: z.object({
    /** Clave CASFIM of the sujeto obligado, 6 digits without hyphen (e.g. 13-005 → 013005). */
    casfimKey: z.string().regex(/^\d{6}$/, 'must be the 6-digit CASFIM key'),
    /** Órgano supervisor: 001002 = CNBV. */
    supervisorKey: z.string().regex(/^\d{6}$/).default('001002'),
    /** CNBV localidad of the reporting branch (8 digits). */
    localityCode: z.string().regex(/^\d{8}$/),
    /** Branch key or branch postal code (≤ 8). */
    branchCode: z.string().regex(/^[A-Z0-9]{1,8}$/),
    /** RFC of the sujeto obligado (Actividades Vulnerables notices). */
    rfc: z.string().regex(/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/, 'must be an RFC in upper case'),
  }).optional(),
  goaml: z.object({
    rentityId: z.number().int().positive(),
    rentityBranch: z.string().max(255).optional(),
    localCurrency: z.string().regex(/^[A-Z]{3}$/),
    reportingPerson: z.object({ firstName: z.string().min(1).max(100), lastName: z.string().min(1).max(100), occupation: z.string().max(255).optional() }),
    /** FIU indicator codes put on every STR when the typology gives none. */
    defaultIndicators: z.array(z.string().min(1).max(25)).min(1),
  }).optional(),
});
export type FilerProfile = z.infer<typeof FilerProfileSchema>;
export type FilerProfileInput = z.input<typeof FilerProfileSchema>;
