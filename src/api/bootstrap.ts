import { createSqlAuditLog } from '../audit/index.ts';
import { CASES_MIGRATION_FOLDER, createSqlCaseRepository } from '../cases/index.ts';
import { createStore, migrateAll, MIGRATION_FOLDERS, type Database, type MigrationFolder } from '../store/index.ts';
import { DEMO_FILER_PROFILE } from './demo-filer-profile.ts';
import { buildScreeningIndex, section2313aList, usFto2025List } from '../screening/index.ts';
import { loadBuiltinTypologies } from '../typologies/index.ts';
import type { ApiServices } from './services.ts';

/** The API/auth migration folder (versions 0500–0599) for the store's migrator. */
export const API_MIGRATION_FOLDER: MigrationFolder = { module: 'api', range: [500, 599], folder: new URL('./migrations/', import.meta.url) };

/**
 * Every migration folder the server needs: the store's registry plus the modules the API
 * wraps, each module once (the registry wins when it already lists one).
 */
export function serverMigrationFolders(): MigrationFolder[] {
  const folders = [...MIGRATION_FOLDERS];
  for (const extra of [CASES_MIGRATION_FOLDER, API_MIGRATION_FOLDER]) {
    if (!folders.some((folder) => folder.module === extra.module)) folders.push(extra);
  }
  return folders;
}

/**
 * Applies pending migrations and builds the services the server exposes over one database. The
 * filer profile is the fictional demo filer; a deployment overrides `filerProfile`.
 * @example
 * const database = await openDatabase(config);
 * const app = await createServer({ db: database, services: await prepareServices(database) });
 */
export async function prepareServices(database: Database): Promise<ApiServices> {
  await migrateAll(database, serverMigrationFolders());
  return {
    store: createStore(database),
    audit: createSqlAuditLog(database),
    cases: createSqlCaseRepository(database),
    filerProfile: DEMO_FILER_PROFILE,
    // The lists Frontera ships; a deployment adds OFAC, UN and the UIF list with `screeningIndex`.
    screeningIndex: buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]),
    typologies: loadBuiltinTypologies().map((typology) => typology.document),
  };
}
