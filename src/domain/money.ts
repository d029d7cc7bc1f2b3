import { z } from 'zod';

/** ISO 4217 currency code. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** Money is always integer minor units plus a currency, never a float. */
export const MinorUnits = z.number().int('must be an integer number of minor units').safe();

/** Decimal places per currency; ISO 4217 exponent, 2 unless listed. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * Parses a decimal amount text into integer minor units without going through a float.
 * @example toMinorUnits('9500.10', 'USD') === 950010
 */
export function toMinorUnits(text: string, currency: string): number | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const exponent = currencyExponent(currency);
  const fraction = m[3] ?? '';
  if (fraction.length > exponent && !/^0*$/.test(fraction.slice(exponent))) return null;
  const units = Number(m[2]! + fraction.padEnd(exponent, '0').slice(0, exponent));
  if (!Number.isSafeInteger(units)) return null;
  return m[1] === '-' ? -units : units;
}

/** Formats minor units as a decimal string, e.g. 950010 USD → "9500.10". */
export function formatMinorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${sign}${abs.slice(0, -exponent)}.${abs.slice(-exponent)}`;
}

/** Rates as units of the currency per one US dollar, e.g. { MXN: 17.2 }. */
export const RateTableSchema = z.object({
  base: z.literal('USD').default('USD'),
  asOf: z.string().optional(),
  rates: z.record(CurrencyCode, z.number().positive()),
});
export type RateTable = z.infer<typeof RateTableSchema>;

/** Built-in rates for the demo and the synthetic corridor; users supply their own table with --rates. */
export const DEFAULT_RATES: RateTable = {
  base: 'USD',
  asOf: '2026-01-01',
  rates: { USD: 1, MXN: 18.5, EUR: 0.92, CAD: 1.37, GBP: 0.79, CNY: 7.2, GTQ: 7.7, COP: 4000, JPY: 150, HKD: 7.8 },
};

export class UnknownCurrencyError extends Error {
  constructor(readonly currency: string) {
    super(`no exchange rate for currency ${currency}`);
    this.name = 'UnknownCurrencyError';
  }
}

/**
 * Converts an amount to US cents with the given rate table.
 * @example toUsdMinor(1850000, 'MXN', DEFAULT_RATES) === 100000 // MXN 18,500.00 → USD 1,000.00
 */
export function toUsdMinor(amountMinor: number, currency: string, table: RateTable): number {
  if (currency === 'USD') return amountMinor;
  const rate = table.rates[currency];
  if (rate === undefined) throw new UnknownCurrencyError(currency);
  const major = amountMinor / 10 ** currencyExponent(currency);
  return Math.round((major / rate) * 100);
}
