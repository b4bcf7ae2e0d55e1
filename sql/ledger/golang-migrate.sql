-- The golang-migrate ledger Sourcegraph used up to 3.36: one table per schema
-- (schema_migrations, codeintel_schema_migrations, codeinsights_schema_migrations), each
-- holding a single row. dirty = true means a migration to or around `version` started and
-- did not finish; the pre-3.37 frontend refuses to start until it is cleared by hand.
-- From 3.37 the migrator no longer reads these tables, but upgraded instances still have them.
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE IF NOT EXISTS codeintel_schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
CREATE TABLE IF NOT EXISTS codeinsights_schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
