/**
 * Replays history through the engine: once at the typologies' own thresholds and, for the
 * threshold sweep, once per sweep point with every typology's alert threshold moved to its next
 * candidate. Re-running (rather than re-scoring stored alerts) is what is correct: an alert that a
 * higher threshold removes no longer opens a cooldown, so a later transaction may alert instead,
 * and a lower threshold creates alerts that were never stored.
 */
import type { Transaction } from '../domain/index.ts';
import type { Label } from '../engine/index.ts';
import { loadTypology, type CompiledTypology } from '../typologies/index.ts';
import { sweepThresholds, typologyFigures, type BacktestAlert, type Population, type TypologyFigures } from './metrics.ts';

/** The engine as the backtest needs it (the engine module's `createEngine` fits). */
export type EngineFactory = (options: { typologies: readonly CompiledTypology[] }) => {
  process(transaction: Transaction): { alerts: ReadonlyArray<BacktestAlert & { id: string }>; updates: ReadonlyArray<{ alertId: string; transactionIds: readonly string[] }> };
};

export type SweepPoint = { threshold: number; alerts: number; alertsPerThousandAccountsPerMonth: number; precision: number | null; recall: number | null };
export type TypologyBacktest = TypologyFigures & { sweep: SweepPoint[] };
export type BacktestReport = { accounts: number; months: number; transactions: number; minutesPerAlert: number; labelled: boolean; typologies: TypologyBacktest[] };

export type BacktestOptions = {
  transactions: readonly Transaction[];
  typologies: readonly CompiledTypology[];
  labels: readonly Label[] | null;
  population: Population;
  minutesPerAlert: number;
  createEngine: EngineFactory;
  /** Sweep points per typology (0 = no sweep). */
  sweepPoints?: number;
};

function replay(createEngine: EngineFactory, typologies: readonly CompiledTypology[], transactions: readonly Transaction[]): BacktestAlert[] {
  const engine = createEngine({ typologies });
  const alerts = new Map<string, { typologyId: string; transactionIds: string[] }>();
  for (const transaction of transactions) {
    const result = engine.process(transaction);
    for (const alert of result.alerts) alerts.set(alert.id, { typologyId: alert.typologyId, transactionIds: [...alert.transactionIds] });
    for (const update of result.updates) alerts.get(update.alertId)?.transactionIds.push(...update.transactionIds);
  }
  return [...alerts.values()];
}

function withThreshold(typology: CompiledTypology, threshold: number): CompiledTypology {
  const { interdictionThreshold, ...rest } = typology.document;
  const document = interdictionThreshold === undefined ? { ...rest, alertThreshold: threshold } : { ...rest, alertThreshold: threshold, interdictionThreshold: Math.max(interdictionThreshold, threshold) };
  const loaded = loadTypology(document);
  if (!loaded.ok) throw new RangeError(`${typology.id}: threshold ${threshold} does not load: ${loaded.issues.map((issue) => issue.reason).join('; ')}`);
  return loaded.value;
}

/**
 * @example
 * const report = runBacktest({ transactions, typologies: loadBuiltinTypologies(), labels, population: { accounts: 4000, months: 2 }, minutesPerAlert: 30, createEngine, sweepPoints: 7 });
 */
export function runBacktest(options: BacktestOptions): BacktestReport {
  const info = (t: CompiledTypology): { id: string; version: string; patterns: readonly string[]; alertThreshold: number } => ({ id: t.id, version: t.version, patterns: t.document.patterns, alertThreshold: t.document.alertThreshold });
  const base = replay(options.createEngine, options.typologies, options.transactions);
  const results: TypologyBacktest[] = options.typologies.map((t) => ({ ...typologyFigures(info(t), base, options.labels, options.population, { minutesPerAlert: options.minutesPerAlert }), sweep: [] }));
  const points = options.sweepPoints ?? 0;
  if (points > 0) {
    const plans = options.typologies.map((t) => sweepThresholds(t.document.rules.filter((rule) => rule.weight > 0).map((rule) => rule.weight), t.document.alertThreshold, points));
    const passes = Math.max(0, ...plans.map((plan) => plan.length));
    for (let pass = 0; pass < passes; pass++) {
      const adjusted: CompiledTypology[] = [];
      const thresholds = new Map<string, number>();
      options.typologies.forEach((t, index) => {
        const threshold = plans[index]?.[pass];
        if (threshold === undefined) return;
        thresholds.set(t.id, threshold);
        // The default threshold's figures come from the base replay.
        if (threshold !== t.document.alertThreshold) adjusted.push(withThreshold(t, threshold));
      });
      const alerts = adjusted.length > 0 ? replay(options.createEngine, adjusted, options.transactions) : [];
      options.typologies.forEach((t, index) => {
        const threshold = thresholds.get(t.id);
        const target = results[index];
        if (threshold === undefined || target === undefined) return;
        const source = threshold === t.document.alertThreshold ? base : alerts;
        const figures = typologyFigures(info(t), source, options.labels, options.population, { minutesPerAlert: options.minutesPerAlert, threshold });
        target.sweep.push({ threshold, alerts: figures.alerts, alertsPerThousandAccountsPerMonth: figures.alertsPerThousandAccountsPerMonth, precision: figures.precision, recall: figures.recall });
      });
    }
  }
  return { accounts: options.population.accounts, months: options.population.months, transactions: options.transactions.length, minutesPerAlert: options.minutesPerAlert, labelled: options.labels !== null, typologies: results };
}

/** The population of a replay: months from the data span (at least one day). */
export function monthsSpanned(transactions: readonly Transaction[]): number {
  let first = Infinity;
  let last = -Infinity;
  for (const transaction of transactions) {
    const time = Date.parse(transaction.time);
    if (time < first) first = time;
    if (time > last) last = time;
  }
  if (!Number.isFinite(first)) return 0;
  return Math.max(86_400_000, last - first) / (30.4375 * 86_400_000);
}

/** A readable table of a report. */
export function formatBacktest(report: BacktestReport): string {
  const pct = (value: number | null): string => (value === null ? '—' : value.toFixed(3));
  const header = `${'typology'.padEnd(30)}${'thr'.padStart(6)}${'alerts'.padStart(8)}${'/1k/mo'.padStart(9)}${'prec'.padStart(7)}${'recall'.padStart(8)}${'found'.padStart(9)}${'hours'.padStart(8)}`;
  const lines = [`${report.transactions} transactions, ${report.accounts} accounts, ${report.months.toFixed(2)} months, ${report.minutesPerAlert} min/alert${report.labelled ? '' : ', no labels'}`, header];
  for (const t of report.typologies) {
    lines.push(`${t.id.padEnd(30)}${String(t.threshold).padStart(6)}${String(t.alerts).padStart(8)}${t.alertsPerThousandAccountsPerMonth.toFixed(2).padStart(9)}${pct(t.precision).padStart(7)}${pct(t.recall).padStart(8)}${`${t.trueCasesFound}/${t.cases}`.padStart(9)}${t.analystHours.toFixed(1).padStart(8)}`);
    for (const point of t.sweep) {
      lines.push(`${'  sweep'.padEnd(30)}${String(point.threshold).padStart(6)}${String(point.alerts).padStart(8)}${point.alertsPerThousandAccountsPerMonth.toFixed(2).padStart(9)}${pct(point.precision).padStart(7)}${pct(point.recall).padStart(8)}`);
    }
  }
  const total = report.typologies.reduce((sum, t) => sum + t.alerts, 0);
  const perThousand = report.accounts > 0 && report.months > 0 ? (total / report.accounts) * 1000 / report.months : 0;
  lines.push(`${'all'.padEnd(30)}${''.padStart(6)}${String(total).padStart(8)}${perThousand.toFixed(2).padStart(9)}`);
  return lines.join('\n');
}
