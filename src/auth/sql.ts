/**
 * The slice of the store's `Database` that authentication needs. The store's PGlite and
 * PostgreSQL databases satisfy it, so auth runs on either without knowing which.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * Migrations owned by the API/auth capability (numbers 0500–0599 of the store's migrator).
 * Each is plain SQL the migrator runs once, in order.
 */
export const AUTH_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 500,
    name: 'auth_users_sessions_api_keys',
    sql: `
CREATE TABLE IF NOT EXISTS auth_users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  institution_id text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_sessions (
  token_digest text PRIMARY KEY,
  user_id text NOT NULL REFERENCES auth_users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS auth_sessions_user_idx ON auth_sessions(user_id);
CREATE TABLE IF NOT EXISTS auth_api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  secret_digest text NOT NULL,
  roles text[] NOT NULL,
  institution_id text,
  created_by text REFERENCES auth_users(id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);`,
  },
];
