-- scenario: tool-golang-migrate-fully-applied
-- models: migration 2 committed, then the process was killed before golang-migrate cleared the
--   flag: dirty at 2 with all of 2 in the catalog. The right force is 2 (forcing 1 would make
--   the next `migrate up` fail with "already exists").
-- expect ledgers exit: 4
-- expect ledgers: golang-migrate=public.schema_migrations failed=2
-- expect diagnose --tool golang-migrate: migrations=golang-migrate exit=4 finding=failed-migration version=2 verdict=fully-applied repair=force repaired=0
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO schema_migrations (version, dirty) VALUES (2, true);
