#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server on a local socket, then removes it.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed: apt-get install postgresql"; exit 1; }

DIR=$(mktemp -d /tmp/kd-pg.XXXXXX)
PORT=${PGTEST_PORT:-54329}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
as_pg "$PG_BIN/initdb" -D "$DIR/data" -U kd --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -o "-k $DIR -p $PORT -c listen_addresses=''" -l "$DIR/log" -w start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT
export DATABASE_URL="postgres://kd@/kommunal?host=$DIR&port=$PORT"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $DIR:$PORT"
"$@"
