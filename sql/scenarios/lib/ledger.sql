-- Helpers for scenario files (psql sessions only: pg_temp functions vanish with the session).
-- They write ledger rows exactly as Sourcegraph's migrator does (migration_logs_schema_version 2,
-- `schema` = the schema's ledger name), so scenarios read like the incident they model:
--   SELECT pg_temp.applied('frontend', 1700000000);
--   SELECT pg_temp.failed('codeintel', 1700001100, 'ERROR: ...');
--   SELECT pg_temp.pending('frontend', 1700000500);
--   SELECT pg_temp.reverted('frontend', 1700000700);
CREATE FUNCTION pg_temp.ledger_name(schema_name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE schema_name WHEN 'frontend' THEN 'schema_migrations' ELSE schema_name || '_schema_migrations' END
$$;

CREATE FUNCTION pg_temp.record(schema_name text, v integer, is_up boolean, ok boolean, finished boolean, message text)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
  VALUES (2, pg_temp.ledger_name(schema_name), v, is_up,
          clock_timestamp() - interval '10 minutes',
          CASE WHEN finished THEN clock_timestamp() - interval '10 minutes' + interval '1 second' END,
          ok, message)
$$;

CREATE FUNCTION pg_temp.applied(schema_name text, v integer) RETURNS void LANGUAGE sql AS $$
  SELECT pg_temp.record(schema_name, v, true, true, true, NULL)
$$;

CREATE FUNCTION pg_temp.reverted(schema_name text, v integer) RETURNS void LANGUAGE sql AS $$
  SELECT pg_temp.record(schema_name, v, false, true, true, NULL)
$$;

CREATE FUNCTION pg_temp.failed(schema_name text, v integer, message text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_temp.record(schema_name, v, true, false, true, 'failed to apply migration ' || v || ': ' || message)
$$;

CREATE FUNCTION pg_temp.pending(schema_name text, v integer) RETURNS void LANGUAGE sql AS $$
  SELECT pg_temp.record(schema_name, v, true, NULL, false, NULL)
$$;

CREATE FUNCTION pg_temp.pending_down(schema_name text, v integer) RETURNS void LANGUAGE sql AS $$
  SELECT pg_temp.record(schema_name, v, false, NULL, false, NULL)
$$;
