-- scenario: negative-versions
-- models: a codeinsights ledger backfilled from the stitched graph, whose root is the virtual
--   privileged squashed migration -1000000000 (negative IDs fit int4 and sort first), plus a
--   negative version whose latest attempt failed.
-- needs: migration_logs
-- expect status exit: 4
-- expect codeinsights: health=dirty applied=[-1000000000,1000000000,1000000001] pending=[] failed=[-7]
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message, backfilled) VALUES
  (2, 'codeinsights_schema_migrations', -1000000000, true, '2026-01-01 10:00:00+00', '2026-01-01 10:00:00+00', true, NULL, true),
  (2, 'codeinsights_schema_migrations', 1000000000,  true, '2026-01-01 10:00:00+00', '2026-01-01 10:00:00+00', true, NULL, true),
  (2, 'codeinsights_schema_migrations', 1000000001,  true, '2026-01-01 10:00:01+00', '2026-01-01 10:00:02+00', true, NULL, false),
  (2, 'codeinsights_schema_migrations', -7,          true, '2026-01-01 10:00:03+00', '2026-01-01 10:00:04+00', false, 'failed to apply migration -7: ERROR: permission denied to create extension "pg_trgm" (SQLSTATE 42501)', false);
