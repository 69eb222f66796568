"""Query budget of the public pages: the count must not grow with the number of lokasi.

Run with `make bench` (and as part of `make test`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.models import PublikasiKota
from tests.conftest import buat_lokasi, buat_penilaian
from tests.monev.test_publik import PUSAT, terbitkan

pytestmark = pytest.mark.django_db


def _kueri(klien, url) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert klien.get(url).status_code == 200
    return len(kueri)


def test_public_page_geojson_and_list_do_not_grow_with_the_lokasi(client, kota_a, pokja_a):
    """Measured for 3 and 30 lokasi (each in an SK of its own year): equal counts."""
    PublikasiKota.objects.create(kabupaten_kota=kota_a, terbit=True)
    hasil = []
    for n, (tahun, awalan) in ((3, (2022, "Kecil")), (30, (2024, "Besar"))):
        for i in range(n):
            buat_penilaian(buat_lokasi(kota_a, f"{awalan} {i:03d}"), tahun=tahun - 1, status=PUSAT)
        terbitkan(pokja_a, tahun=tahun, nomor=f"050/{n}/{tahun}")
        hasil.append(
            (
                _kueri(client, reverse("publik:kota", args=[kota_a.kode])),
                _kueri(client, reverse("publik:geojson", args=[kota_a.kode])),
                _kueri(client, reverse("publik:daftar")),
            )
        )
    assert hasil[0] == hasil[1], hasil
    # The request's savepoint and its release (ATOMIC_REQUESTS), then the city with its
    # publication setting, the issued SKs, those in force, their rows; the GeoJSON the same;
    # the list one.
    assert hasil[1] == (6, 6, 3), hasil[1]
