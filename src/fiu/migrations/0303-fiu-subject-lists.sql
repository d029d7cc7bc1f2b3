-- 314(a)-style subject lists: the FIU sends law enforcement's subjects to institutions, which search
-- their records and answer per subject.
CREATE TABLE IF NOT EXISTS fiu_subject_lists (
  list_id text PRIMARY KEY,
  title text NOT NULL,
  requesting_agency text NOT NULL,
  subjects jsonb NOT NULL,
  created_by text NOT NULL,
  created_at text NOT NULL,
  respond_by text NOT NULL
);
CREATE TABLE IF NOT EXISTS fiu_subject_list_recipients (
  list_id text NOT NULL REFERENCES fiu_subject_lists (list_id),
  institution_id text NOT NULL,
  PRIMARY KEY (list_id, institution_id)
);
CREATE TABLE IF NOT EXISTS fiu_subject_list_results (
  list_id text NOT NULL REFERENCES fiu_subject_lists (list_id),
  institution_id text NOT NULL,
  subject_index integer NOT NULL,
  matched boolean NOT NULL,
  details jsonb NOT NULL,
  responded_at text NOT NULL,
  PRIMARY KEY (list_id, institution_id, subject_index)
);
