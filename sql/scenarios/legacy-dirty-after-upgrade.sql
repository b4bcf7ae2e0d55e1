-- scenario: legacy-dirty-after-upgrade
-- models: an instance upgraded from 3.36 to 3.37+: migration_logs is clean, but the old
--   schema_migrations still says (1528395840, dirty). The current migrator no longer reads that
--   table, so editing it fixes nothing and the instance is not dirty; status reports the stale
--   row as ignored and exits 0.
-- needs: migration_logs
-- expect status exit: 0
-- expect frontend: health=clean ledger=migration_logs applied=[1528395840,1528395841] pending=[] failed=[] legacy=dirty,ignored
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (1528395840, true);
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, backfilled) VALUES
  (2, 'schema_migrations', 1528395840, true, '2026-01-01 10:00:00+00', '2026-01-01 10:00:00+00', true, true),
  (2, 'schema_migrations', 1528395841, true, '2026-01-01 10:05:00+00', '2026-01-01 10:05:01+00', true, false);
