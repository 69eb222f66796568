"""hitung_ulang_semua: rescore every survey after a rules change (issue 14 item 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lokasi import riwayat
from lokasi.models import KabupatenKota
from penilaian import ringkasan, services
from penilaian.hasil_survei import FIELD_HASIL
from penilaian.hitung_ulang import hitung_ulang_semua, potret
from penilaian.models import SK, Penilaian, PenilaianTerakhir, SKLokasi
from penilaian.sk import services as services_sk
from tests.conftest import buat_lokasi, buat_penilaian

PUSAT = "terverifikasi_pusat"


def _segar(pk: int) -> Penilaian:
    return (
        Penilaian.objects.select_related("lokasi__kabupaten_kota")
        .prefetch_related("isian", "numerik")
        .get(pk=pk)
    )


def _tersimpan(p: Penilaian) -> dict:
    return {f: getattr(p, f) for f in FIELD_HASIL}


def _rusak(*penilaian: Penilaian) -> None:
    """Stored results that no longer match the rules (as after the formula changed)."""
    Penilaian.objects.filter(pk__in=[p.pk for p in penilaian]).update(
        nilai_kekumuhan=1, klasifikasi="C6", prioritas=9, hasil={}
    )


@pytest.mark.django_db
def test_it_writes_and_records_only_the_surveys_whose_results_changed(kota_a):
    a, b, c = (buat_penilaian(buat_lokasi(kota_a, f"Kampung {n}")) for n in "ABC")
    for p in (a, b, c):  # approved: on the priority list, whose narrow table must follow
        p.status = "disetujui_pokja"
        p.save()
    _rusak(b)
    ringkasan.segarkan([b.lokasi_id])  # the damaged score is what the list shows now
    sebelum = {p.pk: Penilaian.objects.get(pk=p.pk) for p in (a, b, c)}

    r = hitung_ulang_semua(alasan="rumus 2027")
    assert ringkasan.selisih() == []
    assert PenilaianTerakhir.objects.get(lokasi_id=b.lokasi_id).klasifikasi == "B3"

    assert (r.diperiksa, r.berubah, r.riwayat) == (3, 1, 1)
    for p in (a, c):
        tetap = Penilaian.objects.get(pk=p.pk)
        assert tetap.diubah_pada == sebelum[p.pk].diubah_pada
        assert not riwayat.untuk(tetap).filter(tindakan__startswith="dihitung ulang").exists()
    diperbaiki = Penilaian.objects.get(pk=b.pk)
    assert (diperbaiki.nilai_kekumuhan, diperbaiki.label_prioritas) == (42, "B3/ 5")
    # Not a person's edit: the optimistic lock and the last editor stay.
    assert diperbaiki.versi == sebelum[b.pk].versi
    entri = riwayat.untuk(diperbaiki).get()
    assert entri.tindakan == "dihitung ulang (rumus 2027)"
    assert entri.pengguna is None
    assert entri.perubahan["nilai kekumuhan"] == ["1", "42"]
    assert entri.perubahan["klasifikasi"] == ["C6", "B3"]
    assert "persen 1a" not in entri.perubahan  # a band has no percentage, before or after
    assert entri.perubahan["skor 1a"] == ["", "5"]
    # A second run finds nothing to do.
    assert hitung_ulang_semua().berubah == 0


@pytest.mark.django_db
@pytest.mark.parametrize("proses", [1, 2])
def test_it_stores_exactly_what_the_per_survey_path_computes(kota_a, kota_b, proses):
    """A varied dataset (RT units, bands and numerik, every tingkat, incomplete surveys), then
    rules-like changes the stored results do not reflect yet."""
    call_command("kumuh_sintetis", lokasi=40, kota=2, tahun=2, stdout=None)
    tidak_lengkap = buat_penilaian(buat_lokasi(kota_a, "Kampung Kurang"), status_penguasaan=None)
    assert tidak_lengkap.kekurangan
    buat_penilaian(buat_lokasi(kota_b, "Kampung Beta"))
    # The category sets the density bands; luas SK sets kewenangan when luas verifikasi is blank.
    KabupatenKota.objects.filter(kode="99.71").update(kategori="kecil")
    KabupatenKota.objects.filter(kode="99.72").update(kategori="metropolitan")
    _rusak(*Penilaian.objects.filter(lokasi__kabupaten_kota=kota_b))

    r = hitung_ulang_semua(proses=proses)

    assert r.diperiksa == Penilaian.objects.count() == 82
    assert r.berubah > 10
    for pk in Penilaian.objects.values_list("pk", flat=True):
        p = _segar(pk)
        tersimpan = _tersimpan(p)
        services.hitung_ulang(p)
        assert tersimpan == _tersimpan(p), p.lokasi.nama
    assert hitung_ulang_semua(proses=proses).berubah == 0


def _lengkapi(sk: SK, pengguna) -> SK:
    for tim in ("pusat", "provinsi", "kabkota"):
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pengguna, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    return services_sk.sk_simpan(
        sk=sk,
        pengguna=pengguna,
        versi=sk.versi,
        data={"nomor": "100/1/2026", "tanggal": date(2026, 11, 20), "penandatangan_nama": "A"},
    )


@pytest.mark.django_db
def test_an_issued_sk_keeps_its_frozen_rows(kota_a, pokja_a):
    p = buat_penilaian(buat_lokasi(kota_a, "Kampung Beku"), status=PUSAT)
    sk = _lengkapi(services_sk.sk_buat(pengguna=pokja_a, tahun=2026), pokja_a)
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    beku = SKLokasi.objects.get(sk=sk)
    data, daerah, versi = beku.data, sk.daerah_beku, sk.versi
    lokasi_sk = services_sk.lokasi_sk(sk)
    # The density bands of a metropolitan city: the survey now scores differently.
    KabupatenKota.objects.filter(pk=kota_a.pk).update(kategori="metropolitan")

    assert hitung_ulang_semua().berubah == 1

    assert Penilaian.objects.get(pk=p.pk).klasifikasi != data["klasifikasi"]
    beku.refresh_from_db()
    sk.refresh_from_db()
    assert (beku.data, sk.daerah_beku, sk.versi) == (data, daerah, versi)
    assert services_sk.lokasi_sk(sk) == lokasi_sk


@pytest.mark.django_db
def test_the_command_filters_by_kabkota_and_status_and_can_only_check(kota_a, kota_b, capsys):
    a_draf = buat_penilaian(buat_lokasi(kota_a, "A draf"))
    a_pusat = buat_penilaian(buat_lokasi(kota_a, "A pusat"), status=PUSAT)
    b_pusat = buat_penilaian(buat_lokasi(kota_b, "B pusat"), status=PUSAT)
    _rusak(a_draf, a_pusat, b_pusat)

    call_command("hitung_ulang_semua", kabkota=[kota_a.kode], status=[PUSAT], periksa=True)
    assert "1 berubah" in capsys.readouterr().out
    assert Penilaian.objects.get(pk=a_pusat.pk).nilai_kekumuhan == 1  # nothing saved

    call_command("hitung_ulang_semua", kabkota=[kota_a.kode], status=[PUSAT])
    assert "1 penilaian dihitung ulang, 1 berubah" in capsys.readouterr().out
    nilai = dict(Penilaian.objects.values_list("pk", "nilai_kekumuhan"))
    assert (nilai[a_draf.pk], nilai[a_pusat.pk], nilai[b_pusat.pk]) == (1, 42, 1)

    call_command("hitung_ulang_semua")
    assert "3 penilaian dihitung ulang, 2 berubah" in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"00\.00"):
        call_command("hitung_ulang_semua", kabkota=["00.00"])


@pytest.mark.django_db
def test_when_every_result_changes_the_history_and_the_priority_table_follow(kota_a):
    """Every stored result stale (as after a formula change): each survey gets the history entry
    a per-survey `riwayat.Jurnal` records, and the narrow table shows the new results of each
    lokasi's latest approved survey (two years: the older survey has no row to take)."""
    call_command("kumuh_sintetis", lokasi=30, kota=2, tahun=2, stdout=None)
    Penilaian.objects.update(
        nilai_kekumuhan=0,
        klasifikasi="",
        prioritas=None,
        hasil={},
        kekurangan=[{"field": "luas", "pesan": "kosong"}],
    )
    ringkasan.segarkan_semua()  # the stale results are what the list shows now
    sebelum = {p.pk: _tersimpan(p) for p in Penilaian.objects.all()}

    r = hitung_ulang_semua(alasan="rumus 2027", proses=2)

    assert r.berubah == r.riwayat == r.diperiksa == len(sebelum) == 60
    assert ringkasan.selisih() == []
    assert PenilaianTerakhir.objects.filter(berprioritas=True).exists()
    entri = {e.object_id: e for e in riwayat_semua()}
    assert len(entri) == 60
    assert len({(e.waktu, e.tindakan, e.pengguna_id) for e in entri.values()}) == 1
    jurnal = riwayat.Jurnal(pengguna=None, keterangan="(rumus 2027)")
    for p in Penilaian.objects.all():
        jurnal.catat(
            obj=p,
            tindakan="dihitung ulang",
            sebelum=potret(sebelum[p.pk]),
            sesudah=potret(_tersimpan(p)),
        )
    diharapkan = {obj.pk: (f"{t} {jurnal.keterangan}", beda) for obj, t, beda in jurnal._entri}
    assert {pk: (e.tindakan, e.perubahan) for pk, e in entri.items()} == diharapkan


def riwayat_semua():
    from lokasi.models import RiwayatPerubahan

    return RiwayatPerubahan.objects.filter(tindakan__startswith="dihitung ulang")


@pytest.mark.django_db
@pytest.mark.parametrize("proses", [1, 2])
def test_a_failure_in_a_later_part_leaves_nothing_written(kota_a, monkeypatch, proses):
    """Parts are written while the next ones are computed; one failing undoes the earlier."""
    from penilaian import hitung_ulang

    daftar = [buat_penilaian(buat_lokasi(kota_a, f"Kampung {n}")) for n in range(5)]
    _rusak(*daftar)
    monkeypatch.setattr(hitung_ulang, "PER_TUGAS", 2)  # three parts
    semula, panggilan = ringkasan.perbarui_hasil, []

    def gagal_ketiga(baris, **kw):
        panggilan.append(len(baris))
        if len(panggilan) == 3:
            raise RuntimeError("disk penuh")
        semula(baris, **kw)

    monkeypatch.setattr(ringkasan, "perbarui_hasil", gagal_ketiga)

    with pytest.raises(RuntimeError, match="disk penuh"):
        hitung_ulang_semua(proses=proses)

    assert panggilan == [2, 2, 1]
    assert set(Penilaian.objects.values_list("nilai_kekumuhan", flat=True)) == {1}
    assert not riwayat_semua().exists()
