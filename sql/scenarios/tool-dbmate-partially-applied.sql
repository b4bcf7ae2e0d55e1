-- scenario: tool-dbmate-partially-applied
-- models: dbmate#675: 20240101000002 has two up sections, each its own transaction; the
--   first committed, the second failed, and no row was written, so dbmate's next `up` runs the
--   first again and fails with "already exists". rbshell runs the rest and writes the row.
-- expect ledgers exit: 0
-- expect ledgers: dbmate=public.schema_migrations applied=20240101000001
-- expect diagnose --tool dbmate: migrations=dbmate exit=4 finding=unrecorded-migration version=20240101000002 verdict=partially-applied repair=record repaired=0
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
INSERT INTO schema_migrations (version) VALUES ('20240101000001');
