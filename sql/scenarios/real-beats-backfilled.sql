-- scenario: real-beats-backfilled
-- models: the migrator's ordering rule: a real attempt decides over a backfilled row even when
--   the backfilled row is newer. 2001 failed for real, then a later backfill marked it applied:
--   still failed. 2002 has only a backfilled row: applied. 2003 was reverted for real after an
--   older real apply, and a later backfill row does not bring it back.
-- needs: migration_logs
-- expect status exit: 4
-- expect frontend: health=dirty applied=[2002] pending=[] failed=[2001]
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message, backfilled) VALUES
  (2, 'schema_migrations', 2001, true,  '2026-01-01 10:00:00+00', '2026-01-01 10:00:01+00', false, 'failed to apply migration 2001: ERROR: syntax error at or near "CREAT" (SQLSTATE 42601)', false),
  (2, 'schema_migrations', 2001, true,  '2026-02-01 10:00:00+00', '2026-02-01 10:00:00+00', true,  NULL, true),
  (2, 'schema_migrations', 2002, true,  '2026-02-01 10:00:00+00', '2026-02-01 10:00:00+00', true,  NULL, true),
  (2, 'schema_migrations', 2003, true,  '2026-01-01 09:00:00+00', '2026-01-01 09:00:01+00', true,  NULL, false),
  (2, 'schema_migrations', 2003, false, '2026-01-01 09:30:00+00', '2026-01-01 09:30:01+00', true,  NULL, false),
  (2, 'schema_migrations', 2003, true,  '2026-02-01 10:00:00+00', '2026-02-01 10:00:00+00', true,  NULL, true);
