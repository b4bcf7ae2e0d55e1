-- scenario: tool-flyway-not-applied
-- models: V2 failed and Flyway recorded success = false (as it does where a migration
--   runs outside a transaction); the unique index failed on duplicate emails and nothing of V2
--   is in: its row is to be removed (Flyway's `repair` would, with every other failed row).
-- expect ledgers exit: 4
-- expect ledgers: flyway=public.flyway_schema_history failed=2 applied=1
-- expect diagnose --tool flyway: migrations=flyway exit=4 finding=failed-migration version=2 verdict=not-applied repair=resolve repaired=0
\ir ../ledger/flyway-history.sql
CREATE TABLE users (id int, email text);
INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
  (1, '1', 'create users', 'SQL', 'V1__create_users.sql', 411981717, 'app', 12, true),
  (2, '2', 'add audit', 'SQL', 'V2__add_audit.sql', 1431203654, 'app', 30, false);
