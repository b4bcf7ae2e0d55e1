-- 5,000 frontend versions with ten attempts each (alternating up/down, the tenth an up);
-- every thousandth version's last attempt failed.
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
SELECT 2, 'schema_migrations', v, CASE WHEN a = 10 THEN true ELSE a % 2 = 1 END,
       timestamptz '2026-01-01' + (v * 10 + a) * interval '1 second',
       timestamptz '2026-01-01' + (v * 10 + a) * interval '1 second' + interval '10 ms',
       NOT (a = 10 AND v % 1000 = 0),
       CASE WHEN a = 10 AND v % 1000 = 0 THEN 'failed to apply migration ' || v || ': ERROR: boom' END
FROM generate_series(1, 5000) AS v, generate_series(1, 10) AS a;
ANALYZE migration_logs;
