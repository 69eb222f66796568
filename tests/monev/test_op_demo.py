"""The O&P demo: assets from the demo's finished kegiatan, one overdue, one damaged; running it
again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kolaborasi.models import Kegiatan
from lokasi.models import RiwayatPerubahan
from monev.models import Aset, PemeriksaanAset
from monev.op import jadwal
from monev.op.aset import dengan_pemeriksaan_terakhir, jadwal_aset

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("kumuh_demo", stdout=io.StringIO(), stderr=io.StringIO())


def _jumlah() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Aset, PemeriksaanAset, RiwayatPerubahan, Kegiatan))


def test_the_demo_assets_and_running_it_again_changes_nothing(demo):
    aset = list(dengan_pemeriksaan_terakhir(Aset.objects.filter(kabupaten_kota__kode="33.75")))
    assert 4 <= len(aset) <= 6
    assert all(a.nama.endswith("(demo)") for a in aset)
    assert {a.kegiatan.status for a in aset} <= {"selesai", "diserahterimakan"}
    assert all(a.pengelola and a.pengelola.nama.endswith("(demo)") for a in aset)
    ksm = [a.pengelola for a in aset if a.pengelola.jenis == "lembaga_kemasyarakatan"]
    assert ksm and all(p.dasar_nomor for p in ksm)
    hari_ini = timezone.localdate()
    status = [jadwal_aset(a, hari_ini).status.kode for a in aset]
    assert status.count(jadwal.TERLAMBAT) == 1
    rusak = PemeriksaanAset.objects.filter(aset__in=aset, berfungsi=False)
    assert rusak.count() == 1 and rusak.get().kerusakan and rusak.get().tindak_lanjut
    sebelum = _jumlah()
    call_command("monev_demo", stdout=io.StringIO())
    assert _jumlah() == sebelum
