-- scenario: diagnose-data-change-rolled-back
-- models: codeinsights' 1700002200 failed; its first statement is an UPDATE (a data change the
--   catalog cannot show) and its second (a column default) is not in. The migration runs in one
--   transaction, so the missing default proves the UPDATE was rolled back with it: not applied.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose codeinsights: failed-migration@1700002200=not-applied:out,out
\ir lib/ledger.sql
\ir ../migrations/codeinsights/1700002000_init/up.sql
SELECT pg_temp.applied('codeinsights', 1700002000);
\ir ../migrations/codeinsights/1700002100_series_points/up.sql
SELECT pg_temp.applied('codeinsights', 1700002100);
SELECT pg_temp.failed('codeinsights', 1700002200, 'ERROR: invalid input value for enum series_kind: "capture" (SQLSTATE 22P02)');
