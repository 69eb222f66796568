"""`manage.py kumuh_demo` runs every installed app's own demo step, lowest app first."""

import io

import pytest
from django.core.management import call_command

from kumuh.management.commands.kumuh_demo import langkah_demo


def test_it_finds_each_apps_demo_command_in_installed_apps_order():
    # kumuh's own command is not a step of itself
    assert langkah_demo() == ["lokasi_demo", "penilaian_demo", "kolaborasi_demo", "monev_demo"]


@pytest.mark.django_db
def test_it_prints_the_demo_logins():
    keluaran = io.StringIO()
    call_command("kumuh_demo", stdout=keluaran)
    teks = keluaran.getvalue()
    assert "operator.pekalongan" in teks and "demo-kumuh-2026" in teks
    assert "Draf SK demo" in teks  # penilaian's step ran too
