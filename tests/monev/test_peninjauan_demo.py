"""The demo's peninjauan ulang: an issued demo copy of the SK, a review 2026 where several lokasi
are handled by the demo kegiatan; running the demo again changes nothing."""

import io
from datetime import date

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
    # The demo's targets toward 0 ha (monev.dasbor.demo), set against the official figures.
    from monev.dasbor.data import muat_dasbor
    from monev.models import TargetKota

    assert TargetKota.objects.filter(kabupaten_kota=p.kabupaten_kota).count() == 4
    status = [b.status for b in muat_dasbor([p.kabupaten_kota], date(2026, 12, 6)).banding_target]
    assert status[-1] == "mendatang" and len(status) == 4
    jumlah = (SK.objects.count(), PeninjauanUlang.objects.count(), PeninjauanLokasi.objects.count(),
              TargetKota.objects.count())  # fmt: skip
    call_command("monev_demo", stdout=io.StringIO())
    assert (SK.objects.count(), PeninjauanUlang.objects.count(),
            PeninjauanLokasi.objects.count(), TargetKota.objects.count()) == jumlah  # fmt: skip
