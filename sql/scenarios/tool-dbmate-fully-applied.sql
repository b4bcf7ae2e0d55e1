-- scenario: tool-dbmate-fully-applied
-- models: 20240101000002's sections all committed but its row was never written (killed
--   between the last section and the insert): the row is all that is missing.
-- expect ledgers exit: 0
-- expect ledgers: dbmate=public.schema_migrations applied=20240101000001
-- expect diagnose --tool dbmate: migrations=dbmate exit=4 finding=unrecorded-migration version=20240101000002 verdict=fully-applied repair=record repaired=0
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO schema_migrations (version) VALUES ('20240101000001');
