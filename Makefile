# kumuh — make run (demo server) and make test (everything CI checks).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HASIL := var/hasil-tes
PYTEST := $(PY) -m pytest -p no:cacheprovider
# Exact versions of every dependency (with the dev extra), for Python 3.13 on any platform.
LOCK := requirements.lock
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install lock paket run demo test lint format check test-sqlite test-postgres test-browser bench bench-kueri bench-beban bench-sk bench-skala sk-preview clean

help:
	@echo "make run    jalankan aplikasi dengan data demo di http://127.0.0.1:8000"
	@echo "make test   semua pemeriksaan: ruff, check, migrasi, pytest SQLite + PostgreSQL + Chromium"
	@echo "make lint   ruff check dan ruff format --check"
	@echo "make format rapikan kode dengan ruff"
	@echo "make lock   tulis ulang requirements.lock dari pyproject.toml (lihat README)"
	@echo "make sk-preview  SK demo ke PDF, Excel dan PNG per halaman di var/sk-pratinjau/"
	@echo "make bench       semua tolok ukur: anggaran kueri, uji beban produksi, PDF SK"
	@echo "make bench-beban uji beban gunicorn + PostgreSQL: 150 permintaan/s selama 60 s (docs/deploy.md)"
	@echo "make bench-sk    tolok ukur PDF SK (Lampiran I 500 lokasi, Buku Profil 100) dan LibreOffice"
	@echo "make bench-skala 30.000 lokasi sintetis: daftar prioritas, dasbor, hitung ulang semua"

install: $(VENV)/.terpasang

$(VENV)/.terpasang: pyproject.toml $(LOCK)
	@PYBASE=$$(sh scripts/python.sh); \
	 if ! $$PYBASE -c 'import ensurepip, venv' 2>/dev/null && [ "$$(id -u)" = 0 ]; then \
	   apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null; fi; \
	 echo "Membuat $(VENV) dengan $$($$PYBASE --version)"; \
	 $$PYBASE -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r $(LOCK)
	$(PY) -m pip install -q -e . --no-deps
	@# A dependency added to pyproject.toml but not to the lock shows here, not at run time.
	@$(PY) -m pip check >/dev/null || { $(PY) -m pip check; \
	  echo "$(LOCK) tidak cocok dengan pyproject.toml: jalankan make lock" >&2; exit 1; }
	@touch $@

# Rewrite the lock from pyproject.toml. Versions already locked stay unless pyproject.toml
# excludes them; LOCK_ARGS=--upgrade takes the newest of everything,
# LOCK_ARGS="--upgrade-package django" of one package.
lock:
	@test -x $(VENV)/bin/uv || $(MAKE) --no-print-directory install || test -x $(VENV)/bin/uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.13 --universal \
	  --custom-compile-command "make lock" --quiet $(LOCK_ARGS) -o $(LOCK)

paket:
	@sh scripts/paket-debian.sh

run: install
	@mkdir -p var
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py kumuh_demo
	@echo "Buka http://127.0.0.1:8000 dan masuk dengan salah satu akun demo di atas."
	DJANGO_DEBUG=1 PY=$(PY) sh scripts/jalan.sh 127.0.0.1:8000

demo: install
	@mkdir -p var
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py kumuh_demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install
	DJANGO_SECRET_KEY=hanya-untuk-pemeriksaan $(PY) manage.py check --fail-level WARNING
	DJANGO_SECRET_KEY=hanya-untuk-pemeriksaan $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install
	@mkdir -p $(HASIL)
	@echo "== Tahap SQLite =="
	$(PYTEST) -m "not browser" --junitxml=$(HASIL)/sqlite.xml

test-postgres: install paket
	@mkdir -p $(HASIL)
	@echo "== Tahap PostgreSQL =="
	sh scripts/dengan-postgres.sh $(PYTEST) -m "not browser" --junitxml=$(HASIL)/postgres.xml

test-browser: install paket
	@mkdir -p $(HASIL)
	@echo "== Tahap Chromium (Playwright) =="
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTEST) -m browser tests/browser --junitxml=$(HASIL)/browser.xml

test: install paket
	@rm -rf $(HASIL)
	$(MAKE) --no-print-directory lint check test-sqlite test-postgres test-browser
	@$(PY) scripts/ringkasan_tes.py $(HASIL) sqlite postgres browser

clean:
	rm -rf $(VENV) var/hasil-tes

# Every benchmark, each one even when an earlier one failed; fails at the end if any did.
bench: install paket
	@gagal=""; \
	 $(MAKE) --no-print-directory bench-kueri || gagal="$$gagal bench-kueri"; \
	 $(MAKE) --no-print-directory bench-beban || gagal="$$gagal bench-beban"; \
	 $(MAKE) --no-print-directory bench-sk || gagal="$$gagal bench-sk"; \
	 $(MAKE) --no-print-directory bench-skala || gagal="$$gagal bench-skala"; \
	 if [ -n "$$gagal" ]; then echo "Tolok ukur tidak lulus:$$gagal" >&2; exit 1; fi

# Query budgets: the queries of a page stay the same as the rows grow (also part of make test).
bench-kueri: install
	$(PYTEST) bench -q

# The production stack under load: throwaway PostgreSQL, gunicorn (deploy/gunicorn.conf.py) and
# db_worker, 150 requests/s of mixed reads for 60 s, p99 <= 250 ms and no error
# (docs/kinerja-produksi.md). BEBAN_ARGS="--laju 50,100 --durasi 30" and so on.
bench-beban: install paket
	$(PY) bench/beban.py $(BEBAN_ARGS)

# Lampiran I of 500 lokasi against a plain HTML table, and the Buku Profil of 100 (docs/sk.md).
bench-sk: install
	$(PY) bench/bench_sk.py
	$(PY) bench/bench_sk_libreoffice.py

# 30,000 synthetic lokasi on SQLite and PostgreSQL: priority list, dashboard, rescoring all.
bench-skala: install paket
	PY=$(PY) sh bench/skala.sh

# The demo SK as PDF, Excel and PNG pages in var/sk-pratinjau/ (needs pdftoppm).
sk-preview: install paket
	sh scripts/sk-pratinjau.sh
