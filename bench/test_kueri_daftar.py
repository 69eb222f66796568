"""Query budgets of list pages: the count must not grow with the number of rows.

Run with `make bench` (and as part of `make test`).
"""

import pytest
from django.urls import reverse

from tests.conftest import buat_lokasi, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db

# session, user, user's kab/kota (header), kecamatan and kelurahan options, count, page,
# 3 prefetches, map; plus the savepoint pair of ATOMIC_REQUESTS.
KUERI_DAFTAR_MAKS = 13
# session, user, lokasi, content type, kab/kota, kelurahan, tipologi, units, photos, documents,
# history; plus the savepoint pair.
KUERI_DETAIL_MAKS = 13


def _isi(kabkota, n):
    kelurahan = list(kabkota.kecamatan.first().kelurahan.all())
    for i in range(n):
        lokasi = buat_lokasi(kabkota, f"Lokasi {i:03d}", kelurahan=kelurahan)
        lokasi.tipologi_set.create(kode="dataran_rendah")
        if i % 5 == 0:
            buat_unit(lokasi)


@pytest.mark.parametrize("n", [3, 60])
def test_list_page_queries_are_constant(n, operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DAFTAR_MAKS):
        r = klien.get(reverse("lokasi:daftar"), {"tipologi": "dataran_rendah"})
    assert r.status_code == 200
    assert r.context["jumlah"] == n


def test_htmx_partial_queries_are_constant(operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, 40)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DAFTAR_MAKS):
        klien.get(
            reverse("lokasi:daftar"),
            {"q": "Lokasi"},
            headers={"HX-Request": "true", "HX-Target": "hasil-lokasi"},
        )


def test_detail_page_queries_do_not_grow_with_units(
    operator_a, kota_a, django_assert_max_num_queries
):
    lokasi = buat_lokasi(kota_a)
    for i in range(25):
        buat_unit(lokasi, rt=f"{i:03d}")
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DETAIL_MAKS):
        r = klien.get(lokasi.get_absolute_url())
    assert r.content.count(b"/unit/") >= 25
