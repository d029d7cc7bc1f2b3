import { readFile } from 'node:fs/promises';
import { KeyRegistrySchema, verifyPackage, type VerifiedPackage } from '../advisories/index.ts';
import { createSqlAuditLog } from '../audit/index.ts';
import { CASES_MIGRATION_FOLDER, createSqlCaseRepository } from '../cases/index.ts';
import { createStore, migrateAll, MIGRATION_FOLDERS, type Database, type MigrationFolder } from '../store/index.ts';
import { createFiuHub } from '../fiu/index.ts';
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

/** The advisory package Frontera ships as an example, and the demonstration key registry it is signed under. */
const SHIPPED_ADVISORY_PACKAGES = [new URL('../advisories/examples/fin-2025-a003.package.json', import.meta.url)];
const DEMO_KEY_REGISTRY = new URL('../advisories/examples/demo-key-registry.json', import.meta.url);
/** Shipped packages are small; anything larger is not ours. */
const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;

async function readJson(url: URL): Promise<unknown> {
  const text = await readFile(url, 'utf8');
  if (Buffer.byteLength(text) > MAX_PACKAGE_BYTES) throw new RangeError(`${url.pathname} is larger than ${MAX_PACKAGE_BYTES} bytes`);
  return JSON.parse(text) as unknown;
}

/**
 * The shipped example advisory packages that verify against the demo key registry at `now`.
 * Fail closed: a package that does not verify (expired, altered) is not listed.
 * @example
 * const advisories = await loadShippedAdvisories('2026-01-01T00:00:00Z'); // [FIN-2025-A003]
 */
export async function loadShippedAdvisories(now: string): Promise<VerifiedPackage[]> {
  const registry = KeyRegistrySchema.parse(await readJson(DEMO_KEY_REGISTRY));
  const verified: VerifiedPackage[] = [];
  for (const url of SHIPPED_ADVISORY_PACKAGES) {
    const result = verifyPackage(await readJson(url), registry, { now });
    if (result.ok) verified.push(result.value);
  }
  return verified;
}

/**
 * Applies pending migrations and builds the services the server exposes over one database. The
 * filer profile is the fictional demo filer; a deployment overrides `filerProfile`. The shipped
 * example advisory package is listed only if it verifies against the demo key registry at `now`.
 * @example
 * const database = await openDatabase(config);
 * const app = await createServer({ db: database, services: await prepareServices(database) });
 */
export async function prepareServices(database: Database, options: { now?: string } = {}): Promise<ApiServices> {
  await migrateAll(database, serverMigrationFolders());
  const screeningIndex = buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]);
  return {
    store: createStore(database),
    audit: createSqlAuditLog(database),
    cases: createSqlCaseRepository(database),
    filerProfile: DEMO_FILER_PROFILE,
    // The lists Frontera ships; a deployment adds OFAC, UN and the UIF list with `screeningIndex`.
    screeningIndex,
    // The FIU hub over the same database; triage screens report subjects against the same lists.
    fiu: createFiuHub({ database, designations: screeningIndex }),
    typologies: loadBuiltinTypologies().map((typology) => typology.document),
    // Verified at start-up; the adapter reads the clock when the caller gives no time.
    advisories: await loadShippedAdvisories(options.now ?? new Date().toISOString()),
  };
}
