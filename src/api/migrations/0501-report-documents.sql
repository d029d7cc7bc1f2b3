-- Reports drafted through the API: the rendered document exactly as validated, or the problems
-- that stopped it. Kept so that what is downloaded and filed is byte-for-byte what was validated.
CREATE TABLE IF NOT EXISTS api_report_documents (
  id text PRIMARY KEY,
  case_id text NOT NULL,
  kind text NOT NULL,
  valid boolean NOT NULL,
  issues jsonb NOT NULL,
  content text,
  file_name text,
  sha256 char(64),
  validated_against text,
  batch_id text,
  batch_reference text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (valid = (content IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS api_report_documents_case ON api_report_documents (case_id, created_at);
