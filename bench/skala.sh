#!/bin/sh
# Issue 14 at national scale (docs/kinerja.md): 30,000 synthetic lokasi in three cities, one
# of 15,000 (`manage.py kumuh_sintetis`), on SQLite and then on a throwaway PostgreSQL:
#   - the priority list page, its htmx partial, a far page and the map endpoint (≤ 100 ms),
#   - the dashboard toward 0 ha (≤ 100 ms) and the lokasi list (bench_dasbor.py),
#   - the public city page (≤ 100 ms) and its map data (≤ 300 ms) (bench_publik.py),
#   - rescoring every survey after a rules change (hitung_ulang_semua, ≤ 10 s).
# Usage: sh bench/skala.sh [sqlite|postgres|semua]   (LOKASI=30000, PY=.venv/bin/python)
# The SQLite dataset is built once into var/bench/ and copied for each run. Requests run with
# DEBUG off, as in production. Exits 1 when a budget is missed (each part still runs).
set -eu
PY=${PY:-.venv/bin/python}
LOKASI=${LOKASI:-30000}
MANA=${1:-semua}
mkdir -p var/bench
export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-hanya-untuk-tolok-ukur-skala}
export DJANGO_ALLOWED_HOSTS=testserver DJANGO_STATIC_MANIFEST=0 DJANGO_SECURE_SSL_REDIRECT=0
export KUMUH_DEMO_DIIZINKAN=1
GAGAL=""

bagian() {  # label, command…: run it, remember a failure, go on
  label=$1; shift
  echo "== $label"
  "$@" || GAGAL="$GAGAL $label"
}

ukur() {  # everything against the DATABASE_URL of the caller
  bagian "prioritas ($1)" "$PY" bench/bench_prioritas.py ukur --ulang 7 --anggaran 100
  "$PY" bench/bench_dasbor.py --isi >/dev/null
  bagian "dasbor ($1)" "$PY" bench/bench_dasbor.py --ulang 7 --anggaran 100
  bagian "publik ($1)" "$PY" bench/bench_publik.py --ulang 7 --dingin 1 --anggaran 100,300
}

if [ "$MANA" != postgres ]; then
  DATA="var/bench/sintetis-$LOKASI.sqlite3"
  if [ ! -f "$DATA" ]; then
    echo "Membuat $DATA ($LOKASI lokasi sintetis, beberapa menit)…"
    rm -f "$DATA.tmp"
    DATABASE_URL="sqlite:///$PWD/$DATA.tmp" "$PY" manage.py migrate -v0
    DATABASE_URL="sqlite:///$PWD/$DATA.tmp" "$PY" manage.py kumuh_sintetis --lokasi "$LOKASI" --pengguna --paksa
    mv "$DATA.tmp" "$DATA"
  fi
  cp "$DATA" var/bench/skala.sqlite3
  export DATABASE_URL="sqlite:///$PWD/var/bench/skala.sqlite3"
  "$PY" manage.py migrate -v0
  ukur sqlite
  unset DATABASE_URL
  bagian "hitung ulang (sqlite)" "$PY" bench/bench_hitung_ulang.py --salin "$DATA" --ulang 3
fi

if [ "$MANA" != sqlite ]; then
  # One throwaway server for the three parts: loading 30,000 lokasi takes a few minutes.
  bagian "postgresql" sh scripts/dengan-postgres.sh sh -c "
    set -e
    '$PY' manage.py migrate -v0
    '$PY' manage.py kumuh_sintetis --lokasi '$LOKASI' --pengguna --paksa
    '$PY' manage.py shell -c 'from django.db import connection; connection.cursor().execute(\"ANALYZE\")'
    s=0
    '$PY' bench/bench_prioritas.py ukur --ulang 7 --anggaran 100 || s=1
    # Before the dashboard's --isi, which adds 30,300 frozen-era surveys of its own.
    '$PY' bench/bench_hitung_ulang.py --ulang 3 || s=1
    '$PY' bench/bench_dasbor.py --isi >/dev/null
    '$PY' bench/bench_dasbor.py --ulang 7 --anggaran 100 || s=1
    '$PY' bench/bench_publik.py --ulang 7 --dingin 1 --anggaran 100,300 || s=1
    exit \$s"
fi

if [ -n "$GAGAL" ]; then
  echo "Tolok ukur skala tidak lulus:$GAGAL" >&2
  exit 1
fi
echo "Tolok ukur skala lulus."
