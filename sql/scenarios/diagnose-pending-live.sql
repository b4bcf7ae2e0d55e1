-- scenario: diagnose-pending-live
-- models: the same pending codeinsights migration as diagnose-pending-dead, but a live migrator session holds codeinsights' advisory lock (the test holds it while diagnose runs): the migration is in progress, not dead.
-- needs: migration_logs
-- setup: lock codeinsights
-- expect status exit: 4
-- expect diagnose exit: 5
-- expect diagnose codeinsights: migration-in-progress@1700002100 unapplied-migrations@1700002200
\ir lib/ledger.sql
\ir ../migrations/codeinsights/1700002000_init/up.sql
SELECT pg_temp.applied('codeinsights', 1700002000);
SELECT pg_temp.pending('codeinsights', 1700002100);
