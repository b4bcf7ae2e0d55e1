#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see bench/status.
set -euo pipefail
bin=$RBSHELL_BENCH_BIN
runs=$RBSHELL_BENCH_RUNS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

psql -q -c "CREATE DATABASE bench" >/dev/null
psql -q -v ON_ERROR_STOP=1 -d bench -f sql/ledger/migration_logs.sql -f bench/lib/ledger-5000x10.sql >/dev/null

# The baseline: the exact statements rbshell sends, captured from one run, replayed by psql.
RBSHELL_LOG_SQL="$out/statements.sql" "$bin" status --db frontend --dsn dbname=bench >/dev/null || true

hyperfine -N -i --warmup 5 --runs "$runs" --export-json "$out/status.json" \
  -n "psql (same statements)" "psql -X -q -d bench -f $out/statements.sql -o /dev/null" \
  -n "rbshell status" "$bin status --db frontend --dsn dbname=bench" \
  -n "rbshell status --json" "$bin status --db frontend --dsn dbname=bench --json" >/dev/null
hyperfine -N --warmup 10 --runs "$((runs * 2))" --export-json "$out/help.json" \
  -n "rbshell --help (static)" "$bin --help" \
  -n "rbshell --help (dynamic)" "$RBSHELL_BENCH_DYNAMIC_BIN --help" >/dev/null

echo "ledger: 5,000 versions x 10 rows (50,000 rows) for frontend; rbshell built with --static-swift-stdlib"
python3 bench/lib/summarize.py --baseline "psql (same statements)" "$out/status.json" "$out/help.json"
