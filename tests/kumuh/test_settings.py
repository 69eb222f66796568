"""Production settings: refuse to start without a secret, and pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    lingkungan = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))
    }
    lingkungan.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    r = _manage("check")
    assert r.returncode != 0
    assert "DJANGO_SECRET_KEY wajib diisi" in r.stderr


def test_check_deploy_is_clean_with_production_environment():
    r = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k" * 20 + "x9!Lq@2#Zr$7&pW^4*mN(0)vB_+=T]" + "y" * 20,
        DJANGO_ALLOWED_HOSTS="kumuh.pekalongankota.go.id",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_security_defaults_when_debug_is_off(settings):
    from kumuh import settings as s

    assert s.DEBUG is False
    assert s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE
    assert s.SECURE_HSTS_SECONDS >= 31536000
    assert s.LANGUAGE_CODE == "id" and s.TIME_ZONE == "Asia/Jakarta"
    assert s.SECURE_CSP["default-src"] == ["'self'"]


def test_pages_send_a_self_only_csp(client, db):
    r = client.get("/masuk/")
    assert r.status_code == 200
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert "script-src 'self'" in r["Content-Security-Policy"]


def test_blank_choices_read_in_indonesian(client):
    # Django 6's "- Select an option -" has no Indonesian translation of its own yet.
    from django import forms
    from django.utils import translation

    from lokasi.models import DokumenLokasi

    with translation.override("id"):
        pilihan = forms.models.fields_for_model(DokumenLokasi, fields=["jenis"])["jenis"].choices
        assert str(pilihan[0][1]) == "- Pilih -"
