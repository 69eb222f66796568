"""The demo surveys: two years per demo lokasi, varied states, real results and history."""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from lokasi.models import Lokasi, Pengguna, RiwayatPerubahan
from penilaian import rumus
from penilaian.models import (
    STATUS_DISETUJUI,
    IsianKriteria,
    LangkahAlur,
    NumerikPenilaian,
    Penilaian,
    Status,
)

pytestmark = pytest.mark.django_db


def _jumlah() -> tuple[int, ...]:
    return (
        Penilaian.objects.count(),
        LangkahAlur.objects.count(),
        NumerikPenilaian.objects.count(),
        IsianKriteria.objects.count(),
        RiwayatPerubahan.objects.count(),
    )


@pytest.fixture
def demo():
    call_command("kumuh_demo", stdout=io.StringIO())
    call_command("penilaian_demo", stdout=io.StringIO())


def test_it_is_idempotent(demo):
    jumlah = _jumlah()
    call_command("penilaian_demo", stdout=io.StringIO())
    call_command("penilaian_demo", stdout=io.StringIO())
    assert _jumlah() == jumlah
    assert jumlah[0] == 60


def test_every_demo_lokasi_has_both_years_in_varied_states(demo):
    lokasi = Lokasi.objects.filter(kode__startswith="DEMO-")
    assert lokasi.count() == 30
    for lk in lokasi:
        assert sorted(lk.penilaian.values_list("tahun", flat=True)) == [2024, 2025], lk.kode

    lama = Penilaian.objects.filter(tahun=2024)
    baru = Penilaian.objects.filter(tahun=2025)
    assert set(lama.values_list("status", flat=True)) == {Status.TERVERIFIKASI_PUSAT}
    status_baru = Counter(baru.values_list("status", flat=True))
    assert set(status_baru) == set(Status.values)
    assert status_baru[Status.DISETUJUI_POKJA] + status_baru[Status.TERVERIFIKASI_PROVINSI] > 15
    assert 1 <= status_baru[Status.DRAF] <= 5
    dikembalikan = baru.exclude(alasan_dikembalikan="")
    assert dikembalikan.count() == 1
    kembali = dikembalikan.get()
    assert kembali.status == Status.DRAF and kembali.lengkap
    langkah = list(kembali.langkah.values_list("ke", "pengguna__username", "catatan"))
    assert langkah[-1] == (Status.DRAF, "pokja.pekalongan", kembali.alasan_dikembalikan)

    # A spread of classes, some no longer kumuh, and 2025 mostly better than 2024.
    assert baru.filter(tingkat_kekumuhan=rumus.TingkatKekumuhan.TIDAK_KUMUH).count() >= 1
    huruf = {p.klasifikasi[:1] for p in Penilaian.objects.exclude(klasifikasi="")}
    assert huruf == {"A", "B", "C"}
    assert len({p.klasifikasi for p in lama}) >= 4
    nilai_lama = dict(lama.values_list("lokasi__kode", "nilai_kekumuhan"))
    membaik = [
        p
        for p in baru.filter(nilai_kekumuhan__isnull=False)
        if p.nilai_kekumuhan < nilai_lama[p.lokasi.kode]
    ]
    assert len(membaik) > baru.filter(nilai_kekumuhan__isnull=False).count() / 2


def test_complete_surveys_have_results_history_and_numerik(demo):
    for p in Penilaian.objects.select_related("lokasi").prefetch_related("numerik", "langkah"):
        unit = list(p.lokasi.unit_survei.all())
        lembar = list(p.numerik.all())
        if p.status != Status.DRAF:
            assert p.lengkap, (p, p.kekurangan)
        if p.lengkap:
            assert p.kekurangan == []
            assert len(p.hasil["skor"]) == 16 and p.tingkat_kekumuhan and p.legalitas
            assert sum(p.hasil["skor"].values()) == p.nilai_kekumuhan
            # Every numerik field filled, per RT unit when the lokasi has units (§7).
            assert [b.unit_id for b in lembar] == ([u.pk for u in unit] or [None])
            assert all(getattr(b, f) is not None for b in lembar for f in rumus.NUMERIK_FIELDS)
            assert set(p.hasil["unit"]) == {str(u.pk) for u in unit}
        else:
            assert p.kekurangan and p.hasil == {}
        assert p.surveyor_nama.endswith("(demo)") and p.responden_nama.endswith("(demo)")

        # The workflow history leads to the status, each step by the role allowed to take it.
        langkah = list(p.langkah.all())
        if p.status in STATUS_DISETUJUI or p.status == Status.DIAJUKAN:
            assert langkah[-1].ke == p.status
            assert all(la.waktu.year == p.tahun for la in langkah)
            assert [la.waktu for la in langkah] == sorted(la.waktu for la in langkah)
        pengambil = {la.ke: la.pengguna.username for la in langkah if la.ke != Status.DRAF}
        assert pengambil.get(Status.DIAJUKAN, "operator.pekalongan") == "operator.pekalongan"
        assert pengambil.get(Status.TERVERIFIKASI_PUSAT, "verifikator.pusat") == (
            "verifikator.pusat"
        )
        assert p.dibuat_pada.year == p.tahun

    assert Penilaian.objects.filter(nilai_kekumuhan__isnull=True).exists()  # an unfinished draft


def test_it_needs_the_demo_users(db):
    assert not Pengguna.objects.exists()
    with pytest.raises(CommandError, match="kumuh_demo"):
        call_command("penilaian_demo", stdout=io.StringIO())
