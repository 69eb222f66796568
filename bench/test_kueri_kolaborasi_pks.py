"""Query budgets of the PKS part's list pages: constant in the number of rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kolaborasi.models import Ikrar, KriteriaIntervensi, NilaiIntervensi, TahapKolaborasi
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku
from tests.kolaborasi.test_pks_halaman import buat_pertemuan, buat_pks

pytestmark = pytest.mark.django_db

# session, user, external parties (filter), unreported count, rows count, page, kegiatan,
# lokasi, header; savepoint pair of ATOMIC_REQUESTS. Measured 11 at 3 and 25 rows.
KUERI_PKS = 11
# session, user, kecamatan (filter), kegiatan, open shares, pledges, kelurahan, header;
# savepoints. Measured 10.
KUERI_KURANG = 10
# session, user, kab/kota, kab/kota choices, criteria, priority rows, stages, scores, header;
# savepoints. Measured 11.
KUERI_TAHAP = 11
# session, user, count, page, header; savepoints. Measured 7.
KUERI_IKRAR = 7


def _isi(kota, n: int) -> None:
    rapat = buat_pertemuan(kota)
    pt = buat_pemangku(kota, "PT Jaya", "perusahaan")
    kriteria = [KriteriaIntervensi.objects.create(kabupaten_kota=kota, nama=f"K{i}")
                for i in range(3)]  # fmt: skip
    for i in range(n):
        lokasi = buat_lokasi(kota, f"Lokasi {i:03d}")
        buat_penilaian(lokasi, status="disetujui_pokja")
        TahapKolaborasi.objects.create(lokasi=lokasi, tahap="persiapan", mulai=date(2026, 1, 1))
        for k in kriteria:
            NilaiIntervensi.objects.create(kriteria=k, lokasi=lokasi, nilai=3)
        keg = buat_kegiatan(kota, lokasi, status="usulan", dana={"apbd_kabkota": 100, "csr": 50})
        Ikrar.objects.create(kabupaten_kota=kota, pemangku=pt, kegiatan=keg, nilai=Decimal(10),
                             jenis_sumberdaya="keuangan", tanggal=date(2026, 5, 1))  # fmt: skip
        pks = buat_pks(kota, f"PKS/{i:03d}", "berjalan" if i % 2 else "ditandatangani",
                       pemangku=pt, dilaporkan_pada=rapat if i % 2 else None)  # fmt: skip
        pks.kegiatan.add(keg)
        pks.lokasi.add(lokasi)


@pytest.mark.parametrize("n", [2, 25])
def test_list_pages_queries_are_constant(n, operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    kasus = [
        ("kolaborasi:pks_daftar", KUERI_PKS, lambda r: r.context["jumlah"] == n),
        (
            "kolaborasi:pendanaan_kurang",
            KUERI_KURANG,
            lambda r: len(r.context["daftar"].baris) == n,
        ),
        ("kolaborasi:tahap_daftar", KUERI_TAHAP, lambda r: len(r.context["baris"]) == n),
        (
            "kolaborasi:ikrar_daftar",
            KUERI_IKRAR,
            lambda r: r.context["halaman"].paginator.count == n,
        ),
    ]
    for nama, batas, cek in kasus:
        with django_assert_max_num_queries(batas):
            r = klien.get(reverse(nama))
        assert r.status_code == 200 and cek(r), nama
