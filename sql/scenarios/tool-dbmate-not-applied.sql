-- scenario: tool-dbmate-not-applied
-- models: 20240101000002 failed in its first section: dbmate rolled back that section
--   with nothing recorded, so it is simply pending (listed as such) and dbmate's next `up` is
--   the repair.
-- expect ledgers exit: 0
-- expect ledgers: dbmate=public.schema_migrations applied=20240101000001
-- expect diagnose --tool dbmate: migrations=dbmate exit=0 finding=none version=20240101000002 verdict=not-applied
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
CREATE TABLE users (id int, email text);
INSERT INTO schema_migrations (version) VALUES ('20240101000001');
