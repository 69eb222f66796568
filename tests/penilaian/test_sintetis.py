"""kumuh_sintetis: the national synthetic dataset for measuring speed (issue 14 item 1)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lokasi.models import KabupatenKota, Kelurahan, Lokasi, Pengguna, Provinsi, UnitSurvei
from penilaian import services, sintetis
from penilaian.hasil_survei import FIELD_HASIL
from penilaian.models import IsianKriteria, LangkahAlur, NumerikPenilaian, Penilaian, Status
from tests.conftest import buat_lokasi, buat_penilaian


def _muat(**opsi) -> None:
    call_command("kumuh_sintetis", **{"lokasi": 24, "kota": 3, "stdout": None, **opsi})


def _sintetis():
    return Lokasi.objects.filter(kabupaten_kota__provinsi__kode=sintetis.KODE_PROVINSI)


def test_the_first_city_holds_half_and_the_others_share_the_rest():
    assert sintetis.bagi_lokasi(30000, 3) == [15000, 7500, 7500]
    assert sintetis.bagi_lokasi(7, 3) == [4, 2, 1]
    assert sintetis.bagi_lokasi(5, 1) == [5]


@pytest.mark.django_db
def test_it_creates_the_lokasi_in_labelled_cities_with_approved_surveys():
    _muat(tahun=2)
    per_kota = {
        k.nama: k.lokasi.count()
        for k in KabupatenKota.objects.filter(provinsi__kode=sintetis.KODE_PROVINSI)
    }
    assert per_kota == {"Kota Sintetis 1": 12, "Kota Sintetis 2": 6, "Kota Sintetis 3": 6}
    assert Provinsi.objects.get(kode=sintetis.KODE_PROVINSI).nama == "Provinsi Sintetis"
    lokasi = list(_sintetis())
    assert all("Sintetis" in lok.nama and lok.batas and lok.lintang for lok in lokasi)
    assert all(lok.kelurahan.count() == 1 for lok in lokasi)
    penilaian = Penilaian.objects.filter(lokasi__in=lokasi)
    assert penilaian.count() == 48
    assert set(penilaian.values_list("tahun", flat=True)) == {2025, 2026}
    assert set(penilaian.values_list("status", flat=True)) == {Status.TERVERIFIKASI_PUSAT}
    # Every latest survey is scored, so a kumuh one is on the priority list.
    assert penilaian.filter(tahun=2026, nilai_kekumuhan__isnull=True).count() == 0
    assert penilaian.disetujui().berprioritas().exists()
    assert IsianKriteria.objects.filter(penilaian__in=penilaian).count() == 48 * 16
    assert LangkahAlur.objects.filter(penilaian__in=penilaian).count() == 48 * 4
    kecamatan = (
        Kelurahan.objects.filter(kecamatan__kabupaten_kota__kode=f"{sintetis.KODE_PROVINSI}.71")
        .values("kecamatan")
        .distinct()
    )
    assert 10 <= kecamatan.count() <= 20


@pytest.mark.django_db
def test_every_stored_score_equals_a_fresh_recompute():
    _muat(lokasi=60, tahun=2)
    qs = Penilaian.objects.select_related("lokasi__kabupaten_kota").prefetch_related(
        "isian", "numerik"
    )
    assert UnitSurvei.objects.exists()  # kawasan of RT units are among them (§7 sums)
    assert IsianKriteria.objects.exclude(pita="").exists()  # and bands chosen by eye
    assert NumerikPenilaian.objects.filter(unit__isnull=False).exists()
    for p in qs:
        tersimpan = {f: getattr(p, f) for f in FIELD_HASIL}
        services.hitung_ulang(p)
        assert tersimpan == {f: getattr(p, f) for f in FIELD_HASIL}, p.lokasi.nama


def _potret_data() -> list[tuple]:
    return list(
        Penilaian.objects.order_by("lokasi__kode", "tahun").values_list(
            "lokasi__kode", "lokasi__nama", "lokasi__luas_sk_ha", "lokasi__lintang", "tahun",
            "nilai_kekumuhan", "klasifikasi", "hasil",
        )
    )  # fmt: skip


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    _muat(benih="a")
    pertama = _potret_data()
    _muat(hapus=True)
    _muat(benih="a")
    assert _potret_data() == pertama
    _muat(hapus=True)
    _muat(benih="b")
    assert _potret_data() != pertama


@pytest.mark.django_db
def test_hapus_removes_the_synthetic_rows_and_only_them(lokasi_a, operator_a):
    penilaian_a = buat_penilaian(lokasi_a)
    _muat(pengguna=True)
    assert Pengguna.objects.filter(username__startswith="sintetis.").count() == 3
    _muat(hapus=True)
    assert not _sintetis().exists()
    assert not Provinsi.objects.filter(kode=sintetis.KODE_PROVINSI).exists()
    assert not Kelurahan.objects.filter(kode__startswith=f"{sintetis.KODE_PROVINSI}.").exists()
    assert not Pengguna.objects.filter(username__startswith="sintetis.").exists()
    # The real city, its survey and its user stay.
    assert Lokasi.objects.filter(pk=lokasi_a.pk).exists()
    assert Penilaian.objects.filter(pk=penilaian_a.pk).exists()
    assert IsianKriteria.objects.filter(penilaian=penilaian_a).count() == 16
    assert Pengguna.objects.filter(pk=operator_a.pk).exists()
    # And it can be loaded again.
    _muat()
    assert _sintetis().count() == 24


@pytest.mark.django_db
def test_the_users_see_their_scope():
    _muat(pengguna=True)
    pusat = Pengguna.objects.get(username="sintetis.pusat")
    kota1 = Pengguna.objects.get(username="sintetis.kota1")
    assert pusat.check_password(sintetis.SANDI_PENGGUNA)
    assert Lokasi.objects.untuk(pusat).count() == 24
    assert set(Lokasi.objects.untuk(kota1).values_list("kabupaten_kota__nama", flat=True)) == {
        "Kota Sintetis 1"
    }


@pytest.mark.django_db
def test_it_refuses_without_debug_unless_forced(settings):
    settings.KUMUH_DEMO_DIIZINKAN = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        _muat()
    assert not _sintetis().exists()
    _muat(lokasi=3, paksa=True)
    assert _sintetis().count() == 3


@pytest.mark.django_db
def test_it_refuses_to_load_twice(kota_a):
    buat_lokasi(kota_a)
    _muat(lokasi=3)
    with pytest.raises(CommandError, match="--hapus"):
        _muat(lokasi=3)
    assert _sintetis().count() == 3
