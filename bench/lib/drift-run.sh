#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see bench/drift.
set -euo pipefail
bin=$RBSHELL_BENCH_BIN
runs=$RBSHELL_BENCH_RUNS
graph=$RBSHELL_BENCH_GRAPH
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export RBSHELL_AUDIT_LOG="$out/audit.jsonl"

psql -q -c "CREATE DATABASE live" >/dev/null
"$bin" up --db frontend --dsn dbname=live --migrations "$graph" --release v5.3.0 --yes >/dev/null 2>&1
drift="$bin drift --db frontend --dsn dbname=live --migrations $graph"
# The warm runs' scratch database, kept once (untimed).
kept=$($drift --keep-scratch --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["drift"][0]["scratch"]["database"])')
trap 'psql -q -c "DROP DATABASE IF EXISTS \"$kept\"" >/dev/null; rm -rf "$out"' EXIT
echo "frontend at v5.3.0: $(psql -At -d live -c "SELECT count(*) FROM migration_logs WHERE success") migrations applied; kept scratch database $kept"

python3 bench/lib/paired.py "$runs" \
  "rbshell up v5.3.0 (empty database)" "PGOPTIONS=--client-min-messages=warning psql -q -c 'DROP DATABASE IF EXISTS base' -c 'CREATE DATABASE base' >/dev/null" \
    "$bin up --db frontend --dsn dbname=base --migrations $graph --release v5.3.0 --yes" \
  "rbshell drift, cold (build + compare)" "true" "$drift" \
  "rbshell drift, warm (--keep-scratch)" "true" "$drift --keep-scratch" \
  "pg_dump -s of both + diff" "true" "pg_dump -s live > $out/a.sql; pg_dump -s \"$kept\" > $out/b.sql; diff $out/a.sql $out/b.sql >/dev/null || true"

echo "the comparison alone (both catalogs read and compared, as drift reports it):"
for _ in $(seq 1 "$runs"); do $drift --keep-scratch --json 2>/dev/null; done | python3 -c '
import json, statistics, sys
text = sys.stdin.read()
decoder, seconds, at = json.JSONDecoder(), [], 0
while at < len(text):
    while at < len(text) and text[at].isspace(): at += 1
    if at >= len(text): break
    document, at = decoder.raw_decode(text, at)
    seconds.append(document["drift"][0]["seconds"]["compare"] * 1000)
print(f"  drift comparison                        median {statistics.median(seconds):7.2f} ms  (min {min(seconds):6.2f}  max {max(seconds):6.2f}, {len(seconds)} runs)")'
