"""Peninjauan ulang: starting a review of an issued SK and loading its Tabel 5 and recap.

The builders here (an issued SK over the hand-worked kawasan of test_tabel5, realised kegiatan)
are shared by the other test_peninjauan_* files.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monev.models import PeninjauanLokasi, PeninjauanUlang
from monev.peninjauan import services
from monev.peninjauan.muat import muat_peninjauan
from monev.peninjauan.volume import volume_ditangani
from penilaian.models import SK
from penilaian.sk import services as services_sk
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian
from tests.kolaborasi.conftest import buat_kegiatan
from tests.monev.pemantauan_bantu import buat_pemantauan
from tests.monev.test_tabel5 import DITANGANI
from tests.penilaian.test_penanganan import NUMERIK

PUSAT = "terverifikasi_pusat"


def terbitkan_sk(kabkota, pokja, lokasi: list, *, tahun_survei: int = 2021) -> SK:
    """Issue an SK of 2022 over these lokasi, each surveyed in `tahun_survei` with the
    hand-worked kawasan (nilai 40, Kumuh Sedang)."""
    for lok in lokasi:
        buat_penilaian(lok, tahun=tahun_survei, status=PUSAT, pita={}, numerik=NUMERIK)
    sk = services_sk.sk_buat(pengguna=pokja, tahun=2022)
    for tim in ("pusat", "provinsi", "kabkota"):  # issuing needs the three blocks
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pokja, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    sk = services_sk.sk_simpan(
        sk=sk, pengguna=pokja, versi=sk.versi,
        data={"nomor": "100.3.3.2/45/2022", "tanggal": date(2022, 3, 1),
              "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip
    return services_sk.sk_tetapkan(sk=sk, pengguna=pokja, versi=sk.versi)


def tangani(kabkota, lokasi, *, tahun: int = 2023, status: str = "selesai", efek=None):
    """A realised kegiatan at the lokasi with test_tabel5's handled volumes, monitored at
    100 % with every planned volume realised (what Tabel 5 counts)."""
    efek = efek or DITANGANI
    kegiatan = buat_kegiatan(kabkota, lokasi, efek=efek, status=status, tahun=tahun)
    buat_pemantauan(kegiatan, tanggal=date(tahun, 12, 1), progres=100, volume=efek)
    return kegiatan


def buat_peninjauan(kabkota, pokja, lokasi) -> PeninjauanUlang:
    """The review 2026 of an SK over the hand-worked lokasi, handled as in test_tabel5."""
    sk = terbitkan_sk(kabkota, pokja, [lokasi])
    tangani(kabkota, lokasi)
    return services.peninjauan_buat(sk=sk, pengguna=pokja, tahun=2026)


@pytest.fixture
def peninjauan(kota_a, pokja_a, lokasi_a) -> PeninjauanUlang:
    return buat_peninjauan(kota_a, pokja_a, lokasi_a)


def test_the_hand_worked_table_is_loaded_from_the_issued_sk(peninjauan, lokasi_a):
    rekap = muat_peninjauan(peninjauan)
    [h] = rekap.lokasi
    t = h.tabel
    assert (t.total_awal, t.total_akhir, t.kontribusi) == (40, 27, D("30.31"))
    assert (t.sektoral_awal, t.sektoral_akhir) == (D("56.55"), D("39.41"))
    assert h.keputusan == "turun" and h.keputusan_label == "Turun Tingkat"
    assert h.kepala.kawasan == lokasi_a.nama and h.kepala.luas_verifikasi == D(2)
    assert h.kepala.kabkota == "Kota Alfa" and h.tahun_awal == 2021
    assert [s.volume for s in h.sumber["2a"]] == [D(500)]


def test_only_finished_kegiatan_inside_the_window_count(kota_a, pokja_a, lokasi_a):
    terbitkan_sk(kota_a, pokja_a, [lokasi_a])
    tangani(kota_a, lokasi_a, tahun=2021)  # the survey year t itself: already in the baseline
    tangani(kota_a, lokasi_a, tahun=2027)  # after t+n
    tangani(kota_a, lokasi_a, tahun=2024, status="berjalan")
    tangani(kota_a, lokasi_a, tahun=2026, status="diserahterimakan", efek={"2a": 100})
    hasil = volume_ditangani([lokasi_a.pk], setelah_tahun=2021, sampai_tahun=2026)
    assert {k: [s.volume for s in v] for k, v in hasil[lokasi_a.pk].items()} == {"2a": [D(100)]}


def test_a_newer_approved_survey_is_linked_and_replaces_the_computed_akhir(
    kota_a, pokja_a, lokasi_a
):
    sk = terbitkan_sk(kota_a, pokja_a, [lokasi_a])
    tangani(kota_a, lokasi_a)
    buat_penilaian(lokasi_a, tahun=2025, status="draf")  # not approved: ignored
    baru = buat_penilaian(lokasi_a, tahun=2024, status="disetujui_pokja")  # PITA_SEDANG: 42
    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    assert PeninjauanLokasi.objects.get(peninjauan=p).penilaian_baru == baru
    [h] = muat_peninjauan(p).lokasi
    assert h.tabel.dari_survei_baru and h.tabel.total_akhir == baru.nilai_kekumuhan
    assert h.selisih and h.survei_baru.startswith("2024")


def test_one_review_per_sk_and_year_and_only_of_an_issued_sk(peninjauan, pokja_a):
    with pytest.raises(ValidationError):
        services.peninjauan_buat(sk=peninjauan.sk, pengguna=pokja_a, tahun=2026)
    draf = services_sk.sk_buat(pengguna=pokja_a, tahun=2027)
    with pytest.raises(ValidationError):
        services.peninjauan_buat(sk=draf, pengguna=pokja_a, tahun=2028)


@pytest.mark.parametrize("peran", ["operator_a", "verifikator_p", "operator_b"])
def test_only_the_pokja_and_admin_start_or_conclude(request, peninjauan, peran):
    pengguna = request.getfixturevalue(peran)
    with pytest.raises(PermissionDenied):
        services.peninjauan_buat(sk=peninjauan.sk, pengguna=pengguna, tahun=2027)
    with pytest.raises(PermissionDenied):
        services.peninjauan_selesai(peninjauan=peninjauan, pengguna=pengguna)


def test_the_recap_counts_official_and_indicative_reductions(kota_a, pokja_a):
    barat = [buat_lokasi(kota_a, f"Barat {i}") for i in range(3)]
    sk = terbitkan_sk(kota_a, pokja_a, barat)
    semua = {k: D(10_000) for k in ("1a", "1b", "1c", "2a", "2b", "3a", "3b", "4a", "4b", "4c",
                                    "5a", "5b", "6a", "6b", "7a", "7b")}  # fmt: skip
    tangani(kota_a, barat[0], efek=semua)  # computed Tidak Kumuh: indicative only
    tangani(kota_a, barat[1])  # turun
    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    rekap = muat_peninjauan(p)
    assert [h.keputusan for h in rekap.lokasi] == ["keluar", "turun", "tetap"]
    kota = rekap.kota
    luas = sum((h.lokasi.luas_ha for h in rekap.lokasi), D(0))
    assert (kota.lokasi_awal, kota.luas_awal) == (3, luas)
    assert (kota.lokasi_keluar, kota.lokasi_akhir, kota.luas_akhir) == (0, 3, luas)
    assert (kota.lokasi_akhir_indikatif, kota.turun, kota.tetap) == (2, 1, 1)
    assert kota.luas_akhir_indikatif == luas - rekap.lokasi[0].lokasi.luas_ha
    assert sum(j.lokasi_awal for j in rekap.per_kecamatan) == 3


def test_the_review_is_due_five_years_after_the_sk(peninjauan):
    assert services.jatuh_tempo(peninjauan.sk) == date(2027, 3, 1)
    services.peninjauan_selesai(peninjauan=peninjauan, pengguna=peninjauan.dibuat_oleh)
    peninjauan.refresh_from_db()
    assert peninjauan.status == "selesai"


def test_only_a_newer_survey_below_16_reduces_the_list_officially(kota_a, pokja_a):
    lokasi = [buat_lokasi(kota_a, f"Kawasan {i}") for i in range(2)]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    tidak_kumuh = dict.fromkeys(PITA_SEDANG, "<25")
    buat_penilaian(lokasi[0], tahun=2025, status="terverifikasi_provinsi", pita=tidak_kumuh)
    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    rekap = muat_peninjauan(p)
    assert [h.keluar_resmi for h in rekap.lokasi] == [True, False]
    kota = rekap.kota
    assert (kota.lokasi_awal, kota.lokasi_keluar, kota.lokasi_akhir) == (2, 1, 1)
    assert kota.luas_akhir == rekap.lokasi[1].lokasi.luas_ha


def test_areas_add_up_as_printed():
    from monev.peninjauan.muat import luas_tercetak

    assert luas_tercetak(D("7.4205")) == D("7.42") and luas_tercetak(D("0.125")) == D("0.13")
    assert luas_tercetak(None) == D(0)


def test_a_concluded_review_keeps_its_results_whatever_happens_later(kota_a, pokja_a):
    lokasi = [buat_lokasi(kota_a, f"Kawasan {i}") for i in range(2)]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    tangani(kota_a, lokasi[0])
    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    sebelum = muat_peninjauan(p)
    services.peninjauan_selesai(peninjauan=p, pengguna=pokja_a)
    p.refresh_from_db()
    beku = muat_peninjauan(p)  # read back from JSON, equal to the live figures
    assert (beku.lokasi, beku.per_kecamatan, beku.kota) == (
        sebelum.lokasi,
        sebelum.per_kecamatan,
        sebelum.kota,
    )

    # Later: the second kawasan is handled, a re-survey of the first, the city's reading.
    tangani(kota_a, lokasi[1], tahun=2024)
    tidak_kumuh = dict.fromkeys(PITA_SEDANG, "<25")
    buat_penilaian(lokasi[0], tahun=2026, status="disetujui_pokja", pita=tidak_kumuh)
    services.pengaturan_simpan(
        pengguna=pokja_a, kabupaten_kota=kota_a, bacaan_kontribusi="c", catatan_kaki="baru"
    )
    sesudah = muat_peninjauan(p)
    assert sesudah.lokasi == sebelum.lokasi and sesudah.kota == sebelum.kota
    assert sesudah.pengaturan.bacaan_kontribusi == "a"
    assert [h.keputusan for h in sesudah.lokasi] == ["turun", "tetap"]
    satu = muat_peninjauan(p, lokasi_pk=sesudah.lokasi[1].pk)
    assert satu.lokasi == (sebelum.lokasi[1],)
    # A draft review of the same SK reads the live data.
    langsung = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2027)
    assert [h.keputusan for h in muat_peninjauan(langsung).lokasi] == ["keluar", "turun"]
