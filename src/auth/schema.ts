import { AUTH_MIGRATIONS, type SqlClient } from './sql.ts';

/**
 * Creates the auth tables when they are missing. Every statement is `IF NOT EXISTS`, so this
 * is safe to run on each start next to the store's migrator.
 * @example await applyAuthSchema(db);
 */
export async function applyAuthSchema(db: SqlClient): Promise<void> {
  for (const migration of AUTH_MIGRATIONS) await db.exec(migration.sql);
}
