"""Query budget of the annual evaluation's page, PDF data and list: constant in the number of
kegiatan, monitoring entries, assets, meetings and recommendations."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kolaborasi.models import Kehadiran
from monev.evaluasi import services
from monev.models import (
    Aset,
    Pemantauan,
    PemeriksaanAset,
    RealisasiDana,
    RealisasiEfek,
    Rekomendasi,
)
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.kolaborasi.pemangku_bantu import buat_anggota, buat_lembaga, buat_pertemuan

pytestmark = pytest.mark.django_db

# session, user, header; evaluation; kegiatan, effects, funding, latest monitoring, its
# effects and spending; baseline SK, priority list at the start and the end of the year;
# assets, their last checks; meetings; recommendations; ketua; content type and history;
# the year's target (E3); plus the savepoint pair of ATOMIC_REQUESTS.
KUERI_DETAIL_MAKS = 23
# session, user, header, evaluations with recommendation counts, years with kegiatan;
# savepoints.
KUERI_DAFTAR_MAKS = 7


def _isi(kabkota, n, evaluasi):
    pokja = buat_lembaga(kabkota)
    buat_anggota(pokja, "Ketua", jabatan="Ketua")
    for i in range(n):
        lokasi = buat_lokasi(kabkota, f"Kampung {i:03d}")
        buat_penilaian(lokasi, tahun=2024, status="disetujui_pokja")
        k = buat_kegiatan(kabkota, lokasi, tahun=2025, nama=f"Kegiatan {i}", efek={"2a": 100})
        p = Pemantauan.objects.create(kegiatan=k, tanggal=date(2025, 6, 1), progres_fisik=50)
        RealisasiEfek.objects.create(pemantauan=p, efek=k.efek.get(), volume=Decimal(40))
        RealisasiDana.objects.create(pemantauan=p, sumber="apbd_kabkota", jumlah=Decimal(10))
        aset = Aset.objects.create(
            kabupaten_kota=kabkota,
            kegiatan=k,
            lokasi=lokasi,
            nama=f"Aset {i}",
            jenis_pengelola="ksm",
        )
        PemeriksaanAset.objects.create(aset=aset, tanggal=date(2025, 7, 1))
        rapat = buat_pertemuan(
            kabkota, jenis="pokja_monitoring", lembaga=pokja, tanggal=date(2025, 1 + i % 12, 1)
        )
        Kehadiran.objects.create(pertemuan=rapat, nama=f"P{i}")
        Rekomendasi.objects.create(
            evaluasi=evaluasi, jenis="a", uraian=f"Rekomendasi {i}", ditujukan_kepada="Wali Kota"
        )


@pytest.mark.parametrize("n", [2, 25])
def test_detail_queries_are_constant(n, kota_a, pokja_a, django_assert_max_num_queries):
    evaluasi = services.evaluasi_buat(kabupaten_kota=kota_a, tahun=2025, pengguna=pokja_a)
    _isi(kota_a, n, evaluasi)
    klien = klien_untuk(pokja_a)
    with django_assert_max_num_queries(KUERI_DETAIL_MAKS):
        r = klien.get(reverse("monev:evaluasi_detail", args=[evaluasi.pk]))
    assert r.status_code == 200
    assert f"Rekomendasi {n - 1}" in r.content.decode()


@pytest.mark.parametrize("n", [2, 25])
def test_list_queries_are_constant(n, kota_a, pokja_a, django_assert_max_num_queries):
    for tahun in range(2000, 2000 + n):
        services.evaluasi_buat(kabupaten_kota=kota_a, tahun=tahun, pengguna=pokja_a)
        buat_kegiatan(kota_a, tahun=tahun + 100)
    klien = klien_untuk(pokja_a)
    with django_assert_max_num_queries(KUERI_DAFTAR_MAKS):
        r = klien.get(reverse("monev:evaluasi_daftar"))
    assert r.status_code == 200
