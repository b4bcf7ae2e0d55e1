-- scenario: diagnose-index-build
-- models: frontend's concurrent index migration 1700000400 is pending while its CREATE INDEX CONCURRENTLY waits for a writer (the test keeps a transaction writing to repo open and starts the build): pg_stat_progress_create_index shows the build, so the migration is in progress and its not-yet-valid index is not reported as invalid.
-- needs: migration_logs
-- setup: writer repo
-- setup: background CREATE INDEX CONCURRENTLY IF NOT EXISTS repo_name_trgm ON repo USING gin (name gin_trgm_ops)
-- expect status exit: 4
-- expect diagnose exit: 5
-- expect diagnose frontend: migration-in-progress@1700000400 unapplied-migrations@1700000500
\ir lib/ledger.sql
\ir lib/frontend-base.sql
SELECT pg_temp.pending('frontend', 1700000400);
