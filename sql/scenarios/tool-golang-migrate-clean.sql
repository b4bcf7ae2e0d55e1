-- scenario: tool-golang-migrate-clean
-- models: a golang-migrate database at version 3 of sql/tools/golang-migrate, clean: its last
--   migration finished and the driver cleared the flag; the catalog has every file's objects.
-- expect ledgers exit: 0
-- expect ledgers: golang-migrate=public.schema_migrations applied=3
-- expect diagnose --tool golang-migrate: migrations=golang-migrate exit=0 finding=none
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE orders (id int);
CREATE TABLE order_items (id int, order_id int);
INSERT INTO schema_migrations (version, dirty) VALUES (3, false);
