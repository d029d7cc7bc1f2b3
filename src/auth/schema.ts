import { readdir, readFile } from 'node:fs/promises';
import { AUTH_MIGRATION_FOLDER, type SqlClient } from './sql.ts';

/**
 * Creates the auth tables when they are missing, for databases opened without the store's
 * migrator (tests on a bare PGlite). Every statement is `IF NOT EXISTS`, so running it after the
 * migrator is harmless.
 * @example await applyAuthSchema(db);
 */
export async function applyAuthSchema(db: SqlClient): Promise<void> {
  const names = (await readdir(AUTH_MIGRATION_FOLDER)).filter((name) => /^05\d\d-.*\.sql$/.test(name)).sort();
  for (const name of names) await db.exec(await readFile(new URL(name, AUTH_MIGRATION_FOLDER), 'utf8'));
}
