-- scenario: shared-ledger
-- models: two schemas sharing one database and one migration_logs (a dev or single-database
--   install): the same version number means different migrations per schema, and the `schema`
--   column keeps them apart. Version 100 is applied for frontend and failed for codeintel;
--   codeinsights has no rows at all, which is clean (its ledger exists, nothing ran yet).
-- needs: migration_logs
-- expect status exit: 4
-- expect frontend: health=clean applied=[100,101] pending=[] failed=[]
-- expect codeintel: health=dirty applied=[] pending=[] failed=[100]
-- expect codeinsights: health=clean applied=[] pending=[] failed=[]
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message) VALUES
  (2, 'schema_migrations',           100, true, '2026-01-01 10:00:00+00', '2026-01-01 10:00:01+00', true,  NULL),
  (2, 'schema_migrations',           101, true, '2026-01-01 10:00:02+00', '2026-01-01 10:00:03+00', true,  NULL),
  (2, 'codeintel_schema_migrations', 100, true, '2026-01-01 10:00:04+00', '2026-01-01 10:00:05+00', false, 'failed to apply migration 100: ERROR: column "dump_id" does not exist (SQLSTATE 42703)');
