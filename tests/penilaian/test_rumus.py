"""Scoring rules (penilaian.md): pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penilaian.rumus import (
    ASPEK,
    KODE_KRITERIA,
    KRITERIA,
    KRITERIA_PER_KODE,
    NUMERIK_BILANGAN_BULAT,
    NUMERIK_FIELDS,
    PRIORITAS,
    SATUAN_NUMERIK,
    CaraHitung,
    KategoriKota,
    Kesalahan,
    KesalahanMasukan,
    Kewenangan,
    Legalitas,
    MasukanPenilaian,
    PolaPenanganan,
    TingkatKekumuhan,
    TingkatPertimbangan,
    bulatkan,
    hitung,
    hitung_kekumuhan,
    hitung_persen,
    hitung_unit,
    jumlahkan_unit,
    ke_decimal,
    kewenangan,
    klasifikasi,
    label_prioritas,
    legalitas_dari,
    pola_penanganan,
    prioritas,
    skor_dari_persen,
    skor_dari_pita,
    skor_kepadatan,
    tingkat_dari_nilai,
    tingkat_pertimbangan_dari_nilai,
    volume,
)

HIPO = settings(database=None, deadline=None, max_examples=150)

BERAT, SEDANG, RINGAN, TIDAK = (
    TingkatKekumuhan.BERAT,
    TingkatKekumuhan.SEDANG,
    TingkatKekumuhan.RINGAN,
    TingkatKekumuhan.TIDAK_KUMUH,
)
TINGGI, PL_SEDANG, RENDAH = TingkatPertimbangan
LEGAL, TIDAK_LEGAL = Legalitas.LEGAL, Legalitas.TIDAK_LEGAL

# A kawasan surveyed in full; expected percentages and scores worked out by hand below.
NUMERIK_CONTOH = {
    "luas_verifikasi_ha": Decimal("4.5"),
    "jumlah_bangunan": 400,
    "jumlah_penduduk": 1420,
    "jumlah_kk": 390,
    "bangunan_tidak_teratur": 320,  # 80 %      → 5
    "luas_kepadatan_tinggi_ha": Decimal("1.35"),  # 30 % → 1
    "bangunan_tidak_sesuai_teknis": 204,  # 51 %  → 3
    "panjang_jalan_ideal_m": 1000,
    "panjang_jalan_eksisting_m": 800,  # 2a: 20 % lacking → 0
    "panjang_jalan_rusak_m": 600,  # 2b: 60 % of ideal → 3
    "kk_tanpa_akses_air_minum_aman": 0,  # 0 % → 0
    "kk_kebutuhan_air_minum_tidak_terpenuhi": 117,  # 30 % → 1
    "panjang_drainase_ideal_m": 2000,
    "panjang_drainase_eksisting_m": 500,  # 4a: 75 % lacking → 3
    "luas_genangan_ha": Decimal("0.45"),  # 10 % → 0
    "panjang_drainase_rusak_m": 500,  # 4c: 25 % → 1
    "kk_air_limbah_tidak_sesuai_standar": 312,  # 80 % → 5
    "kk_sarpras_air_limbah_tidak_sesuai": 195,  # 50 % → 1
    "kk_sarpras_sampah_tidak_sesuai": 390,  # 100 % → 5
    "kk_sistem_sampah_tidak_sesuai": 300,  # 76.92 % → 5
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 100,  # 25 % → 1
    "bangunan_tanpa_sarana_proteksi_kebakaran": 400,  # 100 % → 5
}
PERSEN_CONTOH = {
    "1a": "80.00", "1b": "30.00", "1c": "51.00", "2a": "20.00", "2b": "60.00", "3a": "0.00",
    "3b": "30.00", "4a": "75.00", "4b": "10.00", "4c": "25.00", "5a": "80.00", "5b": "50.00",
    "6a": "100.00", "6b": "76.92", "7a": "25.00", "7b": "100.00",
}  # fmt: skip
SKOR_CONTOH = {
    "1a": 5, "1b": 1, "1c": 3, "2a": 0, "2b": 3, "3a": 0, "3b": 1, "4a": 3, "4b": 0, "4c": 1,
    "5a": 5, "5b": 1, "6a": 5, "6b": 5, "7a": 1, "7b": 5,
}  # fmt: skip

# A percentage that scores each value (Tabel 3).
PERSEN_UNTUK_SKOR = {5: 80, 3: 60, 1: 30, 0: 0}


def persen_untuk_nilai(nilai: int) -> dict[str, int]:
    """Percentages for the 16 criteria whose scores add up to `nilai` (any reachable total)."""
    skor: list[int] = []
    sisa = nilai
    for pecahan in (5, 3, 1):
        while sisa >= pecahan and len(skor) < 16 and (sisa - pecahan) <= 5 * (15 - len(skor)):
            skor.append(pecahan)
            sisa -= pecahan
    assert sisa == 0 and len(skor) <= 16, nilai
    skor += [0] * (16 - len(skor))
    return {kode: PERSEN_UNTUK_SKOR[s] for kode, s in zip(KODE_KRITERIA, skor, strict=True)}


def masukan(**ubah) -> MasukanPenilaian:
    """A valid input (all criteria as persen 0, Tidak Kumuh) with some fields changed."""
    bawaan = {
        "kategori_kota": "sedang",
        "persen": dict.fromkeys(KODE_KRITERIA, 0),
        "status_penguasaan": True,
        "kesesuaian_rtr": True,
        "strategis": False,
        "kepadatan_penduduk": 100,
        "potensi_sosekbud": False,
    }
    bawaan.update(ubah)
    return MasukanPenilaian(**bawaan)


def galat(fungsi, *args, **kwargs) -> list[str]:
    """Messages of the KesalahanMasukan a call raises."""
    with pytest.raises(KesalahanMasukan) as info:
        fungsi(*args, **kwargs)
    return [str(k) for k in info.value.kesalahan]


# --- the tables --------------------------------------------------------------------------------

SPESIFIKASI_KRITERIA = {
    # penilaian.md §1: code → (aspect, part, whole, unit of volume, how)
    "1a": (1, "bangunan_tidak_teratur", "jumlah_bangunan", "unit", CaraHitung.BAGIAN),
    "1b": (1, "luas_kepadatan_tinggi_ha", "luas_verifikasi_ha", "ha", CaraHitung.BAGIAN),
    "1c": (1, "bangunan_tidak_sesuai_teknis", "jumlah_bangunan", "unit", CaraHitung.BAGIAN),
    "2a": (2, "panjang_jalan_eksisting_m", "panjang_jalan_ideal_m", "m", CaraHitung.KEKURANGAN),
    "2b": (2, "panjang_jalan_rusak_m", "panjang_jalan_ideal_m", "m", CaraHitung.BAGIAN),
    "3a": (3, "kk_tanpa_akses_air_minum_aman", "jumlah_kk", "KK", CaraHitung.BAGIAN),
    "3b": (3, "kk_kebutuhan_air_minum_tidak_terpenuhi", "jumlah_kk", "KK", CaraHitung.BAGIAN),
    "4a": (
        4,
        "panjang_drainase_eksisting_m",
        "panjang_drainase_ideal_m",
        "m",
        CaraHitung.KEKURANGAN,
    ),
    "4b": (4, "luas_genangan_ha", "luas_verifikasi_ha", "ha", CaraHitung.BAGIAN),
    "4c": (4, "panjang_drainase_rusak_m", "panjang_drainase_ideal_m", "m", CaraHitung.BAGIAN),
    "5a": (5, "kk_air_limbah_tidak_sesuai_standar", "jumlah_kk", "KK", CaraHitung.BAGIAN),
    "5b": (5, "kk_sarpras_air_limbah_tidak_sesuai", "jumlah_kk", "KK", CaraHitung.BAGIAN),
    "6a": (6, "kk_sarpras_sampah_tidak_sesuai", "jumlah_kk", "KK", CaraHitung.BAGIAN),
    "6b": (6, "kk_sistem_sampah_tidak_sesuai", "jumlah_kk", "KK", CaraHitung.BAGIAN),
    "7a": (
        7,
        "bangunan_tanpa_prasarana_proteksi_kebakaran",
        "jumlah_bangunan",
        "unit",
        CaraHitung.BAGIAN,
    ),
    "7b": (
        7,
        "bangunan_tanpa_sarana_proteksi_kebakaran",
        "jumlah_bangunan",
        "unit",
        CaraHitung.BAGIAN,
    ),
}


def test_criteria_follow_tabel_3_order_and_the_spec_inputs():
    assert tuple(SPESIFIKASI_KRITERIA) == KODE_KRITERIA
    for k in KRITERIA:
        assert (k.aspek, k.bagian, k.pembagi, k.satuan, k.cara) == SPESIFIKASI_KRITERIA[k.kode]
        assert k.nama and k.indikator and k.parameter and k.ukuran
        assert k.nama_aspek == ASPEK[k.aspek - 1].nama
    assert KRITERIA_PER_KODE["2b"].batas_bagian == "panjang_jalan_eksisting_m"
    assert KRITERIA_PER_KODE["4c"].batas_bagian == "panjang_drainase_eksisting_m"
    assert KRITERIA_PER_KODE["2b"].maks_100 and KRITERIA_PER_KODE["4c"].maks_100


def test_aspects_and_their_criteria():
    assert [(a.kode, a.nama, len(a.kriteria)) for a in ASPEK] == [
        (1, "Bangunan Gedung", 3),
        (2, "Jalan Lingkungan", 2),
        (3, "Penyediaan Air Minum", 2),
        (4, "Drainase Lingkungan", 3),
        (5, "Pengelolaan Air Limbah", 2),
        (6, "Pengelolaan Persampahan", 2),
        (7, "Proteksi Kebakaran", 2),
    ]


def test_numerik_fields_are_the_spec_keys_with_labels_and_units():
    dipakai = {f for spek in SPESIFIKASI_KRITERIA.values() for f in spek[1:3]}
    dipakai |= {"panjang_jalan_eksisting_m", "panjang_drainase_eksisting_m"}
    umum = {"luas_verifikasi_ha", "jumlah_bangunan", "jumlah_kk", "jumlah_penduduk"}
    assert set(NUMERIK_FIELDS) == dipakai | umum
    assert len(NUMERIK_FIELDS) == 22
    assert all(label.strip() for label in NUMERIK_FIELDS.values())
    assert set(SATUAN_NUMERIK) == set(NUMERIK_FIELDS)
    assert SATUAN_NUMERIK["jumlah_penduduk"] == "jiwa"
    assert SATUAN_NUMERIK["luas_genangan_ha"] == "ha"
    assert {"jumlah_kk", "jumlah_bangunan", "jumlah_penduduk"} <= NUMERIK_BILANGAN_BULAT
    assert "luas_verifikasi_ha" not in NUMERIK_BILANGAN_BULAT


def test_enum_values_are_the_contract_strings():
    assert [str(t) for t in TingkatKekumuhan] == [
        "Kumuh Berat",
        "Kumuh Sedang",
        "Kumuh Ringan",
        "Tidak Kumuh",
    ]
    assert [str(t) for t in TingkatPertimbangan] == ["Tinggi", "Sedang", "Rendah"]
    assert [str(t) for t in Legalitas] == ["Legal", "Tidak Legal"]
    assert [str(p) for p in PolaPenanganan] == ["Pemugaran", "Peremajaan", "Pemukiman Kembali"]
    assert [str(k) for k in Kewenangan] == ["Kabupaten/Kota", "Provinsi", "Pusat"]
    assert [str(k) for k in KategoriKota] == ["metropolitan", "besar", "sedang", "kecil"]


# --- score per criterion -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persen", "skor"),
    [
        ("0", 0),
        ("24.99", 0),
        ("24.994", 0),
        ("24.995", 1),  # rounds half up to 25.00
        ("25", 1),
        ("50", 1),
        ("50.91", 1),  # between written bands → lower band
        ("50.994", 1),
        ("50.995", 3),  # rounds to 51.00
        ("51", 3),
        ("75", 3),
        ("75.81", 3),
        ("75.994", 3),
        ("75.995", 5),
        ("76", 5),
        ("100", 5),
    ],
)
def test_score_bands_on_the_rounded_percentage(persen, skor):
    assert skor_dari_persen(Decimal(persen)) == skor
    assert skor_dari_persen(persen) == skor  # str as a spreadsheet may give it


def test_score_accepts_int_and_float():
    assert skor_dari_persen(76) == 5
    assert skor_dari_persen(24.995) == 1  # float via str(): 24.995, not 24.99499…
    assert skor_dari_persen(50.91) == 1


@pytest.mark.parametrize("salah", [-0.01, 100.01, "abc", "", True, None, float("nan"), [1]])
def test_score_refuses_what_is_not_a_percentage(salah):
    with pytest.raises(ValueError):
        skor_dari_persen(salah)


@pytest.mark.parametrize(
    ("pita", "skor"),
    [
        ("76-100", 5),
        ("51-75", 3),
        ("25-50", 1),
        ("<25", 0),
        ("76 - 100", 5),
        ("76% - 100%", 5),
        ("51–75", 3),
        ("< 25", 0),
    ],
)
def test_band_choice_scores_as_tabel_3(pita, skor):
    assert skor_dari_pita(pita) == skor


@pytest.mark.parametrize("salah", ["60-70", "", "76-100x", ">75", "76", None, 5])
def test_band_choice_refuses_other_strings(salah):
    with pytest.raises(ValueError):
        skor_dari_pita(salah)


# --- totals and tingkat --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "tingkat"),
    [
        (0, TIDAK),
        (15, TIDAK),
        (16, RINGAN),
        (37, RINGAN),
        (38, SEDANG),
        (59, SEDANG),
        (60, BERAT),
        (80, BERAT),
    ],
)
def test_tingkat_kekumuhan_edges(nilai, tingkat):
    assert tingkat_dari_nilai(nilai) is tingkat


@pytest.mark.parametrize("nilai", [15, 16, 37, 38, 59, 60])
def test_totals_at_the_edges_through_hitung(nilai):
    hasil = hitung(masukan(persen=persen_untuk_nilai(nilai)))
    assert hasil.nilai_kekumuhan == nilai
    assert hasil.tingkat_kekumuhan is tingkat_dari_nilai(nilai)


@pytest.mark.parametrize("nilai", [-1, 81])
def test_tingkat_kekumuhan_outside_0_80_is_a_bug(nilai):
    with pytest.raises(ValueError):
        tingkat_dari_nilai(nilai)


@pytest.mark.parametrize(
    ("nilai", "tingkat"),
    [(1, RENDAH), (5, RENDAH), (6, PL_SEDANG), (10, PL_SEDANG), (11, TINGGI), (15, TINGGI)],
)
def test_tingkat_pertimbangan_edges(nilai, tingkat):
    assert tingkat_pertimbangan_dari_nilai(nilai) is tingkat


@pytest.mark.parametrize("nilai", [0, 16])
def test_tingkat_pertimbangan_outside_1_15_is_a_bug(nilai):
    with pytest.raises(ValueError):
        tingkat_pertimbangan_dari_nilai(nilai)


# --- pertimbangan lain -------------------------------------------------------------------------


@pytest.mark.parametrize("kategori", ["sedang", "kecil"])
@pytest.mark.parametrize(
    ("kepadatan", "skor"),
    [
        ("0", 1),
        ("150", 1),
        ("150.5", 1),  # between "< 150" and "151–200" → lower band
        ("150.994", 1),
        ("150.995", 3),  # rounds to 151.00
        ("151", 3),
        ("200", 3),
        ("200.004", 3),  # rounds to 200.00
        ("200.005", 5),
        ("200.01", 5),
        ("400.01", 5),
    ],
)
def test_density_bands_sedang_kecil(kategori, kepadatan, skor):
    assert skor_kepadatan(Decimal(kepadatan), kategori) == skor


@pytest.mark.parametrize("kategori", ["metropolitan", "besar"])
@pytest.mark.parametrize(
    ("kepadatan", "skor"),
    [
        ("150.5", 1),
        ("151", 3),
        ("200.01", 3),
        ("400", 3),
        ("400.004", 3),
        ("400.01", 5),
        ("1000", 5),
    ],
)
def test_density_bands_metropolitan_besar(kategori, kepadatan, skor):
    assert skor_kepadatan(Decimal(kepadatan), kategori) == skor


def test_density_refuses_negative_and_unknown_category():
    with pytest.raises(ValueError):
        skor_kepadatan(-1, "sedang")
    with pytest.raises(ValueError, match="metropolitan, besar, sedang, kecil"):
        skor_kepadatan(100, "kota")


def test_pertimbangan_lain_scores_and_total_through_hitung():
    hasil = hitung(
        masukan(
            kategori_kota="besar",
            strategis=True,
            kepadatan_penduduk="230.5",
            potensi_sosekbud=False,
        )
    )
    assert hasil.skor_pertimbangan == {
        "strategis": 5,
        "kepadatan_penduduk": 3,
        "potensi_sosekbud": 1,
    }
    assert hasil.nilai_pertimbangan_lain == 9
    assert hasil.tingkat_pertimbangan_lain is PL_SEDANG
    assert hasil.kepadatan_penduduk == Decimal("230.50")


def test_density_is_rounded_half_up_before_scoring_in_hitung():
    hasil = hitung(masukan(kepadatan_penduduk="200.004"))
    assert hasil.kepadatan_penduduk == Decimal("200.00")
    assert hasil.skor_pertimbangan["kepadatan_penduduk"] == 3


def test_density_derived_from_jumlah_penduduk_and_luas_verifikasi():
    numerik = {"jumlah_penduduk": 1000, "luas_verifikasi_ha": 6}
    hasil = hitung(masukan(kepadatan_penduduk=None, numerik=numerik))
    assert hasil.kepadatan_penduduk == Decimal("166.67")  # 166.666… half up
    assert hasil.skor_pertimbangan["kepadatan_penduduk"] == 3
    # Given density wins over the derived one.
    hasil = hitung(masukan(kepadatan_penduduk=250, numerik=numerik))
    assert hasil.kepadatan_penduduk == Decimal("250.00")


# --- legalitas, klasifikasi, prioritas, pola ----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "rtr", "hasil"),
    [
        (True, True, LEGAL),
        (True, False, TIDAK_LEGAL),
        (False, True, TIDAK_LEGAL),
        (False, False, TIDAK_LEGAL),
    ],
)
def test_legal_only_when_both_criteria_are_plus(status, rtr, hasil):
    assert legalitas_dari(status, rtr) is hasil
    assert hitung(masukan(status_penguasaan=status, kesesuaian_rtr=rtr)).legalitas is hasil


TABEL_4 = [
    # (tingkat kekumuhan, pertimbangan lain, legalitas, klasifikasi, prioritas)
    (BERAT, TINGGI, LEGAL, "A1", 1),
    (BERAT, TINGGI, TIDAK_LEGAL, "A2", 1),
    (BERAT, PL_SEDANG, LEGAL, "A3", 4),
    (BERAT, PL_SEDANG, TIDAK_LEGAL, "A4", 4),
    (BERAT, RENDAH, LEGAL, "A5", 7),
    (BERAT, RENDAH, TIDAK_LEGAL, "A6", 7),
    (SEDANG, TINGGI, LEGAL, "B1", 2),
    (SEDANG, TINGGI, TIDAK_LEGAL, "B2", 2),
    (SEDANG, PL_SEDANG, LEGAL, "B3", 5),
    (SEDANG, PL_SEDANG, TIDAK_LEGAL, "B4", 5),
    (SEDANG, RENDAH, LEGAL, "B5", 8),
    (SEDANG, RENDAH, TIDAK_LEGAL, "B6", 8),
    (RINGAN, TINGGI, LEGAL, "C1", 3),
    (RINGAN, TINGGI, TIDAK_LEGAL, "C2", 3),
    (RINGAN, PL_SEDANG, LEGAL, "C3", 6),
    (RINGAN, PL_SEDANG, TIDAK_LEGAL, "C4", 6),
    (RINGAN, RENDAH, LEGAL, "C5", 9),
    (RINGAN, RENDAH, TIDAK_LEGAL, "C6", 9),
]
# Inputs that reach each level: a total in the band, and pertimbangan lain 15 / 9 / 3.
NILAI_UNTUK = {BERAT: 70, SEDANG: 46, RINGAN: 20}
PERTIMBANGAN_UNTUK = {
    TINGGI: {"strategis": True, "kepadatan_penduduk": 250, "potensi_sosekbud": True},
    PL_SEDANG: {"strategis": True, "kepadatan_penduduk": 160, "potensi_sosekbud": False},
    RENDAH: {"strategis": False, "kepadatan_penduduk": 100, "potensi_sosekbud": False},
}


@pytest.mark.parametrize(("tingkat", "pl", "legal", "kelas", "nomor"), TABEL_4)
def test_all_18_classes_and_their_priority(tingkat, pl, legal, kelas, nomor):
    assert klasifikasi(tingkat, pl, legal) == kelas
    assert prioritas(kelas) == nomor == PRIORITAS[kelas]
    hasil = hitung(
        masukan(
            persen=persen_untuk_nilai(NILAI_UNTUK[tingkat]),
            status_penguasaan=legal is LEGAL,
            kesesuaian_rtr=legal is LEGAL,
            **PERTIMBANGAN_UNTUK[pl],
        )
    )
    assert (hasil.tingkat_kekumuhan, hasil.tingkat_pertimbangan_lain, hasil.legalitas) == (
        tingkat,
        pl,
        legal,
    )
    assert (hasil.klasifikasi, hasil.prioritas) == (kelas, nomor)
    assert hasil.label_prioritas == f"{kelas}/ {nomor}"


def test_priority_table_has_18_classes():
    assert sorted(PRIORITAS) == sorted(f"{h}{n}" for h in "ABC" for n in range(1, 7))
    with pytest.raises(ValueError):
        prioritas("D1")
    assert prioritas(None) is None


@pytest.mark.parametrize("pl", list(TingkatPertimbangan))
@pytest.mark.parametrize("legal", list(Legalitas))
def test_tidak_kumuh_has_no_class_priority_or_pola(pl, legal):
    assert klasifikasi(TIDAK, pl, legal) is None
    assert pola_penanganan(TIDAK, legal) is None
    hasil = hitung(
        masukan(
            persen=persen_untuk_nilai(15),
            status_penguasaan=legal is LEGAL,
            kesesuaian_rtr=True,
            **PERTIMBANGAN_UNTUK[pl],
        )
    )
    assert hasil.tingkat_kekumuhan is TIDAK and not hasil.kumuh
    assert hasil.klasifikasi is None and hasil.prioritas is None
    assert hasil.pola_penanganan is None and hasil.label_prioritas is None


@pytest.mark.parametrize(
    ("tingkat", "legal", "pola"),
    [
        (BERAT, LEGAL, PolaPenanganan.PEREMAJAAN),
        (SEDANG, LEGAL, PolaPenanganan.PEREMAJAAN),
        (RINGAN, LEGAL, PolaPenanganan.PEMUGARAN),
        (BERAT, TIDAK_LEGAL, PolaPenanganan.PEMUKIMAN_KEMBALI),
        (SEDANG, TIDAK_LEGAL, PolaPenanganan.PEMUKIMAN_KEMBALI),
        (RINGAN, TIDAK_LEGAL, PolaPenanganan.PEMUKIMAN_KEMBALI),
    ],
)
def test_pola_penanganan_table(tingkat, legal, pola):
    assert pola_penanganan(tingkat, legal) is pola
    hasil = hitung(
        masukan(
            persen=persen_untuk_nilai(NILAI_UNTUK[tingkat]),
            status_penguasaan=legal is LEGAL,
            kesesuaian_rtr=legal is LEGAL,
        )
    )
    assert hasil.pola_penanganan is pola


def test_label_prioritas_is_daftar_lokasi_style():
    assert label_prioritas("B1", 2) == "B1/ 2"
    assert label_prioritas(None, None) is None


# --- kewenangan ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("luas", "hasil"),
    [
        ("0.5", Kewenangan.KABUPATEN_KOTA),
        ("9.99", Kewenangan.KABUPATEN_KOTA),
        ("9.994", Kewenangan.KABUPATEN_KOTA),
        ("9.995", Kewenangan.PROVINSI),  # printed as 10,00 ha
        ("10", Kewenangan.PROVINSI),
        ("14.99", Kewenangan.PROVINSI),
        ("15", Kewenangan.PUSAT),
        ("120", Kewenangan.PUSAT),
    ],
)
def test_kewenangan_by_area(luas, hasil):
    assert kewenangan(Decimal(luas)) is hasil


def test_kewenangan_without_area_and_with_negative_area():
    assert kewenangan(None) is None
    with pytest.raises(ValueError):
        kewenangan(-1)


def test_kewenangan_in_hitung_prefers_luas_verifikasi_then_luas_ha():
    numerik = {"luas_verifikasi_ha": "14.99"}
    assert hitung(masukan(numerik=numerik, luas_ha=20)).kewenangan is Kewenangan.PROVINSI
    hasil = hitung(masukan(luas_ha=20))
    assert hasil.kewenangan is Kewenangan.PUSAT
    assert hasil.luas_kewenangan_ha == Decimal("20.00")
    assert hitung(masukan()).kewenangan is None


# --- from Format Numerik -------------------------------------------------------------------------


def test_full_location_from_numerik():
    hasil = hitung(
        masukan(persen={}, numerik=NUMERIK_CONTOH, kepadatan_penduduk=None, luas_ha=None)
    )
    assert hasil.persen == {k: Decimal(v) for k, v in PERSEN_CONTOH.items()}
    assert hasil.skor == SKOR_CONTOH
    assert set(hasil.sumber.values()) == {"numerik"}
    assert hasil.skor_aspek == {1: 9, 2: 3, 3: 1, 4: 4, 5: 6, 6: 10, 7: 6}
    assert hasil.nilai_kekumuhan == 39
    assert hasil.tingkat_kekumuhan is SEDANG
    assert hasil.kepadatan_penduduk == Decimal("315.56")  # 1420 / 4.5
    assert hasil.skor_pertimbangan["kepadatan_penduduk"] == 5  # sedang: > 200
    assert hasil.nilai_pertimbangan_lain == 7
    assert hasil.klasifikasi == "B3" and hasil.prioritas == 5
    assert hasil.pola_penanganan is PolaPenanganan.PEREMAJAAN
    assert hasil.kewenangan is Kewenangan.KABUPATEN_KOTA


def test_percentage_from_numerik_is_rounded_half_up():
    numerik = {"jumlah_kk": 20000, "kk_tanpa_akses_air_minum_aman": 4999}  # 24.995 %
    persen = {k: 0 for k in KODE_KRITERIA if k != "3a"}
    hasil = hitung_kekumuhan(persen=persen, numerik=numerik)
    assert hasil.persen["3a"] == Decimal("25.00")
    assert hasil.skor["3a"] == 1


def test_rounding_is_half_up_not_half_even():
    assert bulatkan(Decimal("12.345")) == Decimal("12.35")
    assert bulatkan(Decimal("12.335")) == Decimal("12.34")
    numerik = {"jumlah_kk": 20000, "kk_tanpa_akses_air_minum_aman": 2469}  # 12.345 %
    persen = {k: 0 for k in KODE_KRITERIA if k != "3a"}
    assert hitung_kekumuhan(persen=persen, numerik=numerik).persen["3a"] == Decimal("12.35")
    assert hitung(masukan(kepadatan_penduduk="150.125")).kepadatan_penduduk == Decimal("150.13")


def test_existing_longer_than_ideal_gives_no_gap_and_caps_damage_at_100():
    numerik = {
        "panjang_jalan_ideal_m": 500,
        "panjang_jalan_eksisting_m": 800,
        "panjang_jalan_rusak_m": 700,
        "panjang_drainase_ideal_m": 1000,
        "panjang_drainase_eksisting_m": 1000,
        "panjang_drainase_rusak_m": 1000,
    }
    persen = {k: 0 for k in KODE_KRITERIA if k not in {"2a", "2b", "4a", "4c"}}
    hasil = hitung_kekumuhan(persen=persen, numerik=numerik)
    assert (hasil.persen["2a"], hasil.persen["2b"]) == (Decimal("0.00"), Decimal("100.00"))
    assert (hasil.persen["4a"], hasil.persen["4c"]) == (Decimal("0.00"), Decimal("100.00"))
    assert (hasil.skor["2a"], hasil.skor["2b"]) == (0, 5)
    assert volume("2a", numerik) == 0 and volume("2b", numerik) == 700


def test_damage_is_measured_against_ideal_not_existing():
    numerik = {
        "panjang_jalan_ideal_m": 1000,
        "panjang_jalan_eksisting_m": 400,
        "panjang_jalan_rusak_m": 400,  # all existing road is damaged: 40 % of the ideal
    }
    persen = {k: 0 for k in KODE_KRITERIA if k not in {"2a", "2b"}}
    hasil = hitung_kekumuhan(persen=persen, numerik=numerik)
    assert hasil.persen["2a"] == Decimal("60.00") and hasil.persen["2b"] == Decimal("40.00")
    assert volume("2a", numerik) == 600


def test_damaged_length_without_existing_length_is_capped():
    persen = {k: 0 for k in KODE_KRITERIA if k != "4c"}
    numerik = {"panjang_drainase_ideal_m": 100, "panjang_drainase_rusak_m": 150}
    assert hitung_kekumuhan(persen=persen, numerik=numerik).persen["4c"] == Decimal("100.00")


def test_persen_wins_over_numerik_and_band_over_numerik():
    numerik = dict(NUMERIK_CONTOH, bangunan_tidak_teratur=999)  # inconsistent, but not used
    hasil = hitung(
        masukan(
            persen={"1a": 10},
            pita={"1a": "76-100", "1b": "51-75"},
            numerik=numerik,
            kepadatan_penduduk=None,
        )
    )
    assert hasil.sumber["1a"] == "persen" and hasil.skor["1a"] == 0
    assert hasil.persen["1a"] == Decimal("10.00")
    assert hasil.sumber["1b"] == "pita" and hasil.skor["1b"] == 3 and hasil.persen["1b"] is None
    assert hasil.sumber["1c"] == "numerik" and hasil.skor["1c"] == 3


def test_blank_values_are_not_filled_in():
    persen = dict.fromkeys(KODE_KRITERIA, 0) | {"1a": None}
    hasil = hitung(
        masukan(persen=persen, numerik={"bangunan_tidak_teratur": 40, "jumlah_bangunan": 50})
    )
    assert hasil.sumber["1a"] == "numerik" and hasil.persen["1a"] == Decimal("80.00")


def test_numbers_may_come_as_decimal_int_float_or_str():
    numerik = {"jumlah_kk": "390", "kk_tanpa_akses_air_minum_aman": 312.0}
    persen = {k: 0 for k in KODE_KRITERIA if k != "3a"}
    assert hitung_kekumuhan(persen=persen, numerik=numerik).persen["3a"] == Decimal("80.00")
    assert ke_decimal(0.1) == Decimal("0.1")


def test_a_single_unit_scored_on_its_own():
    hasil = hitung_unit(NUMERIK_CONTOH)
    assert hasil.skor == SKOR_CONTOH and hasil.nilai_kekumuhan == 39


# --- input errors --------------------------------------------------------------------------------


def test_damaged_road_longer_than_existing_is_named_like_the_contract():
    numerik = dict(NUMERIK_CONTOH, panjang_jalan_ideal_m=1500, panjang_jalan_rusak_m=1200)
    numerik["panjang_jalan_eksisting_m"] = 800
    assert galat(hitung_unit, numerik) == [
        "numerik.panjang_jalan_rusak_m (1200) lebih besar dari panjang_jalan_eksisting_m (800)"
    ]


def test_damaged_drainage_longer_than_existing():
    numerik = dict(NUMERIK_CONTOH, panjang_drainase_rusak_m=600)
    assert galat(hitung_unit, numerik) == [
        "numerik.panjang_drainase_rusak_m (600) lebih besar dari panjang_drainase_eksisting_m (500)"
    ]


@pytest.mark.parametrize(
    "kriteria",
    [k for k in KRITERIA if k.cara is CaraHitung.BAGIAN and k.batas_bagian is None],
    ids=lambda k: k.kode,
)
def test_part_larger_than_whole(kriteria):
    numerik = dict(NUMERIK_CONTOH)
    numerik[kriteria.bagian] = ke_decimal(numerik[kriteria.pembagi]) + 1
    pesan = galat(hitung_unit, numerik)
    assert pesan == [
        f"numerik.{kriteria.bagian} ({numerik[kriteria.bagian]}) lebih besar dari "
        f"{kriteria.pembagi} ({numerik[kriteria.pembagi]})"
    ]


def test_zero_whole_names_every_criterion_it_divides():
    numerik = dict(NUMERIK_CONTOH, jumlah_kk=0)
    assert galat(hitung_unit, numerik) == [
        "numerik.jumlah_kk: harus diisi lebih dari 0 karena menjadi pembagi kriteria "
        "3a, 3b, 5a, 5b, 6a, 6b"
    ]


def test_zero_whole_message_of_the_contract():
    persen = {k: 0 for k in KODE_KRITERIA if k != "3a"}
    numerik = {"jumlah_kk": 0, "kk_tanpa_akses_air_minum_aman": 0}
    assert galat(hitung_kekumuhan, persen=persen, numerik=numerik) == [
        "numerik.jumlah_kk: harus diisi lebih dari 0 karena menjadi pembagi kriteria 3a"
    ]


def test_zero_area_names_criteria_and_density():
    numerik = dict(NUMERIK_CONTOH, luas_verifikasi_ha=0, luas_kepadatan_tinggi_ha=0)
    numerik["luas_genangan_ha"] = 0
    pesan = galat(hitung, masukan(persen={}, numerik=numerik, kepadatan_penduduk=None))
    assert pesan == [
        "numerik.luas_verifikasi_ha: harus diisi lebih dari 0 karena menjadi pembagi kriteria "
        "1b, 4b dan kepadatan penduduk"
    ]


@pytest.mark.parametrize("pembagi", ["panjang_jalan_ideal_m", "panjang_drainase_ideal_m"])
def test_zero_ideal_length(pembagi):
    numerik = dict(NUMERIK_CONTOH, **{pembagi: 0})
    pesan = galat(hitung_unit, numerik)
    assert len(pesan) == 1 and pesan[0].startswith(f"numerik.{pembagi}: harus diisi lebih dari 0")


@pytest.mark.parametrize(
    ("numerik", "pesan"),
    [
        ({"jumlah_kk": -3}, "numerik.jumlah_kk: tidak boleh negatif (-3)"),
        ({"luas_genangan_ha": "-0.5"}, "numerik.luas_genangan_ha: tidak boleh negatif (-0.5)"),
        ({"jumlah_kk": "abc"}, "numerik.jumlah_kk: bukan angka ('abc')"),
        ({"jumlah_kk": True}, "numerik.jumlah_kk: bukan angka (true)"),
        ({"jumlah_kk": [1]}, "numerik.jumlah_kk: bukan angka ([1])"),
        ({"jumlah_kk": float("nan")}, "numerik.jumlah_kk: bukan angka (nan)"),
        ({"jumlah_kk": "Infinity"}, "numerik.jumlah_kk: bukan angka ('Infinity')"),
        ({"jumlah_kk": "1e999999"}, "numerik.jumlah_kk: angka terlalu besar ('1e999999')"),
        ({"jumlah_kk": 12.5}, "numerik.jumlah_kk: harus bilangan bulat KK (12.5)"),
        ({"jumlah_rumah": 3}, "numerik.jumlah_rumah: bukan isian Format Numerik yang dikenal"),
    ],
)
def test_bad_numerik_values_name_the_field(numerik, pesan):
    lengkap = dict(NUMERIK_CONTOH) | numerik
    assert pesan in galat(hitung_unit, lengkap)


def test_tiny_divisor_does_not_crash():
    pesan = galat(hitung_unit, dict(NUMERIK_CONTOH, luas_verifikasi_ha="1e-999999"))
    assert "numerik.luas_verifikasi_ha: angka terlalu kecil ('1e-999999')" in pesan


def test_whole_number_written_with_decimals_is_a_count():
    numerik = dict(NUMERIK_CONTOH, jumlah_kk="390.0")
    assert hitung_unit(numerik).skor == SKOR_CONTOH


@pytest.mark.parametrize(
    ("persen", "pesan"),
    [
        ({"1a": -1}, "persen.1a: harus antara 0 dan 100 (-1)"),
        ({"1a": "100.5"}, "persen.1a: harus antara 0 dan 100 (100.5)"),
        ({"1a": "delapan"}, "persen.1a: bukan angka ('delapan')"),
        ({"8a": 10}, "persen.8a: bukan kode kriteria"),
    ],
)
def test_bad_persen_values(persen, pesan):
    semua = galat(hitung, masukan(persen=dict.fromkeys(KODE_KRITERIA, 0) | persen))
    assert any(p.startswith(pesan) for p in semua), semua


def test_bad_band_string():
    pesan = galat(
        hitung, masukan(persen={}, pita=dict.fromkeys(KODE_KRITERIA, "<25") | {"2a": "50"})
    )
    assert pesan == ["pita.2a: pilihan harus salah satu dari 76-100, 51-75, 25-50, <25 ('50')"]


def test_missing_criterion_names_both_ways_to_give_it():
    persen = {k: 0 for k in KODE_KRITERIA if k != "4b"}
    assert galat(hitung, masukan(persen=persen)) == [
        "persen.4b: kriteria 4b (Drainase lingkungan tidak mampu mengalirkan limpasan air hujan "
        "sehingga menimbulkan genangan) tidak diisi: isi persen.4b, atau numerik.luas_genangan_ha "
        "dan numerik.luas_verifikasi_ha"
    ]


def test_half_given_criterion_names_the_missing_field():
    persen = {k: 0 for k in KODE_KRITERIA if k not in {"1a", "7b"}}
    numerik = {"jumlah_bangunan": 400}
    assert galat(hitung, masukan(persen=persen, numerik=numerik)) == [
        "numerik.bangunan_tidak_teratur: harus diisi untuk menghitung kriteria 1a "
        "(atau isi persen.1a)",
        "numerik.bangunan_tanpa_sarana_proteksi_kebakaran: harus diisi untuk menghitung "
        "kriteria 7b (atau isi persen.7b)",
    ]


@pytest.mark.parametrize(
    ("kategori", "pesan"),
    [
        (
            "kota",
            "kategori_kota: harus salah satu dari metropolitan, besar, sedang, kecil ('kota')",
        ),
        (None, "kategori_kota: harus diisi (metropolitan, besar, sedang, kecil)"),
        (3, "kategori_kota: harus salah satu dari metropolitan, besar, sedang, kecil (3)"),
    ],
)
def test_bad_kategori_kota(kategori, pesan):
    assert galat(hitung, masukan(kategori_kota=kategori)) == [pesan]


def test_kategori_kota_is_read_case_insensitively():
    assert hitung(masukan(kategori_kota=" Metropolitan ")).nilai_kekumuhan == 0
    assert hitung(masukan(kategori_kota=KategoriKota.KECIL)).nilai_kekumuhan == 0


def test_missing_and_non_boolean_answers():
    pesan = galat(
        hitung,
        masukan(status_penguasaan=None, kesesuaian_rtr="ya", strategis=1, potensi_sosekbud=None),
    )
    assert pesan == [
        "legalitas.status_penguasaan: harus diisi ya (true) atau tidak (false)",
        "legalitas.kesesuaian_rtr: harus ya (true) atau tidak (false) ('ya')",
        "pertimbangan_lain.strategis: harus ya (true) atau tidak (false) (1)",
        "pertimbangan_lain.potensi_sosekbud: harus diisi ya (true) atau tidak (false)",
    ]


def test_missing_density_and_bad_density():
    assert galat(hitung, masukan(kepadatan_penduduk=None)) == [
        "pertimbangan_lain.kepadatan_penduduk: harus diisi, atau isi numerik.jumlah_penduduk "
        "dan numerik.luas_verifikasi_ha"
    ]
    assert galat(hitung, masukan(kepadatan_penduduk=-5)) == [
        "pertimbangan_lain.kepadatan_penduduk: tidak boleh negatif (-5)"
    ]
    assert galat(hitung, masukan(luas_ha="x")) == ["luas_ha: bukan angka ('x')"]


def test_all_problems_of_a_record_are_reported_together():
    with pytest.raises(KesalahanMasukan) as info:
        hitung(
            MasukanPenilaian(
                kategori_kota="desa",
                persen={"1a": 120},
                numerik={"jumlah_kk": -1},
                kepadatan_penduduk=100,
            )
        )
    fields = [k.field for k in info.value.kesalahan]
    for f in [
        "kategori_kota",
        "persen.1a",
        "numerik.jumlah_kk",
        "persen.1b",
        "legalitas.status_penguasaan",
        "pertimbangan_lain.strategis",
    ]:
        assert f in fields
    assert str(info.value).count("; ") == len(fields) - 1
    assert "persen.1a" in info.value.per_field()


def test_kesalahan_reads_as_field_then_message():
    assert str(Kesalahan("numerik.jumlah_kk", "tidak boleh negatif (-1)")) == (
        "numerik.jumlah_kk: tidak boleh negatif (-1)"
    )
    assert isinstance(KesalahanMasukan([]), ValueError)


# --- kawasan made of RT units (§7) -------------------------------------------------------------


def test_units_are_summed_key_by_key():
    unit = [
        {"jumlah_kk": 10, "kk_tanpa_akses_air_minum_aman": 10, "luas_verifikasi_ha": "1.25"},
        {"jumlah_kk": 90, "kk_tanpa_akses_air_minum_aman": 0, "luas_verifikasi_ha": "0.75"},
    ]
    assert jumlahkan_unit(unit) == {
        "luas_verifikasi_ha": Decimal("2.00"),
        "jumlah_kk": Decimal(100),
        "kk_tanpa_akses_air_minum_aman": Decimal(10),
    }
    assert jumlahkan_unit([]) == {}


def test_kawasan_scores_come_from_sums_never_averages():
    unit = [
        {"jumlah_kk": 10, "kk_tanpa_akses_air_minum_aman": 10},  # 100 % → 5
        {"jumlah_kk": 90, "kk_tanpa_akses_air_minum_aman": 0},  # 0 % → 0
    ]
    persen = {k: 0 for k in KODE_KRITERIA if k != "3a"}
    per_unit = [hitung_kekumuhan(persen=persen, numerik=u) for u in unit]
    assert [u.skor["3a"] for u in per_unit] == [5, 0]
    kawasan = hitung_kekumuhan(persen=persen, numerik=jumlahkan_unit(unit))
    # 10 of 100 KK = 10 % → 0. (Mean of the unit percentages, 50 %, would score 1; mean of the
    # unit scores would be 2.5.)
    assert kawasan.persen["3a"] == Decimal("10.00")
    assert kawasan.skor["3a"] == 0


def test_kawasan_road_gap_from_summed_lengths():
    unit = [
        {"panjang_jalan_ideal_m": 100, "panjang_jalan_eksisting_m": 200},
        {"panjang_jalan_ideal_m": 100, "panjang_jalan_eksisting_m": 0},
    ]
    persen = {k: 0 for k in KODE_KRITERIA if k != "2a"}
    assert hitung_kekumuhan(persen=persen, numerik=jumlahkan_unit(unit)).persen["2a"] == 0


def test_unit_missing_a_key_others_have_is_an_error_naming_the_unit():
    unit = [{"jumlah_kk": 3, "jumlah_bangunan": 2}, {"jumlah_kk": 4}, {"jumlah_kk": 1}]
    assert galat(jumlahkan_unit, unit) == [
        "unit.1.jumlah_bangunan: tidak diisi di unit ke-2, padahal diisi di unit ke-1; "
        "isi 0 bila memang tidak ada",
        "unit.2.jumlah_bangunan: tidak diisi di unit ke-3, padahal diisi di unit ke-1; "
        "isi 0 bila memang tidak ada",
    ]


def test_unit_values_are_validated_with_the_unit_named():
    pesan = galat(jumlahkan_unit, [{"jumlah_kk": 3}, {"jumlah_kk": -1}, {"kk": 1}])
    assert pesan == [
        "unit.1.jumlah_kk: tidak boleh negatif (-1)",
        "unit.2.kk: bukan isian Format Numerik yang dikenal",
        "unit.2.jumlah_kk: tidak diisi di unit ke-3, padahal diisi di unit ke-1, 2; "
        "isi 0 bila memang tidak ada",
    ]


def test_each_unit_is_checked_on_its_own():
    numerik = dict(NUMERIK_CONTOH, panjang_jalan_rusak_m=900)
    assert galat(hitung_unit, numerik) == [
        "numerik.panjang_jalan_rusak_m (900) lebih besar dari panjang_jalan_eksisting_m (800)"
    ]


# --- properties ----------------------------------------------------------------------------------

persen_acak = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False)


@HIPO
@given(persen_acak, persen_acak)
def test_a_higher_percentage_never_lowers_the_score(a, b):
    rendah, tinggi = sorted((a, b))
    assert skor_dari_persen(rendah) <= skor_dari_persen(tinggi)
    assert skor_dari_persen(a) in {0, 1, 3, 5}


@HIPO
@given(st.integers(1, 100_000), st.data())
def test_a_larger_part_never_lowers_the_score(pembagi, data):
    a = data.draw(st.integers(0, pembagi))
    b = data.draw(st.integers(0, pembagi))
    persen = {k: 0 for k in KODE_KRITERIA if k != "5a"}

    def skor(bagian: int) -> int:
        numerik = {"jumlah_kk": pembagi, "kk_air_limbah_tidak_sesuai_standar": bagian}
        return hitung_kekumuhan(persen=persen, numerik=numerik).skor["5a"]

    assert skor(min(a, b)) <= skor(max(a, b))


@HIPO
@given(
    st.decimals(min_value=0, max_value=2000, places=3, allow_nan=False),
    st.decimals(min_value=0, max_value=2000, places=3, allow_nan=False),
    st.sampled_from(list(KategoriKota)),
)
def test_a_higher_density_never_lowers_the_score(a, b, kategori):
    rendah, tinggi = sorted((a, b))
    assert skor_kepadatan(rendah, kategori) <= skor_kepadatan(tinggi, kategori)


@HIPO
@given(st.integers(0, 100))
def test_band_choice_scores_like_a_percentage_inside_it(p):
    pita = "76-100" if p >= 76 else "51-75" if p >= 51 else "25-50" if p >= 25 else "<25"
    assert skor_dari_pita(pita) == skor_dari_persen(p)


@HIPO
@given(persen_acak)
def test_score_is_that_of_the_rounded_percentage(p):
    assert skor_dari_persen(p) == skor_dari_persen(bulatkan(p))


masukan_acak = st.builds(
    MasukanPenilaian,
    kategori_kota=st.sampled_from(list(KategoriKota)),
    persen=st.fixed_dictionaries(dict.fromkeys(KODE_KRITERIA, persen_acak)),
    status_penguasaan=st.booleans(),
    kesesuaian_rtr=st.booleans(),
    strategis=st.booleans(),
    kepadatan_penduduk=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False),
    potensi_sosekbud=st.booleans(),
    luas_ha=st.none() | st.decimals(min_value=0, max_value=50, places=2, allow_nan=False),
)


@HIPO
@given(masukan_acak)
def test_every_valid_input_classifies_consistently(m):
    h = hitung(m)
    assert set(h.skor.values()) <= {0, 1, 3, 5}
    assert h.nilai_kekumuhan == sum(h.skor.values()) == sum(h.skor_aspek.values())
    assert h.tingkat_kekumuhan is tingkat_dari_nilai(h.nilai_kekumuhan)
    assert h.nilai_pertimbangan_lain == sum(h.skor_pertimbangan.values())
    assert 3 <= h.nilai_pertimbangan_lain <= 15
    assert h.legalitas is legalitas_dari(m.status_penguasaan, m.kesesuaian_rtr)
    if h.tingkat_kekumuhan is TingkatKekumuhan.TIDAK_KUMUH:
        assert h.klasifikasi is None and h.prioritas is None and h.pola_penanganan is None
        assert h.label_prioritas is None
    else:
        huruf = {BERAT: "A", SEDANG: "B", RINGAN: "C"}[h.tingkat_kekumuhan]
        assert h.klasifikasi is not None and h.klasifikasi[0] == huruf
        assert h.prioritas == PRIORITAS[h.klasifikasi]
        assert h.pola_penanganan is not None
        assert (h.pola_penanganan is PolaPenanganan.PEMUKIMAN_KEMBALI) == (
            h.legalitas is TIDAK_LEGAL
        )
        assert h.label_prioritas == f"{h.klasifikasi}/ {h.prioritas}"
    assert (h.kewenangan is None) == (m.luas_ha is None)


unit_acak = st.integers(1, 500).flatmap(
    lambda kk: st.fixed_dictionaries(
        {
            "jumlah_kk": st.just(kk),
            "kk_tanpa_akses_air_minum_aman": st.integers(0, kk),
            "panjang_jalan_ideal_m": st.integers(1, 2000),
            "panjang_jalan_eksisting_m": st.integers(0, 3000),
        }
    )
)


@HIPO
@given(st.lists(unit_acak, min_size=1, max_size=8))
def test_kawasan_percentages_equal_those_of_the_summed_values(unit):
    persen = {k: 0 for k in KODE_KRITERIA if k not in {"3a", "2a"}}
    kawasan = hitung_kekumuhan(persen=persen, numerik=jumlahkan_unit(unit))
    kk = sum(u["jumlah_kk"] for u in unit)
    tanpa = sum(u["kk_tanpa_akses_air_minum_aman"] for u in unit)
    ideal = sum(u["panjang_jalan_ideal_m"] for u in unit)
    ada = sum(u["panjang_jalan_eksisting_m"] for u in unit)
    assert kawasan.persen["3a"] == hitung_persen(Decimal(tanpa), Decimal(kk))
    assert kawasan.persen["2a"] == hitung_persen(Decimal(max(ideal - ada, 0)), Decimal(ideal))
    assert kawasan.skor["3a"] == skor_dari_persen(kawasan.persen["3a"])


def test_persen_kriteria_for_live_display():
    from penilaian.rumus import persen_kriteria

    assert persen_kriteria("1a", {"bangunan_tidak_teratur": 320, "jumlah_bangunan": 400}) == 80
    assert (
        persen_kriteria("2a", {"panjang_jalan_eksisting_m": 1200, "panjang_jalan_ideal_m": 1000})
        == 0
    )
    assert persen_kriteria("1a", {"bangunan_tidak_teratur": 320}) is None
    assert persen_kriteria("1a", {"bangunan_tidak_teratur": 3, "jumlah_bangunan": 0}) is None
    assert persen_kriteria("3a", {"kk_tanpa_akses_air_minum_aman": None, "jumlah_kk": 5}) is None
