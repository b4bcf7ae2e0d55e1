-- scenario: tool-dbmate-clean
-- models: a dbmate database with both files of sql/tools/dbmate applied and recorded.
-- expect ledgers exit: 0
-- expect ledgers: dbmate=public.schema_migrations applied=20240101000001,20240101000002
-- expect diagnose --tool dbmate: migrations=dbmate exit=0 finding=none
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO schema_migrations (version) VALUES ('20240101000001'), ('20240101000002');
