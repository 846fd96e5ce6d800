#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL cluster on a loopback port for the test suite.
# Usage: .ci/postgres.sh start|stop    (prints the server URL on start)
# PostgreSQL refuses to run as root, so the cluster runs as the `postgres` user.
set -euo pipefail

PGDIR="${GOODFAITH_PG_DIR:-/tmp/goodfaith-pg}"
PGPORT="${GOODFAITH_PG_PORT:-55432}"
# Tests throw the cluster away, so it need not survive a crash: fsync off. The benchmark sets
# its own (see docs/performance.md).
PGOPTIONS_EXTRA="${GOODFAITH_PG_OPTIONS:--c fsync=off}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }

case "${1:-}" in
  start)
    if [ -z "$BIN" ]; then echo "PostgreSQL is not installed (run .ci/setup.sh)" >&2; exit 1; fi
    as_postgres "$BIN/pg_ctl -D '$PGDIR/data' stop -m immediate" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
    mkdir -p "$PGDIR"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
    as_postgres "$BIN/initdb -D '$PGDIR/data' -A trust -U postgres" >"$PGDIR.initdb.log" 2>&1
    as_postgres "$BIN/pg_ctl -D '$PGDIR/data' -o \"-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 $PGOPTIONS_EXTRA\" -l '$PGDIR/log' -w start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  stop)
    [ -n "$BIN" ] && as_postgres "$BIN/pg_ctl -D '$PGDIR/data' stop -m fast" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
