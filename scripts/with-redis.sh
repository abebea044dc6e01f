#!/usr/bin/env bash
# Runs a command with CACHE_URL pointing at a throwaway Redis server on a free local port.
set -euo pipefail
if ! command -v redis-server >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
command -v redis-server >/dev/null || { echo "Redis is not installed: apt-get install redis-server"; exit 1; }

DIR=$(mktemp -d /tmp/kd-redis.XXXXXX)
PORT=${REDISTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
redis-server --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --save '' --appendonly no \
  --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/log"
trap 'kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
export CACHE_URL="redis://127.0.0.1:$PORT/0"
echo "Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
