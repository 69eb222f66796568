"""Query budgets of monitoring: the list and a kegiatan's page must not grow with the number of
kegiatan, entries, effects, photos or findings."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kolaborasi.models import EfekKegiatan, Kegiatan, PendanaanKegiatan
from monev.models import FotoPemantauan, Pemantauan, RealisasiDana, RealisasiEfek, TemuanAPIP
from tests.conftest import buat_lokasi, klien_untuk

pytestmark = pytest.mark.django_db

# session, user, user's kab/kota (header), years, kecamatan and lokasi options, count, page
# (latest entry annotated), effects prefetch, the page's realised volumes and spending; plus
# the savepoint pair of ATOMIC_REQUESTS.
KUERI_DAFTAR_MAKS = 13
# session, user, kegiatan, its lokasi, user's kab/kota (header), effects, latest entry and its
# volumes, entries and their volumes, spending and photos, findings, content type and their
# history; plus the savepoint pair. The selesai hint reuses what the page loaded.
KUERI_KEGIATAN_MAKS = 18


def _isi(kabkota, n: int, entri: int = 2) -> list[Kegiatan]:
    lokasi = [buat_lokasi(kabkota, f"Lokasi {i}") for i in range(5)]
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(
            kabupaten_kota=kabkota, lokasi=lokasi[i % 5], program="Program",
            nama=f"Kegiatan {i:04d}", ruang_lingkup="psu", tahun=2024 + i % 3,
            tahun_awal_rencana=2024, biaya=Decimal(100), pelaksana="pihak_ketiga",
            status=("dianggarkan", "berjalan", "selesai")[i % 3],
        )
        for i in range(n)
    )  # fmt: skip
    efek = EfekKegiatan.objects.bulk_create(
        EfekKegiatan(kegiatan=k, lokasi=lokasi[i % 5], kriteria=kode, volume=Decimal(10))
        for i, k in enumerate(kegiatan)
        for kode in ("2a", "6a")
    )
    PendanaanKegiatan.objects.bulk_create(
        PendanaanKegiatan(kegiatan=k, sumber=s, jumlah=Decimal(50))
        for k in kegiatan
        for s in ("apbd_kabkota", "csr")
    )
    pemantauan = Pemantauan.objects.bulk_create(
        Pemantauan(kegiatan=k, tanggal=date(2026, 1, 1 + j), progres_fisik=Decimal(4 * (j + 1)))
        for k in kegiatan
        for j in range(entri)
    )
    per_kegiatan: dict[int, list[EfekKegiatan]] = {}
    for e in efek:
        per_kegiatan.setdefault(e.kegiatan_id, []).append(e)
    RealisasiEfek.objects.bulk_create(
        RealisasiEfek(pemantauan=p, efek=e, volume=Decimal(3))
        for p in pemantauan
        for e in per_kegiatan[p.kegiatan_id]
    )
    RealisasiDana.objects.bulk_create(
        RealisasiDana(pemantauan=p, sumber="csr", jumlah=Decimal(20)) for p in pemantauan
    )
    FotoPemantauan.objects.bulk_create(
        FotoPemantauan(pemantauan=p, berkas="monev/pemantauan/x.png", tahap="50")
        for p in pemantauan
    )
    TemuanAPIP.objects.bulk_create(
        TemuanAPIP(kegiatan=k, tanggal=date(2026, 3, 1), temuan=f"Temuan {j}")
        for k in kegiatan[:2]
        for j in range(entri)
    )
    return kegiatan


@pytest.mark.parametrize("n", [3, 300])
@pytest.mark.parametrize("saringan", [{}, {"status": "berjalan", "tahun": "2025"}])
def test_list_queries_are_constant(n, saringan, operator_a, kota_a, django_assert_max_num_queries):
    _isi(kota_a, n)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(KUERI_DAFTAR_MAKS):
        r = klien.get(reverse("monev:pemantauan_daftar"), saringan)
    assert r.status_code == 200
    if not saringan:
        assert r.context["jumlah"] == n


@pytest.mark.parametrize("entri", [1, 20])
def test_kegiatan_page_queries_are_constant(entri, pokja_a, kota_a, django_assert_max_num_queries):
    kegiatan = _isi(kota_a, 3, entri=entri)
    berjalan = next(k for k in kegiatan if k.status == "berjalan")
    klien = klien_untuk(pokja_a)
    with django_assert_max_num_queries(KUERI_KEGIATAN_MAKS):
        r = klien.get(reverse("monev:pemantauan_kegiatan", args=[berjalan.pk]))
    assert r.status_code == 200
