/**
 * The part of the store's `Database` that Frontera's case, report and audit repositories use.
 * PGlite and the PostgreSQL adapter of `src/store` both satisfy it; repositories take it as a
 * parameter and never open a connection themselves.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface SqlDatabase extends SqlExecutor {
  transaction<T>(work: (transaction: SqlExecutor) => Promise<T>): Promise<T>;
}

/** A schema migration owned by a module; cases, reports and audit use ids 200–299. */
export type Migration = { id: number; name: string; sql: string };
