import type { Case } from './schemas.ts';
import { addMexicanBusinessDays, nthMexicanBusinessDayOfMonth } from './calendar.ts';

export type DeadlineKind =
  | 'fincen-sar'
  | 'fincen-sar-continuing-review'
  | 'fincen-ctr'
  | 'uif-committee-decision'
  | 'uif-inusual'
  | 'uif-blocked-list'
  | 'uif-relevantes-quarter';

export type Deadline = {
  kind: DeadlineKind;
  /** The moment by which it must be done (ISO date-time, UTC). */
  dueAt: string;
  /** The rule in plain words, with its source. */
  rule: string;
  /** Met when a matching filing exists. */
  met: boolean;
};

const DAY_MS = 86_400_000;

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** End of a Mexico City business day (UTC−6, no daylight saving since 2022). */
function endOfMexicoCityDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59-06:00`)).toISOString();
}

function mexicoCityDate(iso: string): string {
  return new Date(Date.parse(iso) - 6 * 3_600_000).toISOString().slice(0, 10);
}

function hasFiling(kase: Case, format: Case['filings'][number]['format'], after?: string): boolean {
  return kase.filings.some((f) => f.format === format && f.acknowledgementStatus !== 'rejected' && (after === undefined || f.filedAt >= after));
}

/**
 * Every deadline that applies to a case, from the rules in DESIGN.md:
 * SAR 30 days from initial detection (60 when no suspect is identified), continuing-activity
 * review 90 days after each SAR, CTR 15 days after the business day of the cash, UIF inusual
 * 3 Mexican business days after the committee's decision (which is due 60 days after the alert),
 * blocked-list hit 24 hours, relevantes in the first 10 business days after the quarter.
 * @example computeDeadlines(kase).map((d) => d.kind) // ['fincen-sar']
 */
export function computeDeadlines(kase: Case, extraHolidays: readonly string[] = []): Deadline[] {
  const deadlines: Deadline[] = [];
  if (kase.status === 'closed_no_file') return deadlines;
  if (kase.jurisdiction === 'US') {
    if (kase.alerts.length > 0 || kase.ctrBusinessDay === undefined) {
      const days = kase.suspectIdentified ? 30 : 60;
      deadlines.push({
        kind: 'fincen-sar',
        dueAt: plusDays(kase.detectedAt, days),
        rule: `SAR within ${days} calendar days of initial detection${kase.suspectIdentified ? '' : ' (no suspect identified)'} (31 CFR 1020.320(b)(3))`,
        met: hasFiling(kase, 'fincen-sar'),
      });
    }
    const sars = kase.filings.filter((f) => f.format === 'fincen-sar' && f.acknowledgementStatus !== 'rejected').sort((a, b) => a.filedAt.localeCompare(b.filedAt));
    const lastSar = sars[sars.length - 1];
    if (lastSar && kase.status === 'filed') {
      const dueAt = plusDays(lastSar.filedAt, 90);
      deadlines.push({ kind: 'fincen-sar-continuing-review', dueAt, rule: 'continuing-activity review 90 days after the last SAR (FinCEN SAR FAQ)', met: hasFiling(kase, 'fincen-sar', dueAt) });
    }
    if (kase.ctrBusinessDay !== undefined) {
      deadlines.push({
        kind: 'fincen-ctr',
        dueAt: plusDays(`${kase.ctrBusinessDay}T23:59:59Z`, 15),
        rule: 'CTR within 15 calendar days after the business day of the cash transactions (31 CFR 1010.306(a)(1))',
        met: hasFiling(kase, 'fincen-ctr'),
      });
    }
  } else {
    if (kase.blockedListHitAt !== undefined) {
      deadlines.push({ kind: 'uif-blocked-list', dueAt: plusDays(kase.blockedListHitAt, 1), rule: 'Lista de Personas Bloqueadas match: suspend and report to the UIF within 24 hours', met: hasFiling(kase, 'uif-inusual') });
    }
    if (kase.committeeDecisionAt === undefined) {
      deadlines.push({ kind: 'uif-committee-decision', dueAt: plusDays(kase.detectedAt, 60), rule: 'Comité de Comunicación y Control decides within 60 calendar days of the alert', met: false });
    } else {
      const due = addMexicanBusinessDays(mexicoCityDate(kase.committeeDecisionAt), 3, extraHolidays);
      const format = kase.subject.relationship === 'employee' ? 'uif-interna-preocupante' : 'uif-inusual';
      deadlines.push({ kind: 'uif-inusual', dueAt: endOfMexicoCityDay(due), rule: 'reporte de operación inusual / interna preocupante within 3 business days after the committee decision (Mexican banking holidays)', met: hasFiling(kase, format) });
    }
    const cashOver = kase.transactions.some((t) => t.channel === 'cash_deposit' || t.channel === 'cash_withdrawal');
    if (cashOver && kase.transactions.length > 0) {
      const last = kase.transactions.map((t) => t.time).sort().at(-1)!;
      const month = Number(mexicoCityDate(last).slice(5, 7));
      const year = Number(last.slice(0, 4));
      const nextQuarterMonth = Math.floor((month - 1) / 3) * 3 + 4;
      const dueYear = nextQuarterMonth > 12 ? year + 1 : year;
      const dueMonth = nextQuarterMonth > 12 ? 1 : nextQuarterMonth;
      deadlines.push({
        kind: 'uif-relevantes-quarter',
        dueAt: endOfMexicoCityDay(nthMexicanBusinessDayOfMonth(dueYear, dueMonth, 10, extraHolidays)),
        rule: 'operaciones relevantes within the first 10 business days of January, April, July and October',
        met: hasFiling(kase, 'uif-relevante'),
      });
    }
  }
  return deadlines;
}

export type DeadlineWarning = Deadline & { state: 'overdue' | 'due_soon'; hoursLeft: number; message: string };

/**
 * Deadlines not yet met that are overdue or fall due within `warnWithinHours` of `now`.
 * @example deadlineWarnings(kase, '2026-02-01T00:00:00Z')[0]?.state === 'overdue'
 */
export function deadlineWarnings(kase: Case, now: string, options: { warnWithinHours?: number; extraHolidays?: readonly string[] } = {}): DeadlineWarning[] {
  const within = options.warnWithinHours ?? 72;
  const nowMs = Date.parse(now);
  return computeDeadlines(kase, options.extraHolidays)
    .filter((d) => !d.met)
    .map((d) => ({ ...d, hoursLeft: Math.floor((Date.parse(d.dueAt) - nowMs) / 3_600_000) }))
    .filter((d) => d.hoursLeft < within)
    .map((d) => ({
      ...d,
      state: d.hoursLeft < 0 ? ('overdue' as const) : ('due_soon' as const),
      message: d.hoursLeft < 0 ? `${d.kind} overdue by ${-d.hoursLeft} h (was due ${d.dueAt})` : `${d.kind} due in ${d.hoursLeft} h (${d.dueAt})`,
    }));
}
