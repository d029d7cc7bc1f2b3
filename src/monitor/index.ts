export { createMonitor, listEvaluationErrors } from './monitor.ts';
export type { Monitor, MonitorOptions, CatchUpResult } from './monitor.ts';
