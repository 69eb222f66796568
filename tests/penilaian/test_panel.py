"""The live score panel (penilaian/panel.py), worked by hand from Format Numerik values."""

from decimal import Decimal

import pytest

from penilaian import panel, services
from penilaian.models import Penilaian
from tests.penilaian.test_survei import NILAI, NUMERIK

ANGKA = {k: Decimal(v) for k, v in NUMERIK.items()}
# The survey form's cleaned values for legalitas and pertimbangan lain (Format Isian C, D).
DATA = {
    "versi": 1,
    "surveyor_nama": "Sinta",
    "status_penguasaan": True,
    "kesesuaian_rtr": False,
    "strategis": True,
    "potensi_sosekbud": True,
    "kepadatan_penduduk": None,
}


def baris(kriteria: list[dict], kode: str) -> dict:
    return next(r for r in kriteria if r["kode"] == kode)


# --- per_kriteria: no database ------------------------------------------------------------


def test_a_numerik_entry_scores_each_criterion():
    kriteria = panel.per_kriteria({}, {None: ANGKA})
    assert baris(kriteria, "1a") == {
        "kode": "1a",
        "persen": Decimal("80.00"),
        "pita": "",
        "skor": 5,
    }
    assert baris(kriteria, "5a")["skor"] == 5  # 300 of 390 KK = 76,92 %
    assert sum(r["skor"] for r in kriteria) == NILAI == 32


def test_a_band_choice_wins_over_numerik():
    kriteria = panel.per_kriteria({"1a": "25-50", "1b": "<25"}, {None: ANGKA})
    assert baris(kriteria, "1a") == {"kode": "1a", "persen": None, "pita": "25-50", "skor": 1}
    assert baris(kriteria, "1b")["skor"] == 0


def test_rt_units_are_summed_before_the_percentage():
    # 351 of 390 KK (90 %, score 5) and 39 of 390 (10 %, score 0): 390 of 780 = 50 % → 1.
    satu = {**ANGKA, "kk_air_limbah_tidak_sesuai_standar": Decimal(351)}
    dua = {**ANGKA, "kk_air_limbah_tidak_sesuai_standar": Decimal(39)}
    r = baris(panel.per_kriteria({}, {1: satu, 2: dua}), "5a")
    assert r["persen"] == Decimal("50.00") and r["skor"] == 1


def test_a_key_missing_in_one_unit_leaves_its_criteria_unscored():
    dua = {**ANGKA, "jumlah_kk": None}
    kriteria = panel.per_kriteria({}, {1: ANGKA, 2: dua})
    assert baris(kriteria, "5a")["skor"] is None  # divides by KK
    assert baris(kriteria, "1a")["skor"] == 5  # does not


def test_a_part_larger_than_its_whole_has_no_score():
    lebih = {**ANGKA, "bangunan_tidak_teratur": Decimal(500)}  # of 400
    assert baris(panel.per_kriteria({}, {None: lebih}), "1a")["skor"] is None


def test_missing_fields_are_named_by_their_labels():
    terbaca = panel.kekurangan_terbaca(
        [
            {"field": "numerik.jumlah_kk", "pesan": "perlu dilengkapi"},
            {"field": "unit.1.jumlah_kk", "pesan": "perlu dilengkapi"},
            {"field": "persen.2a", "pesan": "persen.2a lebih dari 100"},
            {"field": "legalitas.kesesuaian_rtr", "pesan": "perlu dipilih"},
            {"field": "tak.dikenal", "pesan": "x"},
        ]
    )
    assert [k["field"] for k in terbaca] == [
        "Jumlah KK",
        "unit ke-2: Jumlah KK",
        "Kriteria 2a",
        "Kesesuaian dengan RTR",
        "tak.dikenal",
    ]
    assert terbaca[2]["pesan"] == "pilihan isian 2a lebih dari 100"


# --- hitung: the unsaved survey -----------------------------------------------------------


@pytest.fixture
def draf(operator_a, lokasi_a) -> Penilaian:
    return services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)


@pytest.mark.django_db
def test_hitung_scores_the_form_values_and_saves_nothing(draf):
    hasil = panel.hitung(draf, data=DATA, pita={}, numerik={None: ANGKA})
    assert hasil["kekurangan"] == []
    assert hasil["hasil"]["nilai_kekumuhan"] == 32
    assert hasil["hasil"]["tingkat_kekumuhan"] == "Kumuh Ringan"
    draf.refresh_from_db()
    assert draf.nilai_kekumuhan is None and draf.versi == 1 and draf.surveyor_nama == ""


@pytest.mark.django_db
def test_hitung_lists_what_keeps_it_from_scoring(draf):
    hasil = panel.hitung(
        draf,
        data={**DATA, "kesesuaian_rtr": None},
        pita={},
        numerik={None: {**ANGKA, "jumlah_kk": None}},
    )
    assert hasil["hasil"] is None
    bidang = {k["field"] for k in hasil["kekurangan"]}
    assert {"Jumlah KK", "Kesesuaian dengan RTR"} <= bidang
    assert baris(hasil["kriteria"], "1a")["skor"] == 5  # the rest still scores while typing


@pytest.mark.django_db
def test_the_stored_panel_of_a_fresh_draft(draf):
    tersimpan = panel.tersimpan(draf)
    assert tersimpan["hasil"] is None and tersimpan["kekurangan"]
    assert len(tersimpan["kriteria"]) == 16
