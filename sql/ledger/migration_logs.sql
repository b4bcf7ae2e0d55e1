-- Sourcegraph's migration ledger, as the migrator's store creates it (EnsureSchemaTable,
-- Sourcegraph 3.37 and later): one table per physical database, shared by every schema it
-- holds, told apart by the `schema` column. No uniqueness on (schema, version): it is an
-- append-only history with one row per attempt.
--
-- The migrator issues it as a CREATE followed by one ADD COLUMN IF NOT EXISTS per column, so
-- it is idempotent on an existing table; this file does the same.
CREATE TABLE IF NOT EXISTS migration_logs (id SERIAL PRIMARY KEY);
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS migration_logs_schema_version integer NOT NULL;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS schema text NOT NULL;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS version integer NOT NULL;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS up bool NOT NULL;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS started_at timestamptz NOT NULL;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS finished_at timestamptz;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS success boolean;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS error_message text;
ALTER TABLE migration_logs ADD COLUMN IF NOT EXISTS backfilled boolean NOT NULL DEFAULT FALSE;
