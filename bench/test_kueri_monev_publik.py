"""Query budget of the public pages: the count must not grow with the number of lokasi.

Run with `make bench` (and as part of `make test`).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.models import PublikasiKota
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.monev.test_publik import PUSAT, terbitkan

pytestmark = pytest.mark.django_db
TITIK = Decimal("0.002")


def _kueri(klien, url) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert klien.get(url).status_code == 200
    return len(kueri)


def test_public_pages_do_not_grow_with_the_lokasi_and_read_the_rows_once(client, kota_a, pokja_a):
    """Measured for 3 and 30 lokasi (each in an SK of its own year, so each size is a new
    published state): equal counts, first request and the next."""
    PublikasiKota.objects.create(kabupaten_kota=kota_a, terbit=True)
    kode = kota_a.kode
    url = {
        "kota": reverse("publik:kota", args=[kode]),
        "halaman": reverse("publik:kota", args=[kode]) + "?halaman=2&cari=a",
        "peta": reverse("publik:peta", args=[kode]),
        # Part of the city (its lokasi lie from -6.8 southward): read per viewport.
        "peta-rinci": reverse("publik:peta", args=[kode]) + "?bbox=109,-6.801,110,-6&zoom=16",
        # The whole city in view: cached per zoom after the first.
        "peta-kota": reverse("publik:peta", args=[kode]) + "?bbox=109,-7,110,-6&zoom=16",
        "geojson": reverse("publik:geojson", args=[kode]),
        "daftar": reverse("publik:daftar"),
    }
    hasil = []
    for n, (tahun, awalan) in ((3, (2022, "Kecil")), (30, (2024, "Besar"))):
        for i in range(n):
            # 0.002° apart: single lokasi at zoom 16, so the map reads their boundaries.
            # Each size on its own meridian, so no two lokasi share a place.
            lok = buat_lokasi(
                kota_a, f"{awalan} {i:03d}", lintang=Decimal("-6.8") - i * TITIK,
                bujur=Decimal("109.6") + Decimal(n) / 100,
            )  # fmt: skip
            buat_penilaian(lok, tahun=tahun - 1, status=PUSAT)
        terbitkan(pokja_a, tahun=tahun, nomor=f"050/{n}/{tahun}")
        hasil.append({nama: (_kueri(client, u), _kueri(client, u)) for nama, u in url.items()})
    assert hasil[0] == hasil[1], hasil
    # The request's savepoint and its release (ATOMIC_REQUESTS), the city with its
    # publication setting, its issued SKs; the first request of a state reads the rows in
    # force once, the GeoJSON their boundaries once, the map zoomed in those of its viewport
    # (every time, unless the viewport holds the whole city). The next answers from the cache.
    assert hasil[1] == {
        "kota": (5, 4),
        "halaman": (4, 4),
        "peta": (4, 4),
        "peta-rinci": (5, 5),
        "peta-kota": (5, 4),
        "geojson": (5, 4),
        "daftar": (3, 3),
    }, hasil[1]


def test_watchlist_page_does_not_grow_with_entries_or_worsened_lokasi(kota_a, operator_a):
    """3 and 30 entries, and as many lokasi handled and surveyed worse: equal counts."""
    from datetime import date

    from monev.models import LokasiPotensi
    from tests.kolaborasi.conftest import buat_kegiatan
    from tests.monev.test_potensi import PITA_BURUK

    klien = klien_untuk(operator_a)
    hasil = []
    for n, awalan in ((3, "Kecil"), (30, "Besar")):
        for i in range(n):
            LokasiPotensi.objects.create(
                kabupaten_kota=kota_a, nama=f"{awalan} {i}", sumber="data", tanggal=date(2026, 1, 1)
            )
            lok = buat_lokasi(kota_a, f"{awalan} lokasi {i:03d}")
            buat_penilaian(lok, tahun=2021, status="disetujui_pokja")
            buat_penilaian(lok, tahun=2024, status="disetujui_pokja", pita=PITA_BURUK)
            buat_kegiatan(kota_a, lok, status="selesai", tahun=2023)
        r = klien.get(reverse("monev:potensi_daftar"))
        assert r.context["memburuk"] and len(r.context["memburuk"]) == len(
            LokasiPotensi.objects.all()
        )
        hasil.append(_kueri(klien, reverse("monev:potensi_daftar")))
    assert hasil[0] == hasil[1], hasil
    # Savepoint and release, session, user (with its city), the cities in scope, the page's
    # count and rows
    # (kab/kota, kelurahan, lokasi joined); the worsening: approved surveys, realised
    # kegiatan, the worsened lokasi' names.
    assert hasil[1] == 9, hasil
