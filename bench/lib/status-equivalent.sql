-- The statements `rbshell status --db frontend` sends, verbatim from
-- Sources/RBShellPostgres/LedgerQueries.swift, with the parameter inlined: the psql baseline.
SELECT to_regclass('migration_logs') IS NOT NULL AS has_logs,
       to_regclass('schema_migrations') IS NOT NULL AS has_legacy;
SELECT count(*) AS total,
       count(*) FILTER (WHERE backfilled) AS backfilled,
       count(*) FILTER (WHERE (NOT (NOT up AND NOT success AND finished_at IS NOT NULL)) IS NOT TRUE) AS ignored
FROM migration_logs
WHERE schema = 'schema_migrations';
SELECT l.version, l.up, l.success, l.backfilled, l.error_message,
       extract(epoch FROM l.started_at)::float8 AS started_at,
       extract(epoch FROM l.finished_at)::float8 AS finished_at
FROM (
  SELECT DISTINCT ON (version) id
  FROM migration_logs
  WHERE schema = 'schema_migrations' AND NOT (NOT up AND NOT success AND finished_at IS NOT NULL)
  ORDER BY version, backfilled, started_at DESC, id DESC
) AS deciding
JOIN migration_logs AS l USING (id)
ORDER BY l.version;
