-- scenario: legacy-dirty-pre-3-37
-- models: a Sourcegraph 3.36 (golang-migrate era) database whose frontend migration 1528395840
--   crashed: no migration_logs, and schema_migrations holds (1528395840, dirty). The old
--   frontend refuses to start ("Dirty database version 1528395840. Fix and force version.").
--   codeintel's legacy table is clean; codeinsights never existed in that release.
-- expect status exit: 4
-- expect frontend: health=dirty ledger=legacy legacy=dirty,consulted
-- expect diagnose exit: 4
-- expect diagnose frontend: legacy-dirty-flag@1528395840
-- expect diagnose codeinsights: no-ledger
-- expect codeintel: health=clean ledger=legacy legacy=clean,consulted
-- expect codeinsights: health=no-ledger ledger=none legacy=none
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (1528395840, true);
CREATE TABLE codeintel_schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO codeintel_schema_migrations VALUES (1000000015, false);
