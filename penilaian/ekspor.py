"""Excel downloads of the priority list, laid out like the SK's Daftar Lokasi (seed 002).

The builders take rows, never a request. Columns, headers and cells are
`penilaian.daftar_lokasi`'s and the look is `kumuh.xlsx`'s, as in the SK's own workbook.
Figures are written as numbers with Excel number formats (Excel shows them with the reader's
decimal comma); coordinates are text in degrees-minutes-seconds as the SK prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kumuh.angka import KOSONG
from kumuh.xlsx import (
    BINGKAI,
    FORMAT_BILANGAN,
    FORMAT_HEKTAR,
    KANAN,
    TEBAL,
    TENGAH,
    jadikan_teks,
    tulis_judul,
)
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


def tulis_daftar_prioritas_besar(
    baris: Iterable[BarisPrioritas],
    tujuan: IO[bytes],
    *,
    judul: str,
    subjudul: str = "",
    catatan: str = "",
) -> int:
    """Stream a big list into an .xlsx at `tujuan` (write-only workbook); return the row count.

    Memory stays flat whatever the number of rows (openpyxl writes each row as it comes), so
    the layout is simpler than `buku_daftar_prioritas`: no merged cells, the group name above
    each grouped column. Text starting with "=" stays text, as `kumuh.xlsx.isi_xlsx` ensures
    for the other exports (a write-only sheet cannot be walked afterwards, so here per cell).
    """
    buku = Workbook(write_only=True)
    lembar = buku.create_sheet("Daftar Prioritas")
    for i, k in enumerate(KOLOM_DAFTAR, start=1):
        lembar.column_dimensions[get_column_letter(i)].width = k.lebar_xlsx
    awal = BARIS_KEPALA + 3
    lembar.freeze_panes = f"C{awal}"
    lembar.print_title_rows = f"{BARIS_KEPALA + 1}:{BARIS_KEPALA + 2}"
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = Worksheet.PAPERSIZE_A4

    def sel(nilai: object, *, tebal: bool = False, format_angka: str | None = None):
        c = WriteOnlyCell(lembar, value=nilai)
        jadikan_teks(c)
        if tebal:
            c.font = TEBAL
        if format_angka and isinstance(nilai, int | float | Decimal):
            c.number_format = format_angka
        return c

    for nomor, teks in enumerate((judul, subjudul, catatan), start=1):
        lembar.append([sel(teks or None, tebal=nomor == 1)])
    lembar.append([])
    grup = [k.grup or k.judul for k in KOLOM_DAFTAR]
    lembar.append([sel(g, tebal=True) for g in grup])
    lembar.append([sel(k.judul if k.grup else None, tebal=True) for k in KOLOM_DAFTAR])
    luas, penduduk = indeks(KOLOM_DAFTAR, "luas"), indeks(KOLOM_DAFTAR, "jumlah_penduduk")
    jumlah, total_luas, total_penduduk = 0, Decimal(0), 0
    for b in baris:
        nilai = nilai_baris(b)
        lembar.append(
            [
                sel(v if v not in (None, "") else KOSONG, format_angka=k.format_xlsx)
                for k, v in zip(KOLOM_DAFTAR, nilai, strict=True)
            ]
        )
        jumlah += 1
        total_luas += Decimal(str(nilai[luas - 1] or 0))
        total_penduduk += nilai[penduduk - 1] or 0
    akhir: list = [None] * len(KOLOM_DAFTAR)
    akhir[0] = sel(f"JUMLAH ({jumlah} LOKASI)", tebal=True)
    akhir[luas - 1] = sel(float(total_luas), tebal=True, format_angka=FORMAT_HEKTAR)
    akhir[penduduk - 1] = sel(total_penduduk, tebal=True, format_angka=FORMAT_BILANGAN)
    lembar.append(akhir)
    buku.save(tujuan)
    return jumlah
