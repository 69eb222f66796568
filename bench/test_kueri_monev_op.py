"""Query budgets of the O&P pages and the governance calendar: constant in the number of rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from monev.models import EvaluasiTahunan
from tests.conftest import buat_lokasi, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.kolaborasi.pemangku_bantu import buat_lembaga, buat_pertemuan
from tests.kolaborasi.test_pks_halaman import buat_pks
from tests.monev.test_op_kalender import buat_sk
from tests.monev.test_op_views import buat_aset, periksa

pytestmark = pytest.mark.django_db

# session, user, kab/kota in reach, pengelola choices (filter), its count, assets with their
# last check (one query of subqueries); savepoint pair of ATOMIC_REQUESTS. Measured 8 at 2 and
# 25 rows.
KUERI_DAFTAR = 8
# session, user, asset (scoped), asset with its last check, kab/kota (rights), checks, history,
# content type; savepoints. Measured 10 at 12 checks.
KUERI_DETAIL = 10
# session, user, kab/kota, last monitoring meeting, Pokja rencana kerja, kegiatan years, final
# evaluations, open SK, unreported PKS, assets, complaint recommendations due; savepoints.
# Measured 13.
KUERI_KALENDER = 13


def _isi(kota, n: int) -> None:
    buat_pertemuan(kota, "pokja_monitoring", tanggal=date(2026, 1, 10))
    buat_lembaga(kota)
    for i in range(n):
        lokasi = buat_lokasi(kota, f"Lokasi {i:03d}")
        keg = buat_kegiatan(kota, lokasi, status="diserahterimakan", tahun=2015 + i % 10)
        aset = buat_aset(kota, f"Aset {i:03d}", kegiatan=keg, lokasi=lokasi,
                         tanggal_serah_terima=date(2024, 1, 1))  # fmt: skip
        periksa(aset, date(2024, 7, 1), berfungsi=bool(i % 2), kerusakan="Retak")
        periksa(aset, date(2025, 1, 1))
        buat_sk(kota, f"SK/{i:03d}", date(2021, 1, 1))
        buat_pks(kota, f"PKS/{i:03d}", "ditandatangani")
    EvaluasiTahunan.objects.create(kabupaten_kota=kota, tahun=2016, status="final")


@pytest.mark.parametrize("n", [2, 25])
def test_pages_queries_are_constant(n, operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DAFTAR):
        r = klien.get(reverse("monev:aset_daftar"))
    assert r.context["jumlah"] == n
    with django_assert_max_num_queries(KUERI_KALENDER):
        r = klien.get(reverse("monev:kalender"))
    assert len(r.context["butir"]) >= 3 * n


def test_detail_queries_do_not_grow_with_checks(operator_a, kota_a, django_assert_max_num_queries):
    aset = buat_aset(kota_a, tanggal_serah_terima=date(2020, 1, 1))
    for bulan in range(1, 13):
        periksa(aset, date(2024, bulan, 1))
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DETAIL):
        r = klien.get(reverse("monev:aset_detail", args=[aset.pk]))
    assert len(r.context["pemeriksaan"]) == 12
