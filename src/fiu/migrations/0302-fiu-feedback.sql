-- Messages from the hub to institutions: feedback on their reports and published advisories.
CREATE TABLE IF NOT EXISTS fiu_institution_messages (
  message_id text PRIMARY KEY,
  institution_id text,
  kind text NOT NULL CHECK (kind IN ('feedback', 'advisory')),
  subject_en text NOT NULL,
  subject_es text NOT NULL,
  body text NOT NULL,
  reference text,
  sent_by text NOT NULL,
  sent_at text NOT NULL
);
CREATE INDEX IF NOT EXISTS fiu_institution_messages_institution ON fiu_institution_messages (institution_id, sent_at);
