/**
 * The part of the store's `Database` that Frontera's case, report and audit repositories use.
 * PGlite and the PostgreSQL adapter of `src/store` both satisfy it; repositories take it as a
 * parameter and never open a connection themselves.
 */
export interface SqlExecutor {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface SqlDatabase extends SqlExecutor {
  transaction<T>(work: (transaction: SqlExecutor) => Promise<T>): Promise<T>;
}
