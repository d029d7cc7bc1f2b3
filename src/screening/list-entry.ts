import { z } from 'zod';

/**
 * One designated person, organisation, vessel or aircraft as Frontera keeps it, whatever list it
 * came from. Loaders turn each official format into this shape; matching reads only this shape.
 */
export const ENTRY_TYPES = ['person', 'organization', 'vessel', 'aircraft', 'unknown'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const SCREENING_IDENTIFIER_KINDS = ['rfc', 'curp', 'passport', 'national_id', 'tax_id', 'bic', 'mx_bank_code', 'aba', 'crypto_address', 'other'] as const;
export type ScreeningIdentifierKind = (typeof SCREENING_IDENTIFIER_KINDS)[number];

export const ListIdentifierSchema = z.object({
  kind: z.enum(SCREENING_IDENTIFIER_KINDS),
  value: z.string().min(1).max(128),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  /** The list's own label for the identifier ("Passport", "C.U.R.P."). */
  label: z.string().max(100).optional(),
});
export type ListIdentifier = z.infer<typeof ListIdentifierSchema>;

/** A structured person name where the source gives one (Mexican list, UN parts, OFAC "LAST, First"). */
export const StructuredNameSchema = z.object({
  given: z.string().max(200).optional(),
  paternal: z.string().max(200).optional(),
  maternal: z.string().max(200).optional(),
});
export type StructuredName = z.infer<typeof StructuredNameSchema>;

export const AliasSchema = z.object({
  name: z.string().min(1).max(400),
  /** OFAC strong/weak, UN Good/Low; weak aliases (nicknames) still match but are marked. */
  quality: z.enum(['strong', 'weak']),
  /** a.k.a., f.k.a., n.k.a. */
  kind: z.enum(['aka', 'fka', 'nka']).default('aka'),
});
export type Alias = z.infer<typeof AliasSchema>;

/** Dates of birth as published: a year, a year-month or a full date (ISO form). */
const PartialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

export const ListEntrySchema = z.object({
  /** Which list: `ofac-sdn`, `ofac-consolidated`, `un-consolidated`, `mx-lpb`, `us-2313a`, `us-fto`, `internal:<name>`. */
  listId: z.string().min(1).max(64),
  /** The source's own identifier (OFAC ent_num/uid, UN DATAID/reference, LPB folio). Unique within the list. */
  entryId: z.string().min(1).max(128),
  type: z.enum(ENTRY_TYPES),
  /** Primary name as published ("OSEGUERA CERVANTES, Nemesio"). */
  name: z.string().min(1).max(400),
  structuredName: StructuredNameSchema.optional(),
  aliases: z.array(AliasSchema).default([]),
  programs: z.array(z.string().max(100)).default([]),
  birthDates: z.array(PartialDate).default([]),
  /** ISO 3166 alpha-2 nationalities / citizenships. */
  nationalities: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
  /** ISO 3166 alpha-2 countries of the listed addresses. */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
  identifiers: z.array(ListIdentifierSchema).default([]),
  remarks: z.string().max(20_000).optional(),
  /** When the source says the designation was made (ISO date), if it does. */
  listedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type ListEntry = z.infer<typeof ListEntrySchema>;
export type ListEntryInput = z.input<typeof ListEntrySchema>;

/** A loaded list: which list, the version label given by its publisher, and its entries. */
export type ListSnapshot = {
  listId: string;
  /** Publisher's version or date (`Publish_Date`, `dateGenerated`, file hash when none). */
  version: string;
  entries: ListEntry[];
};
