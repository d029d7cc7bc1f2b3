-- Frontera core tables: the durable transaction log, alerts, engine checkpoints, quarantine.

-- The durable log the engine replays after a crash. `sequence` is the log position: strictly
-- increasing in commit order (appends serialise on an advisory lock), possibly with gaps.
CREATE TABLE transaction_log (
  sequence bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  message_id text,
  time timestamptz NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  channel text NOT NULL,
  originator_party_id text,
  originator_account_id text,
  originator_institution_id text,
  originator_country text NOT NULL CHECK (originator_country ~ '^[A-Z]{2}$'),
  beneficiary_party_id text,
  beneficiary_account_id text,
  beneficiary_institution_id text,
  beneficiary_country text NOT NULL CHECK (beneficiary_country ~ '^[A-Z]{2}$'),
  document jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT transaction_log_sequence_key UNIQUE (sequence)
);
CREATE INDEX transaction_log_originator_account ON transaction_log (originator_account_id, time);
CREATE INDEX transaction_log_beneficiary_account ON transaction_log (beneficiary_account_id, time);
CREATE INDEX transaction_log_time ON transaction_log (time);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  typology_id text NOT NULL,
  typology_version text NOT NULL,
  subject_key text NOT NULL,
  party_id text,
  score double precision NOT NULL,
  severity text NOT NULL CHECK (severity IN ('alert', 'interdict')),
  time timestamptz NOT NULL,
  trigger_transaction_id text NOT NULL,
  transaction_ids text[] NOT NULL,
  patterns text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_review', 'escalated', 'closed')),
  document jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_time ON alerts (time DESC, id DESC);
CREATE INDEX alerts_typology_time ON alerts (typology_id, time DESC);
CREATE INDEX alerts_subject_time ON alerts (subject_key, time DESC);
CREATE INDEX alerts_status_time ON alerts (status, time DESC);

-- Snapshots of the engine's in-memory state; `log_position` is the last transaction_log
-- sequence the state includes, so recovery replays from there.
CREATE TABLE engine_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  log_position bigint NOT NULL CHECK (log_position >= 0),
  state bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engine_checkpoints_name ON engine_checkpoints (name, id DESC);

-- Records that failed validation, kept with their reasons instead of being dropped.
CREATE TABLE quarantine (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL,
  location text NOT NULL,
  issues jsonb NOT NULL CHECK (jsonb_typeof(issues) = 'array' AND jsonb_array_length(issues) > 0),
  raw text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_source ON quarantine (source, id);
