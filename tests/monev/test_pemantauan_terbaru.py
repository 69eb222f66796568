"""Each kegiatan's latest monitoring entry is marked (`Pemantauan.terbaru`), whatever order the
entries come in, and the dashboard's realisation adds up the marked ones."""

from datetime import date
from decimal import Decimal as D
from importlib import import_module

import pytest
from django.apps import apps

from monev.dasbor.data import dana
from monev.models import Pemantauan, RealisasiDana
from monev.pemantauan.terbaru import tandai
from tests.kolaborasi.conftest import buat_kegiatan

pytestmark = pytest.mark.django_db


def _entri(kegiatan, tanggal: date, rp: int | None = None) -> Pemantauan:
    p = Pemantauan.objects.create(kegiatan=kegiatan, tanggal=tanggal, progres_fisik=D(10))
    if rp is not None:
        RealisasiDana.objects.create(pemantauan=p, sumber="apbd_kabkota", jumlah=D(rp))
    return p


def _terbaru() -> set[int]:
    return set(Pemantauan.objects.filter(terbaru=True).values_list("pk", flat=True))


def _menurut_aturan() -> set[int]:
    """The latest entry of each kegiatan, chosen in Python (by date, then by entry)."""
    akhir: dict[int, Pemantauan] = {}
    for p in Pemantauan.objects.all():
        a = akhir.get(p.kegiatan_id)
        if a is None or (p.tanggal, p.pk) > (a.tanggal, a.pk):
            akhir[p.kegiatan_id] = p
    return {p.pk for p in akhir.values()}


def test_the_latest_entry_is_marked_as_entries_come_and_go(kota_a, kota_b):
    satu, dua = buat_kegiatan(kota_a, status="berjalan"), buat_kegiatan(kota_b, status="berjalan")
    maret = _entri(satu, date(2025, 3, 1))
    assert _terbaru() == {maret.pk}
    juni = _entri(satu, date(2025, 6, 1))
    _entri(satu, date(2025, 4, 1))  # back-dated: not the latest
    sama = _entri(satu, date(2025, 6, 1))  # the same date: the later entry
    lain = _entri(dua, date(2024, 1, 1))
    assert _terbaru() == {sama.pk, lain.pk} == _menurut_aturan()
    sama.delete()
    assert _terbaru() == {juni.pk, lain.pk} == _menurut_aturan()
    juni.tanggal = date(2025, 1, 1)  # corrected in the admin: April is the latest now
    juni.save()
    assert _terbaru() == _menurut_aturan() and juni.pk not in _terbaru()


def test_bulk_written_entries_are_marked_by_tandai_and_the_migration(kota_a):
    kegiatan = [buat_kegiatan(kota_a, status="berjalan") for _ in range(3)]
    Pemantauan.objects.bulk_create(
        Pemantauan(kegiatan=k, tanggal=date(2025, m, d), progres_fisik=D(m))
        for k in kegiatan
        for m, d in ((9, 1), (3, 1), (9, 1))
    )
    assert _terbaru() == set()  # no signals
    tandai([k.pk for k in kegiatan[:2]])
    assert len(_terbaru()) == 2
    tandai()
    assert _terbaru() == _menurut_aturan() and len(_terbaru()) == 3
    Pemantauan.objects.update(terbaru=False)
    import_module("monev.migrations.0010_pemantauan_terbaru").tandai_semua(apps, None)
    assert _terbaru() == _menurut_aturan()


def test_the_dashboard_realisation_is_the_latest_entrys(kota_a):
    k = buat_kegiatan(kota_a, status="berjalan")
    _entri(k, date(2025, 6, 1), 40_000_000)
    _entri(k, date(2025, 3, 1), 10_000_000)  # entered later, dated earlier
    [baris], _ = dana([kota_a])
    assert (baris.alokasi, baris.realisasi) == (D(100_000_000), D(40_000_000))
    _entri(k, date(2025, 9, 1), 70_000_000)
    assert dana([kota_a])[1].realisasi == D(70_000_000)
