-- scenario: null-logic-filter
-- models: SQL's three-valued logic in the migrator's filter
--   NOT (NOT up AND NOT success AND finished_at IS NOT NULL).
--   3001: applied, then a down row with success NULL but finished_at set (a hand-edited or
--   half-written row): the filter evaluates to NULL and drops it, so 3001 stays applied.
--   3002: an up row with success NULL and finished_at set: up rows always pass the filter, so
--   3002 is pending.
-- needs: migration_logs
-- expect status exit: 4
-- expect codeintel: health=dirty applied=[3001] pending=[3002] failed=[]
-- expect frontend: health=clean applied=[] pending=[] failed=[]
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success) VALUES
  (2, 'codeintel_schema_migrations', 3001, true,  '2026-01-01 10:00:00+00', '2026-01-01 10:00:01+00', true),
  (2, 'codeintel_schema_migrations', 3001, false, '2026-01-01 11:00:00+00', '2026-01-01 11:00:01+00', NULL),
  (2, 'codeintel_schema_migrations', 3002, true,  '2026-01-01 12:00:00+00', '2026-01-01 12:00:01+00', NULL);
