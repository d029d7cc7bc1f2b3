/**
 * Text shaping shared by the renderers. Each format has its own alphabet; values are shaped
 * here, after the pre-render checks have refused what cannot be shaped without losing meaning.
 */

/** FinCEN RestrictString: no tabs or line breaks, no leading or trailing space, at most `max` characters. */
export function fincenText(value: string, max: number): string {
  return value.replace(/[\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim().slice(0, max).trim();
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

/** YYYY-MM-DD or ISO date-time → YYYYMMDD. */
export function yyyymmdd(isoDateOrTime: string): string {
  return isoDateOrTime.slice(0, 10).replace(/-/g, '');
}

/**
 * Upper case without accents, keeping Ñ: the SAT and UIF alphabets (`[A-ZÑ ]`).
 * @example satUpper('José Núñez-Peña') === 'JOSE NUÑEZ-PEÑA'
 */
export function satUpper(value: string): string {
  return value
    .toUpperCase()
    .replace(/Ñ/g, '\u0000')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0000/g, 'Ñ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps only the characters of an alphabet (a character class body such as `A-ZÑ `). */
export function keepOnly(value: string, characterClass: string): string {
  return value.replace(new RegExp(`[^${characterClass}]`, 'g'), '').replace(/ {2,}/g, ' ').trim();
}

/** Whole US dollars, rounded up as FinCEN asks for amounts ("round up to the next whole dollar"). */
export function wholeDollarsUp(usdMinor: number): number {
  return Math.ceil(usdMinor / 100);
}
