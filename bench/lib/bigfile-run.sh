#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see bench/bigfile.
set -euo pipefail
bin=$RBSHELL_BENCH_BIN
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export RBSHELL_AUDIT_LOG="$out/audit.jsonl"
dir="$out/migrations/frontend/1700200000_big"
mkdir -p "$dir"
python3 -c "
import sys
sys.stdout.write(''.join('INSERT INTO t VALUES (%d);\n' % i for i in range(400000)))" > "$dir/up.sql"
echo "SELECT 1;" > "$dir/down.sql"
echo "name: big" > "$dir/metadata.yaml"
psql -q -c "CREATE DATABASE big" >/dev/null
hyperfine -N --warmup 1 --runs "$RBSHELL_BENCH_RUNS" --export-json "$out/big.json" \
  -n "validate-definitions (400,000 statements)" "$bin validate-definitions --migrations $out/migrations" \
  -n "up --dry-run (400,000 statements)" "$bin up --db frontend --dsn dbname=big --migrations $out/migrations --dry-run" >/dev/null
python3 bench/lib/summarize.py "$out/big.json"
