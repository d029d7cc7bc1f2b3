import type { Alert } from '../domain/index.ts';
import type { Label } from '../synth/index.ts';

export type TypologyBacktest = {
  precision: number | null;
  recall: number | null;
  alerts: number;
  byPattern: Array<{ pattern: string; alerts: number; truePositives: number }>;
};

/**
 * Per typology: how many alerts, the share covering a labelled laundering transaction
 * (precision), and the share of the instances of its own patterns it found (recall).
 * @example summariseBacktest(alerts, labels)['structuring-ctr']?.precision
 */
export function summariseBacktest(alerts: readonly Alert[], labels: readonly Label[]): Record<string, TypologyBacktest> {
  const labelsOf = new Map<string, Label[]>();
  const instancesOfPattern = new Map<string, Set<string>>();
  for (const label of labels) {
    labelsOf.set(label.transactionId, [...(labelsOf.get(label.transactionId) ?? []), label]);
    const instances = instancesOfPattern.get(label.pattern) ?? new Set<string>();
    instances.add(label.instanceId);
    instancesOfPattern.set(label.pattern, instances);
  }
  const byTypology = new Map<string, { alerts: number; truePositives: number; found: Set<string>; patterns: Set<string>; byPattern: Map<string, { alerts: number; truePositives: number }> }>();
  for (const alert of alerts) {
    const entry = byTypology.get(alert.typologyId) ?? { alerts: 0, truePositives: 0, found: new Set<string>(), patterns: new Set(alert.patterns), byPattern: new Map() };
    entry.alerts++;
    const covered = alert.transactionIds.flatMap((id) => labelsOf.get(id) ?? []);
    if (covered.length > 0) entry.truePositives++;
    for (const label of covered) entry.found.add(`${label.pattern}\u0000${label.instanceId}`);
    for (const pattern of new Set(covered.map((label) => label.pattern))) {
      const counts = entry.byPattern.get(pattern) ?? { alerts: 0, truePositives: 0 };
      counts.alerts++;
      counts.truePositives++;
      entry.byPattern.set(pattern, counts);
    }
    byTypology.set(alert.typologyId, entry);
  }
  const result: Record<string, TypologyBacktest> = {};
  for (const [typologyId, entry] of byTypology) {
    let instances = 0;
    let found = 0;
    for (const pattern of entry.patterns) {
      const all = instancesOfPattern.get(pattern) ?? new Set<string>();
      instances += all.size;
      for (const instance of all) if (entry.found.has(`${pattern}\u0000${instance}`)) found++;
    }
    result[typologyId] = {
      precision: entry.alerts > 0 ? entry.truePositives / entry.alerts : null,
      recall: instances > 0 ? found / instances : null,
      alerts: entry.alerts,
      byPattern: [...entry.byPattern].map(([pattern, counts]) => ({ pattern, ...counts })),
    };
  }
  return result;
}
