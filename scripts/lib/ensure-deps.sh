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

# The newest installed PostgreSQL server's bin directory.
pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] || return 1
  echo "$d"
}
