-- scenario: tool-golang-migrate-clean
-- models: a golang-migrate database at version 5, clean: its last migration finished and the
--   driver cleared the flag.
-- expect ledgers exit: 0
-- expect ledgers: golang-migrate=public.schema_migrations applied=5
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO schema_migrations (version, dirty) VALUES (5, false);
