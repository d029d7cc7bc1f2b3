/**
 * Mexican banking calendar (días inhábiles bancarios), computed, not looked up.
 *
 * Rules, as the CNBV publishes them each year for credit institutions (the yearly
 * "calendario de días inhábiles" under the Ley de Instituciones de Crédito): banks close on
 * Saturdays and Sundays and on
 * - 1 January (Año Nuevo);
 * - the first Monday of February (Día de la Constitución, Ley Federal del Trabajo art. 74);
 * - the third Monday of March (natalicio de Benito Juárez);
 * - Holy Thursday and Good Friday (Jueves y Viernes Santo, two and three days before Easter);
 * - 1 May (Día del Trabajo);
 * - 16 September (Independencia);
 * - 1 October of each year in which a President takes office (every six years from 2024: 2024, 2030 …);
 * - 2 November (Día de Muertos);
 * - the third Monday of November (Revolución);
 * - 12 December (Día de la Virgen de Guadalupe);
 * - 25 December (Navidad).
 * Holidays falling on a weekend are not moved. The CNBV can add days by resolution; pass them
 * as `extraHolidays` where the deadline functions accept them.
 */

/** Easter Sunday (Gregorian calendar, anonymous algorithm). Months are 1-based. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function nthMonday(year: number, month: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const offset = (8 - first) % 7; // days from the 1st to the first Monday
  return isoDate(year, month, 1 + offset + 7 * (n - 1));
}

/**
 * Mexican banking holidays of one year, as ISO dates, in calendar order.
 * @example mexicanBankingHolidays(2026).includes('2026-04-02') // Jueves Santo
 */
export function mexicanBankingHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const easterUtc = Date.UTC(year, easter.month - 1, easter.day);
  const daysBeforeEaster = (n: number) => new Date(easterUtc - n * 86_400_000).toISOString().slice(0, 10);
  const days = [
    isoDate(year, 1, 1),
    nthMonday(year, 2, 1),
    nthMonday(year, 3, 3),
    daysBeforeEaster(3),
    daysBeforeEaster(2),
    isoDate(year, 5, 1),
    isoDate(year, 9, 16),
    isoDate(year, 11, 2),
    nthMonday(year, 11, 3),
    isoDate(year, 12, 12),
    isoDate(year, 12, 25),
  ];
  if (year >= 2024 && (year - 2024) % 6 === 0) days.push(isoDate(year, 10, 1));
  return days.sort();
}

/** Whether a date (YYYY-MM-DD) is a Mexican banking business day. */
export function isMexicanBusinessDay(date: string, extraHolidays: readonly string[] = []): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(date.slice(0, 4));
  return !mexicanBankingHolidays(year).includes(date) && !extraHolidays.includes(date);
}

/**
 * The date `count` Mexican business days after `date` (the start day itself does not count).
 * @example addMexicanBusinessDays('2026-03-13', 3) === '2026-03-19' // Monday 16 March is Juárez
 */
export function addMexicanBusinessDays(date: string, count: number, extraHolidays: readonly string[] = []): string {
  let cursor = Date.parse(`${date}T00:00:00Z`);
  let remaining = count;
  while (remaining > 0) {
    cursor += 86_400_000;
    if (isMexicanBusinessDay(new Date(cursor).toISOString().slice(0, 10), extraHolidays)) remaining--;
  }
  return new Date(cursor).toISOString().slice(0, 10);
}

/** The n-th business day of a month (1-based), e.g. the last day to file relevantes. */
export function nthMexicanBusinessDayOfMonth(year: number, month: number, n: number, extraHolidays: readonly string[] = []): string {
  const dayBefore = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  return addMexicanBusinessDays(dayBefore, n, extraHolidays);
}
