-- FIU hub: received files, normalised reports and their parts, quarantined reports, entities.
CREATE TABLE IF NOT EXISTS fiu_files (
  file_id text PRIMARY KEY,
  file_name text NOT NULL,
  filer_id text NOT NULL,
  received_at text NOT NULL,
  detected_kind text,
  status text NOT NULL,
  sha256 char(64) NOT NULL,
  acknowledgement jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_files_filer ON fiu_files (filer_id, received_at);

CREATE TABLE IF NOT EXISTS fiu_institutions (
  institution_id text PRIMARY KEY,
  name text NOT NULL,
  country text
);

CREATE TABLE IF NOT EXISTS fiu_reports (
  report_id text PRIMARY KEY,
  file_id text NOT NULL REFERENCES fiu_files (file_id),
  sequence integer NOT NULL,
  kind text NOT NULL,
  filer_reference text NOT NULL,
  institution_id text NOT NULL REFERENCES fiu_institutions (institution_id),
  received_at text NOT NULL,
  filed_on text,
  activity_from text,
  activity_to text,
  amount_minor bigint NOT NULL,
  currency char(3) NOT NULL,
  categories text[] NOT NULL,
  narrative text NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_reports_institution ON fiu_reports (institution_id, received_at);

CREATE TABLE IF NOT EXISTS fiu_subjects (
  subject_id text PRIMARY KEY,
  report_id text NOT NULL REFERENCES fiu_reports (report_id),
  kind text NOT NULL,
  role text NOT NULL,
  full_name text NOT NULL,
  given text,
  paternal text,
  maternal text,
  birth_date text,
  country text,
  addresses jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_subjects_report ON fiu_subjects (report_id);

CREATE TABLE IF NOT EXISTS fiu_identifiers (
  subject_id text NOT NULL REFERENCES fiu_subjects (subject_id),
  kind text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (subject_id, kind, value)
);
CREATE INDEX IF NOT EXISTS fiu_identifiers_value ON fiu_identifiers (kind, value);

CREATE TABLE IF NOT EXISTS fiu_transactions (
  report_id text NOT NULL REFERENCES fiu_reports (report_id),
  position integer NOT NULL,
  date text,
  amount_minor bigint NOT NULL,
  currency char(3) NOT NULL,
  from_country text,
  to_country text,
  channel text,
  from_account text,
  to_account text,
  PRIMARY KEY (report_id, position)
);

-- Reports refused at intake, with every reason; never silently dropped.
CREATE TABLE IF NOT EXISTS fiu_quarantine (
  file_id text NOT NULL REFERENCES fiu_files (file_id),
  sequence integer,
  received_at text NOT NULL,
  errors jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_quarantine_file ON fiu_quarantine (file_id);

CREATE TABLE IF NOT EXISTS fiu_entities (
  entity_id text PRIMARY KEY,
  kind text NOT NULL,
  display_name text NOT NULL,
  mention_count integer NOT NULL,
  resolved_at text NOT NULL
);

CREATE TABLE IF NOT EXISTS fiu_entity_members (
  subject_id text PRIMARY KEY REFERENCES fiu_subjects (subject_id),
  entity_id text NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_entity_members_entity ON fiu_entity_members (entity_id);

CREATE TABLE IF NOT EXISTS fiu_entity_links (
  entity_id text NOT NULL,
  from_subject text NOT NULL,
  to_subject text NOT NULL,
  score double precision NOT NULL,
  evidence jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_entity_links_entity ON fiu_entity_links (entity_id);

-- Analysts' merges and splits; the resolver replays them as constraints on every run.
CREATE TABLE IF NOT EXISTS fiu_resolution_decisions (
  decision_id bigserial PRIMARY KEY,
  decision text NOT NULL CHECK (decision IN ('merge', 'split')),
  subject_a text NOT NULL,
  subject_b text NOT NULL,
  analyst text NOT NULL,
  reason text NOT NULL,
  decided_at text NOT NULL
);
