export { typologyFigures, achievableScores, sweepThresholds } from './metrics.ts';
export type { BacktestAlert, TypologyInfo, Population, TypologyFigures } from './metrics.ts';
export { runBacktest, monthsSpanned, formatBacktest } from './run.ts';
export type { EngineFactory, SweepPoint, TypologyBacktest, BacktestReport, BacktestOptions } from './run.ts';
