#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see bench/diagnose.
set -euo pipefail
bin=$RBSHELL_BENCH_BIN
runs=$RBSHELL_BENCH_RUNS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

psql -q -c "CREATE DATABASE bench" >/dev/null
echo "building the database (10,000 tables; 150,000 ledger rows)..." >&2
start=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -d bench -f sql/ledger/migration_logs.sql -f bench/lib/catalog-10k.sql >/dev/null
for schema in schema_migrations codeintel_schema_migrations codeinsights_schema_migrations; do
  sed "s/'schema_migrations'/'$schema'/" bench/lib/ledger-5000x10.sql | psql -q -v ON_ERROR_STOP=1 -d bench >/dev/null
done
psql -q -d bench -c "VACUUM ANALYZE" >/dev/null
echo "built in $(( $(date +%s) - start ))s" >&2
psql -X -q -At -d bench -c "SELECT 'tables ' || count(*) FILTER (WHERE relkind = 'r') || ', indexes ' || count(*) FILTER (WHERE relkind = 'i') FROM pg_class WHERE relnamespace = 'public'::regnamespace" \
  -c "SELECT 'columns ' || count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0" \
  -c "SELECT 'ledger rows ' || count(*) FROM migration_logs"

command="$bin diagnose --dsn dbname=bench --migrations sql/migrations"
RBSHELL_LOG_SQL="$out/statements.sql" $command >/dev/null || true
echo "statements sent by diagnose: $(grep -c ';$' "$out/statements.sql" || true)"

hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$out/diagnose.json" \
  -n "psql (same statements)" "psql -X -q -d bench -f $out/statements.sql -o /dev/null" \
  -n "rbshell diagnose" "$command" \
  -n "rbshell diagnose --json" "$command --json" >/dev/null
python3 bench/lib/summarize.py --baseline "psql (same statements)" "$out/diagnose.json"

# Size independence (issue 13): diagnose reads only what the failed and pending migrations name,
# so the 10,000 tables must cost next to nothing. The same ledgers on an empty catalog are the
# baseline; paired rounds (bench/lib/paired.py), as the load drifts between blocks of runs.
echo "copying the ledgers onto an empty catalog, and a ledger with one failed migration..." >&2
psql -q -c "CREATE DATABASE bench_empty" >/dev/null
psql -q -v ON_ERROR_STOP=1 -d bench_empty -f sql/ledger/migration_logs.sql >/dev/null
psql -X -q -d bench -c "COPY migration_logs TO STDOUT" | psql -X -q -d bench_empty -c "COPY migration_logs FROM STDIN"
one_failed="TRUNCATE migration_logs; INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
  SELECT 2, 'schema_migrations', v, true, now(), now(), v <> 1700000300, CASE WHEN v = 1700000300 THEN 'ERROR: boom' END
  FROM unnest(ARRAY[1700000000, 1700000100, 1700000200, 1700000300]) AS v"
psql -q -c "CREATE DATABASE bench_one TEMPLATE bench" -c "CREATE DATABASE bench_one_empty TEMPLATE bench_empty" >/dev/null
psql -X -q -d bench_one -c "$one_failed" >/dev/null
psql -X -q -d bench_one_empty -c "$one_failed" >/dev/null
for db in bench_empty bench_one bench_one_empty; do psql -X -q -d "$db" -c "VACUUM ANALYZE" >/dev/null; done
diagnose() { echo "$bin diagnose --dsn dbname=$1 --migrations sql/migrations >/dev/null || true"; }
echo "size independence (5,000 versions x 3 schemas, 3 failed each):"
python3 bench/lib/paired.py "$runs" \
  "diagnose, empty catalog" true "$(diagnose bench_empty)" \
  "diagnose, 10,000 tables" true "$(diagnose bench)"
echo "one failed migration:"
python3 bench/lib/paired.py "$runs" \
  "diagnose, empty catalog" true "$(diagnose bench_one_empty)" \
  "diagnose, 10,000 tables" true "$(diagnose bench_one)"
