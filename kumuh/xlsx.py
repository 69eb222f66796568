"""One look for every workbook the Dinas gets: styles, grouped headers, cells and the bytes.

A leaf helper (openpyxl and kumuh.angka; no Django, no app): the priority list's and the SK's
workbooks write through it, so borders, fills and number formats cannot drift apart; every
Excel download (the import's too) is sent with `isi_xlsx` and `XLSX`.

Figures are written as numbers with Excel number formats, so Excel or LibreOffice shows them
with the reader's locale (decimal comma on an Indonesian system).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from kumuh.angka import KOSONG

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMAT_HEKTAR = "#,##0.00"
FORMAT_BILANGAN = "#,##0"
FORMAT_NILAI = "0"
FORMAT_PERSEN = "0.00"  # the share in percent points (37.5 → "37,50"), not an Excel %


@cache
def _gaya() -> dict[str, Any]:
    # openpyxl is imported on first use (≈ 0.1 s): Django loads this module at start-up through
    # the priority list, and a process that writes no Excel (the cold `ekspor_sk` of a PDF,
    # issue 14 item 4) should not pay for it.
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    tipis = Side(style="thin", color="000000")
    return {
        "BINGKAI": Border(left=tipis, right=tipis, top=tipis, bottom=tipis),
        "ISI_KEPALA": PatternFill("solid", start_color="D9E1F2"),
        "TEBAL": Font(bold=True),
        "TENGAH": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "TENGAH_ATAS": Alignment(horizontal="center", vertical="top", wrap_text=True),
        "KIRI": Alignment(horizontal="left", vertical="top", wrap_text=True),
        "KANAN": Alignment(horizontal="right", vertical="top"),
        "KANAN_TENGAH": Alignment(horizontal="right", vertical="center"),
    }


_GAYA = frozenset(
    ("BINGKAI", "ISI_KEPALA", "TEBAL", "TENGAH", "TENGAH_ATAS", "KIRI", "KANAN", "KANAN_TENGAH")
)


def __getattr__(nama: str) -> Any:
    """The shared styles (BINGKAI, TEBAL, KIRI, …), made when first asked for (PEP 562)."""
    # Only these names: the import system probes others (`__path__`) and must not load openpyxl.
    if nama in _GAYA:
        return _gaya()[nama]
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")


def isi_xlsx(buku: Workbook) -> bytes:
    """Return the workbook as the bytes of an .xlsx file, with no cell stored as a formula.

    Every export is saved here, and the app writes no formulas of its own: any cell openpyxl
    would store as a formula holds text a user typed ("=1+1", "=HYPERLINK(…)") that a writer
    put in without `tulis_sel`/`jadikan_teks`, so it is made text here whatever the writer did.
    """
    for lembar in buku.worksheets:
        # _cells holds only the cells written; iter_rows() would create every blank one.
        for sel in getattr(lembar, "_cells", {}).values():
            jadikan_teks(sel)
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def atur_lebar(lembar: Worksheet, lebar: Sequence[float], *, awal: int = 1) -> None:
    """Set the widths of consecutive columns, from column `awal` (1-based)."""
    from openpyxl.utils import get_column_letter

    for k, w in enumerate(lebar, start=awal):
        lembar.column_dimensions[get_column_letter(k)].width = w


def tulis_kepala(
    lembar: Worksheet,
    atas: int,
    kolom: Sequence[Sequence[str]],
    tinggi: Sequence[float | None] = (),
) -> int:
    """Write grouped header rows; return the row under them.

    Each column is its label path from the top row down, "" where the cell above continues:
    ("NO", "") spans both rows, ("KOORDINAT", "LINTANG") sits under a KOORDINAT cell merged
    over every neighbour that shares the same path down to that row. `tinggi` gives row
    heights from the top (None: Excel's own).
    """
    tingkat = len(kolom[0])

    def turun(k: int, i: int) -> int:
        """Return the last header level the cell of column k at level i spans."""
        while i + 1 < tingkat and not kolom[k][i + 1]:
            i += 1
        return i

    for i in range(tingkat):
        k = 0
        while k < len(kolom):
            if not kolom[k][i]:
                k += 1
                continue
            bawah = turun(k, i)
            akhir = k
            while (
                akhir + 1 < len(kolom)
                and kolom[akhir + 1][: i + 1] == kolom[k][: i + 1]
                and turun(akhir + 1, i) == bawah
            ):
                akhir += 1
            lembar.cell(atas + i, k + 1, kolom[k][i])
            if akhir > k or bawah > i:
                lembar.merge_cells(
                    start_row=atas + i,
                    start_column=k + 1,
                    end_row=atas + bawah,
                    end_column=akhir + 1,
                )
            k = akhir + 1
    for i in range(tingkat):
        for k in range(1, len(kolom) + 1):
            # Merged cells keep their own border: style every cell so the frame is whole.
            sel = lembar.cell(atas + i, k)
            g = _gaya()
            sel.font, sel.alignment, sel.border, sel.fill = (
                g["TEBAL"],
                g["TENGAH"],
                g["BINGKAI"],
                g["ISI_KEPALA"],
            )
    for i, t in enumerate(tinggi):
        if t is not None:
            lembar.row_dimensions[atas + i].height = t
    return atas + tingkat


def angka_xlsx(nilai: object) -> object:
    """Return Decimals as floats: what Excel stores anyway, and no "1E+1" in the file."""
    return float(nilai) if isinstance(nilai, Decimal) else nilai


def tulis_judul(lembar: Worksheet, baris: Sequence[str], lebar: int) -> None:
    """Write a list's title rows merged over `lebar` columns: the title (bold, large), then a
    subtitle and an italic note; empty ones stay blank."""
    from openpyxl.styles import Alignment, Font

    for nomor, teks in enumerate(baris, start=1):
        sel = lembar.cell(nomor, 1, teks or None)
        jadikan_teks(sel)  # a filter description may quote typed text
        sel.font = Font(bold=nomor == 1, size=13 if nomor == 1 else 11, italic=nomor == 3)
        sel.alignment = Alignment(horizontal="center", wrap_text=nomor == 3)
        lembar.merge_cells(start_row=nomor, start_column=1, end_row=nomor, end_column=lebar)


def jadikan_teks(sel: Any) -> None:
    """Keep typed text that starts with "=" as text: openpyxl would store it as a formula, and
    a lokasi or kegiatan named "=1+1" (or worse, "=HYPERLINK(…)") must not run in Excel.

    Text starting with "+", "-" or "@" needs nothing: openpyxl stores it as a string cell, and
    Excel and LibreOffice never evaluate a stored string (only typing or CSV import would)."""
    if isinstance(sel.value, str) and sel.value.startswith("="):
        sel.data_type = "s"


def tulis_register(
    lembar: Worksheet,
    *,
    judul: str,
    kolom: Sequence[tuple[str, float, str | None]],
    baris: Iterable[Sequence[object]],
    beku: str,
) -> None:
    """Write a register sheet: the title in A1, the header on row 3, one bordered row per item.

    `kolom` is (header, width, number format or None) per column; numbers sit right, text left.
    """
    gaya = _gaya()
    lembar.cell(1, 1, judul).font = gaya["TEBAL"]
    nomor = tulis_kepala(lembar, 3, [(j,) for j, _l, _f in kolom])
    atur_lebar(lembar, [lebar for _j, lebar, _f in kolom])
    for nilai_baris in baris:
        for k, (nilai, (_j, _l, fmt)) in enumerate(zip(nilai_baris, kolom, strict=True), start=1):
            tulis_sel(lembar, nomor, k, nilai, fmt, gaya["KANAN"] if fmt else gaya["KIRI"])
        nomor += 1
    lembar.freeze_panes = beku


def tulis_sel(
    lembar: Worksheet,
    baris: int,
    kolom: int,
    nilai: object,
    format_angka: str | None,
    rata: Alignment,
) -> None:
    """Write one bordered data cell: a number with its format, text, or "–" when missing."""
    if nilai is None or nilai == "":
        sel = lembar.cell(baris, kolom, KOSONG)
        sel.alignment = _gaya()["TENGAH_ATAS"]
    elif isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool):
        sel = lembar.cell(baris, kolom, angka_xlsx(nilai))
        sel.number_format = format_angka or "General"
        sel.alignment = rata
    else:
        sel = lembar.cell(baris, kolom, str(nilai))
        jadikan_teks(sel)
        sel.alignment = rata
    sel.border = _gaya()["BINGKAI"]
