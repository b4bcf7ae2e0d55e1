-- scenario: store-test-vector
-- models: the migrator store's own test vector (TestVersions): one version per ledger rule.
--   1001 applied; 1002 applied then reverted; 1003 applied, reverted, then a new up attempt that
--   never finished; 1004 applied then a down attempt that never finished; 1005 failed; 1006
--   failed, then applied, then a failed (finished) revert, which the migrator's filter ignores.
-- needs: migration_logs
-- expect status exit: 4
-- expect frontend: health=dirty ledger=migration_logs applied=[1001,1006] pending=[1003,1004] failed=[1005] legacy=none
-- expect codeintel: health=clean ledger=migration_logs applied=[] pending=[] failed=[]
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
SELECT 2, 'schema_migrations', v, up, t, f, s, e
FROM (VALUES
  (1001, true,  '2026-01-01 10:00:00+00'::timestamptz, '2026-01-01 10:00:01+00'::timestamptz, true,  NULL),
  (1002, true,  '2026-01-01 10:01:00+00', '2026-01-01 10:01:01+00', true,  NULL),
  (1002, false, '2026-01-01 10:02:00+00', '2026-01-01 10:02:01+00', true,  NULL),
  (1003, true,  '2026-01-01 10:03:00+00', '2026-01-01 10:03:01+00', true,  NULL),
  (1003, false, '2026-01-01 10:04:00+00', '2026-01-01 10:04:01+00', true,  NULL),
  (1003, true,  '2026-01-01 10:05:00+00', NULL,                     NULL,  NULL),
  (1004, true,  '2026-01-01 10:06:00+00', '2026-01-01 10:06:01+00', true,  NULL),
  (1004, false, '2026-01-01 10:07:00+00', NULL,                     NULL,  NULL),
  (1005, true,  '2026-01-01 10:08:00+00', '2026-01-01 10:08:01+00', false, 'failed to apply migration 1005: ERROR: relation "t" already exists (SQLSTATE 42P07)'),
  (1006, true,  '2026-01-01 10:09:00+00', '2026-01-01 10:09:01+00', false, 'failed to apply migration 1006: ERROR: deadlock detected (SQLSTATE 40P01)'),
  (1006, true,  '2026-01-01 10:10:00+00', '2026-01-01 10:10:01+00', true,  NULL),
  (1006, false, '2026-01-01 10:11:00+00', '2026-01-01 10:11:01+00', false, 'failed to apply migration 1006: ERROR: cannot drop table t because other objects depend on it (SQLSTATE 2BP01)')
) AS rows(v, up, t, f, s, e);
