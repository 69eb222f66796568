"""Query budgets of the stakeholder, Pokja/Forum and meeting lists: constant in the row count."""

import pytest
from django.urls import reverse

from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_pemangku
from tests.kolaborasi.pemangku_bantu import (
    buat_anggota,
    buat_keputusan,
    buat_lembaga,
    buat_pertemuan,
)

pytestmark = pytest.mark.django_db

# session, user, user's kab/kota (header), count, page (with membership count); plus the
# savepoint pair of ATOMIC_REQUESTS.
KUERI_PEMANGKU_MAKS = 7
# session, user, header, lembaga with member counts, last monitoring per city; plus the
# savepoint pair.
KUERI_LEMBAGA_MAKS = 7
# session, user, header, count, page (attendance and late decisions annotated); savepoints.
KUERI_PERTEMUAN_MAKS = 7
# session, user, header, lembaga, members with their stakeholders, meetings, last monitoring,
# content type, history, stakeholders for the member form; savepoints.
KUERI_LEMBAGA_DETAIL_MAKS = 12
# session, user, header, meeting, attendance, decisions, attachments, content type, history,
# members for the attendance form; savepoints.
KUERI_PERTEMUAN_DETAIL_MAKS = 12


def _isi(kabkota, n):
    for i in range(n):
        p = buat_pemangku(kabkota, nama=f"Pemangku {i:03d}", kompetensi_psu=True)
        lembaga = buat_lembaga(kabkota, jenis="pokja" if i % 2 else "forum")
        buat_anggota(lembaga, f"Anggota {i}", pemangku=p)
        rapat = buat_pertemuan(kabkota, lembaga=lembaga, jenis="pokja_monitoring")
        rapat.kehadiran.create(nama=f"Peserta {i}")
        buat_keputusan(rapat)


@pytest.mark.parametrize("n", [3, 40])
@pytest.mark.parametrize(
    ("nama", "maks"),
    [
        ("kolaborasi:pemangku_daftar", KUERI_PEMANGKU_MAKS),
        ("kolaborasi:lembaga_daftar", KUERI_LEMBAGA_MAKS),
        ("kolaborasi:pertemuan_daftar", KUERI_PERTEMUAN_MAKS),
    ],
)
def test_list_pages_queries_are_constant(
    n, nama, maks, operator_a, kota_a, django_assert_max_num_queries
):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(maks):
        r = klien.get(reverse(nama))
    assert r.status_code == 200


def test_htmx_partial_queries_are_constant(operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, 30)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_PEMANGKU_MAKS):
        klien.get(
            reverse("kolaborasi:pemangku_daftar"),
            {"kompetensi": "psu"},
            headers={"HX-Request": "true", "HX-Target": "hasil-pemangku"},
        )


@pytest.mark.parametrize("n", [2, 30])
def test_detail_pages_do_not_grow_with_members_and_decisions(
    n, pokja_a, kota_a, django_assert_max_num_queries
):
    lembaga = buat_lembaga(kota_a)
    rapat = buat_pertemuan(kota_a, lembaga=lembaga)
    for i in range(n):
        buat_anggota(lembaga, f"Anggota {i}")
        rapat.kehadiran.create(nama=f"Peserta {i}")
        buat_keputusan(rapat)
    klien = klien_untuk(pokja_a)
    with django_assert_max_num_queries(KUERI_LEMBAGA_DETAIL_MAKS):
        assert klien.get(reverse("kolaborasi:lembaga_detail", args=[lembaga.pk])).status_code == 200
    with django_assert_max_num_queries(KUERI_PERTEMUAN_DETAIL_MAKS):
        assert klien.get(reverse("kolaborasi:pertemuan_detail", args=[rapat.pk])).status_code == 200
