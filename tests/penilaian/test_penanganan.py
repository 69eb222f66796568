"""Handled volumes applied to a survey (kolaborasi-monev.md §3.1), worked by hand."""

from decimal import Decimal as D

import pytest

from penilaian import rumus
from penilaian.penanganan import terapkan

# A kawasan of 100 buildings, 2 ha, 100 KK, 1,000 m of road and 800 m of drainage needed.
# By hand (Tabel 3 bands on the rounded %): 1a 80 % → 5, 1b 60 % → 3, 1c 30 % → 1,
# 2a (1000 − 400)/1000 = 60 % → 3, 2b 10 % → 0, 3a 50 % → 1, 3b 20 % → 0,
# 4a (800 − 200)/800 = 75 % → 3, 4b 15 % → 0, 4c 12,5 % → 0, 5a 80 % → 5, 5b 60 % → 3,
# 6a 90 % → 5, 6b 40 % → 1, 7a 100 % → 5, 7b 100 % → 5: nilai 40, Kumuh Sedang.
NUMERIK = {
    "luas_verifikasi_ha": D("2"),
    "jumlah_bangunan": 100,
    "jumlah_penduduk": 400,
    "jumlah_kk": 100,
    "bangunan_tidak_teratur": 80,
    "luas_kepadatan_tinggi_ha": D("1.2"),
    "bangunan_tidak_sesuai_teknis": 30,
    "panjang_jalan_ideal_m": 1000,
    "panjang_jalan_eksisting_m": 400,
    "panjang_jalan_rusak_m": 100,
    "kk_tanpa_akses_air_minum_aman": 50,
    "kk_kebutuhan_air_minum_tidak_terpenuhi": 20,
    "panjang_drainase_ideal_m": 800,
    "panjang_drainase_eksisting_m": 200,
    "luas_genangan_ha": D("0.3"),
    "panjang_drainase_rusak_m": 100,
    "kk_air_limbah_tidak_sesuai_standar": 80,
    "kk_sarpras_air_limbah_tidak_sesuai": 60,
    "kk_sarpras_sampah_tidak_sesuai": 90,
    "kk_sistem_sampah_tidak_sesuai": 40,
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 100,
    "bangunan_tanpa_sarana_proteksi_kebakaran": 100,
}


def masukan(**ubah) -> rumus.MasukanPenilaian:
    data = {
        "kategori_kota": "sedang",
        "numerik": NUMERIK,
        "status_penguasaan": True,
        "kesesuaian_rtr": True,
        "strategis": False,
        "potensi_sosekbud": False,
    }
    data.update(ubah)
    return rumus.MasukanPenilaian(**data)


def baris(hasil, kode):
    return next(b for b in hasil.baris if b.kode == kode)


def test_the_baseline_is_the_hand_worked_one():
    hasil = terapkan(masukan(), {})
    assert hasil.awal.nilai_kekumuhan == 40
    assert hasil.awal.tingkat_kekumuhan is rumus.TingkatKekumuhan.SEDANG
    assert hasil.akhir == hasil.awal and not hasil.peringatan


def test_a_road_water_and_fire_plan_brings_sedang_to_ringan():
    # 500 m of road built: gap 100/1000 = 10 % → 0 (was 3); 90 KK served with waste
    # facilities: 0 % → 0 (was 5); hydrants for all 100 buildings: 0 % → 0 (was 5).
    # 40 − 3 − 5 − 5 = 27: Kumuh Ringan.
    hasil = terapkan(masukan(), {"2a": D(500), "6a": D(90), "7a": D(100)})
    assert hasil.akhir.nilai_kekumuhan == 27
    assert hasil.akhir.tingkat_kekumuhan is rumus.TingkatKekumuhan.RINGAN
    assert hasil.turun_tingkat and not hasil.keluar_daftar
    jalan = baris(hasil, "2a")
    assert (jalan.volume_awal, jalan.penanganan, jalan.volume_akhir) == (D(600), D(500), D(100))
    assert (jalan.persen_awal, jalan.persen_akhir) == (D("60.00"), D("10.00"))
    assert (jalan.nilai_awal, jalan.nilai_akhir) == (3, 0)
    # An untouched criterion keeps its volume and score.
    assert baris(hasil, "5a").volume_akhir == D(80) and baris(hasil, "5a").nilai_akhir == 5
    # The class keeps the baseline's pertimbangan lain and legalitas: only the letter moves.
    assert hasil.akhir.legalitas == hasil.awal.legalitas
    assert hasil.akhir.nilai_pertimbangan_lain == hasil.awal.nilai_pertimbangan_lain


def test_the_road_gap_and_the_damaged_road_are_handled_together():
    # Building 600 m closes the gap (existing 1000 m); repairing the 100 m damaged: 0 %.
    hasil = terapkan(masukan(), {"2a": D(600), "2b": D(100)})
    assert baris(hasil, "2a").persen_akhir == D("0.00")
    assert baris(hasil, "2b").volume_akhir == D(0)
    assert hasil.akhir.nilai_kekumuhan == 37


def test_more_handled_than_there_was_is_floored_and_warned():
    hasil = terapkan(masukan(), {"3a": D(70)})
    assert baris(hasil, "3a").volume_akhir == D(0) and baris(hasil, "3a").melebihi
    assert hasil.peringatan == (
        "Penanganan kriteria 3a (70 KK) melebihi volume kumuh awal (50 KK).",
    )


def test_a_band_criterion_cannot_take_a_volume():
    hasil = terapkan(masukan(pita={"7a": "76-100"}), {"7a": D(100)})
    assert not baris(hasil, "7a").dapat_dihitung
    assert hasil.akhir.skor["7a"] == 5  # unchanged, not guessed
    assert "7a" in hasil.peringatan[0] and "pita" in hasil.peringatan[0]


def test_handling_everything_takes_the_lokasi_off_the_list():
    semua = {k.kode: D(10_000) for k in rumus.KRITERIA}
    hasil = terapkan(masukan(), semua)
    assert hasil.akhir.nilai_kekumuhan == 0 and hasil.keluar_daftar
    assert hasil.akhir.klasifikasi is None and hasil.akhir.prioritas is None


@pytest.mark.parametrize("salah", [{"9z": D(1)}, {"1a": D(-1)}])
def test_bad_handling_is_refused(salah):
    with pytest.raises(ValueError):
        terapkan(masukan(), salah)
