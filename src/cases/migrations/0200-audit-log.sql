-- Append-only, hash-chained audit log (src/audit). UPDATE and DELETE are refused by a trigger.
CREATE TABLE IF NOT EXISTS audit_log (
  sequence bigint PRIMARY KEY,
  time text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject_kind text NOT NULL,
  subject_id text NOT NULL,
  details jsonb NOT NULL,
  previous_hash char(64) NOT NULL,
  hash char(64) NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject_kind, subject_id, sequence);
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
