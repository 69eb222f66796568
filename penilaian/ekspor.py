"""Excel downloads, laid out like the SK's Daftar Lokasi (format of seed 002, Lampiran).

The builders take rows, never a request, so the SK can reuse them with its own selection.
Figures are written as numbers with Excel number formats (Excel shows them with the reader's
decimal comma); coordinates are text in degrees-minutes-seconds as the SK prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kumuh import angka
from penilaian.prioritas import BarisPrioritas

# One look for every workbook the Dinas gets: the SK's (sk_xlsx, pure) sets it.
from penilaian.sk.xlsx import (
    BINGKAI,
    FORMAT_BILANGAN,
    FORMAT_HEKTAR,
    FORMAT_NILAI,
    ISI_KEPALA,
    KANAN,
    KIRI,
    TEBAL,
    TENGAH,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (group, column header, width). A column without group spans both header rows.
KOLOM: tuple[tuple[str, str, float], ...] = (
    ("", "NO", 5),
    ("", "NAMA LOKASI", 28),
    ("", "LUAS (HA)", 10),
    ("LINGKUP ADMINISTRATIF", "RT/RW", 18),
    ("LINGKUP ADMINISTRATIF", "KELURAHAN/DESA", 20),
    ("LINGKUP ADMINISTRATIF", "KECAMATAN", 18),
    ("KEPENDUDUKAN", "JUMLAH (JIWA)", 11),
    ("KEPENDUDUKAN", "KEPADATAN (JIWA/HA)", 12),
    ("KOORDINAT", "LINTANG", 16),
    ("KOORDINAT", "BUJUR", 17),
    ("KEKUMUHAN", "NILAI", 8),
    ("KEKUMUHAN", "TINGK.", 10),
    ("PERT. LAIN", "NILAI", 8),
    ("PERT. LAIN", "TINGK.", 10),
    ("", "LEGALITAS TANAH", 12),
    ("", "PRIORITAS", 11),
    ("", "POLA PENANGANAN", 18),
    ("", "KEWENANGAN", 15),
)
BARIS_KEPALA = 4  # title, subtitle, note, blank; the two header rows follow


def _nilai_baris(b: BarisPrioritas) -> list:
    return [
        b.nomor,
        b.nama,
        b.luas_ha,
        b.rt_rw or angka.KOSONG,
        ", ".join(b.kelurahan) or angka.KOSONG,
        ", ".join(b.kecamatan) or angka.KOSONG,
        b.jumlah_penduduk,
        b.kepadatan_penduduk,
        angka.dms(b.lintang, "lintang"),
        angka.dms(b.bujur, "bujur"),
        b.nilai_kekumuhan,
        b.tingkat_singkat,
        b.nilai_pertimbangan_lain,
        b.tingkat_pertimbangan_lain,
        b.legalitas,
        b.label_prioritas,
        b.pola_penanganan,
        b.kewenangan,
    ]


# Column (1-based) → number format; the other columns are text.
_FORMAT_ANGKA = {1: FORMAT_BILANGAN, 3: FORMAT_HEKTAR, 7: FORMAT_BILANGAN, 8: FORMAT_HEKTAR,
                 11: FORMAT_NILAI, 13: FORMAT_NILAI}  # fmt: skip


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
    lebar = len(KOLOM)
    for nomor, teks in enumerate((judul, subjudul, catatan), start=1):
        sel = lembar.cell(nomor, 1, teks or None)
        sel.font = Font(bold=nomor == 1, size=13 if nomor == 1 else 11, italic=nomor == 3)
        sel.alignment = Alignment(horizontal="center", wrap_text=nomor == 3)
        lembar.merge_cells(start_row=nomor, start_column=1, end_row=nomor, end_column=lebar)

    awal = _tulis_kepala(lembar, BARIS_KEPALA + 1)
    for i, b in enumerate(baris):
        _tulis_baris(lembar, awal + i, _nilai_baris(b))
    _tulis_jumlah(lembar, awal + len(baris), baris)

    lembar.freeze_panes = lembar.cell(awal, 3)
    lembar.print_title_rows = f"{BARIS_KEPALA + 1}:{BARIS_KEPALA + 2}"
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.fitToWidth = 1
    lembar.page_setup.fitToHeight = 0
    lembar.sheet_properties.pageSetUpPr.fitToPage = True
    return buku


def _tulis_kepala(lembar: Worksheet, atas: int) -> int:
    """Write the two header rows with merged group cells; return the first data row."""
    bawah = atas + 1
    kolom = 1
    while kolom <= len(KOLOM):
        grup, judul, _ = KOLOM[kolom - 1]
        if not grup:
            lembar.cell(atas, kolom, judul)
            lembar.merge_cells(start_row=atas, start_column=kolom, end_row=bawah, end_column=kolom)
            kolom += 1
            continue
        akhir = kolom
        while akhir < len(KOLOM) and KOLOM[akhir][0] == grup:
            akhir += 1
        lembar.cell(atas, kolom, grup)
        lembar.merge_cells(start_row=atas, start_column=kolom, end_row=atas, end_column=akhir)
        for k in range(kolom, akhir + 1):
            lembar.cell(bawah, k, KOLOM[k - 1][1])
        kolom = akhir + 1
    for baris in (atas, bawah):
        for k in range(1, len(KOLOM) + 1):
            # Merged cells keep their own border: style every cell so the frame is whole.
            sel = lembar.cell(baris, k)
            sel.font, sel.alignment, sel.border, sel.fill = TEBAL, TENGAH, BINGKAI, ISI_KEPALA
    for k, (_, _, lebar) in enumerate(KOLOM, start=1):
        lembar.column_dimensions[get_column_letter(k)].width = lebar
    lembar.row_dimensions[bawah].height = 30
    return bawah + 1


def _tulis_baris(lembar: Worksheet, nomor: int, nilai: list) -> None:
    for k, isi in enumerate(nilai, start=1):
        sel = lembar.cell(nomor, k, angka.KOSONG if isi is None else isi)
        sel.border = BINGKAI
        if k in _FORMAT_ANGKA and isi is not None:
            sel.number_format = _FORMAT_ANGKA[k]
            sel.alignment = KANAN
        elif k == 1 or k >= 11:
            sel.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        else:
            sel.alignment = KIRI


def _tulis_jumlah(lembar: Worksheet, nomor: int, baris: Sequence[BarisPrioritas]) -> None:
    """Write the total row: count of lokasi, hectares and population."""
    lembar.cell(nomor, 1, f"JUMLAH ({len(baris)} LOKASI)")
    lembar.merge_cells(start_row=nomor, start_column=1, end_row=nomor, end_column=2)
    lembar.cell(
        nomor, 3, sum((b.luas_ha or 0 for b in baris), start=0)
    ).number_format = FORMAT_HEKTAR
    lembar.cell(
        nomor, 7, sum(b.jumlah_penduduk or 0 for b in baris)
    ).number_format = FORMAT_BILANGAN
    for k in range(1, len(KOLOM) + 1):
        sel = lembar.cell(nomor, k)
        sel.font, sel.border = TEBAL, BINGKAI
        sel.alignment = KANAN if k in (3, 7) else TENGAH


def isi_xlsx(buku: Workbook) -> bytes:
    """Return the workbook as the bytes of an .xlsx file."""
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
