#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see bench/downto.
set -euo pipefail
bin=$RBSHELL_BENCH_BIN
runs=$RBSHELL_BENCH_RUNS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export RBSHELL_AUDIT_LOG="$out/audit.jsonl"

# 200 linear migrations in Sourcegraph's directory layout.
for i in $(seq 1 200); do
  id=$((1700100000 + i))
  dir="$out/migrations/frontend/${id}_table_$i"
  mkdir -p "$dir"
  printf 'CREATE TABLE bench_%s (id integer PRIMARY KEY, name text);\nCREATE INDEX bench_%s_name ON bench_%s (name);\n' "$i" "$i" "$i" > "$dir/up.sql"
  printf 'DROP TABLE bench_%s;\n' "$i" > "$dir/down.sql"
  { echo "name: table $i"; [[ $i -gt 1 ]] && echo "parents: [$((id - 1))]"; } > "$dir/metadata.yaml"
done
ups=$(ls -d "$out"/migrations/frontend/* | sort | sed -n '2,$p' | sed 's|$|/up.sql|' | sed 's/^/-f /' | tr '\n' ' ')
downs=$(ls -d "$out"/migrations/frontend/* | sort -r | sed '$d' | sed 's|$|/down.sql|' | sed 's/^/-f /' | tr '\n' ' ')
first="$(ls -d "$out"/migrations/frontend/* | sort | head -1)"

psql -q -c "CREATE DATABASE rb" -c "CREATE DATABASE ps" >/dev/null
psql -q -d ps -f "$first/up.sql" >/dev/null
"$bin" up --db frontend --dsn dbname=rb --migrations "$out/migrations" --yes >/dev/null 2>&1
# Repeated up/down cycles would grow the ledger far beyond a real one (400 rows a cycle): each
# prepare rebuilds the database, so every run starts from 200 applied rows as a real one has, and
# then lets the server settle, so no measured command pays for the previous run's cleanup.
cat > "$out/reset-rb.sh" <<SH
psql -q -c 'DROP DATABASE rb' -c 'CREATE DATABASE rb' >/dev/null
"$bin" up --db frontend --dsn dbname=rb --migrations "$out/migrations" --yes >/dev/null 2>&1
sleep 0.5
SH
cat > "$out/reset-ps.sh" <<SH
psql -q -X -1 -d ps $ups >/dev/null
sleep 0.5
SH
downto="$bin downto --db frontend --target 1700100001 --dsn dbname=rb --migrations $out/migrations --yes"

# A second baseline: psql replaying every statement rbshell sends (captured once with
# RBSHELL_LOG_SQL): the same transactions and ledger rows, without rbshell.
RBSHELL_LOG_SQL="$out/statements.sql" $downto >/dev/null 2>&1

# A third: psql sending the same statements the way rbshell does (each run of migrations as one
# query, framed in the log by `-- one query:` … `-- end of query`): the server's share of
# rbshell's time, each migration in its own transaction with its ledger row and notices.
python3 - "$out/statements.sql" "$out/replay" > "$out/replay-as-sent.sh" <<'PY'
import os, sys
source, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder)
parts, lines, in_query = [], [], False
def close(kind):
    global lines
    if lines:
        path = f"{folder}/{len(parts):04d}.sql"
        open(path, "w").write("".join(lines))
        parts.append(f'-c "$(cat {path})"' if kind == "query" else f"-f {path}")
    lines = []
for line in open(source):
    if line == "-- one query:\n":
        close("file"); in_query = True
    elif line == "-- end of query\n":
        close("query"); in_query = False
    else:
        lines.append(line)
close("file")
print("psql -q -X -d rb -o /dev/null " + " ".join(parts) + " 2>/dev/null")
PY

# Paired rounds (bench/lib/paired.py): each round runs every command once after its reset, so a
# ratio compares runs that saw the same machine load.
echo "statements rbshell sends for the plan: $(grep -v '^-- ' "$out/statements.sql" | grep -c ';$'), in $(grep -c '^-- one query:' "$out/statements.sql") multi-statement queries"
python3 bench/lib/paired.py "$runs" \
  "psql -1 -f (199 down files)" "bash $out/reset-ps.sh" "psql -q -X -1 -d ps $downs" \
  "psql replaying rbshell's statements" "bash $out/reset-rb.sh" "psql -q -X -d rb -f $out/statements.sql -o /dev/null" \
  "psql sending them as rbshell does" "bash $out/reset-rb.sh" "bash $out/replay-as-sent.sh" \
  "rbshell downto (199 migrations)" "bash $out/reset-rb.sh" "$downto" \
  "rbshell downto --single-transaction" "bash $out/reset-rb.sh" "$downto --single-transaction"
