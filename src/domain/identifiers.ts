/**
 * Identifier validation with the real check-digit rules of each scheme.
 * Every validator returns `null` when the value is valid, or a short reason when it is not,
 * so callers can put the reason straight into a per-field error.
 */

const digitsOnly = /^\d+$/;

/** CLABE (Mexican interbank account): 18 digits, check digit with weights 3,7,1 mod 10. */
export function clabeCheckDigit(first17: string): number {
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (Number(first17[i]) * weights[i % 3]!) % 10;
  return (10 - (sum % 10)) % 10;
}

/** @example validateClabe('002010077777777771') === null */
export function validateClabe(value: string): string | null {
  if (value.length !== 18 || !digitsOnly.test(value)) return 'CLABE must be exactly 18 digits';
  const expected = clabeCheckDigit(value.slice(0, 17));
  if (Number(value[17]) !== expected) return `CLABE check digit should be ${expected}`;
  return null;
}

/** The three-digit bank code at the start of a CLABE (e.g. 002 = Banamex). */
export function clabeBankCode(clabe: string): string {
  return clabe.slice(0, 3);
}

/** ABA routing number: 9 digits, 3-7-1 weighted sum divisible by 10. */
export function abaCheckDigit(first8: string): number {
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * w[i]!;
  return (10 - (sum % 10)) % 10;
}

/** @example validateAba('021000021') === null */
export function validateAba(value: string): string | null {
  if (value.length !== 9 || !digitsOnly.test(value)) return 'ABA routing number must be exactly 9 digits';
  if (Number(value[8]) !== abaCheckDigit(value.slice(0, 8))) return 'ABA routing number checksum fails';
  return null;
}

const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** The RFC check character computed over the first 11 (company) or 12 (person) characters. */
export function rfcCheckCharacter(withoutCheck: string): string {
  const padded = withoutCheck.length === 11 ? ` ${withoutCheck}` : withoutCheck;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const v = RFC_ALPHABET.indexOf(padded[i]!);
    sum += (v < 0 ? 0 : v) * (13 - i);
  }
  const remainder = sum % 11;
  if (remainder === 0) return '0';
  const digit = 11 - remainder;
  return digit === 10 ? 'A' : String(digit);
}

function validYymmdd(s: string): boolean {
  const month = Number(s.slice(2, 4));
  const day = Number(s.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** RFC: 13 characters for persons, 12 for companies; date of birth/incorporation and check character. */
export function validateRfc(raw: string): string | null {
  const value = raw.toUpperCase();
  const m = /^([A-ZÑ&]{3,4})(\d{6})([A-Z0-9]{2})([0-9A])$/.exec(value);
  if (!m) return 'RFC must be 3-4 letters, 6 digits (YYMMDD) and a 3-character homoclave';
  if (!validYymmdd(m[2]!)) return 'RFC date part is not a valid YYMMDD date';
  const expected = rfcCheckCharacter(value.slice(0, -1));
  if (m[4] !== expected) return `RFC check character should be ${expected}`;
  return null;
}

export function rfcKind(value: string): 'person' | 'company' {
  return value.length === 13 ? 'person' : 'company';
}

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const CURP_STATES = new Set(
  'AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE'.split(' '),
);

export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i]!) * (18 - i);
  return (10 - (sum % 10)) % 10;
}

/** CURP: 18 characters, birth date, sex, state of birth and a final check digit. */
export function validateCurp(raw: string): string | null {
  const value = raw.toUpperCase();
  const m = /^[A-Z][AEIOUX][A-Z]{2}(\d{6})([HMX])([A-Z]{2})[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z](\d)$/.exec(value);
  if (!m) return 'CURP must be 4 letters, YYMMDD, sex (H/M/X), state, 3 consonants, a differentiator and a check digit';
  if (!validYymmdd(m[1]!)) return 'CURP date part is not a valid YYMMDD date';
  if (!CURP_STATES.has(m[3]!)) return `CURP state code ${m[3]} is unknown`;
  const expected = curpCheckDigit(value.slice(0, 17));
  if (Number(m[4]) !== expected) return `CURP check digit should be ${expected}`;
  return null;
}

/** SSN shape: area not 000/666/9xx, group not 00, serial not 0000. Dashes optional. */
export function validateSsn(value: string): string | null {
  if (!/^(?!000|666|9\d\d)\d{3}-?(?!00)\d{2}-?(?!0000)\d{4}$/.test(value)) return 'SSN must be NNN-NN-NNNN with a valid area, group and serial';
  return null;
}

/** EIN shape: two-digit prefix, seven digits. Dash optional. */
export function validateEin(value: string): string | null {
  if (!/^\d{2}-?\d{7}$/.test(value)) return 'EIN must be NN-NNNNNNN';
  if (/^(00|07|08|09|17|18|19|28|29|49|69|70|78|79|89|96|97)/.test(value)) return 'EIN prefix is not assigned by the IRS';
  return null;
}

/** BIC (ISO 9362): 4 letters institution, 2 letters country, 2 location, optional 3 branch. */
export function validateBic(value: string): string | null {
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value)) return 'BIC must be 8 or 11 characters: AAAA CC LL [BBB]';
  return null;
}

/** The country of a BIC (characters 5-6). */
export function bicCountry(bic: string): string {
  return bic.slice(4, 6);
}

export type IdentifierKind = 'clabe' | 'aba' | 'rfc' | 'curp' | 'ssn' | 'ein' | 'bic' | 'passport' | 'phone' | 'crypto_address' | 'account';

const validators: Partial<Record<IdentifierKind, (value: string) => string | null>> = {
  clabe: validateClabe,
  aba: validateAba,
  rfc: validateRfc,
  curp: validateCurp,
  ssn: validateSsn,
  ein: validateEin,
  bic: validateBic,
};

/** Validates an identifier of the given kind; kinds without a rule only need to be non-empty. */
export function validateIdentifier(kind: IdentifierKind, value: string): string | null {
  if (value.trim() === '') return `${kind} is empty`;
  return validators[kind]?.(value) ?? null;
}
