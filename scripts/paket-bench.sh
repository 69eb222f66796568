#!/bin/sh
# Make sure the Debian packages the SK benchmark needs are present (bench/bench_sk_libreoffice.py):
# LibreOffice Calc without GUI (the office suite a Dinas converts the Excel with today) and
# poppler-utils (page counts and text of the PDFs). Idempotent: installs only what is missing,
# when run as root; otherwise says what to run and fails.
set -eu
kurang=""
command -v soffice >/dev/null 2>&1 || kurang="$kurang libreoffice-calc-nogui"
command -v pdftotext >/dev/null 2>&1 || kurang="$kurang poppler-utils"
# Both sides print in Liberation Sans (the SK's font, metric-compatible with Arial).
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || kurang="$kurang fonts-liberation"
[ -z "$kurang" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Memasang paket Debian untuk tolok ukur:$kurang" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $kurang >/dev/null
else
  echo "Paket Debian untuk tolok ukur SK belum terpasang:$kurang" >&2
  echo "Pasang sebagai root:  sudo apt-get install -y$kurang" >&2
  echo "(atau jalankan:  sudo sh scripts/paket-bench.sh)" >&2
  exit 1
fi
