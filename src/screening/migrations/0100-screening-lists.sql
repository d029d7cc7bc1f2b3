-- Screening: every loaded version of every list, its entries, which version is current, and the
-- hits already alerted per party (so a list update alerts only on new hits).

CREATE TABLE screening_list_versions (
  list_id text NOT NULL,
  version text NOT NULL,
  -- Data time of the load (given by the caller, never the clock of the core).
  loaded_at timestamptz NOT NULL,
  previous_version text,
  entry_count integer NOT NULL CHECK (entry_count >= 0),
  quarantined_count integer NOT NULL DEFAULT 0 CHECK (quarantined_count >= 0),
  added_count integer NOT NULL CHECK (added_count >= 0),
  changed_count integer NOT NULL CHECK (changed_count >= 0),
  removed_count integer NOT NULL CHECK (removed_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, version)
);

CREATE TABLE screening_list_entries (
  list_id text NOT NULL,
  version text NOT NULL,
  entry_id text NOT NULL,
  name text NOT NULL,
  document jsonb NOT NULL,
  PRIMARY KEY (list_id, version, entry_id),
  FOREIGN KEY (list_id, version) REFERENCES screening_list_versions (list_id, version) ON DELETE CASCADE
);

-- The version screening uses for each list.
CREATE TABLE screening_current_lists (
  list_id text PRIMARY KEY,
  version text NOT NULL,
  FOREIGN KEY (list_id, version) REFERENCES screening_list_versions (list_id, version)
);

-- One row per (party, listed entry) already alerted; the alert itself lives in `alerts`.
CREATE TABLE screening_party_hits (
  party_id text NOT NULL,
  list_id text NOT NULL,
  entry_id text NOT NULL,
  list_version text NOT NULL,
  score double precision NOT NULL,
  alert_id text NOT NULL,
  first_seen timestamptz NOT NULL,
  PRIMARY KEY (party_id, list_id, entry_id)
);
CREATE INDEX screening_party_hits_entry ON screening_party_hits (list_id, entry_id);
