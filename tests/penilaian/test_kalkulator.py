"""The batch calculator contract (kalkulator.md): pure, no database."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penilaian.kalkulator import (
    STATUS_ADA_DITOLAK,
    STATUS_SEMUA_DINILAI,
    STATUS_TIDAK_TERBACA,
    MasukanTidakTerbaca,
    baca_masukan,
    hitung_rekaman,
    hitung_teks,
    masukan_dari_rekaman,
    tulis_jsonl,
)
from penilaian.rumus import KODE_KRITERIA, KesalahanMasukan

HIPO = settings(database=None, deadline=None, max_examples=60)

# Eight criteria score 5 and two score 3: 46, Kumuh Sedang. Kota besar at 230.5 jiwa/ha
# scores 3, strategic 5, no potential 1: 9, Sedang. Legal → B3, prioritas 5, Peremajaan.
PERSEN_B3 = {
    "1a": 80, "1b": 10.5, "1c": 76, "2a": 100, "2b": 90, "3a": 60, "3b": 51, "4a": 77.5,
    "4b": 0, "4c": 80, "5a": 99, "5b": 24.99, "6a": 85, "6b": 12, "7a": 0, "7b": 3.333,
}  # fmt: skip


def rekaman(**ubah) -> dict:
    dasar = {
        "id": "KEL-001",
        "kategori_kota": "besar",
        "persen": dict(PERSEN_B3),
        "legalitas": {"status_penguasaan": True, "kesesuaian_rtr": True},
        "pertimbangan_lain": {
            "strategis": True,
            "kepadatan_penduduk": 230.5,
            "potensi_sosekbud": False,
        },
    }
    dasar.update(ubah)
    return dasar


HASIL_B3 = {
    "id": "KEL-001",
    "persen": {
        "1a": 80.0, "1b": 10.5, "1c": 76.0, "2a": 100.0, "2b": 90.0, "3a": 60.0, "3b": 51.0,
        "4a": 77.5, "4b": 0.0, "4c": 80.0, "5a": 99.0, "5b": 24.99, "6a": 85.0, "6b": 12.0,
        "7a": 0.0, "7b": 3.33,
    },
    "skor": {
        "1a": 5, "1b": 0, "1c": 5, "2a": 5, "2b": 5, "3a": 3, "3b": 3, "4a": 5, "4b": 0,
        "4c": 5, "5a": 5, "5b": 0, "6a": 5, "6b": 0, "7a": 0, "7b": 0,
    },
    "nilai_kekumuhan": 46,
    "tingkat_kekumuhan": "Kumuh Sedang",
    "nilai_pertimbangan_lain": 9,
    "tingkat_pertimbangan_lain": "Sedang",
    "legalitas": "Legal",
    "klasifikasi": "B3",
    "prioritas": 5,
    "pola_penanganan": "Peremajaan",
}  # fmt: skip


# --- reading the input -------------------------------------------------------------------------


def test_reads_a_json_array():
    assert baca_masukan('[{"id": 1}, {"id": 2}]') == [{"id": 1}, {"id": 2}]
    assert baca_masukan("[]") == []


def test_reads_json_lines_skipping_blank_lines():
    teks = '{"id": 1}\n\n{"id": 2}\r\n  \n{"id": 3}\n'
    assert baca_masukan(teks) == [{"id": 1}, {"id": 2}, {"id": 3}]


def test_a_single_object_is_one_record_even_pretty_printed():
    assert baca_masukan('{\n  "id": "a"\n}\n') == [{"id": "a"}]


def test_numbers_are_read_exactly():
    assert baca_masukan('[{"x": 24.995}]') == [{"x": Decimal("24.995")}]


def test_byte_order_mark_is_ignored():
    assert baca_masukan('\ufeff[{"id": 1}]') == [{"id": 1}]


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("", "masukan kosong"),
        ("  \n ", "masukan kosong"),
        ("id,kategori_kota\n1,sedang\n", "baris 1 bukan JSON"),
        ('{"id": 1}\n{"id": 2\n', "baris 2 bukan JSON"),
        ("[" * 100_000, "bersarang lebih dari 32 tingkat"),
    ],
)
def test_unreadable_input(teks, pesan):
    with pytest.raises(MasukanTidakTerbaca, match=pesan):
        baca_masukan(teks)


# --- one record --------------------------------------------------------------------------------


def test_result_has_exactly_the_contract_fields_and_values():
    hasil = hitung_rekaman(rekaman())
    assert hasil == HASIL_B3
    assert list(hasil) == list(HASIL_B3)
    assert list(hasil["persen"]) == list(KODE_KRITERIA) == list(hasil["skor"])
    assert all(type(v) is float for v in hasil["persen"].values())
    assert all(type(v) is int for v in hasil["skor"].values())


def test_result_written_as_json_like_the_contract_example():
    baris = tulis_jsonl([hitung_rekaman(rekaman())])
    assert baris.endswith("\n") and baris.count("\n") == 1
    assert '"persen": {"1a": 80.0, "1b": 10.5,' in baris
    assert '"skor": {"1a": 5,' in baris
    assert '"nilai_kekumuhan": 46, "tingkat_kekumuhan": "Kumuh Sedang"' in baris
    assert '"klasifikasi": "B3", "prioritas": 5, "pola_penanganan": "Peremajaan"}' in baris
    assert json.loads(baris) == HASIL_B3


def test_tidak_kumuh_gives_nulls():
    hasil = hitung_rekaman(rekaman(persen=dict.fromkeys(KODE_KRITERIA, 0)))
    assert hasil["tingkat_kekumuhan"] == "Tidak Kumuh"
    assert hasil["klasifikasi"] is None
    assert hasil["prioritas"] is None
    assert hasil["pola_penanganan"] is None
    assert '"klasifikasi": null, "prioritas": null, "pola_penanganan": null' in tulis_jsonl([hasil])


@pytest.mark.parametrize("id_", ["KEL-001", 17, None, "Ngropoh / RT 04"])
def test_id_is_echoed_in_results_and_errors(id_):
    assert hitung_rekaman(rekaman(id=id_))["id"] == id_
    assert hitung_rekaman(rekaman(id=id_, kategori_kota="x"))["id"] == id_


def test_missing_id_echoes_null():
    r = rekaman()
    del r["id"]
    assert hitung_rekaman(r)["id"] is None


def test_numeric_id_read_from_text_comes_back_as_a_number():
    hasil, _ = hitung_teks(json.dumps([rekaman(id=1.5)]))
    assert hasil[0]["id"] == 1.5 and '"id": 1.5' in tulis_jsonl(hasil)


def test_persen_wins_over_numerik():
    numerik = {"jumlah_bangunan": 100, "bangunan_tidak_teratur": 10}  # 10 % → 0
    hasil = hitung_rekaman(rekaman(numerik=numerik))
    assert hasil["persen"]["1a"] == 80.0 and hasil["skor"]["1a"] == 5


def test_criteria_from_numerik():
    persen = {k: v for k, v in PERSEN_B3.items() if k != "1a"}
    numerik = {"jumlah_bangunan": 400, "bangunan_tidak_teratur": 320}
    hasil = hitung_rekaman(rekaman(persen=persen, numerik=numerik))
    assert hasil == HASIL_B3


def test_kepadatan_derived_from_jumlah_penduduk_and_luas_verifikasi():
    pl = {"strategis": True, "potensi_sosekbud": False}
    # 2100 jiwa on 5 ha = 420 jiwa/ha → 5 in a kota besar: 5 + 5 + 1 = 11, Tinggi → B1.
    numerik = {"jumlah_penduduk": 2100, "luas_verifikasi_ha": 5}
    hasil = hitung_rekaman(rekaman(pertimbangan_lain=pl, numerik=numerik))
    assert hasil["nilai_pertimbangan_lain"] == 11
    assert (hasil["klasifikasi"], hasil["prioritas"]) == ("B1", 2)
    # Without those numbers the density is missing.
    hasil = hitung_rekaman(rekaman(pertimbangan_lain=pl))
    assert hasil == {
        "id": "KEL-001",
        "error": "pertimbangan_lain.kepadatan_penduduk: harus diisi, atau isi "
        "numerik.jumlah_penduduk dan numerik.luas_verifikasi_ha",
    }


def test_error_names_the_field_like_the_contract():
    numerik = {
        "panjang_jalan_ideal_m": 1500,
        "panjang_jalan_eksisting_m": 800,
        "panjang_jalan_rusak_m": 1200,
    }
    persen = {k: v for k, v in PERSEN_B3.items() if k != "2b"}
    assert hitung_rekaman(rekaman(persen=persen, numerik=numerik)) == {
        "id": "KEL-001",
        "error": "numerik.panjang_jalan_rusak_m (1200) lebih besar dari "
        "panjang_jalan_eksisting_m (800)",
    }


def test_zero_divisor_error_of_the_contract():
    persen = {k: v for k, v in PERSEN_B3.items() if k != "3a"}
    numerik = {"jumlah_kk": 0, "kk_tanpa_akses_air_minum_aman": 0}
    assert hitung_rekaman(rekaman(persen=persen, numerik=numerik))["error"] == (
        "numerik.jumlah_kk: harus diisi lebih dari 0 karena menjadi pembagi kriteria 3a"
    )


def test_every_problem_of_a_record_is_in_its_error():
    r = rekaman(
        kategori_kota="desa",
        persen={k: v for k, v in PERSEN_B3.items() if k != "7b"} | {"1a": -4},
        legalitas={"status_penguasaan": "ya", "kesesuaian_rtr": True},
    )
    assert hitung_rekaman(r)["error"].split("; ") == [
        "kategori_kota: harus salah satu dari metropolitan, besar, sedang, kecil ('desa')",
        "persen.1a: harus antara 0 dan 100 (-4)",
        "persen.7b: kriteria 7b (Sarana proteksi kebakaran tidak tersedia) tidak diisi: isi "
        "persen.7b, atau numerik.bangunan_tanpa_sarana_proteksi_kebakaran dan "
        "numerik.jumlah_bangunan",
        "legalitas.status_penguasaan: harus ya (true) atau tidak (false) ('ya')",
    ]


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"persen": [80, 10]}, "persen: harus berupa objek JSON {…}"),
        ({"numerik": "400 bangunan"}, "numerik: harus berupa objek JSON {…}"),
        ({"legalitas": True}, "legalitas: harus berupa objek JSON {…}"),
        (
            {"legalitas": {"status_penguasaan": True, "kesesuaian_rtr": True, "rtrw": True}},
            "legalitas.rtrw: bukan isian yang dikenal (status_penguasaan, kesesuaian_rtr)",
        ),
        (
            {"pertimbangan_lain": {"strategis": True, "kepadatan": 3, "potensi_sosekbud": True}},
            "pertimbangan_lain.kepadatan: bukan isian yang dikenal "
            "(strategis, kepadatan_penduduk, potensi_sosekbud)",
        ),
        ({"persen": PERSEN_B3 | {"1a": True}}, "persen.1a: bukan angka (true)"),
        ({"persen": PERSEN_B3 | {"1a": "80%"}}, "persen.1a: bukan angka ('80%')"),
        ({"numerik": {"jumlah_KK": 3}}, "numerik.jumlah_KK: bukan isian Format Numerik"),
        ({"legalitas": None}, "legalitas.status_penguasaan: harus diisi ya (true) atau"),
        ({"kategori_kota": None}, "kategori_kota: harus diisi"),
    ],
)
def test_badly_shaped_records_are_rejected_with_the_field_named(ubah, pesan):
    hasil = hitung_rekaman(rekaman(**ubah))
    assert set(hasil) == {"id", "error"}
    assert pesan in hasil["error"]


@pytest.mark.parametrize("bukan_objek", [[1, 2], "teks", 42, None])
def test_a_record_that_is_not_an_object(bukan_objek):
    assert hitung_rekaman(bukan_objek) == {
        "id": None,
        "error": "rekaman: harus berupa objek JSON {…}",
    }


def test_numbers_given_as_strings_are_accepted():
    persen = {k: str(v) for k, v in PERSEN_B3.items()}
    assert hitung_rekaman(rekaman(persen=persen)) == HASIL_B3


def test_unknown_top_level_keys_are_ignored():
    assert hitung_rekaman(rekaman(nama="Kampung Nelayan", kelurahan="Panjang Wetan")) == HASIL_B3


def test_record_becomes_a_masukan():
    m = masukan_dari_rekaman(rekaman())
    assert m.kategori_kota == "besar" and m.strategis is True and m.kepadatan_penduduk == 230.5
    with pytest.raises(KesalahanMasukan):
        masukan_dari_rekaman(rekaman(persen=3))


# --- many records, exit status -----------------------------------------------------------------


def test_all_scored_gives_status_0_in_input_order():
    teks = json.dumps([rekaman(id="a"), rekaman(id="b"), rekaman(id="c")])
    hasil, status = hitung_teks(teks)
    assert status == STATUS_SEMUA_DINILAI == 0
    assert [h["id"] for h in hasil] == ["a", "b", "c"]
    assert hasil[0] == HASIL_B3 | {"id": "a"}


def test_one_rejected_gives_status_1_and_the_others_are_still_scored():
    baris = [rekaman(id="a"), rekaman(id="b", kategori_kota="desa"), rekaman(id="c")]
    hasil, status = hitung_teks("\n".join(json.dumps(r) for r in baris))
    assert status == STATUS_ADA_DITOLAK == 1
    assert [h["id"] for h in hasil] == ["a", "b", "c"]
    assert "error" not in hasil[0] and "error" not in hasil[2]
    assert hasil[1]["error"].startswith("kategori_kota:")


def test_unreadable_gives_status_2_and_one_error():
    hasil, status = hitung_teks("bukan json sama sekali")
    assert status == STATUS_TIDAK_TERBACA == 2
    assert len(hasil) == 1 and hasil[0]["id"] is None
    assert hasil[0]["error"].startswith("baris 1 bukan JSON")


def test_empty_array_scores_nothing():
    assert hitung_teks("[]") == ([], 0)


def test_a_non_object_inside_valid_json_is_a_rejected_record():
    hasil, status = hitung_teks(json.dumps([rekaman(), 7]))
    assert status == 1
    assert hasil[1] == {"id": None, "error": "rekaman: harus berupa objek JSON {…}"}


def test_output_is_json_lines_one_per_record():
    hasil, _ = hitung_teks(json.dumps([rekaman(id="é"), rekaman(id="b", persen={})]))
    keluaran = tulis_jsonl(hasil)
    baris = keluaran.splitlines()
    assert len(baris) == 2 and keluaran.endswith("\n")
    assert [json.loads(b)["id"] for b in baris] == ["é", "b"]
    assert '"id": "é"' in baris[0]  # UTF-8, not \u escapes


record_acak = st.tuples(st.text(max_size=12), st.booleans())


@HIPO
@given(st.lists(record_acak, max_size=8))
def test_array_and_json_lines_give_the_same_results_in_input_order(daftar):
    records = [rekaman(id=i, kategori_kota="besar" if sah else "kampung") for i, sah in daftar]
    dari_larik, status = hitung_teks(json.dumps(records))
    if records:
        dari_baris, status_baris = hitung_teks("\n".join(json.dumps(r) for r in records))
        assert (dari_baris, status_baris) == (dari_larik, status)
    assert [h["id"] for h in dari_larik] == [i for i, _ in daftar]
    assert [("error" in h) for h in dari_larik] == [not sah for _, sah in daftar]
    assert status == (1 if any(not sah for _, sah in daftar) else 0)
