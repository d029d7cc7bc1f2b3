-- Sharing: participant registrations, match sessions (this side's view only: never scalars or the
-- other side's elements), shared cases and roundtables. Each row keeps the validated document the
-- node works with; the columns beside it are for listing and filtering.

CREATE TABLE sharing_participants (
  institution_id text PRIMARY KEY,
  registration_number text NOT NULL,
  registered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  document jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > registered_at)
);

CREATE TABLE sharing_sessions (
  session_id text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('initiator', 'responder')),
  initiator text NOT NULL,
  responder text NOT NULL,
  legal_basis text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'completed', 'failed')),
  opened_at timestamptz NOT NULL,
  document jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sharing_sessions_opened ON sharing_sessions (opened_at DESC);

CREATE TABLE sharing_cases (
  case_id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sharing_sessions (session_id),
  opened_at timestamptz NOT NULL,
  document jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sharing_roundtables (
  roundtable_id text PRIMARY KEY,
  convener text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'collecting', 'completed')),
  document jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
