#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see bench/shell.
set -euo pipefail
bin=$RBSHELL_BENCH_BIN
runs=$RBSHELL_BENCH_RUNS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
psql -q -c "CREATE DATABASE sg" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d sg -f sql/ledger/migration_logs.sql -f sql/scenarios/demo.sql >/dev/null
export RBSHELL_HISTORY="$out/history" PGDATABASE=sg
hyperfine -N --warmup 5 --runs "$runs" --export-json "$out/shell.json" \
  -n "script (pseudo-terminal) alone" "script -qec true /dev/null" \
  -n "rbshell to its first prompt (in script)" "script -qec 'env RBSHELL_EXIT_AT_FIRST_PROMPT=1 $bin --migrations sql/migrations --db codeintel' /dev/null" \
  -n "rbshell -c quit (no terminal)" "$bin -c quit" >/dev/null
python3 bench/lib/summarize.py --baseline "script (pseudo-terminal) alone" "$out/shell.json"
python3 - "$out/shell.json" <<'PY'
import json, statistics, sys
r = {x["command"]: statistics.median(x["times"]) * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print(f"  start-up to the first prompt: {r['rbshell to its first prompt (in script)'] - r['script (pseudo-terminal) alone']:.2f} ms (median difference)")
PY
