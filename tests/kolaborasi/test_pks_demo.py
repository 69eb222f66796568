"""The demo step of this part: runs on minimal prerequisites, twice without changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kolaborasi.models import (
    Ikrar,
    KriteriaIntervensi,
    NilaiIntervensi,
    PerjanjianKerjaSama,
    TahapKolaborasi,
)
from kolaborasi.pks import demo
from tests.conftest import buat_lokasi, buat_penilaian
from tests.kolaborasi.test_pks_halaman import buat_pertemuan

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_with_one_reported_and_one_unreported_pks(kota_a, pokja_a, lokasi_a):
    buat_penilaian(lokasi_a, status="disetujui_pokja")
    buat_penilaian(buat_lokasi(kota_a, "Kampung Kedua"), status="disetujui_pokja")
    rapat = buat_pertemuan(kota_a, tanggal=timezone.localdate() - timedelta(days=5))
    buat_pertemuan(kota_a, "forum", timezone.localdate() - timedelta(days=40))
    pengguna = {"pokja": pokja_a, "operator": pokja_a}

    def hitung():
        return [m.objects.count() for m in (PerjanjianKerjaSama, Ikrar, TahapKolaborasi,
                                            KriteriaIntervensi, NilaiIntervensi)]  # fmt: skip

    pesan = demo.muat(kabkota=kota_a, pengguna=pengguna)
    assert "2 perjanjian" in pesan
    pertama = hitung()
    demo.muat(kabkota=kota_a, pengguna=pengguna)
    assert hitung() == pertama
    assert pertama[0] == 2 and pertama[1] == 3 and pertama[3] == 4 and pertama[4] == 8
    dilaporkan = PerjanjianKerjaSama.objects.get(nomor=demo.NOMOR_DILAPORKAN)
    belum = PerjanjianKerjaSama.objects.get(nomor=demo.NOMOR_BELUM)
    assert dilaporkan.dilaporkan_pada == rapat and dilaporkan.status == "berjalan"
    assert belum.belum_dilaporkan
    # Varied progress: the first priority lokasi has more stages than the second.
    jumlah = [TahapKolaborasi.objects.filter(lokasi=lok).count()
              for lok in (lokasi_a, ) ]  # fmt: skip
    assert jumlah[0] >= 1 and pertama[2] > jumlah[0]
