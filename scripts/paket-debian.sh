#!/bin/sh
# Make sure the Debian packages the test suite needs are present: Chromium (browser tests),
# PostgreSQL server binaries (the PostgreSQL stage), poppler-utils (reading PDFs back), and the
# Pango/fonts WeasyPrint renders with. Installs them when run as root; otherwise says what to do.
set -eu
kurang=""
command -v chromium >/dev/null 2>&1 || [ -x "${KUMUH_CHROMIUM:-/usr/bin/chromium}" ] || kurang="$kurang chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || kurang="$kurang postgresql"
command -v pdftotext >/dev/null 2>&1 || kurang="$kurang poppler-utils"
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || kurang="$kurang fonts-dejavu-core"
# The SK prints in Liberation Sans/Serif (metric-compatible with Arial/Times New Roman).
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || kurang="$kurang fonts-liberation"
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || kurang="$kurang libpango-1.0-0 libpangoft2-1.0-0"
[ -z "$kurang" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Memasang paket Debian:$kurang"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $kurang >/dev/null
else
  echo "Paket Debian berikut belum terpasang:$kurang" >&2
  echo "Pasang sebagai root:  sudo apt-get install -y$kurang" >&2
  exit 1
fi
