#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free local port, runs the given command with
# PRAKTIK_TEST_DATABASE_URL (and DATABASE_URL) pointing at it, then stops and removes the cluster.
#   scripts/with-postgres.sh swift test
set -euo pipefail

pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && pg_bin="$dir"
done
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL server binaries not found; installing them (apt-get install postgresql)." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && pg_bin="$dir"
  done
fi
[ -n "$pg_bin" ] || { echo "no PostgreSQL server binaries after install" >&2; exit 1; }

run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data_dir=$(mktemp -d /tmp/praktik-pg.XXXXXX)
[ "$(id -u)" = "0" ] && chown postgres "$data_dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  run_as_postgres "$pg_bin/pg_ctl" -D "$data_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

run_as_postgres "$pg_bin/initdb" -D "$data_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_as_postgres "$pg_bin/pg_ctl" -D "$data_dir/data" -l "$data_dir/server.log" -w \
  -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
  start >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port" >&2

export PRAKTIK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
export DATABASE_URL="$PRAKTIK_TEST_DATABASE_URL"
"$@"
