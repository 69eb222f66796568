"""Query budget of the priority list: the count must not grow with the number of lokasi.

Run with `make bench` (and as part of `make test`).
"""

import pytest
from django.urls import reverse

from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db

# session, user, user's kab/kota (header), kecamatan options, year options, the totals (with the
# count of lokasi left out), the totals per first kecamatan, those kecamatan's names, the page's
# rows, their kelurahan with kecamatan; plus the savepoint pair of ATOMIC_REQUESTS. Issue 14:
# two more than when every row was loaded, but the totals are now counted by the database.
KUERI_PRIORITAS_MAKS = 12
# session, user, kecamatan options, year options (the filter form), the extent (first load
# only), the grid, the boundaries (zoomed in); plus the savepoint pair.
KUERI_PETA_MAKS = 9
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")
PITA_TIDAK_KUMUH = dict.fromkeys(PITA_SEDANG, "<25")


def _isi(kabkota, n):
    kecamatan = list(kabkota.kecamatan.order_by("kode"))
    for i in range(n):
        # Every third lokasi spans both kecamatan; each has an older survey and a draft too.
        kelurahan = [kecamatan[i % 2].kelurahan.first()]
        if i % 3 == 0:
            kelurahan = [k.kelurahan.first() for k in kecamatan]
        lokasi = buat_lokasi(kabkota, f"Lokasi {i:03d}", kelurahan=kelurahan)
        if i % 5 == 0:
            buat_unit(lokasi)
        buat_penilaian(lokasi, tahun=2023, status="disetujui_pokja", pita=PITA_BERAT)
        pita = PITA_TIDAK_KUMUH if i % 7 == 6 else None
        buat_penilaian(lokasi, tahun=2025, status="terverifikasi_provinsi", pita=pita)
        buat_penilaian(lokasi, tahun=2026, status="draf")


@pytest.mark.parametrize("n", [3, 60])
def test_priority_page_queries_are_constant(n, operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_PRIORITAS_MAKS):
        r = klien.get(reverse("penilaian:prioritas"))
    assert r.status_code == 200
    tidak_kumuh = sum(1 for i in range(n) if i % 7 == 6)
    assert r.context["daftar"].jumlah.jumlah == n - tidak_kumuh
    assert len(r.context["daftar"].baris) == min(50, n - tidak_kumuh)
    assert r.context["daftar"].tidak_kumuh == tidak_kumuh
    with django_assert_max_num_queries(KUERI_PRIORITAS_MAKS):
        r = klien.get(reverse("penilaian:prioritas"), {"halaman": "2"})
    assert r.status_code == 200


@pytest.mark.parametrize("n", [3, 60])
def test_map_endpoint_queries_are_constant(n, operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    url = reverse("penilaian:prioritas_peta")
    for data in ({}, {"zoom": "8"}, {"zoom": "16", "bbox": "109,-7,110,-6", "prioritas": "5"}):
        with django_assert_max_num_queries(KUERI_PETA_MAKS):
            r = klien.get(url, data)
        assert r.status_code == 200


@pytest.mark.parametrize("n", [3, 60])
def test_filtered_htmx_partial_and_excel_queries_are_constant(
    n, operator_a, kota_a, django_assert_max_num_queries
):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    kecamatan = kota_a.kecamatan.order_by("kode").first()
    saringan = {"kecamatan": kecamatan.pk, "tahun": "2025", "legalitas": "Legal"}
    with django_assert_max_num_queries(KUERI_PRIORITAS_MAKS):
        r = klien.get(
            reverse("penilaian:prioritas"),
            saringan,
            headers={"HX-Request": "true", "HX-Target": "hasil-prioritas"},
        )
    assert r.status_code == 200
    with django_assert_max_num_queries(KUERI_PRIORITAS_MAKS):
        r = klien.get(reverse("penilaian:prioritas_excel"), saringan)
    assert r.status_code == 200
