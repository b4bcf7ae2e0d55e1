-- scenario: diagnose-pending-committed
-- models: the migrator's window between COMMIT and the ledger update: frontend's 1700000500 (table, function, trigger) committed, then the migrator pod was killed before marking the row finished. The ledger says pending; the catalog proves the SQL ran.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose frontend: dead-pending-migration@1700000500=fully-applied:in,in,in unapplied-migrations@1700000400
\ir lib/ledger.sql
\ir lib/frontend-base.sql
\ir ../migrations/frontend/1700000500_audit_log/up.sql
SELECT pg_temp.pending('frontend', 1700000500);
