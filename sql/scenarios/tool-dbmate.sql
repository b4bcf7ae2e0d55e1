-- scenario: tool-dbmate
-- models: a dbmate database: schema_migrations(version varchar(128)) and nothing of Rails'.
--   dbmate records no failure (the migration and its row roll back together).
-- expect status exit: 0
-- expect frontend: health=no-ledger ledger=none legacy=none
-- expect ledgers exit: 0
-- expect ledgers: dbmate=public.schema_migrations applied=20240101120000
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
INSERT INTO schema_migrations (version) VALUES ('20240101120000');
