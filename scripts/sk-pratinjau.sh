#!/bin/sh
# Render the demo SK (draft of Kota Pekalongan) to PDF, Excel and one PNG per page, so a person
# can look at the layout: var/sk-pratinjau/. Uses a throwaway SQLite database and media folder,
# never the application's own data.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
KELUAR=var/sk-pratinjau
SEMENTARA=$(mktemp -d)
trap 'rm -rf "$SEMENTARA"' EXIT
export DJANGO_DEBUG=1 DATABASE_URL="sqlite:///$SEMENTARA/pratinjau.sqlite3" DJANGO_MEDIA_ROOT="$SEMENTARA/media"
$PY manage.py migrate --noinput -v0
$PY manage.py kumuh_demo >/dev/null
ID=$($PY manage.py ekspor_sk | awk 'NR == 2 { print $1 }')
rm -rf "$KELUAR" && mkdir -p "$KELUAR"
$PY manage.py ekspor_sk "$ID" --bagian semua --out "$KELUAR/sk-demo.pdf"
$PY manage.py ekspor_sk "$ID" --format xlsx --out "$KELUAR/sk-demo-lampiran1.xlsx"
pdftoppm -png -r "${RESOLUSI:-60}" "$KELUAR/sk-demo.pdf" "$KELUAR/halaman"
echo "Pratinjau: $(ls "$KELUAR"/halaman-*.png | wc -l) halaman PNG di $KELUAR/"
