"""Workbooks an import hands back: its template's header and Petunjuk sheet, and the report, a
copy of the uploaded workbook with the cells it found something in coloured and commented.

Pure (openpyxl, no Django, no app), the writing side of `kumuh/xlsx_baca.py`:

    buku, lembar = buku_laporan(berkas, [(ISI_GALAT, bacaan.masalah), (ISI_PERINGATAN, …)])
    tulis_daftar(lembar, judul="Laporan impor kegiatan.xlsx", keterangan=[…], kepala=[…],
                 baris=[(ISI_GALAT, [m.lembar, m.baris, m.kolom, m.judul, m.pesan]) …])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kumuh.xlsx_baca import Kolom

TEBAL = Font(bold=True)
ISI_GALAT = PatternFill("solid", start_color="F4B6B6")  # red: a problem, must be fixed
ISI_BEDA = PatternFill("solid", start_color="FFD27F")  # orange: disagrees with what we compute
ISI_PERINGATAN = PatternFill("solid", start_color="FFF2A8")  # yellow: a warning
_URUTAN_ISI = [ISI_GALAT, ISI_BEDA, ISI_PERINGATAN]  # red wins over orange over yellow
PENULIS = "kumuh"  # the author of the comments


class Tempat(Protocol):
    """Anything found at a cell: a Masalah, or an import's own finding."""

    lembar: str
    baris: int | None
    kolom: str
    pesan: str


def buku_laporan(
    berkas: str | IO[bytes] | None,
    tanda: Sequence[tuple[PatternFill, Iterable[Tempat]]],
    nama_lembar: str = "Laporan impor",
) -> tuple[Workbook, Any]:
    """Copy the uploaded workbook with each cell of `tanda` filled and commented.

    Return it with a new, empty first sheet `nama_lembar` for the list (one left by a report
    uploaded again is replaced). An unreadable upload gives a workbook of that sheet alone.
    """
    buku: Workbook | None = None
    if berkas is not None:
        try:
            buku = load_workbook(berkas)
        except Exception:  # unreadable: the report sheet alone still says why
            buku = None
    if buku is None:
        buku = Workbook()
        buku.remove(buku.active)
    if nama_lembar in buku.sheetnames:
        buku.remove(buku[nama_lembar])
    catatan: dict[tuple[str, str], list[tuple[PatternFill, str]]] = {}
    for isi, daftar in tanda:
        for m in daftar:
            if m.baris and m.kolom:
                catatan.setdefault((m.lembar, f"{m.kolom}{m.baris}"), []).append((isi, m.pesan))
    for (nama, alamat), isi in catatan.items():
        if nama not in buku.sheetnames:
            continue
        sel = buku[nama][alamat]
        sel.fill = min((f for f, _ in isi), key=_peringkat)
        sel.comment = Comment("\n".join(p for _, p in isi)[:2000], PENULIS)
    lembar = buku.create_sheet(nama_lembar, 0)
    buku.active = 0
    return buku, lembar


def _peringkat(isi: PatternFill) -> int:
    return _URUTAN_ISI.index(isi) if isi in _URUTAN_ISI else len(_URUTAN_ISI)


def tulis_daftar(
    lembar: Any,
    *,
    judul: str,
    keterangan: Sequence[str],
    kepala: Sequence[str],
    baris: Iterable[tuple[PatternFill | None, Sequence[Any]]],
    lebar: Sequence[int] = (),
) -> None:
    """Write a report list: a title, lines of explanation, a header, then one row per finding
    with its first cell filled in its colour."""
    lembar.cell(1, 1, judul).font = Font(bold=True, size=13)
    for i, teks in enumerate(keterangan, start=2):
        lembar.cell(i, 1, teks)
    nomor = len(keterangan) + 3
    for j, teks in enumerate(kepala, start=1):
        lembar.cell(nomor, j, teks).font = TEBAL
    lembar.freeze_panes = f"A{nomor + 1}"
    for isi, nilai in baris:
        lembar.append(list(nilai))
        nomor += 1
        if isi is not None:
            lembar.cell(nomor, 1).fill = isi
    for j, lebar_kolom in enumerate(lebar, start=1):
        lembar.column_dimensions[get_column_letter(j)].width = lebar_kolom


def tulis_kepala_templat(
    lembar: Any, kolom: Sequence[Kolom], warna: Mapping[str, str], beku: str = "C2"
) -> None:
    """Write a template's header row: bold, coloured by group, each with its description."""
    for i, k in enumerate(kolom, start=1):
        sel = lembar.cell(1, i, k.kunci)
        sel.font = TEBAL
        if k.kelompok in warna:
            sel.fill = PatternFill("solid", start_color=warna[k.kelompok])
        sel.comment = Comment(f"{k.kelompok}: {k.keterangan}", PENULIS)
        lembar.column_dimensions[get_column_letter(i)].width = max(10, min(len(k.kunci) + 2, 30))
    lembar.freeze_panes = beku


def tulis_petunjuk(
    lembar: Any, *, judul: str, petunjuk: Sequence[str], kolom: Sequence[Kolom]
) -> None:
    """Write a template's Petunjuk sheet: numbered instructions, then every column with its
    group, description and accepted spellings (the names the unknown-column warning points to)."""
    for huruf, lebar in zip("ABCD", (34, 30, 70, 60), strict=True):
        lembar.column_dimensions[huruf].width = lebar
    lembar.cell(1, 1, judul).font = Font(bold=True, size=13)
    for i, teks in enumerate(petunjuk, start=2):
        lembar.cell(i, 1, f"{i - 1}. {teks}")
    awal = len(petunjuk) + 3
    for j, teks in enumerate(("kolom", "kelompok", "isi", "ejaan lain yang diterima"), start=1):
        lembar.cell(awal, j, teks).font = TEBAL
    for i, k in enumerate(kolom, start=awal + 1):
        nilai = (k.kunci, k.kelompok + ("" if k.templat else " (tidak di templat)"),
                 k.keterangan, "; ".join(k.ejaan))  # fmt: skip
        for j, v in enumerate(nilai, start=1):
            lembar.cell(i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
