export { EnforcementActionSchema } from './schema.ts';
export type { EnforcementAction } from './schema.ts';
export { ENFORCEMENT_ACTIONS, enforcementActionById, actionsForTypology, formatEnforcementAction } from './library.ts';
