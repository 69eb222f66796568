"""kumuh.angka: numbers as Indonesians read them. Pure functions, no database, no Django."""

import ast
from datetime import date, datetime
from decimal import Decimal

import pytest

from kumuh import angka
from kumuh.angka import (
    dengan_terbilang,
    dms,
    format_bilangan,
    format_desimal,
    format_hektar,
    hari_tanggal_indonesia,
    tanggal_indonesia,
    terbilang,
)


def test_modul_tanpa_django():
    # Exports (PDF, Excel) and scripts import this without Django settings.
    with open(angka.__file__, encoding="utf-8") as f:
        pohon = ast.parse(f.read())
    modul = {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    modul |= {n.module or "" for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom)}
    assert modul
    assert not {m for m in modul if m.split(".")[0] == "django"}


# --- format_desimal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "tempat", "hasil"),
    [
        (1234.5, 2, "1.234,50"),
        (Decimal("1234.5"), 2, "1.234,50"),
        ("1234.5", 2, "1.234,50"),
        (1234, 2, "1.234,00"),
        (0, 2, "0,00"),
        (999, 2, "999,00"),
        (1000, 0, "1.000"),
        (1_234_567.891, 2, "1.234.567,89"),
        (-1234.5, 2, "-1.234,50"),
        (Decimal("-0.5"), 2, "-0,50"),
        (12.3456, 4, "12,3456"),
        (12.3456, 0, "12"),
        (0.1 + 0.2, 2, "0,30"),
        (2_000_000_000, 0, "2.000.000.000"),
    ],
)
def test_format_desimal(nilai, tempat, hasil):
    assert format_desimal(nilai, tempat) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (Decimal("2.675"), "2,68"),
        # round(2.675, 2) is 2.67 in binary floats; an Indonesian reader expects 2,68.
        (2.675, "2,68"),
        (Decimal("0.005"), "0,01"),
        (Decimal("0.004"), "0,00"),
        (Decimal("-2.675"), "-2,68"),
        (Decimal("999.995"), "1.000,00"),
    ],
)
def test_format_desimal_bulat_setengah_ke_atas(nilai, hasil):
    assert format_desimal(nilai) == hasil


def test_format_desimal_nol_negatif_tanpa_tanda():
    assert format_desimal(-0.001) == "0,00"
    assert format_desimal(Decimal("-0")) == "0,00"


@pytest.mark.parametrize("kosong", [None, ""])
def test_format_desimal_kosong(kosong):
    assert format_desimal(kosong) == "–"


def test_format_desimal_angka_sangat_besar():
    # Beyond Decimal's default 28-digit precision.
    assert format_desimal(10**30) == "1" + ".000" * 10 + ",00"


@pytest.mark.parametrize("salah", ["abc", "1,5", float("nan"), float("inf"), Decimal("NaN")])
def test_format_desimal_menolak_bukan_angka(salah):
    with pytest.raises(ValueError):
        format_desimal(salah)


def test_format_desimal_tempat_negatif_ditolak():
    with pytest.raises(ValueError):
        format_desimal(1, -1)


# --- format_bilangan, format_hektar ---------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (12345, "12.345"),
        (1_000_000, "1.000.000"),
        (-12345, "-12.345"),
        (Decimal("12345.5"), "12.346"),
        ("12345", "12.345"),
        (None, "–"),
    ],
)
def test_format_bilangan(nilai, hasil):
    assert format_bilangan(nilai) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (Decimal("1234.56"), "1.234,56"),
        (Decimal("85.1"), "85,10"),
        (0.125, "0,13"),
        (0, "0,00"),
        (None, "–"),
    ],
)
def test_format_hektar(nilai, hasil):
    assert format_hektar(nilai) == hasil


# --- terbilang ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "kata"),
    [
        (0, "nol"),
        (1, "satu"),
        (9, "sembilan"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (119, "seratus sembilan belas"),
        (200, "dua ratus"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (1111, "seribu seratus sebelas"),
        (2000, "dua ribu"),
        (10_000, "sepuluh ribu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (101_000, "seratus satu ribu"),
        (111_000, "seratus sebelas ribu"),
        (
            999_999,
            "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
        (1_000_000, "satu juta"),
        (1_000_001, "satu juta satu"),
        # num2words says "satu juta satu ribu"; Indonesian reads the group 001.000 as seribu.
        (1_001_000, "satu juta seribu"),
        (1_250_000, "satu juta dua ratus lima puluh ribu"),
        (11_000_000, "sebelas juta"),
        (100_000_000, "seratus juta"),
        (1_000_000_000, "satu miliar"),
        (2_000_000_000, "dua miliar"),
        (1_001_001_000, "satu miliar satu juta seribu"),
        (1_000_000_000_000, "satu triliun"),
        (10**15 + 1000, "satu kuadriliun seribu"),
        (10**18, "seribu kuadriliun"),
        (
            12_345_678,
            "dua belas juta tiga ratus empat puluh lima ribu enam ratus tujuh puluh delapan",
        ),
    ],
)
def test_terbilang_bulat(n, kata):
    assert terbilang(n) == kata


@pytest.mark.parametrize(
    ("nilai", "tempat", "kata"),
    [
        (Decimal("85.09"), None, "delapan puluh lima koma nol sembilan"),
        (85.09, None, "delapan puluh lima koma nol sembilan"),
        ("85.09", None, "delapan puluh lima koma nol sembilan"),
        # The SK reads the digits shown, trailing zero included.
        (Decimal("85.10"), 2, "delapan puluh lima koma satu nol"),
        (Decimal("85.10"), None, "delapan puluh lima koma satu nol"),
        (85.1, None, "delapan puluh lima koma satu"),
        (85.1, 2, "delapan puluh lima koma satu nol"),
        (Decimal("0.05"), None, "nol koma nol lima"),
        (Decimal("1.5"), None, "satu koma lima"),
        (Decimal("12.00"), None, "dua belas koma nol nol"),
        (Decimal("12.00"), 0, "dua belas"),
        (Decimal("2.5"), 0, "tiga"),
        (Decimal("85.095"), 2, "delapan puluh lima koma satu nol"),
        (Decimal("1E+3"), None, "seribu"),
    ],
)
def test_terbilang_desimal(nilai, tempat, kata):
    assert terbilang(nilai, tempat) == kata


def test_terbilang_float_tanpa_derau_biner():
    assert terbilang(0.1 + 0.2) == "nol koma tiga"
    assert terbilang(0.1 + 0.2, 2) == "nol koma tiga nol"


@pytest.mark.parametrize(
    ("nilai", "kata"),
    [
        (-5, "minus lima"),
        (Decimal("-1.5"), "minus satu koma lima"),
        (-1000, "minus seribu"),
    ],
)
def test_terbilang_negatif(nilai, kata):
    assert terbilang(nilai) == kata


def test_terbilang_nol_negatif_tanpa_minus():
    assert terbilang(Decimal("-0.001"), 2) == "nol koma nol nol"
    assert terbilang(Decimal("-0")) == "nol"


def test_terbilang_kosong_dan_salah():
    assert terbilang(None) == "–"
    with pytest.raises(ValueError):
        terbilang("dua belas")
    with pytest.raises(ValueError):
        terbilang(1, -1)


# --- dengan_terbilang -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "satuan", "tempat", "hasil"),
    [
        (12, "lokasi", None, "12 (dua belas) lokasi"),
        (0, "lokasi", None, "0 (nol) lokasi"),
        (1000, "lokasi", None, "1.000 (seribu) lokasi"),
        (
            Decimal("85.09"),
            "hektar",
            None,
            "85,09 (delapan puluh lima koma nol sembilan) hektar",
        ),
        (85.09, "hektar", 2, "85,09 (delapan puluh lima koma nol sembilan) hektar"),
        (Decimal("85.10"), "hektar", None, "85,10 (delapan puluh lima koma satu nol) hektar"),
        (85.1, "hektar", 2, "85,10 (delapan puluh lima koma satu nol) hektar"),
        (85.1, "hektar", None, "85,1 (delapan puluh lima koma satu) hektar"),
        (
            Decimal("1234.5"),
            "hektar",
            2,
            "1.234,50 (seribu dua ratus tiga puluh empat koma lima nol) hektar",
        ),
        (Decimal("2.675"), None, 2, "2,68 (dua koma enam delapan)"),
        (12, None, None, "12 (dua belas)"),
        (12, "", None, "12 (dua belas)"),
        (-3, "lokasi", None, "-3 (minus tiga) lokasi"),
        (None, "lokasi", None, "–"),
    ],
)
def test_dengan_terbilang(nilai, satuan, tempat, hasil):
    assert dengan_terbilang(nilai, satuan, tempat) == hasil


def test_dengan_terbilang_kalimat_sk():
    kalimat = (
        f"meliputi sejumlah {dengan_terbilang(12, 'lokasi')} dengan luas total sebesar "
        f"{dengan_terbilang(Decimal('85.09'), 'hektar')}"
    )
    assert kalimat == (
        "meliputi sejumlah 12 (dua belas) lokasi dengan luas total sebesar "
        "85,09 (delapan puluh lima koma nol sembilan) hektar"
    )


# --- dms ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "sumbu", "hasil"),
    [
        (-7.771308, "lintang", "7° 46' 16,71\" LS"),
        (110.403942, "bujur", "110° 24' 14,19\" BT"),
        (Decimal("-7.771308"), "lintang", "7° 46' 16,71\" LS"),
        ("110.403942", "bujur", "110° 24' 14,19\" BT"),
        (7.771308, "lintang", "7° 46' 16,71\" LU"),
        (-110.403942, "bujur", "110° 24' 14,19\" BB"),
        (0, "lintang", "0° 0' 0,00\" LU"),
        (0, "bujur", "0° 0' 0,00\" BT"),
        (0.5, "lintang", "0° 30' 0,00\" LU"),
        (-90, "lintang", "90° 0' 0,00\" LS"),
        (180, "bujur", "180° 0' 0,00\" BT"),
        (-0.25, "bujur", "0° 15' 0,00\" BB"),
    ],
)
def test_dms(nilai, sumbu, hasil):
    assert dms(nilai, sumbu) == hasil


def test_dms_detik_dibulatkan_setengah_ke_atas():
    # 1 second = 1/3600 degree; 16.705" sits exactly on the half.
    assert dms(Decimal("16.705") / 3600, "lintang") == "0° 0' 16,71\" LU"
    assert dms(Decimal("16.7049") / 3600, "lintang") == "0° 0' 16,70\" LU"


def test_dms_pembulatan_membawa_ke_menit_berikutnya():
    # 7° 46' 59,995" must become 7° 47' 0,00", never 7° 46' 60,00".
    nilai = 7 + Decimal(46) / 60 + Decimal("59.995") / 3600
    assert dms(nilai, "lintang") == "7° 47' 0,00\" LU"
    assert dms(-nilai, "lintang") == "7° 47' 0,00\" LS"
    # Just below the half stays in the old minute.
    nilai = 7 + Decimal(46) / 60 + Decimal("59.9949") / 3600
    assert dms(nilai, "lintang") == "7° 46' 59,99\" LU"


def test_dms_pembulatan_membawa_ke_derajat_berikutnya():
    # 110° 59' 59,999" carries through minutes into the next degree.
    nilai = 110 + Decimal(59) / 60 + Decimal("59.999") / 3600
    assert dms(nilai, "bujur") == "111° 0' 0,00\" BT"


def test_dms_nilai_kecil_yang_menjadi_nol_tanpa_arah_negatif():
    # -0,0036" prints as zero; a zero is on the equator, not south of it.
    assert dms(-0.000001, "lintang") == "0° 0' 0,00\" LU"
    assert dms(-0.000001, "bujur") == "0° 0' 0,00\" BT"


def test_dms_float_tanpa_derau_biner():
    assert dms(0.1 + 0.2, "lintang") == "0° 18' 0,00\" LU"


def test_dms_kosong_dan_sumbu_salah():
    assert dms(None, "lintang") == "–"
    assert dms("", "bujur") == "–"
    with pytest.raises(ValueError):
        dms(1, "utara")
    with pytest.raises(ValueError):
        dms(None, "x")


# --- tanggal --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tanggal", "hasil"),
    [
        (date(2026, 11, 25), "25 November 2026"),
        (date(2026, 1, 1), "1 Januari 2026"),
        (date(2024, 2, 29), "29 Februari 2024"),
        (date(2025, 8, 17), "17 Agustus 2025"),
        (date(2025, 12, 31), "31 Desember 2025"),
        (datetime(2026, 5, 4, 23, 59), "4 Mei 2026"),  # noqa: DTZ001 - only the date part is read
    ],
)
def test_tanggal_indonesia(tanggal, hasil):
    assert tanggal_indonesia(tanggal) == hasil


def test_semua_bulan():
    assert [tanggal_indonesia(date(2026, b, 1)).split()[1] for b in range(1, 13)] == [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]


@pytest.mark.parametrize(
    ("tanggal", "hasil"),
    [
        (date(2026, 11, 25), "Rabu, 25 November 2026"),
        (date(2026, 11, 23), "Senin, 23 November 2026"),
        (date(2026, 11, 27), "Jumat, 27 November 2026"),
        (date(2026, 11, 29), "Minggu, 29 November 2026"),
        (date(2025, 8, 17), "Minggu, 17 Agustus 2025"),
    ],
)
def test_hari_tanggal_indonesia(tanggal, hasil):
    assert hari_tanggal_indonesia(tanggal) == hasil


def test_tanggal_kosong():
    assert tanggal_indonesia(None) == "–"
    assert hari_tanggal_indonesia(None) == "–"


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (1250000, "Rp 1.250.000"),
        (Decimal("1250000.50"), "Rp 1.250.001"),
        (0, "Rp 0"),
        (-5000, "-Rp 5.000"),
        (None, "–"),
        ("", "–"),
    ],
)
def test_format_rupiah(nilai, hasil):
    assert angka.format_rupiah(nilai) == hasil
