-- scenario: tool-golang-migrate-partially-applied
-- models: migration 3 commits its first half itself (its own COMMIT) and failed after it:
--   orders exists, order_items does not. No force is right until the rest is done by hand, so
--   rbshell offers none.
-- expect ledgers exit: 4
-- expect ledgers: golang-migrate=public.schema_migrations failed=3
-- expect diagnose --tool golang-migrate: migrations=golang-migrate exit=4 finding=failed-migration version=3 verdict=partially-applied repair=none
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE orders (id int);
INSERT INTO schema_migrations (version, dirty) VALUES (3, true);
