CREATE TABLE IF NOT EXISTS cases (
  id text PRIMARY KEY,
  subject_key text NOT NULL,
  jurisdiction text NOT NULL,
  status text NOT NULL,
  assignee text,
  opened_at text NOT NULL,
  updated_at text NOT NULL,
  document jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_status ON cases (status, updated_at);
CREATE INDEX IF NOT EXISTS cases_subject ON cases (subject_key);
