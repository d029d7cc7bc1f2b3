-- Law-enforcement users belong to an agency (as institution users belong to an institution):
-- the FIU hub shows an investigator only what was disseminated to that agency.
ALTER TABLE auth_users ADD COLUMN IF NOT EXISTS agency_id text;
