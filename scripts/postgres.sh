#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and the bench.
#
#   url=$(scripts/postgres.sh start)   # initdb into a temp dir, 127.0.0.1 on a free port, trust auth;
#                                      # prints the DATABASE_URL (postgres://postgres@127.0.0.1:PORT/communique)
#   scripts/postgres.sh stop "$url"    # stop that server and remove its directory
#
# Runs the server as the `postgres` user when started by root. Durability is off by default
# (fsync, synchronous_commit) since the data is thrown away; COMMUNIQUE_PG_DURABLE=1 keeps it on
# (the bench uses that for honest write figures).
set -euo pipefail

bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$d/pg_ctl" ] && { bindir=$d; break; }
done
if [ -z "$bindir" ]; then
  echo "postgres.sh: PostgreSQL is not installed (scripts/install.sh --system installs it)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

state_dir() { echo "${TMPDIR:-/tmp}/communique-pg-$1"; }

port_of() {  # a URL, a port, or a state directory -> the port
  local arg=$1
  arg=${arg##*:}; arg=${arg%%/*}; arg=${arg##*communique-pg-}
  echo "$arg"
}

cmd=${1:-}
case "$cmd" in
  start)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    dir=$(state_dir "$port")
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=50"
    if [ "${COMMUNIQUE_PG_DURABLE:-0}" != 1 ]; then
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w -t 60 start >"$dir/pg_ctl.log" 2>&1 \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres communique
    echo "postgres://postgres@127.0.0.1:$port/communique"
    ;;
  stop)
    [ -n "${2:-}" ] || { echo "usage: postgres.sh stop DATABASE_URL|PORT" >&2; exit 2; }
    port=$(port_of "$2")
    dir=$(state_dir "$port")
    if [ -d "$dir/data" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >"$dir/pg_ctl.log" 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start | stop DATABASE_URL" >&2
    exit 2
    ;;
esac
