-- scenario: ledger-without-backfilled
-- models: a database last migrated by an early 3.37-era migrator, whose migration_logs predates
--   the `backfilled` column (the store added it later with ADD COLUMN IF NOT EXISTS, which only a
--   newer migrator would have run). frontend's 1700000100 failed and rolled back. rbshell reads
--   the ledger as it is (nothing was backfilled) and never adds the column.
-- expect status exit: 4
-- expect frontend: health=dirty ledger=migration_logs applied=[1700000000] failed=[1700000100]
-- expect diagnose exit: 4
-- expect diagnose frontend: failed-migration@1700000100=not-applied:out unapplied-migrations@1700000200
CREATE TABLE migration_logs (id SERIAL PRIMARY KEY);
ALTER TABLE migration_logs ADD COLUMN migration_logs_schema_version integer NOT NULL;
ALTER TABLE migration_logs ADD COLUMN schema text NOT NULL;
ALTER TABLE migration_logs ADD COLUMN version integer NOT NULL;
ALTER TABLE migration_logs ADD COLUMN up bool NOT NULL;
ALTER TABLE migration_logs ADD COLUMN started_at timestamptz NOT NULL;
ALTER TABLE migration_logs ADD COLUMN finished_at timestamptz;
ALTER TABLE migration_logs ADD COLUMN success boolean;
ALTER TABLE migration_logs ADD COLUMN error_message text;
\ir lib/ledger.sql
\ir ../migrations/frontend/1700000000_init/up.sql
SELECT pg_temp.applied('frontend', 1700000000);
SELECT pg_temp.failed('frontend', 1700000100, 'ERROR: permission denied to create extension "pg_trgm" (SQLSTATE 42501)');
