"""Excel downloads of the priority list, laid out like the SK's Daftar Lokasi (seed 002).

The builders take rows, never a request. Columns, headers and cells are
`penilaian.daftar_lokasi`'s and the look is `kumuh.xlsx`'s, as in the SK's own workbook.
Figures are written as numbers with Excel number formats (Excel shows them with the reader's
decimal comma); coordinates are text in degrees-minutes-seconds as the SK prints them.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kumuh.xlsx import BINGKAI, FORMAT_BILANGAN, FORMAT_HEKTAR, KANAN, TEBAL, TENGAH, tulis_judul
from penilaian.daftar_lokasi import (
    KOLOM_DAFTAR,
    indeks,
    nilai_baris,
    tulis_baris_xlsx,
    tulis_kepala_xlsx,
)
from penilaian.prioritas import BarisPrioritas

BARIS_KEPALA = 4  # title, subtitle, note, blank; the two header rows follow


def buku_daftar_prioritas(
    baris: Sequence[BarisPrioritas],
    *,
    judul: str,
    subjudul: str = "",
    catatan: str = "",
) -> Workbook:
    """Build a workbook with one sheet: title, grouped headers, the rows and a total row."""
    buku = Workbook()
    lembar = buku.active
    assert lembar is not None
    lembar.title = "Daftar Prioritas"
    tulis_judul(lembar, (judul, subjudul, catatan), len(KOLOM_DAFTAR))

    awal = tulis_kepala_xlsx(lembar, BARIS_KEPALA + 1, KOLOM_DAFTAR, tinggi=(None, 30))
    for i, b in enumerate(baris):
        tulis_baris_xlsx(lembar, awal + i, b, KOLOM_DAFTAR)
    _tulis_jumlah(lembar, awal + len(baris), baris)

    lembar.freeze_panes = lembar.cell(awal, 3)
    lembar.print_title_rows = f"{BARIS_KEPALA + 1}:{BARIS_KEPALA + 2}"
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.fitToWidth = 1
    lembar.page_setup.fitToHeight = 0
    lembar.sheet_properties.pageSetUpPr.fitToPage = True
    return buku


def _tulis_jumlah(lembar: Worksheet, nomor: int, baris: Sequence[BarisPrioritas]) -> None:
    """Write the total row: count of lokasi, hectares (as the rows print them) and population."""
    luas, penduduk = indeks(KOLOM_DAFTAR, "luas"), indeks(KOLOM_DAFTAR, "jumlah_penduduk")
    nilai = [nilai_baris(b) for b in baris]
    lembar.cell(nomor, 1, f"JUMLAH ({len(baris)} LOKASI)")
    lembar.merge_cells(start_row=nomor, start_column=1, end_row=nomor, end_column=2)
    lembar.cell(
        nomor, luas, float(sum((n[luas - 1] or 0 for n in nilai), start=0))
    ).number_format = FORMAT_HEKTAR
    lembar.cell(
        nomor, penduduk, sum(n[penduduk - 1] or 0 for n in nilai)
    ).number_format = FORMAT_BILANGAN
    for k in range(1, len(KOLOM_DAFTAR) + 1):
        sel = lembar.cell(nomor, k)
        sel.font, sel.border = TEBAL, BINGKAI
        sel.alignment = KANAN if k in (luas, penduduk) else TENGAH
