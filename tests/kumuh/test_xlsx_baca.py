"""The Excel-reading kit (kumuh/xlsx_baca.py) and its report writer (kumuh/xlsx_laporan.py):
pure, no database. The survey import's own columns are tested in tests/penilaian/test_impor.py."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from kumuh.xlsx_baca import (
    PEMBACA,
    Batas,
    Kolom,
    Skema,
    baca_buku,
    bukan_negatif,
    indeks_ejaan,
)
from kumuh.xlsx_laporan import ISI_GALAT, buku_laporan, tulis_daftar

# Columns of each generic kind, named like the survey's (where these tests come from).
SKEMA_UJI = Skema(
    (
        Kolom("nama_lokasi", ejaan=("nama lokasi",)),
        Kolom("tahun", jenis="tahun"),
        Kolom("tanggal_survei", jenis="tanggal"),
        Kolom("jumlah_kk", ejaan=("jumlah kk",), jenis="bulat"),
        Kolom("luas_verifikasi_ha", jenis="angka"),
        Kolom("panjang_jalan_ideal_m", jenis="angka"),
        Kolom("1a", jenis="persen"),
        Kolom("status_penguasaan", jenis="ya_tidak"),
    ),
    PEMBACA,
    identitas=("nama_lokasi",),
    jenis_tanda=frozenset({"ya_tidak"}),
)


def _simpan(wb: Workbook) -> io.BytesIO:
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    return berkas


def buku(baris: list[dict], *, lembar: str = "Data") -> io.BytesIO:
    """A workbook of one sheet: the header (the keys of all rows) and the rows."""
    kolom = list(dict.fromkeys(k for b in baris for k in b))
    wb = Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(kolom)
    for b in baris:
        ws.append([b.get(k) for k in kolom])
    return _simpan(wb)


def pesan(bacaan) -> list[str]:
    return [str(m) for m in bacaan.masalah]


# --- moved from tests/penilaian/test_impor.py -----------------------------------------------------


def test_two_columns_meaning_the_same_is_an_error():
    baris = [{"nama_lokasi": "A", "Jumlah KK": 3, "jumlah_kk": 3, "tahun": 2025}]
    bacaan = baca_buku(buku(baris), SKEMA_UJI)
    assert "sama-sama berarti jumlah_kk" in pesan(bacaan)[0]


@pytest.mark.parametrize(
    ("kolom", "isi", "harapan"),
    [
        ("jumlah_kk", -5, "tidak boleh negatif (-5)"),
        ("jumlah_kk", 12.5, "harus bilangan bulat (12.5)"),
        ("jumlah_kk", "banyak", "bukan angka ('banyak')"),
        ("luas_verifikasi_ha", 1.234, "paling banyak 2 angka di belakang koma (1.234)"),
        ("panjang_jalan_ideal_m", "1.234", "dapat berarti ribuan atau pecahan"),
        ("1a", 120, "persen harus antara 0 dan 100 (120)"),
        ("tahun", 1999, "harus tahun 2000–2100 (1999)"),
        ("tanggal_survei", "31-02-2025", "bukan tanggal ('31-02-2025')"),
    ],
)
def test_a_cell_that_cannot_be_read_names_sheet_row_column_and_reason(kolom, isi, harapan):
    baris = {"nama_lokasi": "A", "tahun": 2025, "luas_verifikasi_ha": 1, kolom: isi}
    bacaan = baca_buku(buku([baris]), SKEMA_UJI)
    masalah = [m for m in bacaan.masalah if m.judul == kolom]
    assert len(masalah) == 1, bacaan.masalah
    assert (masalah[0].lembar, masalah[0].baris) == ("Data", 2)
    assert harapan in masalah[0].pesan


def test_a_non_xlsx_file_is_reported():
    bacaan = baca_buku(io.BytesIO(b"kode,nama\n1,A\n"), SKEMA_UJI)
    assert "tidak dapat dibaca sebagai .xlsx" in pesan(bacaan)[0]


def test_cells_are_read_the_indonesian_and_the_excel_way():
    wb = Workbook()
    ws = wb.active
    ws.append(["NAMA  LOKASI", "tanggal_survei", "panjang_jalan_ideal_m", "luas_verifikasi_ha",
               "1a", "status_penguasaan", "Keterangan"])  # fmt: skip
    ws.append(["A", "5 Maret 2024", "1.234,5", "4,5", 0.8, "−", "x"])
    ws["E2"].number_format = "0%"  # 0.8 shown as 80 %
    bacaan = baca_buku(_simpan(wb), SKEMA_UJI)
    assert not bacaan.masalah, bacaan.masalah
    b = bacaan.baris[0].nilai
    assert b["nama_lokasi"] == "A" and b["tanggal_survei"] == date(2024, 3, 5)
    assert b["panjang_jalan_ideal_m"] == Decimal("1234.50")
    assert b["luas_verifikasi_ha"] == Decimal("4.50")
    assert b["1a"] == Decimal(80)
    assert b["status_penguasaan"] is False  # − is a value here, not a blank
    # The unknown column is reported, not silently dropped.
    assert [str(p) for p in bacaan.peringatan] == [
        "lembar Sheet, kolom G (Keterangan): kolom tidak dikenal; tidak dibaca (nama kolom yang "
        "dikenal ada di lembar Petunjuk templat)"
    ]


def test_a_spelling_naming_two_columns_is_refused():
    with pytest.raises(ValueError, match="dipakai a dan b"):
        indeks_ejaan([Kolom("a", ejaan=("sama",)), Kolom("b", ejaan=("Sama",))])


# --- another import's columns: a sheet of kegiatan ------------------------------------------------


def _baca_rupiah(nilai: object, _: str) -> int:
    # Costs run into billions: a bound of its own instead of ANGKA_MAKS.
    return int(bukan_negatif(nilai, 0, maks=Decimal(10**15)))


SKEMA_KEGIATAN = Skema(
    (
        Kolom("nama", ejaan=("nama kegiatan", "kegiatan")),
        Kolom("biaya", ejaan=("biaya (rp)", "anggaran"), jenis="rupiah"),
        Kolom("tahun", ejaan=("tahun anggaran",), jenis="tahun"),
        Kolom("sumber_dana", ejaan=("sumber dana", "sumber")),
        Kolom("no", jenis="abaikan"),
    ),
    {**PEMBACA, "rupiah": _baca_rupiah},
    identitas=("nama",),
)


def _buku_kegiatan() -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kegiatan"
    ws.append(["Daftar kegiatan penanganan 2025"])  # a title row above the header
    ws.append(["No", "Nama Kegiatan", "Tahun Anggaran", "ANGGARAN", None])
    ws.append([None, None, None, "Biaya (Rp)", "Sumber Dana"])
    ws.merge_cells("D2:E2")
    ws.append([1, "Perbaikan jalan lingkungan", 2025, "1.250.000.000", "APBD"])
    ws.append([2, "Drainase", 2025, "banyak", "APBN"])
    ws.append(["JUMLAH", None, None, 1250000000, None])
    return _simpan(wb)


def test_another_import_declares_its_columns_and_reuses_the_kit():
    bacaan = baca_buku(_buku_kegiatan(), SKEMA_KEGIATAN)
    assert bacaan.lembar == ["Kegiatan"] and not bacaan.peringatan
    assert [b.nilai for b in bacaan.baris] == [
        {"nama": "Perbaikan jalan lingkungan", "tahun": 2025, "biaya": 1_250_000_000,
         "sumber_dana": "APBD"},
        {"nama": "Drainase", "tahun": 2025, "sumber_dana": "APBN"},
    ]  # fmt: skip
    # The two-row header names the column by its group and sub-header; the total row is skipped.
    assert pesan(bacaan) == [
        "lembar Kegiatan, baris 5, kolom D (ANGGARAN Biaya (Rp)): bukan angka ('banyak')"
    ]
    assert bacaan.baris[1].rusak == {"biaya"}


def test_the_report_marks_the_cell_and_lists_the_problem():
    bacaan = baca_buku(_buku_kegiatan(), SKEMA_KEGIATAN)
    wb, lembar = buku_laporan(_buku_kegiatan(), [(ISI_GALAT, bacaan.masalah)], "Laporan")
    tulis_daftar(
        lembar,
        judul="Laporan impor kegiatan",
        keterangan=["Tidak dapat diimpor: 1 masalah."],
        kepala=["lembar", "baris", "kolom", "keterangan"],
        baris=[(ISI_GALAT, [m.lembar, m.baris, m.kolom, m.pesan]) for m in bacaan.masalah],
    )
    assert wb.sheetnames == ["Laporan", "Kegiatan"]
    sel = wb["Kegiatan"]["D5"]
    assert sel.fill.start_color.rgb.endswith("F4B6B6") and "bukan angka" in sel.comment.text
    isi = [[c for c in r if c is not None] for r in lembar.iter_rows(values_only=True)]
    assert isi[3] == ["lembar", "baris", "kolom", "keterangan"]
    assert isi[4] == ["Kegiatan", 5, "D", "bukan angka ('banyak')"]
    assert lembar.freeze_panes == "A5"


# --- issue 10 item 12: numbers are bounded before anything is built from them -------------------


@pytest.mark.parametrize(
    ("isi", "harapan"),
    [
        ("1e999999999", "angka terlalu besar ('1e999999999')"),  # hung: a billion-digit int
        ("1e5000", "angka terlalu besar ('1e5000')"),  # was a 500 (int → str digit limit)
        ("-1e999999999", "angka terlalu besar ('-1e999999999')"),
        ("1" * 5000, "angka terlalu besar ('11111111111111111111…')"),
    ],
)
@pytest.mark.parametrize("kolom", ["jumlah_kk", "luas_verifikasi_ha", "1a", "tahun"])
def test_a_huge_number_is_refused_by_name_before_it_is_built(kolom, isi, harapan):
    baris = {"nama_lokasi": "A", "tahun": 2025, "jumlah_kk": 3, "1a": 50, kolom: isi}
    bacaan = baca_buku(buku([baris]), SKEMA_UJI)
    masalah = [m for m in bacaan.masalah if m.judul == kolom]
    assert len(masalah) == 1, bacaan.masalah
    assert (masalah[0].lembar, masalah[0].baris) == ("Data", 2)
    assert harapan in masalah[0].pesan
    # The message quotes the cell, never the number written out in full.
    assert len(str(masalah[0])) < 200


@pytest.mark.parametrize("isi", ["1e-999999999", "0," + "0" * 400 + "1"])
def test_a_vanishingly_small_number_is_read_without_writing_it_out(isi):
    baris = {"nama_lokasi": "A", "tahun": 2025, "luas_verifikasi_ha": isi}
    bacaan = baca_buku(buku([baris]), SKEMA_UJI)
    assert not bacaan.masalah, bacaan.masalah
    assert bacaan.baris[0].nilai["luas_verifikasi_ha"] == 0


def test_a_cell_openpyxl_cannot_convert_is_a_problem_not_a_crash():
    # A whole number of 5,000 digits written straight into the sheet XML: openpyxl's int()
    # refuses it (Python's digit limit) while reading the row.
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["nama_lokasi", "tahun", "jumlah_kk"])
    ws.append(["A", 2025, 123456789])
    asli = _simpan(wb).getvalue()
    import zipfile

    masuk, keluar = zipfile.ZipFile(io.BytesIO(asli)), io.BytesIO()
    with zipfile.ZipFile(keluar, "w") as z:
        for item in masuk.infolist():
            isi = masuk.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                isi = isi.replace(b"<v>123456789</v>", b"<v>" + b"9" * 5000 + b"</v>")
            z.writestr(item, isi)
    keluar.seek(0)
    bacaan = baca_buku(keluar, SKEMA_UJI)
    assert [str(m) for m in bacaan.masalah] == [
        "lembar Data: lembar tidak dapat dibaca sampai habis (ValueError); periksa isi selnya "
        "atau simpan ulang sebagai Excel Workbook (.xlsx)"
    ]


# --- issue 10 item 15: a row and cell limit, checked before reading ---------------------------


def _buku_baris(n: int, *, tulis_saja: bool = False, lebar: int = 3) -> io.BytesIO:
    # write_only leaves out <dimension>, as some generators do: then only reading can count.
    wb = Workbook(write_only=tulis_saja)
    ws = wb.create_sheet("Data") if tulis_saja else wb.active
    ws.append(["nama_lokasi", "tahun", "jumlah_kk", *(f"x{i}" for i in range(lebar - 3))])
    for i in range(n):
        ws.append([f"L{i}", 2025, i, *([1] * (lebar - 3))])
    return _simpan(wb)


def _skema_menghitung() -> tuple[Skema, list[object]]:
    dibaca: list[object] = []

    def teks(nilai, _=""):
        dibaca.append(nilai)
        return str(nilai)

    return Skema(SKEMA_UJI.kolom, {**PEMBACA, "teks": teks}, identitas=("nama_lokasi",)), dibaca


def test_a_workbook_over_the_row_limit_is_refused_from_its_dimension_unread():
    skema, dibaca = _skema_menghitung()
    bacaan = baca_buku(_buku_baris(30), skema, batas=Batas(baris=20, sel=10_000))
    assert pesan(bacaan) == [
        "berkas terlalu besar: lebih dari 20 baris (31 baris); bagi menjadi beberapa berkas"
    ]
    assert dibaca == [] and bacaan.baris == []  # not one cell read


def test_a_workbook_without_dimension_stops_reading_at_the_limit():
    skema, dibaca = _skema_menghitung()
    bacaan = baca_buku(_buku_baris(500, tulis_saja=True), skema, batas=Batas(baris=20, sel=10_000))
    assert pesan(bacaan) == [
        "berkas terlalu besar: lebih dari 20 baris (21 baris atau lebih); bagi menjadi beberapa "
        "berkas"
    ]
    assert len(dibaca) < 21 and bacaan.baris == []


def test_a_workbook_over_the_cell_limit_is_refused():
    bacaan = baca_buku(_buku_baris(10, lebar=50), SKEMA_UJI, batas=Batas(baris=100, sel=500))
    assert pesan(bacaan) == [
        "berkas terlalu besar: lebih dari 500 sel (550 sel); bagi menjadi beberapa berkas"
    ]
    bacaan = baca_buku(_buku_baris(10, lebar=50), SKEMA_UJI, batas=Batas(baris=100, sel=550))
    assert not bacaan.masalah and len(bacaan.baris) == 10
