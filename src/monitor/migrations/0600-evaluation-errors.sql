-- Typology evaluations that failed (division by zero, a missing feature): kept and visible,
-- never scored as "no risk".
CREATE TABLE evaluation_errors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  typology_id text NOT NULL,
  typology_version text NOT NULL,
  subject_key text NOT NULL,
  transaction_id text NOT NULL,
  time timestamptz NOT NULL,
  rule_id text NOT NULL,
  expression text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_errors_typology ON evaluation_errors (typology_id, time);

-- Transactions held by an interdiction (a typology score or a screening hit above the threshold).
CREATE TABLE transaction_holds (
  transaction_id text PRIMARY KEY,
  alert_id text NOT NULL,
  reason text NOT NULL,
  time timestamptz NOT NULL,
  released_at timestamptz
);
