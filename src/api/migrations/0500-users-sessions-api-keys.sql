-- Frontera API: people (scrypt password hashes), their sessions, and API keys for machines.
-- Tokens and key secrets are stored only as SHA-256 digests.
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
);
