-- scenario: tool-flyway-clean
-- models: a Flyway database (sql/tools/flyway) whose history is all successful, after its
--   failed V2 row was taken out and V2 ran again (a later rank). Checksums are the files'.
-- expect ledgers exit: 0
-- expect ledgers: flyway=public.flyway_schema_history applied=1,2
-- expect diagnose --tool flyway: migrations=flyway exit=0 finding=none
\ir ../ledger/flyway-history.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
  (1, '1', 'create users', 'SQL', 'V1__create_users.sql', 411981717, 'app', 12, true),
  (3, '2', 'add audit', 'SQL', 'V2__add_audit.sql', 1431203654, 'app', 30, true);
