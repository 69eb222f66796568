#!/bin/sh
# Run a command against a throwaway PostgreSQL server: a fresh cluster in a temporary folder,
# listening on loopback only, with DATABASE_URL pointing at it; stopped and removed afterwards.
set -eu
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PG_BIN" ] || { echo "Server PostgreSQL tidak ditemukan (paket postgresql)." >&2; exit 1; }
DIR=$(mktemp -d /tmp/kumuh-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root; the cluster belongs to the postgres system user.
  id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
  chown postgres "$DIR"
  SEBAGAI="runuser -u postgres --"
else
  SEBAGAI=""
fi
berhenti() {
  $SEBAGAI "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap berhenti EXIT INT TERM
$SEBAGAI "$PG_BIN/initdb" -D "$DIR/data" -A trust -E UTF8 --locale=C.UTF-8 -U kumuh >/dev/null
$SEBAGAI "$PG_BIN/pg_ctl" -w -D "$DIR/data" -l "$DIR/log" \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
$SEBAGAI "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U kumuh kumuh
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') sementara di 127.0.0.1:$PORT"
DATABASE_URL="postgres://kumuh@127.0.0.1:$PORT/kumuh" "$@"
