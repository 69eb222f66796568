"""Query budget of the pengaduan list and detail: constant in the number of complaints."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import klien_untuk
from tests.monev.test_pengaduan_views import buat_pengaduan

pytestmark = pytest.mark.django_db

# session, user, kab/kota in reach (filter form), kelurahan choices, laporan kab/kota choices
# and its count, count of complaints, the page of complaints with kelurahan and kab/kota;
# savepoint pair of ATOMIC_REQUESTS. Measured 11 at 3 and 30 complaints.
KUERI_DAFTAR = 11
# session, user, complaint (scoped), its steps, possible duplicates, kab/kota (rights),
# lokasi choices, history; savepoints. Measured 10 at 3 and 30 complaints.
KUERI_DETAIL = 10


def _isi(kota, n: int) -> None:
    for i in range(n):
        buat_pengaduan(kota, lintang=Decimal("-6.889") + Decimal(i) / 100000,
                       status=("diterima", "rekomendasi", "selesai")[i % 3])  # fmt: skip


def _jumlah(klien, url: str) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert klien.get(url).status_code == 200
    return len(kueri)


@pytest.mark.parametrize("halaman", ["daftar", "detail"])
def test_queries_are_constant_for_3_and_30(halaman, operator_a, kota_a, kota_b):
    klien = klien_untuk(operator_a)
    # The detail page of one open complaint, with the others as its possible duplicates.
    sasaran = buat_pengaduan(kota_a, lintang=Decimal("-6.88905"))
    if halaman == "daftar":
        url = reverse("monev:pengaduan_daftar")
    else:
        url = reverse("monev:pengaduan_detail", args=[sasaran.pk])
    klien.get(url)  # warm the content-type cache, as on a running server
    jumlah = []
    for n in (2, 27):
        _isi(kota_a, n)  # 3, then 30 complaints, all within 100 m of each other
        jumlah.append(_jumlah(klien, url))
    assert jumlah[0] == jumlah[1]
    assert jumlah[1] <= (KUERI_DAFTAR if halaman == "daftar" else KUERI_DETAIL)
