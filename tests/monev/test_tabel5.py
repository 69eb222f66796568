"""Tabel 5 of one lokasi worked by hand (pure, no database)."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from monev.tabel5 import kontribusi, rata_rata, susun
from penilaian import rumus
from tests.penilaian.test_penanganan import NUMERIK, masukan

# Baseline %, by aspect (test_penanganan's kawasan, nilai 40 Kumuh Sedang):
#   bangunan (80 + 60 + 30)/3 = 56,67 · jalan (60 + 10)/2 = 35,00 · air minum (50 + 20)/2 = 35,00
#   drainase (75 + 15 + 12,5)/3 = 34,17 · air limbah (80 + 60)/2 = 70,00
#   sampah (90 + 40)/2 = 65,00 · proteksi kebakaran (100 + 100)/2 = 100,00
#   sektoral = 395,84 / 7 = 56,55
# Realised: road 500 m (2a → 10 %), waste for 90 KK (6a → 0 %), hydrants for 100 buildings
# (7a → 0 %): jalan (10 + 10)/2 = 10,00 · sampah (0 + 40)/2 = 20,00 · kebakaran (0 + 100)/2 = 50,00
#   sektoral = 275,84 / 7 = 39,41; nilai 40 − 3 − 5 − 5 = 27, Kumuh Ringan
#   kontribusi (a) = (56,55 − 39,41) / 56,55 = 30,31 %; (c) = 17,14 / (56,55 − 24,99) = 54,31 %
DITANGANI = {"2a": D(500), "6a": D(90), "7a": D(100)}


def test_the_hand_worked_table():
    t = susun(masukan(), DITANGANI)
    assert [a.rata_awal for a in t.aspek] == [
        D("56.67"), D("35.00"), D("35.00"), D("34.17"), D("70.00"), D("65.00"), D("100.00")
    ]  # fmt: skip
    assert [a.rata_akhir for a in t.aspek][1::4] == [D("10.00"), D("20.00")]
    assert (t.sektoral_awal, t.sektoral_akhir) == (D("56.55"), D("39.41"))
    assert (t.total_awal, t.total_akhir) == (40, 27)
    assert t.perubahan_tingkat == "Kumuh Sedang → Kumuh Ringan" and t.keputusan == "turun"
    assert t.kontribusi == D("30.31") and t.bacaan == "a"
    assert [a.total_awal for a in t.aspek] == [9, 3, 1, 3, 8, 6, 10]
    assert [a.total_akhir for a in t.aspek] == [9, 0, 1, 3, 8, 1, 5]


def test_each_row_carries_its_parameters_volumes_and_change():
    t = susun(masukan(), DITANGANI)
    assert len(t.baris) == 16 and [b.kode for b in t.baris] == list(rumus.KODE_KRITERIA)
    jalan = t.baris[3]
    assert jalan.kode == "2a" and jalan.satuan == "m"
    assert jalan.parameter[0] == (
        "76% - 100% area tidak terlayani oleh jaringan jalan lingkungan",
        5,
    )
    assert [s for _, s in jalan.parameter] == [5, 3, 1]
    assert (jalan.awal.volume, jalan.penanganan, jalan.akhir.volume) == (D(600), D(500), D(100))
    assert jalan.perubahan == "3 → 0"
    assert t.baris[0].perubahan == ""  # 1a untouched


@pytest.mark.parametrize(("bacaan", "hasil"), [("a", D("30.31")), ("b", D("30.31")),
                                                ("c", D("54.31"))])  # fmt: skip
def test_the_three_readings_of_the_footnote(bacaan, hasil):
    assert susun(masukan(), DITANGANI, bacaan=bacaan).kontribusi == hasil


def test_the_readings_differ_where_the_footnote_matters():
    # Sektoral akhir below 25 % but total still ≥ 16: (b) gives 100, (c) clips at 100.
    assert kontribusi(D("56.55"), D("20.00"), 20, "a") == D("64.63")
    assert kontribusi(D("56.55"), D("20.00"), 20, "b") == D(100)
    assert kontribusi(D("56.55"), D("20.00"), 20, "c") == D(100)
    # Sektoral akhir ≥ 25 % but total < 16: only (c) gives 100.
    assert kontribusi(D("56.55"), D("30.00"), 15, "b") == D("46.95")
    assert kontribusi(D("56.55"), D("30.00"), 15, "c") == D(100)
    # Nothing to contribute to, or no mean at all.
    assert kontribusi(D(0), D(0), 0, "a") is None
    assert kontribusi(None, D(10), 10, "a") is None
    with pytest.raises(ValueError):
        kontribusi(D(1), D(1), 1, "z")


def test_everything_handled_leaves_the_list_with_full_contribution():
    t = susun(masukan(), {k: D(10_000) for k in rumus.KODE_KRITERIA})
    assert t.total_akhir == 0 and t.keputusan == "keluar" and t.kontribusi == D(100)
    assert t.tingkat_akhir == "Tidak Kumuh"
    assert any("melebihi volume kumuh awal" in p for p in t.peringatan)


def test_a_newer_survey_replaces_the_computed_condition_and_keeps_it_for_comparison():
    baru_numerik = {**NUMERIK, "panjang_jalan_eksisting_m": 700}  # gap 300 m: 30 % → 1
    baru = rumus.hitung(replace(masukan(), numerik=baru_numerik))
    t = susun(masukan(), DITANGANI, hasil_baru=baru, numerik_baru=baru_numerik)
    jalan = t.baris[3]
    assert t.dari_survei_baru
    assert (jalan.akhir.volume, jalan.akhir.persen, jalan.akhir.nilai) == (D(300), D("30.00"), 1)
    assert (jalan.akhir_hitung.volume, jalan.akhir_hitung.nilai) == (D(100), 0)
    assert t.total_akhir == baru.nilai_kekumuhan == 38  # only the road changed in the survey


def test_rata_rata_ignores_criteria_without_a_percentage():
    assert rata_rata([D(10), None, D(20)]) == D("15.00") and rata_rata([None]) is None
