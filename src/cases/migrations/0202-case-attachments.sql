CREATE TABLE IF NOT EXISTS case_attachments (
  sha256 char(64) PRIMARY KEY,
  content bytea NOT NULL
);
