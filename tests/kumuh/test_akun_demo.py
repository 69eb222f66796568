"""`kumuh_demo` refuses to run on a production instance (issue 14 item 5): its accounts share a
published password."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lokasi.models import Pengguna

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_it_refuses_when_debug_is_off_and_loads_nothing(settings):
    settings.KUMUH_DEMO_DIIZINKAN = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG tidak aktif") as galat:
        call_command("kumuh_demo", stdout=io.StringIO())
    assert "--paksa" in str(galat.value)
    assert not Pengguna.objects.exists()


@pytest.mark.django_db
def test_paksa_loads_the_demo_even_when_debug_is_off(settings):
    settings.KUMUH_DEMO_DIIZINKAN = False
    call_command("kumuh_demo", "--paksa", stdout=io.StringIO(), stderr=io.StringIO())
    assert Pengguna.objects.filter(username="operator.pekalongan").exists()


def test_a_production_environment_refuses_by_default(tmp_path):
    """The real default: without DJANGO_DEBUG (and without the tests' override) it refuses."""
    lingkungan = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "KUMUH_DEMO"))
    }
    lingkungan.update(
        DJANGO_SECRET_KEY="hanya-untuk-tes-" + "x" * 40,
        DATABASE_URL=f"sqlite:///{tmp_path / 'produksi.sqlite3'}",
    )
    r = subprocess.run(
        [sys.executable, "manage.py", "kumuh_demo"],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert "kumuh_demo ditolak: DJANGO_DEBUG tidak aktif" in r.stderr
