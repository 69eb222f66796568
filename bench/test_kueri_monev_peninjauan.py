"""Query budget of the peninjauan ulang pages: the count must not grow with the number of lokasi.

Run with `make bench` (and as part of `make test`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.peninjauan import services
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.monev.test_peninjauan_muat import tangani, terbitkan_sk

pytestmark = pytest.mark.django_db


def _kueri(klien, url) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert klien.get(url).status_code == 200
    return len(kueri)


def _peninjauan(kabkota, pokja, n: int, awalan: str):
    lokasi = [buat_lokasi(kabkota, f"{awalan} {i:03d}") for i in range(n)]
    sk = terbitkan_sk(kabkota, pokja, lokasi)
    for i, lok in enumerate(lokasi):
        if i % 2 == 0:
            tangani(kabkota, lok)
        if i % 3 == 0:
            buat_penilaian(lok, tahun=2025, status="disetujui_pokja")
    return services.peninjauan_buat(sk=sk, pengguna=pokja, tahun=2026 + n)


def test_review_page_excel_and_one_lokasi_do_not_grow_with_the_lokasi(kota_a, pokja_a):
    """Measured for 3 and 30 lokasi: equal counts."""
    klien = klien_untuk(pokja_a)
    hasil = []
    for n, awalan in ((3, "Kecil"), (30, "Besar")):
        p = _peninjauan(kota_a, pokja_a, n, awalan)
        satu = p.lokasi.first().pk
        hasil.append(
            (
                _kueri(klien, reverse("monev:peninjauan_detail", args=[p.pk])),
                _kueri(klien, reverse("monev:peninjauan_buku_xlsx", args=[p.pk])),
                _kueri(klien, reverse("monev:peninjauan_lokasi", args=[p.pk, satu])),
                _kueri(klien, reverse("monev:peninjauan_daftar")),
            )
        )
    assert hasil[0] == hasil[1], hasil
    # The review page (13): session, user (with its city), review (+ SK, city), settings, its
    # lokasi with both surveys (one join), isian and numerik of each survey (4), the realised
    # volumes (the latest monitoring entry of each kegiatan, then its effects' rows: 2 per
    # distinct survey year t), the rights' lookups. Excel 13, one lokasi 13, list 9 (with the
    # SKs replacing each, so a revoked SK is not shown as due).
    assert hasil[1] == (13, 13, 13, 9), hasil[1]


def test_review_page_with_its_draft_keputusan_does_not_grow_with_the_lokasi(kota_a, pokja_a):
    """The draft Keputusan's KEEMPAT and its gap to the recap: equal counts for 3 and 30."""
    klien = klien_untuk(pokja_a)
    hasil = []
    for n, awalan in ((3, "Kecil"), (30, "Besar")):
        p = _peninjauan(kota_a, pokja_a, n, awalan)
        services.peninjauan_selesai(peninjauan=p, pengguna=pokja_a)
        services.keputusan_buat(peninjauan=p, pengguna=pokja_a)
        hasil.append(_kueri(klien, reverse("monev:peninjauan_detail", args=[p.pk])))
    assert hasil[0] == hasil[1], hasil
    # The page's 14, plus the draft's lokasi as the SK page reads them (latest verified
    # surveys with kelurahan, tipologi, photos, isian; exclusions; newer surveys; blocks;
    # the kab/kota's SK settings).
    assert hasil[1] <= 28, hasil
