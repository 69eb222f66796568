"""The demo's peninjauan ulang: an issued demo copy of the SK, a review 2026 where several lokasi
are handled by the demo kegiatan; running the demo again changes nothing."""

import io

import pytest
from django.core.management import call_command

from monev.models import PeninjauanLokasi, PeninjauanUlang
from monev.peninjauan.muat import muat_peninjauan
from penilaian.models import SK

pytestmark = pytest.mark.django_db


def test_the_demo_review_and_running_it_again_changes_nothing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path  # issuing copies the lokasi photos
    keluar = io.StringIO()
    call_command("kumuh_demo", stdout=keluar, stderr=io.StringIO())
    assert "Peninjauan ulang demo 2026" in keluar.getvalue()
    p = PeninjauanUlang.objects.get(kabupaten_kota__kode="33.75")
    assert p.tahun == 2026 and p.sk.status == SK.Status.DITETAPKAN and "DEMO" in p.sk.nomor
    # Concluded, with its draft Keputusan over the reviewed SK's lokasi, revoking it once issued.
    assert p.status == "selesai" and p.keputusan.status == SK.Status.DRAF
    assert (p.keputusan.jenis, p.keputusan.menggantikan) == (SK.Jenis.PENINJAUAN, p.sk)
    rekap = muat_peninjauan(p)
    ditangani = [h for h in rekap.lokasi if h.sumber]
    assert len(rekap.lokasi) >= 5 and len(ditangani) >= 3
    assert all(h.tabel is not None for h in rekap.lokasi)
    assert any(h.tabel.total_akhir < h.tabel.total_awal for h in ditangani)
    jumlah = (SK.objects.count(), PeninjauanUlang.objects.count(), PeninjauanLokasi.objects.count())
    call_command("monev_demo", stdout=io.StringIO())
    assert (SK.objects.count(), PeninjauanUlang.objects.count(),
            PeninjauanLokasi.objects.count()) == jumlah  # fmt: skip
