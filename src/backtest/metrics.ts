/**
 * Backtest figures per typology from an alert stream, ground-truth labels and the size of the
 * monitored population: alert volume per 1,000 accounts per month, precision, recall, true cases
 * found and analyst hours. Detection is measured by the engine's `evaluateDetection`.
 */
import { evaluateDetection, type Label } from '../engine/index.ts';
import type { Alert } from '../domain/index.ts';

export type BacktestAlert = Pick<Alert, 'typologyId' | 'transactionIds'>;
export type TypologyInfo = { id: string; version: string; patterns: readonly string[]; alertThreshold: number };
export type Population = { accounts: number; months: number };

export type TypologyFigures = {
  id: string;
  version: string;
  threshold: number;
  alerts: number;
  alertsPerThousandAccountsPerMonth: number;
  /** Share of alerts that contain a labelled (laundering) transaction; null without labels. */
  precision: number | null;
  /** Instances of the typology's patterns detected by its alerts / instances; null when it names none or none occur. */
  recall: number | null;
  trueCasesFound: number;
  cases: number;
  analystHours: number;
};

const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * @example
 * typologyFigures({ id: 'cycle', version: '1.0.0', patterns: ['cycle'], alertThreshold: 4 }, alerts, labels, { accounts: 4000, months: 2 }, { minutesPerAlert: 30 })
 */
export function typologyFigures(typology: TypologyInfo, alerts: readonly BacktestAlert[], labels: readonly Label[] | null, population: Population, options: { minutesPerAlert: number; threshold?: number }): TypologyFigures {
  const own = alerts.filter((alert) => alert.typologyId === typology.id);
  const perThousand = population.accounts > 0 && population.months > 0 ? (own.length / population.accounts) * 1000 / population.months : 0;
  let precision: number | null = null;
  let recall: number | null = null;
  let found = 0;
  let cases = 0;
  if (labels !== null) {
    // The typology id stands in as the alert's only "pattern", so that evaluateDetection's
    // (non-strict) precision for it is the share of this typology's alerts that hit laundering.
    const report = evaluateDetection(own.map((alert) => ({ transactionIds: alert.transactionIds, patterns: [`typology:${typology.id}`] })), labels);
    precision = own.length === 0 ? null : (report.patterns[`typology:${typology.id}`]?.precision ?? 0);
    for (const pattern of typology.patterns) {
      const metrics = report.patterns[pattern];
      if (!metrics || metrics.support === 0) continue;
      cases += metrics.support;
      found += Math.round(metrics.recall * metrics.support);
    }
    recall = cases === 0 ? null : round(found / cases);
  }
  return {
    id: typology.id,
    version: typology.version,
    threshold: options.threshold ?? typology.alertThreshold,
    alerts: own.length,
    alertsPerThousandAccountsPerMonth: round(perThousand),
    precision,
    recall,
    trueCasesFound: found,
    cases,
    analystHours: round((own.length * options.minutesPerAlert) / 60, 1),
  };
}

/**
 * The scores a typology can reach (sums of subsets of its rule weights), to sweep thresholds over.
 * @example achievableScores([1, 2, 0.5]) // [0.5, 1, 1.5, 2, 2.5, 3, 3.5]
 */
export function achievableScores(weights: readonly number[]): number[] {
  let sums = new Set<number>([0]);
  for (const weight of weights) {
    const next = new Set(sums);
    for (const sum of sums) next.add(round(sum + weight, 6));
    sums = next;
    if (sums.size > 4096) break;
  }
  return [...sums].filter((sum) => sum > 0).sort((a, b) => a - b);
}

/**
 * Up to `points` thresholds around the default: the default and its nearest achievable
 * neighbours below and above (a threshold between two achievable scores behaves like the upper one).
 * @example sweepThresholds([1, 2, 0.5], 2.5, 5) // [1.5, 2, 2.5, 3, 3.5]
 */
export function sweepThresholds(weights: readonly number[], defaultThreshold: number, points = 7): number[] {
  const scores = achievableScores(weights);
  const below = scores.filter((score) => score < defaultThreshold);
  const above = scores.filter((score) => score > defaultThreshold);
  // Half the points on each side; a side with too few candidates leaves its share to the other.
  const half = Math.floor((points - 1) / 2);
  const aboveCount = Math.min(above.length, points - 1 - Math.min(half, below.length));
  const belowCount = Math.min(below.length, points - 1 - aboveCount);
  return [...below.slice(below.length - belowCount), defaultThreshold, ...above.slice(0, aboveCount)];
}
