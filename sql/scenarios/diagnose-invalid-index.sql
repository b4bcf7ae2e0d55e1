-- scenario: diagnose-invalid-index
-- models: frontend's CREATE INDEX CONCURRENTLY (1700000400) failed half-way: the index exists but is INVALID, and the migrator recorded the failure. (The build is real; the scenario then marks it invalid in pg_index, exactly the state a failed concurrent build leaves.)
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose frontend: failed-migration@1700000400=not-applied:out invalid-index@1700000400 unapplied-migrations@1700000500
\ir lib/ledger.sql
\ir lib/frontend-base.sql
\ir ../migrations/frontend/1700000400_repo_name_trgm_index/up.sql
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'repo_name_trgm'::regclass;
SELECT pg_temp.failed('frontend', 1700000400, 'ERROR: could not extend file "base/16384/16385": No space left on device (SQLSTATE 53100)');
