-- Triage: the current weights (one row per version) and every analyst decision that moved them.
CREATE TABLE IF NOT EXISTS fiu_triage_weights (
  version integer PRIMARY KEY,
  weights jsonb NOT NULL,
  updated_at text NOT NULL,
  updated_by text NOT NULL
);
CREATE TABLE IF NOT EXISTS fiu_triage_feedback (
  feedback_id bigserial PRIMARY KEY,
  report_id text NOT NULL REFERENCES fiu_reports (report_id),
  outcome text NOT NULL CHECK (outcome IN ('useful', 'not_useful')),
  features jsonb NOT NULL,
  analyst text NOT NULL,
  decided_at text NOT NULL
);

-- Dissemination to law enforcement: agencies, their investigators, packages and their contents.
CREATE TABLE IF NOT EXISTS fiu_agencies (
  agency_id text PRIMARY KEY,
  name text NOT NULL,
  country char(2) NOT NULL
);
CREATE TABLE IF NOT EXISTS fiu_investigators (
  user_id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES fiu_agencies (agency_id),
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS fiu_disseminations (
  dissemination_id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES fiu_agencies (agency_id),
  title text NOT NULL,
  analysis text NOT NULL,
  created_by text NOT NULL,
  created_at text NOT NULL
);
CREATE TABLE IF NOT EXISTS fiu_dissemination_reports (
  dissemination_id text NOT NULL REFERENCES fiu_disseminations (dissemination_id),
  report_id text NOT NULL REFERENCES fiu_reports (report_id),
  PRIMARY KEY (dissemination_id, report_id)
);
CREATE INDEX IF NOT EXISTS fiu_dissemination_reports_report ON fiu_dissemination_reports (report_id);
CREATE TABLE IF NOT EXISTS fiu_dissemination_entities (
  dissemination_id text NOT NULL REFERENCES fiu_disseminations (dissemination_id),
  entity_id text NOT NULL,
  PRIMARY KEY (dissemination_id, entity_id)
);
