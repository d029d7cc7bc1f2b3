import type { MigrationFolder } from './migrator.ts';

/**
 * Every module's migration folder, in one list. Version ranges (inclusive) are reserved per
 * module so modules never collide:
 *
 * | range     | module                   | folder                        |
 * | --------- | ------------------------ | ----------------------------- |
 * | 0001–0099 | store (log, alerts, …)   | src/store/migrations/         |
 * | 0100–0199 | screening                | src/screening/migrations/     |
 * | 0200–0299 | cases, reports, audit    | src/cases/migrations/         |
 * | 0300–0399 | FIU hub                  | src/fiu/migrations/           |
 * | 0400–0499 | sharing                  | src/sharing/migrations/       |
 * | 0500–0599 | API, users, sessions     | src/api/migrations/           |
 * | 0600–0699 | live monitoring          | src/monitor/migrations/       |
 *
 * To add a module: create its folder with `NNNN-kebab-name.sql` files in its range and add one
 * line below. Only folders are listed (no code is imported), so the store depends on no module.
 * A folder listed here must exist; an applied migration must never be edited (its checksum is
 * checked), add a new one instead.
 */
export const MIGRATION_FOLDERS: readonly MigrationFolder[] = [
  { module: 'store', range: [1, 99], folder: new URL('./migrations/', import.meta.url) },
  { module: 'screening', range: [100, 199], folder: new URL('../screening/migrations/', import.meta.url) },
  { module: 'cases', range: [200, 299], folder: new URL('../cases/migrations/', import.meta.url) },
  { module: 'fiu', range: [300, 399], folder: new URL('../fiu/migrations/', import.meta.url) },
  { module: 'sharing', range: [400, 499], folder: new URL('../sharing/migrations/', import.meta.url) },
  { module: 'api', range: [500, 599], folder: new URL('../api/migrations/', import.meta.url) },
  { module: 'monitor', range: [600, 699], folder: new URL('../monitor/migrations/', import.meta.url) },
];

/** Reserved ranges, for modules that validate their own numbering in tests. */
export const MIGRATION_RANGES = {
  store: [1, 99],
  screening: [100, 199],
  cases: [200, 299],
  fiu: [300, 399],
  sharing: [400, 499],
  api: [500, 599],
  monitor: [600, 699],
} as const satisfies Record<string, readonly [number, number]>;
