-- scenario: diagnose-failed-rolled-back
-- models: frontend's merge migration 1700000300 failed inside its transaction (a lock timeout): the migrator rolled its SQL back and recorded the failure, so none of its four statements is in.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose frontend: failed-migration@1700000300=not-applied:out,out,out,out unapplied-migrations@1700000400
-- expect diagnose codeintel: unapplied-migrations@1700001000
\ir lib/ledger.sql
\ir ../migrations/frontend/1700000000_init/up.sql
SELECT pg_temp.applied('frontend', 1700000000);
\ir ../migrations/frontend/1700000100_trigram_extension/up.sql
SELECT pg_temp.applied('frontend', 1700000100);
\ir ../migrations/frontend/1700000200_repo_stars/up.sql
SELECT pg_temp.applied('frontend', 1700000200);
SELECT pg_temp.failed('frontend', 1700000300, 'ERROR: canceling statement due to lock timeout (SQLSTATE 55P03)');
