export { createEngine, subjectKeyOf } from './engine.ts';
export type { Engine, EngineOptions, EngineStats, ProcessResult, AlertUpdate, EvaluationErrorRecord } from './engine.ts';
export { CorruptCheckpointError } from './binary.ts';
export { SOUTHWEST_BORDER_ZIP_CODES, stateOfPostalCode } from './geography.ts';
export { DEFAULT_BANDS } from './features.ts';
export type { ThresholdBands } from './features.ts';
export { DEFAULT_GRAPH_OPTIONS } from './graph.ts';
export type { GraphOptions } from './graph.ts';
export { IdempotencyFilter } from './idempotency.ts';
