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
