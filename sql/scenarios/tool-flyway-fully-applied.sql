-- scenario: tool-flyway-fully-applied
-- models: V2's statements are all in but its row says success = false (the error came
--   after its last statement: the connection dropped as it finished): the row is to be marked successful, not removed — removing it would
--   make Flyway run V2 again and fail with "already exists".
-- expect ledgers exit: 4
-- expect ledgers: flyway=public.flyway_schema_history failed=2 applied=1
-- expect diagnose --tool flyway: migrations=flyway exit=4 finding=failed-migration version=2 verdict=fully-applied repair=resolve repaired=0
\ir ../ledger/flyway-history.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
  (1, '1', 'create users', 'SQL', 'V1__create_users.sql', 411981717, 'app', 12, true),
  (2, '2', 'add audit', 'SQL', 'V2__add_audit.sql', 1431203654, 'app', 30, false);
