-- scenario: tool-golang-migrate
-- models: a golang-migrate database (its postgres driver's table) whose migration 5 failed:
--   the driver committed (5, dirty) before running the file and never cleared it. The next
--   `migrate up` says "Dirty database version 5. Fix and force version."
-- expect ledgers exit: 4
-- expect ledgers: golang-migrate=public.schema_migrations failed=5
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO schema_migrations (version, dirty) VALUES (5, true);
