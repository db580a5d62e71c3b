#!/usr/bin/env bash
# Redis and PostgreSQL on 127.0.0.1 for the store, queue and cluster tests, from Debian's
# packages (installed when missing), each in its own folder under $PLY_TEST_SERVICES_DIR
# (default /tmp/ply-test-services) on its own port, so a system Redis or PostgreSQL is left alone.
# Starting twice is a no-op. Prints the variables the tests read, so a shell can take them:
#   eval "$(bash scripts/test-services.sh)"
# PostgreSQL refuses to run as root: when run as root, its cluster belongs to the postgres user.
set -euo pipefail
DIR="${PLY_TEST_SERVICES_DIR:-/tmp/ply-test-services}"
REDIS_PORT="${PLY_TEST_REDIS_PORT:-56379}"
PG_PORT="${PLY_TEST_PG_PORT:-55432}"
mkdir -p "$DIR"
chmod 755 "$DIR"
# Several shells may start the services at once (parallel test runs): one at a time. The
# servers started below must not inherit the lock's descriptor (9>&-), or they would hold it for
# as long as they run and every later start would wait for ever.
exec 9>"$DIR/.start.lock"
flock 9

sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} from Debian's packages" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

# Redis: no persistence (tests make their own data), loopback only.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --dir "$DIR" --logfile "$DIR/redis.log" --pidfile "$DIR/redis.pid" >&2 9>&-
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null || { echo "Redis did not start (see $DIR/redis.log)" >&2; exit 1; }
fi

# PostgreSQL: a throwaway cluster (trust on loopback; commits not waiting for the WAL flush, like
# SQLite's synchronous=NORMAL: a crash of the server may lose the last ones; test data only).
PG_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
PG_DATA="$DIR/pg"
as_pg() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*" 9>&-; else bash -c "$*" 9>&-; fi
}
if ! "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DATA"
    as_pg "'$PG_BIN/initdb' -D '$PG_DATA' -U postgres --auth=trust --locale=C --encoding=UTF8" >&2
  fi
  as_pg "'$PG_BIN/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/server.log' -w -o \"-p $PG_PORT -c listen_addresses=127.0.0.1 -k '$PG_DATA' -c synchronous_commit=off -c max_connections=300\" start" >&2
fi
if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ply_test'" | grep -q 1; then
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE ply_test" >&2
fi

echo "export PLY_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
echo "export PLY_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/ply_test"
