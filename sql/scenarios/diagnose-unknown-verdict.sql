-- scenario: diagnose-unknown-verdict
-- models: codeinsights' 1700002200 failed; its first statement is an UPDATE (a data change the
--   catalog cannot show) and its second (a column default) is not in. Nothing proves whether the
--   UPDATE ran, so the verdict is unknown and diagnose says which statement it cannot check.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose codeinsights: failed-migration@1700002200=unknown:?,out
\ir lib/ledger.sql
\ir ../migrations/codeinsights/1700002000_init/up.sql
SELECT pg_temp.applied('codeinsights', 1700002000);
\ir ../migrations/codeinsights/1700002100_series_points/up.sql
SELECT pg_temp.applied('codeinsights', 1700002100);
SELECT pg_temp.failed('codeinsights', 1700002200, 'ERROR: invalid input value for enum series_kind: "capture" (SQLSTATE 22P02)');
