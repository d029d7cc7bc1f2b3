/**
 * Detection quality against ground-truth labels (synthetic data), per laundering pattern.
 *
 * - An instance of pattern P is detected when any alert's `transactionIds` contains one of the
 *   instance's labelled transactions (whatever typology raised it). Recall = detected / instances;
 *   support = number of instances.
 * - Precision for P = share of the alerts whose `patterns` include P (the typologies designed to
 *   catch P) that contain at least one labelled transaction — laundering of any pattern, because an
 *   analyst who opens such an alert finds real laundering. With `strict`, only transactions
 *   labelled P count (a layered stack caught by the bipartite typology is then a false positive).
 * - Overall = micro-average: detected instances / all instances, and true alerts / alerts summed
 *   over patterns (an alert counts once for each pattern its typology names).
 */
import type { Alert } from '../domain/index.ts';

export type Label = { transactionId: string; pattern: string; instanceId: string };
export type PatternMetrics = { precision: number; recall: number; support: number };
export type DetectionReport = { patterns: Record<string, PatternMetrics>; overall: PatternMetrics };

type AlertLike = Pick<Alert, 'transactionIds' | 'patterns'>;

/**
 * @example
 * evaluateDetection([{ transactionIds: ['t1'], patterns: ['cycle'] }], [{ transactionId: 't1', pattern: 'cycle', instanceId: 'c-1' }])
 * // { patterns: { cycle: { precision: 1, recall: 1, support: 1 } }, overall: { precision: 1, recall: 1, support: 1 } }
 */
export function evaluateDetection(alerts: Iterable<AlertLike>, labels: Iterable<Label>, options: { strict?: boolean } = {}): DetectionReport {
  const patternsOfTransaction = new Map<string, Array<{ pattern: string; instanceKey: string }>>();
  const instances = new Map<string, Set<string>>();
  for (const label of labels) {
    const instanceKey = `${label.pattern}\u0000${label.instanceId}`;
    const list = patternsOfTransaction.get(label.transactionId) ?? [];
    list.push({ pattern: label.pattern, instanceKey });
    patternsOfTransaction.set(label.transactionId, list);
    const set = instances.get(label.pattern) ?? new Set<string>();
    set.add(instanceKey);
    instances.set(label.pattern, set);
  }
  const detected = new Set<string>();
  const alertCount = new Map<string, number>();
  const trueAlertCount = new Map<string, number>();
  for (const alert of alerts) {
    const coveredPatterns = new Set<string>();
    for (const id of alert.transactionIds) {
      for (const { pattern, instanceKey } of patternsOfTransaction.get(id) ?? []) {
        detected.add(instanceKey);
        coveredPatterns.add(pattern);
      }
    }
    for (const pattern of new Set(alert.patterns)) {
      alertCount.set(pattern, (alertCount.get(pattern) ?? 0) + 1);
      const hit = options.strict ? coveredPatterns.has(pattern) : coveredPatterns.size > 0;
      if (hit) trueAlertCount.set(pattern, (trueAlertCount.get(pattern) ?? 0) + 1);
    }
  }
  const names = [...new Set([...instances.keys(), ...alertCount.keys()])].sort();
  const patterns: Record<string, PatternMetrics> = {};
  let totalSupport = 0;
  let totalDetected = 0;
  let totalAlerts = 0;
  let totalTrue = 0;
  for (const name of names) {
    const keys = instances.get(name) ?? new Set<string>();
    const found = [...keys].filter((key) => detected.has(key)).length;
    const alertsForPattern = alertCount.get(name) ?? 0;
    const trueAlerts = trueAlertCount.get(name) ?? 0;
    patterns[name] = {
      precision: alertsForPattern === 0 ? 0 : round(trueAlerts / alertsForPattern),
      recall: keys.size === 0 ? 0 : round(found / keys.size),
      support: keys.size,
    };
    totalSupport += keys.size;
    totalDetected += found;
    totalAlerts += alertsForPattern;
    totalTrue += trueAlerts;
  }
  return {
    patterns,
    overall: {
      precision: totalAlerts === 0 ? 0 : round(totalTrue / totalAlerts),
      recall: totalSupport === 0 ? 0 : round(totalDetected / totalSupport),
      support: totalSupport,
    },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
