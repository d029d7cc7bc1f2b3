-- The log's document is written once and read whole (queries use the typed columns), so keep it
-- as validated JSON text: `json` loads about twice as fast as `jsonb` and reads back faster.
ALTER TABLE transaction_log ALTER COLUMN document TYPE json USING document::json;
