-- scenario: tool-flyway-partially-applied
-- models: V2 stopped after its first statement: audit is in, the index is not.
--   Neither removing nor completing the row is true: rbshell offers no resolution.
-- expect ledgers exit: 4
-- expect ledgers: flyway=public.flyway_schema_history failed=2 applied=1
-- expect diagnose --tool flyway: migrations=flyway exit=4 finding=failed-migration version=2 verdict=partially-applied repair=none
\ir ../ledger/flyway-history.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
  (1, '1', 'create users', 'SQL', 'V1__create_users.sql', 411981717, 'app', 12, true),
  (2, '2', 'add audit', 'SQL', 'V2__add_audit.sql', 1431203654, 'app', 30, false);
