"""The priority list's totals kept in the cache under the narrow table's version (issue 14
item 2): read again without grouping, never older than the rows, never another user's."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from penilaian import ringkasan
from penilaian.hitung_ulang import hitung_ulang_semua
from penilaian.models import Penilaian, PenilaianTerakhir, VersiDaftar
from penilaian.prioritas import rekap_prioritas
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian

pytestmark = pytest.mark.django_db
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")


def _rekap(pengguna, **saringan):
    return rekap_prioritas(
        Penilaian.objects.untuk(pengguna),
        ringkas=PenilaianTerakhir.objects.untuk(pengguna),
        **saringan,
    )


def _angka(r) -> tuple:
    return (
        r.jumlah.jumlah, r.jumlah.luas_ha, r.jumlah_penduduk, r.tidak_kumuh,
        [(t.label, t.jumlah) for t in r.per_tingkat],
        [(k.label, k.jumlah, k.luas_ha) for k in r.per_kecamatan],
    )  # fmt: skip


def _segar(pengguna, **saringan):
    """The totals grouped afresh, the cache out of the way."""
    from django.core.cache import cache

    cache.clear()
    return _rekap(pengguna, **saringan)


@pytest.fixture
def dua_kota(kota_a, kota_b):
    for kota, n in ((kota_a, 3), (kota_b, 2)):
        for i in range(n):
            buat_penilaian(buat_lokasi(kota, f"{kota.nama} {i}"), status="disetujui_pokja")
    return kota_a, kota_b


def test_a_page_read_again_is_not_grouped_again(operator_a, dua_kota):
    pertama = _rekap(operator_a)
    with CaptureQueriesContext(connection) as kueri:
        kedua = _rekap(operator_a)
    assert _angka(kedua) == _angka(pertama)
    assert len(kueri) == 1 and "GROUP BY" not in kueri[0]["sql"]  # the version only


def test_each_user_and_filter_has_its_own_totals(operator_a, operator_b, verifikator_p, dua_kota):
    a, b, prov = _rekap(operator_a), _rekap(operator_b), _rekap(verifikator_p)
    assert (a.jumlah.jumlah, b.jumlah.jumlah, prov.jumlah.jumlah) == (3, 2, 5)
    assert _rekap(operator_a, tingkat="Kumuh Berat").jumlah.jumlah == 0
    assert _rekap(operator_a).jumlah.jumlah == 3


def test_every_way_of_writing_the_rows_is_seen_at_once(operator_a, kota_a, dua_kota):
    def sama() -> None:
        assert _angka(_rekap(operator_a)) == _angka(_segar(operator_a))

    _rekap(operator_a)
    # A survey approved (signals → segarkan), in another city too.
    baru = buat_penilaian(buat_lokasi(kota_a, "Baru"), status="disetujui_pokja", pita=PITA_BERAT)
    assert _rekap(operator_a).jumlah.jumlah == 4
    sama()
    # A lokasi deleted (its surveys first: they protect it).
    baru.lokasi.penilaian.all().delete()
    baru.lokasi.delete()
    assert _rekap(operator_a).jumlah.jumlah == 3
    # Every survey rescored (bulk UPDATE, no signals): stale results first.
    Penilaian.objects.update(
        nilai_kekumuhan=99, tingkat_kekumuhan="Kumuh Berat", klasifikasi="A1", prioritas=1, hasil={}
    )
    ringkasan.segarkan_semua()
    stale = _angka(_rekap(operator_a))
    hitung_ulang_semua(alasan="uji", proses=1)
    assert _angka(_rekap(operator_a)) != stale
    sama()
    # A lokasi renamed or moved to another kecamatan: its row is refreshed (segarkan).
    lok = kota_a.lokasi.order_by("pk").first()
    lok.luas_verifikasi_ha = 99
    lok.save()
    sama()
    # The whole table rebuilt by the management command.
    call_command("segarkan_daftar_prioritas", stdout=None)
    sama()


def test_versions_only_grow_also_when_rows_go_without_segarkan(operator_b, kota_b, dua_kota):
    """The synthetic data's removal deletes the narrow rows straight, then the surveys and
    lokasi inside `tunda()`: the lokasi deleted bump their city all the same. A city deleted
    keeps its count, so the sum never returns to a number it had."""
    assert _rekap(operator_b).jumlah.jumlah == 2
    awal = ringkasan.versi_daftar()
    with ringkasan.tunda():
        PenilaianTerakhir.objects.filter(kabupaten_kota=kota_b).delete()
        Penilaian.objects.filter(lokasi__kabupaten_kota=kota_b).delete()
        kota_b.lokasi.all().delete()
    assert ringkasan.versi_daftar() > awal
    assert _rekap(operator_b).jumlah.jumlah == 0
    setelah = ringkasan.versi_daftar()
    from lokasi.models import Kelurahan

    operator_b.delete()
    Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_b).delete()
    kota_b.kecamatan.all().delete()
    pk = kota_b.pk
    kota_b.delete()
    assert VersiDaftar.objects.filter(pk=pk).exists()
    assert ringkasan.versi_daftar() == setelah
