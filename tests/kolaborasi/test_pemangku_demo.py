"""The demo's stakeholders, Pokja/Forum and meetings: complete, consistent, idempotent."""

import pytest
from django.utils import timezone

from kolaborasi.models import (
    Kehadiran,
    KeputusanPertemuan,
    LembagaPKP,
    PemangkuKepentingan,
    Pertemuan,
)
from kolaborasi.pemangku import demo
from kolaborasi.pemangku.pemantauan import jadwal_monitoring
from lokasi.models import RiwayatPerubahan

pytestmark = pytest.mark.django_db


def _jumlah() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (PemangkuKepentingan, LembagaPKP, Pertemuan, Kehadiran, KeputusanPertemuan,
                  RiwayatPerubahan)
    )  # fmt: skip


def test_the_demo_loads_once_and_again_changes_nothing(kota_a, pokja_a, operator_a):
    pengguna = {"pokja": pokja_a, "operator": operator_a}
    assert demo.muat(kabkota=kota_a, pengguna=pengguna)
    sekali = _jumlah()
    assert demo.muat(kabkota=kota_a, pengguna=pengguna) == ""
    assert _jumlah() == sekali

    pemangku = PemangkuKepentingan.objects.filter(kabupaten_kota=kota_a)
    assert pemangku.count() == 13
    assert all(p.nama.endswith("(demo)") for p in pemangku)
    assert pemangku.internal().count() == 6 and pemangku.eksternal().count() == 7
    assert pemangku.get(jenis="lembaga_kemasyarakatan").dasar_nomor

    pokja = LembagaPKP.objects.get(jenis="pokja")
    forum = LembagaPKP.objects.get(jenis="forum")
    assert pokja.nomor_sk and forum.nomor_sk and pokja.rencana_selesai
    assert all(a.pemangku.internal for a in pokja.anggota.select_related("pemangku"))
    assert any(not a.pemangku.internal for a in forum.anggota.select_related("pemangku"))

    assert set(Pertemuan.objects.values_list("jenis", flat=True)) == {
        "pokja_monitoring", "forum", "sosialisasi",
    }  # fmt: skip
    assert all(p.kehadiran.exists() and p.keputusan.exists() for p in Pertemuan.objects.all())
    monitoring = jadwal_monitoring(kota_a)
    assert monitoring.terlambat
    assert monitoring.terakhir < timezone.localdate()
