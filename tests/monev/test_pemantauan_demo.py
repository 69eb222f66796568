"""The demo's monitoring: entries for every kegiatan on the ground, finished ones complete
enough to pass the selesai condition, one APIP finding; running it again changes nothing."""

import io

import pytest
from django.core.management import call_command

from kolaborasi.models import Kegiatan
from lokasi.models import RiwayatPerubahan
from monev.models import FotoPemantauan, Pemantauan, RealisasiEfek, TemuanAPIP
from monev.pemantauan.services import syarat_selesai, terakhir

pytestmark = pytest.mark.django_db


def _jumlah() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Pemantauan, RealisasiEfek, FotoPemantauan, TemuanAPIP, RiwayatPerubahan)
    )


def test_the_demo_monitoring_and_running_it_again_changes_nothing():
    call_command("kumuh_demo", stdout=io.StringIO(), stderr=io.StringIO())
    kegiatan = Kegiatan.objects.filter(
        kabupaten_kota__kode="33.75", status__in=["berjalan", "selesai", "diserahterimakan"]
    )
    assert kegiatan.exists()
    for k in kegiatan:
        akhir = terakhir(k)
        assert akhir is not None, k.nama
        if k.status == "berjalan":
            assert akhir.progres_fisik < 100
        else:
            assert akhir.progres_fisik == 100 and syarat_selesai(k) is None, k.nama
    assert TemuanAPIP.objects.filter(status="proses").count() == 1
    sebelum = _jumlah()
    call_command("monev_demo", stdout=io.StringIO())
    assert _jumlah() == sebelum
