/**
 * Match keys: the normalised strings two institutions compare privately. A subject matches when
 * any of its keys is held by the other side. Pure functions, no I/O.
 */
import { z } from 'zod';
import { PartySchema, type Party } from '../domain/index.ts';
import { parseName, parseStructuredName } from '../screening/index.ts';

export const MATCH_KEY_KINDS = ['name_birth_date', 'company_name', 'rfc', 'curp', 'ssn', 'ein', 'passport', 'account', 'clabe', 'crypto_address', 'phone'] as const;
export const MatchKeyKindSchema = z.enum(MATCH_KEY_KINDS);
export type MatchKeyKind = z.infer<typeof MatchKeyKindSchema>;

export type MatchKey = { kind: MatchKeyKind; value: string };

/** What name matching needs from the screening module's Spanish-aware name parser. */
export type ParsedNameView = {
  /** Phonetic key of each identity token (particles, honorifics and legal forms removed). */
  keys: readonly string[];
  roles: readonly string[];
};
export type NameParser = {
  parseStructuredName(name: { given?: string; paternal?: string; maternal?: string }): ParsedNameView;
  parseName(text: string, kind: 'person' | 'organization' | 'unknown'): ParsedNameView;
};

/** The screening module's Spanish-aware name parser (particles, accents, phonetic keys). */
export const screeningNameParser: NameParser = { parseName, parseStructuredName };

/** Given-name tokens that make their own key: "José Luis" also meets a record that only has "Luis". */
const MAX_GIVEN_NAME_KEYS = 2;

/**
 * Name + date-of-birth keys of a person: phonetic given name × phonetic paternal surname × date.
 * The phonetic keys absorb accents, ñ, particles ("de la Cruz"), Oseguera/Ozeguera, b/v, s/z;
 * the maternal surname is left out because US records often drop it or fold it into the paternal.
 * @example personNameKeys(parser, { given: 'José Luis', paternal: 'Pérez' }, '1980-02-01') // ['hose|peres|1980-02-01', 'luis|peres|1980-02-01']
 */
export function personNameKeys(parser: NameParser, name: { given: string; paternal: string; maternal?: string | undefined }, birthDate: string): string[] {
  const parsed = parser.parseStructuredName({ given: name.given, paternal: name.paternal });
  const given: string[] = [];
  let paternal: string | undefined;
  parsed.roles.forEach((role, index) => {
    const key = parsed.keys[index];
    if (key === undefined || key === '') return;
    if (role === 'given' && given.length < MAX_GIVEN_NAME_KEYS && !given.includes(key)) given.push(key);
    if (role === 'paternal' && paternal === undefined) paternal = key;
  });
  if (paternal === undefined) return [];
  const surname = paternal;
  return given.map((token) => `${token}|${surname}|${birthDate}`);
}

/**
 * A company key: phonetic name tokens without the legal form, and the country.
 * @example companyNameKey(parser, 'Comercializadora del Norte, S.A. de C.V.', 'MX') // 'komersialisadora-norte|MX'
 */
export function companyNameKey(parser: NameParser, legalName: string, country: string): string | null {
  const parsed = parser.parseName(legalName, 'organization');
  const tokens = parsed.keys.filter((key) => key !== '');
  return tokens.length === 0 ? null : `${tokens.join('-')}|${country}`;
}

const COUNTRY_CALLING_CODES: Record<string, string> = { US: '1', CA: '1', MX: '52', GT: '502', SV: '503', HN: '504', CO: '57', CN: '86' };

/**
 * A phone number as E.164 digits: punctuation dropped, national numbers given the country code
 * of the record, the old Mexican mobile "1" after +52 removed (abolished in 2019).
 * @example normalisePhone('(55) 1234-5678', 'MX') === '525512345678'
 */
export function normalisePhone(value: string, country: string | undefined): string | null {
  const international = /^\s*(\+|00)/.test(value);
  let digits = value.replace(/\D/g, '');
  if (value.trim().startsWith('00')) digits = digits.slice(2);
  if (!international) {
    const code = country === undefined ? undefined : COUNTRY_CALLING_CODES[country];
    if (code !== undefined && !(code === '1' && digits.length === 11 && digits.startsWith('1'))) digits = `${code}${digits}`;
  }
  if (digits.startsWith('521') && digits.length === 13) digits = `52${digits.slice(3)}`;
  return digits.length >= 8 && digits.length <= 15 ? digits : null;
}

/**
 * A crypto address in its canonical case: hex (EVM) and bech32 addresses are case-insensitive,
 * base58 addresses are not.
 * @example normaliseCryptoAddress('0xAbC…') === '0xabc…'
 */
export function normaliseCryptoAddress(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^0x[0-9a-fA-F]{40}$/.test(trimmed) || /^(bc1|tb1|ltc1)[0-9a-zA-Z]+$/i.test(trimmed)) return trimmed.toLowerCase();
  return trimmed;
}

/**
 * One identifier as a match key, or null when the kind is not a subject identifier (ABA, BIC
 * name institutions, not customers) or the value normalises to nothing.
 * @example identifierKey({ kind: 'rfc', value: 'gome-800201-ab1' }) // { kind: 'rfc', value: 'GOME800201AB1' }
 */
export function identifierKey(identifier: { kind: string; value: string; country?: string | undefined }, partyCountry?: string): MatchKey | null {
  const upperAlphanumeric = identifier.value.toUpperCase().replace(/[^0-9A-ZÑ&]/g, '');
  const digits = identifier.value.replace(/\D/g, '');
  switch (identifier.kind) {
    case 'rfc':
      return upperAlphanumeric.length >= 12 ? { kind: 'rfc', value: upperAlphanumeric } : null;
    case 'curp':
      return upperAlphanumeric.length === 18 ? { kind: 'curp', value: upperAlphanumeric } : null;
    case 'ssn':
      return digits.length === 9 ? { kind: 'ssn', value: digits } : null;
    case 'ein':
      return digits.length === 9 ? { kind: 'ein', value: digits } : null;
    case 'clabe':
      return digits.length === 18 ? { kind: 'clabe', value: digits } : null;
    case 'passport': {
      if (upperAlphanumeric === '') return null;
      // A passport number is only unique within its issuing country.
      const country = identifier.country ?? partyCountry ?? 'XX';
      return { kind: 'passport', value: `${country}:${upperAlphanumeric}` };
    }
    case 'account':
      return upperAlphanumeric === '' ? null : { kind: 'account', value: `${identifier.country ?? partyCountry ?? 'XX'}:${upperAlphanumeric}` };
    case 'crypto_address': {
      const address = normaliseCryptoAddress(identifier.value);
      return address === null ? null : { kind: 'crypto_address', value: address };
    }
    case 'phone': {
      const phone = normalisePhone(identifier.value, identifier.country ?? partyCountry);
      return phone === null ? null : { kind: 'phone', value: phone };
    }
    default:
      return null;
  }
}

/**
 * Every match key of a party, deduplicated, restricted to `kinds` when given.
 * @example deriveMatchKeys(parser, party, ['curp', 'name_birth_date'])
 */
export function deriveMatchKeys(parser: NameParser, party: Party, kinds?: readonly MatchKeyKind[]): MatchKey[] {
  const keys: MatchKey[] = [];
  if (party.type === 'person') {
    if (party.birthDate !== undefined) {
      for (const value of personNameKeys(parser, party.name, party.birthDate)) keys.push({ kind: 'name_birth_date', value });
    }
  } else {
    const value = companyNameKey(parser, party.legalName, party.country);
    if (value !== null) keys.push({ kind: 'company_name', value });
  }
  for (const identifier of party.identifiers) {
    const key = identifierKey(identifier, party.country);
    if (key !== null) keys.push(key);
  }
  const seen = new Set<string>();
  return keys.filter((key) => {
    if (kinds !== undefined && !kinds.includes(key.kind)) return false;
    const text = matchKeyText(key);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** The text that is hashed onto the group for one key; the kind keeps an RFC from meeting an account. */
export function matchKeyText(key: MatchKey): string {
  return `${key.kind}\u0000${key.value}`;
}

/** Subjects a node brings to a match: parties as in the domain schema. */
export const SharingSubjectsSchema = z.array(PartySchema).max(5_000_000);
