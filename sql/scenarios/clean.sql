-- scenario: clean
-- models: a healthy database: every attempt in every schema finished successfully, including a
--   migration that was applied, reverted and applied again.
-- needs: migration_logs
-- expect status exit: 0
-- expect frontend: health=clean applied=[10,11,12] pending=[] failed=[]
-- expect codeintel: health=clean applied=[20] pending=[] failed=[]
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success) VALUES
  (2, 'schema_migrations',           10, true,  '2026-01-01 10:00:00+00', '2026-01-01 10:00:01+00', true),
  (2, 'schema_migrations',           11, true,  '2026-01-01 10:00:02+00', '2026-01-01 10:00:03+00', true),
  (2, 'schema_migrations',           12, true,  '2026-01-01 10:00:04+00', '2026-01-01 10:00:05+00', true),
  (2, 'schema_migrations',           12, false, '2026-01-01 10:00:06+00', '2026-01-01 10:00:07+00', true),
  (2, 'schema_migrations',           12, true,  '2026-01-01 10:00:08+00', '2026-01-01 10:00:09+00', true),
  (2, 'codeintel_schema_migrations', 20, true,  '2026-01-01 10:00:10+00', '2026-01-01 10:00:11+00', true);
