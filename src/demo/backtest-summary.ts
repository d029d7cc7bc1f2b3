import { typologyFigures } from '../backtest/index.ts';
import type { Alert } from '../domain/index.ts';
import type { Label } from '../synth/index.ts';

export type TypologyBacktest = {
  precision: number | null;
  recall: number | null;
  alerts: number;
  byPattern: Array<{ pattern: string; alerts: number; truePositives: number }>;
};

/**
 * Per typology raising alerts: how many, the share covering a labelled laundering transaction
 * (precision) and the share of the instances of its own patterns it found (recall) — the
 * backtest's `typologyFigures` — plus, per laundering pattern, how many of its alerts landed on it.
 * @example summariseBacktest(alerts, labels)['structuring-ctr']?.precision
 */
export function summariseBacktest(alerts: readonly Alert[], labels: readonly Label[]): Record<string, TypologyBacktest> {
  const patternsOf = new Map<string, Set<string>>();
  for (const label of labels) patternsOf.set(label.transactionId, (patternsOf.get(label.transactionId) ?? new Set<string>()).add(label.pattern));
  const byTypology = new Map<string, Alert[]>();
  for (const alert of alerts) byTypology.set(alert.typologyId, [...(byTypology.get(alert.typologyId) ?? []), alert]);

  const result: Record<string, TypologyBacktest> = {};
  for (const [typologyId, own] of byTypology) {
    const first = own[0]!;
    const figures = typologyFigures({ id: typologyId, version: first.typologyVersion, patterns: first.patterns, alertThreshold: 0 }, own, labels, { accounts: 0, months: 0 }, { minutesPerAlert: 0 });
    const byPattern = new Map<string, number>();
    for (const alert of own) {
      const covered = new Set(alert.transactionIds.flatMap((id) => [...(patternsOf.get(id) ?? [])]));
      for (const pattern of covered) byPattern.set(pattern, (byPattern.get(pattern) ?? 0) + 1);
    }
    result[typologyId] = {
      precision: figures.precision,
      recall: figures.recall,
      alerts: figures.alerts,
      byPattern: [...byPattern].map(([pattern, count]) => ({ pattern, alerts: count, truePositives: count })),
    };
  }
  return result;
}
