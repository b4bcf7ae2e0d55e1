-- scenario: demo-incident
-- models: the state an operator meets mid-upgrade: frontend's migration 1669645608 failed
--   (the migrator recorded the error with its SQL), codeintel's 1670365552 was left pending by a
--   migrator pod that was killed, codeinsights is healthy, and the 3.36-era schema_migrations
--   still carries a stale dirty flag that the current migrator ignores.
-- needs: migration_logs
-- expect status exit: 4
-- expect frontend: health=dirty applied=[1528395834,1528395835,1528395836,1669184869,1669576792] pending=[] failed=[1669645608] legacy=dirty,ignored
-- expect codeintel: health=dirty applied=[1000000030,1000000031,1665531314] pending=[1670365552] failed=[]
-- expect codeinsights: health=clean applied=[1000000025,1000000026] pending=[] failed=[]
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (1528395834, true);

INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message, backfilled) VALUES
  (2, 'schema_migrations', 1528395834, true, now() - interval '400 days', now() - interval '400 days', true, NULL, true),
  (2, 'schema_migrations', 1528395835, true, now() - interval '400 days', now() - interval '400 days', true, NULL, true),
  (2, 'schema_migrations', 1528395836, true, now() - interval '400 days', now() - interval '400 days', true, NULL, true),
  (2, 'schema_migrations', 1669184869, true, now() - interval '30 days', now() - interval '30 days' + interval '2 seconds', true, NULL, false),
  (2, 'schema_migrations', 1669576792, true, now() - interval '12 minutes', now() - interval '12 minutes' + interval '1 second', true, NULL, false),
  (2, 'schema_migrations', 1669645608, true, now() - interval '11 minutes', now() - interval '11 minutes' + interval '3 seconds', false,
   E'failed to apply migration 1669645608:\n```\nALTER TABLE repo ADD COLUMN blocked jsonb;\nCREATE INDEX repo_blocked_idx ON repo USING btree ((blocked IS NOT NULL));\n```\n: ERROR: column "blocked" of relation "repo" already exists (SQLSTATE 42701)', false),
  (2, 'codeintel_schema_migrations', 1000000030, true, now() - interval '400 days', now() - interval '400 days', true, NULL, true),
  (2, 'codeintel_schema_migrations', 1000000031, true, now() - interval '90 days', now() - interval '90 days' + interval '1 second', true, NULL, false),
  (2, 'codeintel_schema_migrations', 1665531314, true, now() - interval '30 days', now() - interval '30 days' + interval '5 seconds', true, NULL, false),
  (2, 'codeintel_schema_migrations', 1670365552, true, now() - interval '10 minutes', NULL, NULL, NULL, false),
  (2, 'codeinsights_schema_migrations', 1000000025, true, now() - interval '400 days', now() - interval '400 days', true, NULL, true),
  (2, 'codeinsights_schema_migrations', 1000000026, true, now() - interval '90 days', now() - interval '90 days' + interval '1 second', true, NULL, false);
