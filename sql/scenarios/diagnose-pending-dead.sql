-- scenario: diagnose-pending-dead
-- models: codeinsights' 1700002100 was started by a migrator that died before running any of it: pending in the ledger, nothing in the catalog, and no session holds the lock.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose codeinsights: dead-pending-migration@1700002100=not-applied:out,out,out unapplied-migrations@1700002200
\ir lib/ledger.sql
\ir ../migrations/codeinsights/1700002000_init/up.sql
SELECT pg_temp.applied('codeinsights', 1700002000);
SELECT pg_temp.pending('codeinsights', 1700002100);
