"""The demo publishes Kota Pekalongan (the SK 2024 copy in force) and fills the watchlist;
running it again changes nothing (issue 13 items 3, 4)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from monev.models import LokasiPotensi, PublikasiKota
from penilaian.models import SK
from tests.conftest import klien_untuk

pytestmark = pytest.mark.django_db


def test_the_demo_city_publishes_its_sk_in_force_and_watches_three_areas(
    tmp_path, settings, client
):
    settings.MEDIA_ROOT = tmp_path  # issuing copies the lokasi photos
    keluar = io.StringIO()
    call_command("kumuh_demo", stdout=keluar, stderr=io.StringIO())
    assert "Halaman publik demo: /publik/33.75/" in keluar.getvalue()
    sk = SK.objects.berlaku().get(kabupaten_kota__kode="33.75")
    html = client.get(reverse("publik:kota", args=["33.75"])).text
    assert sk.nomor in html and "Kota Pekalongan" in client.get(reverse("publik:daftar")).text
    fitur = client.get(reverse("publik:geojson", args=["33.75"])).json()["features"]
    assert len(fitur) == sk.lokasi_beku.count() >= 5
    potensi = LokasiPotensi.objects.filter(kabupaten_kota__kode="33.75")
    assert sorted(potensi.values_list("status", flat=True)) == [
        "bukan_kumuh", "dipantau", "disurvei"
    ]  # fmt: skip
    operator = potensi.first().dibuat_oleh
    daftar = klien_untuk(operator).get(reverse("monev:potensi_daftar")).text
    assert all(p.nama in daftar for p in potensi)
    call_command("monev_demo", stdout=io.StringIO())
    assert (PublikasiKota.objects.count(), LokasiPotensi.objects.count()) == (1, 3)
