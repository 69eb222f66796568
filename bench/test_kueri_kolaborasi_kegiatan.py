"""Query budget of the kegiatan list: the count must not grow with the number of kegiatan."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kolaborasi.models import EfekKegiatan, Kegiatan, PendanaanKegiatan
from tests.conftest import buat_lokasi, klien_untuk

pytestmark = pytest.mark.django_db

# session, user, user's kab/kota (header), years, kecamatan and lokasi options, count, page,
# effects prefetch, total biaya, totals by source; plus the savepoint pair of ATOMIC_REQUESTS.
KUERI_DAFTAR_MAKS = 13


def _isi(kabkota, n: int) -> None:
    lokasi = [buat_lokasi(kabkota, f"Lokasi {i}") for i in range(5)]
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(
            kabupaten_kota=kabkota, lokasi=None if i % 10 == 0 else lokasi[i % 5],
            program="Program", nama=f"Kegiatan {i:04d}", ruang_lingkup="psu",
            tahun=2024 + i % 4, tahun_awal_rencana=2024, biaya=Decimal(100),
            pelaksana="pihak_ketiga", status="direncanakan",
        )
        for i in range(n)
    )  # fmt: skip
    EfekKegiatan.objects.bulk_create(
        EfekKegiatan(kegiatan=k, lokasi=lokasi[i % 5], kriteria=kode, volume=Decimal(10))
        for i, k in enumerate(kegiatan)
        for kode in ("2a", "6a")
    )
    PendanaanKegiatan.objects.bulk_create(
        PendanaanKegiatan(kegiatan=k, sumber=s, jumlah=Decimal(50))
        for k in kegiatan
        for s in ("apbd_kabkota", "csr")
    )


@pytest.mark.parametrize("n", [5, 500])
@pytest.mark.parametrize(
    "saringan", [{}, {"sumber": "csr", "q": "Kegiatan"}, {"kecamatan": "", "tahun": "2025"}]
)
def test_kegiatan_list_queries_are_constant(
    n, saringan, operator_a, kota_a, django_assert_max_num_queries
):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DAFTAR_MAKS):
        r = klien.get(reverse("kolaborasi:kegiatan_daftar"), saringan)
    assert r.status_code == 200
    if not saringan:
        assert r.context["jumlah"] == n
        assert dict(r.context["total_sumber"])["CSR/TJSLP"] == 50 * n


def test_htmx_partial_queries_are_constant(operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, 500)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DAFTAR_MAKS):
        klien.get(
            reverse("kolaborasi:kegiatan_daftar"),
            {"status": "direncanakan"},
            headers={"HX-Request": "true", "HX-Target": "hasil-kegiatan"},
        )


# session, user, kegiatan, lokasi, penanggung jawab, funding, effects; the remaining-volume
# check (effects, surveys, their isian and numerik, other kegiatan's effects); content type and
# history; plus the savepoint pair.
KUERI_DETAIL_MAKS = 15


@pytest.mark.parametrize("n", [1, 12])
def test_kegiatan_detail_queries_do_not_grow_with_effects(
    n, operator_a, kota_a, django_assert_max_num_queries
):
    from tests.conftest import buat_penilaian

    kegiatan = Kegiatan.objects.create(
        kabupaten_kota=kota_a, program="P", nama="Skala kota", ruang_lingkup="psu", tahun=2026,
        tahun_awal_rencana=2026, biaya=Decimal(100), pelaksana="pihak_ketiga",
    )  # fmt: skip
    for i in range(n):
        lokasi = buat_lokasi(kota_a, f"Lokasi {i}")
        buat_penilaian(lokasi, status="terverifikasi_pusat")
        kegiatan.efek.create(lokasi=lokasi, kriteria="6a", volume=Decimal(10))
        kegiatan.efek.create(lokasi=lokasi, kriteria="2a", volume=Decimal(10))
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DETAIL_MAKS):
        r = klien.get(kegiatan.get_absolute_url())
    assert r.status_code == 200 and len(r.context["efek"]) == 2 * n
