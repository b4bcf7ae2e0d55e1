#!/usr/bin/env bash
# Runs inside scripts/with-postgres; see scripts/demo.
set -uo pipefail
rbshell() { "$RBSHELL_DEMO_BIN" "$@"; }
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
show() {
  printf '\n%s$ rbshell %s%s\n' "$bold" "$*" "$plain"
  rbshell "$@"
  printf '(exit code %s)\n' "$?"
}
psql -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE sg" >/dev/null || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d sg -f sql/ledger/migration_logs.sql -f sql/scenarios/demo.sql >/dev/null || exit 1
export PGDATABASE=sg RBSHELL_MIGRATIONS=sql/migrations RBSHELL_AUDIT_LOG="$PGHOST/demo-audit.jsonl"
echo "A throwaway PostgreSQL holds database \"sg\", left dirty by three interrupted migrations."
show status
show diagnose
show leaves --db frontend
show rehearse repair complete --db codeintel --version 1700001100
show repair complete --db codeintel --version 1700001100 --dry-run
show repair complete --db codeintel --version 1700001100 --yes
show diagnose --db codeintel --json
exit 0
