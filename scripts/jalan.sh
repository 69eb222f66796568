#!/bin/sh
# make run: the development server, with one background worker beside it (django-tasks-db's
# `manage.py db_worker`, which renders the SK files). The worker stops when the server stops,
# however the server stops (Ctrl+C, an error, a closed terminal).
# Usage: sh scripts/jalan.sh [host:port]   (PY selects the interpreter, default .venv/bin/python)
set -eu
PY=${PY:-.venv/bin/python}
ALAMAT=${1:-127.0.0.1:8000}
TENGGANG=5  # seconds a running task may take to finish before it is stopped

case "${KUMUH_TUGAS_BACKEND:-django_tasks_db.DatabaseBackend}" in
  django_tasks_db.DatabaseBackend) ;;
  *) echo "KUMUH_TUGAS_BACKEND=$KUMUH_TUGAS_BACKEND: tanpa pekerja latar." >&2
     exec "$PY" manage.py runserver "$ALAMAT" ;;
esac

# No --reload: the autoreloader's parent process SIGKILLs the worker on SIGTERM, so a task
# could not finish or record that it stopped. Restart `make run` after changing task code.
# setsid (when there is one) keeps the worker out of the terminal's Ctrl+C: this script
# decides how it stops, and can then stop its whole process group (the PDF render pool too).
if command -v setsid >/dev/null 2>&1; then
  setsid "$PY" manage.py db_worker --no-reload &
else
  "$PY" manage.py db_worker --no-reload &
fi
PEKERJA=$!
SERVER=

berhenti() {
  trap - EXIT INT TERM HUP
  [ -z "$SERVER" ] || kill -TERM "$SERVER" 2>/dev/null || true
  # First SIGTERM: the worker finishes its task and exits. A second one, TENGGANG seconds
  # later, stops the task, which is then recorded as failed and can be asked for again.
  kill -TERM "$PEKERJA" 2>/dev/null || true
  (sleep "$TENGGANG"; echo "Menghentikan tugas latar yang masih berjalan." >&2
   kill -TERM "$PEKERJA" 2>/dev/null; sleep 5; kill -KILL "$PEKERJA" 2>/dev/null) &
  PENJAGA=$!
  wait "$PEKERJA" 2>/dev/null || true
  kill "$PENJAGA" 2>/dev/null || true
  # Whatever the worker left behind (the render pool of a killed worker).
  kill -KILL -- "-$PEKERJA" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap berhenti EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# In the background too, so that `wait` (unlike a foreground command) lets a signal sent to
# this script alone run the traps at once.
"$PY" manage.py runserver "$ALAMAT" &
SERVER=$!
wait "$SERVER"
