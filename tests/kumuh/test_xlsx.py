"""The shared workbook look: grouped headers, framed cells, the bytes of a file."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook, load_workbook

from kumuh import xlsx


def _lembar():
    lembar = Workbook().active
    assert lembar is not None
    return lembar


def test_isi_xlsx_is_a_workbook_excel_opens():
    buku = Workbook()
    buku.active["A1"] = "Daftar"
    data = xlsx.isi_xlsx(buku)
    assert data[:2] == b"PK"  # a zip, as every .xlsx
    assert load_workbook(BytesIO(data)).active["A1"].value == "Daftar"
    assert xlsx.XLSX == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_two_row_header_merges_groups_and_spans_single_columns():
    lembar = _lembar()
    kolom = [("NO", ""), ("KOORDINAT", "LINTANG"), ("KOORDINAT", "BUJUR"), ("PRIORITAS", "")]
    assert xlsx.tulis_kepala(lembar, 3, kolom, tinggi=(None, 30)) == 5
    assert {str(r) for r in lembar.merged_cells.ranges} == {"A3:A4", "B3:C3", "D3:D4"}
    assert [lembar.cell(3, k).value for k in range(1, 5)] == ["NO", "KOORDINAT", None, "PRIORITAS"]
    assert [lembar.cell(4, k).value for k in range(1, 5)] == [None, "LINTANG", "BUJUR", None]
    assert lembar.row_dimensions[3].height is None
    assert lembar.row_dimensions[4].height == 30
    for baris in (3, 4):
        for k in range(1, 5):
            # Inner cells of a merge too, or the frame has gaps.
            sel = lembar.cell(baris, k)
            assert sel.border.left.style == "thin" and sel.border.bottom.style == "thin"
            assert sel.font.bold and sel.fill.fill_type == "solid"
            assert sel.alignment.horizontal == "center"


def test_neighbours_with_the_same_label_in_other_groups_stay_apart():
    lembar = _lembar()
    kolom = [("KEKUMUHAN", "NILAI"), ("KEKUMUHAN", "TINGK."), ("PERT. LAIN", "NILAI")]
    xlsx.tulis_kepala(lembar, 1, kolom)
    assert {str(r) for r in lembar.merged_cells.ranges} == {"A1:B1"}


def test_three_row_header():
    lembar = _lembar()
    kolom = [("NO", "", ""), ("1. BANGUNAN", "1a", "VOL"), ("1. BANGUNAN", "1a", "%")]
    kolom.append(("1. BANGUNAN", "1b", "VOL"))
    assert xlsx.tulis_kepala(lembar, 1, kolom) == 4
    assert {str(r) for r in lembar.merged_cells.ranges} == {"A1:A3", "B1:D1", "B2:C2"}


def test_cells_are_numbers_with_formats_text_or_a_dash():
    lembar = _lembar()
    xlsx.tulis_sel(lembar, 1, 1, Decimal("1.25"), xlsx.FORMAT_HEKTAR, xlsx.KANAN)
    xlsx.tulis_sel(lembar, 1, 2, None, xlsx.FORMAT_HEKTAR, xlsx.KANAN)
    xlsx.tulis_sel(lembar, 1, 3, "", None, xlsx.KIRI)
    xlsx.tulis_sel(lembar, 1, 4, "Legal", None, xlsx.KIRI)
    angka, kosong, kosong_teks, teks = (lembar.cell(1, k) for k in range(1, 5))
    assert (angka.value, angka.number_format, angka.alignment.horizontal) == (
        1.25,
        "#,##0.00",
        "right",
    )
    assert isinstance(angka.value, float)  # no Decimal exponent in the file
    assert kosong.value == kosong_teks.value == "–"
    assert kosong.alignment.horizontal == "center"
    assert (teks.value, teks.alignment.horizontal, teks.alignment.wrap_text) == (
        "Legal",
        "left",
        True,
    )
    for sel in (angka, kosong, kosong_teks, teks):
        assert sel.border.top.style == "thin"


def test_widths_from_a_column():
    lembar = _lembar()
    xlsx.atur_lebar(lembar, [5, 24], awal=2)
    assert lembar.column_dimensions["B"].width == 5
    assert lembar.column_dimensions["C"].width == 24


def test_text_that_looks_like_a_formula_stays_text():
    buku = Workbook()
    lembar = buku.active
    xlsx.tulis_sel(lembar, 1, 1, "=1+1", None, xlsx.KIRI)
    xlsx.tulis_sel(lembar, 1, 2, '=HYPERLINK("http://x","klik")', None, xlsx.KIRI)
    dibaca = load_workbook(BytesIO(xlsx.isi_xlsx(buku))).active
    assert dibaca["A1"].value == "=1+1" and dibaca["A1"].data_type == "s"
    assert dibaca["B1"].data_type == "s"
