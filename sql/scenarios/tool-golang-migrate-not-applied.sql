-- scenario: tool-golang-migrate-not-applied
-- models: golang-migrate's most reported state, "Dirty database version 2. Fix and force
--   version.", where 2 failed on its unique index (duplicate emails): golang-migrate runs the
--   file as one multi-statement query, so its CREATE TABLE rolled back with it. The catalog is
--   at 1: the right force is 1, not 2.
-- expect ledgers exit: 4
-- expect ledgers: golang-migrate=public.schema_migrations failed=2
-- expect diagnose --tool golang-migrate: migrations=golang-migrate exit=4 finding=failed-migration version=2 verdict=not-applied repair=force repaired=0
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE users (id int, email text);
INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');
INSERT INTO schema_migrations (version, dirty) VALUES (2, true);
