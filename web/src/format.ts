const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

/** Money arrives as integer minor units; only the display divides. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const exponent = EXPONENTS[currency] ?? 2;
  try {
    return new Intl.NumberFormat(language === 'es' ? 'es-MX' : 'en-US', { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(minor / 10 ** exponent);
  } catch {
    return `${(minor / 10 ** exponent).toFixed(exponent)} ${currency}`;
  }
}

export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'es' ? 'es-MX' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
