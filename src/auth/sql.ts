/**
 * The slice of the store's `Database` that authentication needs. The store's PGlite and
 * PostgreSQL databases satisfy it (and so does a bare PGlite), so auth runs on either.
 */
export interface SqlClient {
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

/** The folder of the API/auth migrations (numbers 0500–0599 of the store's migrator). */
export const AUTH_MIGRATION_FOLDER = new URL('../api/migrations/', import.meta.url);
