export { generateCorridor, instancesPerPattern, SynthOptionsSchema } from './generator.ts';
export type { Corridor, CorridorBatch, Label, PlannedInstance, SynthOptions, SynthOptionsInput } from './generator.ts';
export { writeCorridorFiles, OUTPUT_FORMATS } from './files.ts';
export type { Manifest, OutputFormat, WriteProgress } from './files.ts';
export { PATTERNS } from './draft.ts';
export type { PatternName } from './draft.ts';
export { TransactionCsvEncoder, csvField, TRANSACTION_COLUMNS, PARTY_COLUMNS, ACCOUNT_COLUMNS, INSTITUTION_COLUMNS, LABEL_COLUMNS } from './csv.ts';
export { createRandom, Random } from './random.ts';
