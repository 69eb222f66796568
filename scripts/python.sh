#!/bin/sh
# Print the first Python interpreter >= 3.12 (Django 6 needs it), or explain and fail.
# With pyenv, the committed .python-version selects 3.13 so that `python3` resolves to it.
for c in "${KUMUH_PYTHON:-}" python3.14 python3.13 python3.12 python3; do
  [ -n "$c" ] || continue
  if command -v "$c" >/dev/null 2>&1 &&
     "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
    echo "$c"; exit 0
  fi
done
echo "kumuh butuh Python 3.12 atau lebih baru; tidak ditemukan di PATH." >&2
echo "Debian 13: apt-get install python3 python3-venv. Debian 12: pasang python3.12+ (mis. pyenv)," >&2
echo "atau tunjuk interpreternya: make KUMUH_PYTHON=/jalur/ke/python3.12 ..." >&2
exit 1
