"""Query budget of the projection and memorandum pages: the same count for 5 or 500 kegiatan.

Run with `make bench`. The 500-kegiatan projection page is also timed (printed with -s).
"""

import time
from decimal import Decimal as D

import pytest
from django.urls import reverse

from kolaborasi.models import EfekKegiatan, Kegiatan, PendanaanKegiatan
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.penilaian.test_penanganan import NUMERIK

pytestmark = pytest.mark.django_db

# session, user, the kab/kota for the header, kecamatan options; baselines (latest
# terverifikasi pusat), their isian, numerik, kelurahan with kecamatan; the counted effects;
# plus the savepoint pair of ATOMIC_REQUESTS.
KUERI_PROYEKSI_MAKS = 11
# session, user, kab/kota, kecamatan options; kegiatan, their lokasi's kelurahan, effects with
# lokasi, funding; savepoints.
KUERI_MEMORANDUM_MAKS = 10
KRITERIA = ["2a", "4a", "5a", "6a", "7a", "7b", "1a", "3a"]


def _isi(kabkota, lokasi: int, kegiatan: int) -> list:
    kecamatan = list(kabkota.kecamatan.order_by("kode"))
    semua = []
    for i in range(lokasi):
        lok = buat_lokasi(
            kabkota, f"Lokasi {i:03d}", kelurahan=[kecamatan[i % 2].kelurahan.first()]
        )
        buat_penilaian(lok, tahun=2025, status="terverifikasi_pusat", pita={}, numerik=NUMERIK)
        semua.append(lok)
    bawaan = {
        "program": "Program",
        "ruang_lingkup": "psu",
        "tahun_awal_rencana": 2026,
        "pelaksana": "pihak_ketiga",
        "biaya": D(1_000_000),
        "status": "direncanakan",
    }
    daftar = Kegiatan.objects.bulk_create(
        [
            Kegiatan(
                kabupaten_kota=kabkota,
                lokasi=semua[k % lokasi],
                nama=f"Kegiatan {k}",
                tahun=2026 + k % 5,
                **bawaan,
            )
            for k in range(kegiatan)
        ]
    )
    EfekKegiatan.objects.bulk_create(
        [
            EfekKegiatan(
                kegiatan=g, lokasi=g.lokasi, kriteria=KRITERIA[k % len(KRITERIA)], volume=D(5)
            )
            for k, g in enumerate(daftar)
        ]
    )
    PendanaanKegiatan.objects.bulk_create(
        [PendanaanKegiatan(kegiatan=g, sumber="apbd_kabkota", jumlah=D(1_000_000)) for g in daftar]
    )
    return semua


@pytest.mark.parametrize(("lokasi", "kegiatan"), [(3, 5), (50, 500)])
def test_projection_pages_queries_are_constant(
    lokasi, kegiatan, operator_a, kota_a, django_assert_max_num_queries
):
    semua = _isi(kota_a, lokasi, kegiatan)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_PROYEKSI_MAKS):
        mulai = time.perf_counter()
        r = klien.get(reverse("kolaborasi:proyeksi"))
        lama = time.perf_counter() - mulai
    assert r.status_code == 200 and len(r.context["proyeksi"].lokasi) == lokasi
    assert sum(len(p.efek) for p in r.context["proyeksi"].lokasi) == kegiatan
    print(f"\nproyeksi: {lokasi} lokasi, {kegiatan} kegiatan: {lama:.2f} s")
    with django_assert_max_num_queries(KUERI_PROYEKSI_MAKS):
        r = klien.get(reverse("kolaborasi:proyeksi_lokasi", args=[semua[0].pk]))
    assert r.status_code == 200


@pytest.mark.parametrize(("lokasi", "kegiatan"), [(3, 5), (50, 500)])
def test_memorandum_queries_are_constant(
    lokasi, kegiatan, operator_a, kota_a, django_assert_max_num_queries
):
    _isi(kota_a, lokasi, kegiatan)
    klien = klien_untuk(operator_a)
    for nama in ("kolaborasi:memorandum", "kolaborasi:memorandum_excel"):
        with django_assert_max_num_queries(KUERI_MEMORANDUM_MAKS):
            mulai = time.perf_counter()
            r = klien.get(reverse(nama), {"tahun_awal": 2026})
            lama = time.perf_counter() - mulai
        assert r.status_code == 200
        print(f"\n{nama}: {kegiatan} kegiatan: {lama:.2f} s")
