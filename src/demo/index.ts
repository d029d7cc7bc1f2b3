export { prepareDemoCorridor, resolveDemoSubject, resolveDemoSubjectKey, subjectFromParty, demoVehicleOperation } from './demo-corridor.ts';
export type { DemoCorridor } from './demo-corridor.ts';
export { summariseBacktest } from './backtest-summary.ts';
export type { TypologyBacktest } from './backtest-summary.ts';
export { startLiveFeed } from './live-feed.ts';
export type { LiveFeed } from './live-feed.ts';
export { seedDemoFiuHub, DEMO_AGENCY } from './fiu-hub.ts';
export type { DemoFiuOptions, DemoFiuSummary } from './fiu-hub.ts';
