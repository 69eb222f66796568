"""Query budget of the dashboard toward 0 ha: the count must not grow with the number of lokasi.

Run with `make bench` (and as part of `make test`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.models import PeninjauanUlang
from monev.peninjauan import services
from penilaian.models import SK
from tests.conftest import buat_lokasi, buat_pengguna, buat_penilaian, klien_untuk
from tests.monev.test_peninjauan_muat import tangani, terbitkan_sk

pytestmark = pytest.mark.django_db


def _kueri(klien) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert klien.get(reverse("monev:dasbor")).status_code == 200
    return len(kueri)


def _isi(kabkota, pokja, n: int, awalan: str) -> None:
    """An issued SK of n lokasi, half of them handled, a third re-surveyed, and its review."""
    lokasi = [buat_lokasi(kabkota, f"{awalan} {i:03d}") for i in range(n)]
    sk = terbitkan_sk(kabkota, pokja, lokasi)
    for i, lok in enumerate(lokasi):
        if i % 2 == 0:
            tangani(kabkota, lok)
        if i % 3 == 0:
            buat_penilaian(lok, tahun=2025, status="disetujui_pokja")
    services.peninjauan_buat(sk=sk, pengguna=pokja, tahun=2026)


def test_dashboard_does_not_grow_with_the_lokasi(kota_a, kota_b, pokja_a, verifikator_p):
    """Measured for 3 and 30 lokasi (a second city's data between): equal counts."""
    pokja_b = buat_pengguna("pokja_b", "pokja", kota_b)
    hasil = []
    for n, kota, pokja in ((3, kota_a, pokja_a), (30, kota_b, pokja_b)):
        _isi(kota, pokja, n, kota.nama)
        klien = klien_untuk(pokja)
        # The SK's rows were copied for the dashboard as it was issued: the first read is
        # like every other (issue 14 item 2).
        hasil.append((_kueri(klien), _kueri(klien), n))
    # Each city's own page: 3 vs 30 lokasi, the same count.
    assert hasil[0][:2] == hasil[1][:2], hasil
    assert SK.objects.filter(status="ditetapkan").count() == 2
    # Session, user (with its city, lokasi.auth.PenggunaBackend), the cities in scope; the SKs,
    # their replacing SKs, the frozen rows added up per tingkat and kecamatan and the rows with
    # flags of their own (first request only: an issued SK's are cached); the count of rows
    # whose survey is newer and worse, and those rows; the latest reviews, the concluded ones'
    # totals, the open one's own 8; kegiatan per status; funding and realisation; the
    # calendar's 8 (all cities together); the latest evaluation; the targets.
    assert hasil[0][0] == 33 and hasil[0][1] == 31, hasil
    # The province verifier, both cities together: only the second open review's own 8 more.
    gabungan = _kueri(klien_untuk(verifikator_p))
    assert gabungan == hasil[0][1] + 8, gabungan


def test_the_verifiers_dashboard_does_not_grow_with_the_cities(kota_a, kota_b, verifikator_p):
    """Concluded reviews and calendars of one city or of two: the same count."""

    def isi(kota, awalan):
        pokja = buat_pengguna(f"pokja_{awalan}", "pokja", kota)
        _isi(kota, pokja, 3, awalan)
        p = PeninjauanUlang.objects.get(kabupaten_kota=kota)
        services.peninjauan_selesai(peninjauan=p, pengguna=pokja)

    isi(kota_a, "a")
    satu = _kueri(klien_untuk(verifikator_p))
    isi(kota_b, "b")
    dua = _kueri(klien_untuk(verifikator_p))
    assert satu == dua, (satu, dua)
