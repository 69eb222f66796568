"""The demo data loads, is idempotent and gives every role something to see."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lokasi.models import KabupatenKota, Lokasi, Pengguna, Peran, UnitSurvei
from tests.conftest import klien_untuk

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    call_command("kumuh_demo", stdout=io.StringIO())
    jumlah = (Lokasi.objects.count(), UnitSurvei.objects.count(), Pengguna.objects.count())
    call_command("kumuh_demo", stdout=io.StringIO())
    assert (Lokasi.objects.count(), UnitSurvei.objects.count(), Pengguna.objects.count()) == jumlah
    assert jumlah[0] == 30
    assert jumlah[1] > 0
    assert {p.peran for p in Pengguna.objects.all()} == set(Peran.values)
    kota = KabupatenKota.objects.get(kode="33.75")
    assert kota.kecamatan.count() == 4
    assert all(lk.kode.startswith("DEMO-") for lk in Lokasi.objects.all())
    kawasan = Lokasi.objects.filter(unit_survei__isnull=False).distinct().first()
    assert kawasan.jumlah_kk == sum(u.jumlah_kk for u in kawasan.unit_survei.all())


def test_demo_users_can_log_in_and_see_the_list():
    call_command("kumuh_demo", stdout=io.StringIO())
    from django.http import HttpRequest
    from django.test import Client

    from lokasi.management.commands.lokasi_demo import SANDI_DEMO

    klien = Client()
    # authenticate() needs the request: axes checks the username+IP lockout before the password.
    assert klien.login(request=HttpRequest(), username="verifikator.jateng", password=SANDI_DEMO)
    r = klien.get(reverse("lokasi:daftar"))
    assert r.context["jumlah"] == 30
    operator = Pengguna.objects.get(username="operator.pekalongan")
    assert klien_untuk(operator).get(reverse("lokasi:tambah")).status_code == 200
