"""Lay out Lampiran I (Daftar Lokasi): wrapped cell lines, row heights, whole pages.

Lampiran I is drawn straight onto PDF pages (penilaian.sk.lampiran1, ReportLab), not laid out by
a browser engine: 500 lokasi are 8,000 cells, and WeasyPrint spent ≈ 6 CPU seconds on them where
LibreOffice needs 0.3 s for the same rows (issue 14 item 4). The layout is computed here, in
points, with the very font metrics the PDF embeds (Liberation Sans, metric-compatible with
Arial), so the plan is exact: every line break and every page break is decided here and the
drawing follows it. Lines break at spaces; a word wider than its column breaks at a soft hyphen
(with a hyphen) or, failing that, between letters, as CSS `overflow-wrap: break-word` did.

Pure: ReportLab's font metrics and the standard library, plus kumuh.angka; the columns and cell
texts are penilaian.daftar_lokasi's, as the SK's Excel and the priority list print them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kumuh import angka
from penilaian import daftar_lokasi
from penilaian.daftar_lokasi import KOLOM_LAMPIRAN, Kolom
from penilaian.sk.isi import IsiSK, LokasiSK

PT_PER_MM = 72 / 25.4
MM_PER_PT = 25.4 / 72
HURUF = "Liberation Sans"

# The page: A4 landscape, margins 12 / 10 / 15 / 10 mm (as the WeasyPrint template had them).
LEBAR_KERTAS, TINGGI_KERTAS = 297 * PT_PER_MM, 210 * PT_PER_MM
MARGIN_ATAS, MARGIN_BAWAH, MARGIN_SISI = 12 * PT_PER_MM, 15 * PT_PER_MM, 10 * PT_PER_MM
# The table: 7.2 pt cells, 6.8 pt bold headers, line height 1.2, padding 0.6 / 0.8 mm.
UKURAN_ISI, UKURAN_KEPALA = 7.2, 6.8
TINGGI_GARIS = 1.2
PADDING_V, PADDING_H = 0.6 * PT_PER_MM, 0.8 * PT_PER_MM
# Collapsed 0.5 pt borders: half of each side's line lies inside the cell (width and height),
# as in CSS.
GARIS = 0.5
RUANG_SEL = 2 * PADDING_H + GARIS  # what a cell's text cannot use of its width
# The blocks above and below the table: 9 pt, line height 1.35; title 11 pt bold.
UKURAN_BLOK, GARIS_BLOK = 9.0, 1.35
UKURAN_JUDUL = 11.0

KOLOM: tuple[Kolom, ...] = KOLOM_LAMPIRAN
LEBAR_TABEL_MM = sum(k.lebar_mm for k in KOLOM)  # 277: A4 landscape minus 10 mm margins
LEBAR_TABEL = LEBAR_TABEL_MM * PT_PER_MM
LEBAR_KOLOM = tuple(k.lebar_mm * PT_PER_MM for k in KOLOM)


def grup_kolom() -> list[tuple[str, int]]:
    """Return (group, span) in column order; a column without group is its own span of 1."""
    return daftar_lokasi.grup_kolom(KOLOM, sk=True)


def sel_lampiran1(lok: LokasiSK) -> tuple[str, ...]:
    """The 16 cell texts of a lokasi's row, exactly as the PDF prints them."""
    return daftar_lokasi.teks_baris(lok, KOLOM)


# --- fonts and measuring ---------------------------------------------------------------------

# ReportLab's names of the embedded fonts, and where Debian's fonts-liberation puts the files
# (fontconfig is asked when they are elsewhere).
BIASA, TEBAL, MIRING = "LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"
BERKAS_HURUF = {
    BIASA: ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", ""),
    TEBAL: ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", ":bold"),
    MIRING: ("/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf", ":italic"),
}


def _berkas_huruf(nama: str) -> str:
    berkas, gaya = BERKAS_HURUF[nama]
    if Path(berkas).exists() or shutil.which("fc-match") is None:
        return berkas
    hasil = subprocess.run(
        ["fc-match", "-f", "%{file}", HURUF + gaya], capture_output=True, text=True, check=False
    )
    return hasil.stdout.strip() or berkas


@cache
def daftarkan_huruf() -> None:
    """Register the three TrueType fonts with ReportLab (once per process; ≈ 30 ms)."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Binary compressed streams, not ASCII85 on top: smaller files, and ASCII85 encoding was
    # a fifth of the drawing time. (ReportLab draws nothing else in this project.)
    rl_config.useA85 = 0

    for nama in (BIASA, TEBAL, MIRING):
        pdfmetrics.registerFont(TTFont(nama, _berkas_huruf(nama)))


@lru_cache(maxsize=65536)
def _lebar_1(teks: str, huruf: str) -> float:
    # Words repeat a lot (kecamatan names, "Sedang", "RT"): measured once each, at 1 pt.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    daftarkan_huruf()
    return stringWidth(teks, huruf, 1.0)


def lebar_teks(teks: str, ukuran: float, huruf: str = BIASA) -> float:
    """Return the advance width of `teks` at `ukuran` pt, in points (no kerning: additive)."""
    return _lebar_1(teks, huruf) * ukuran


def lebar_teks_mm(teks: str, ukuran_pt: float, *, tebal: bool = False) -> float:
    """Return the advance width of `teks` at `ukuran_pt`, in millimetres."""
    return lebar_teks(teks, ukuran_pt, TEBAL if tebal else BIASA) * MM_PER_PT


def _pecah_kata(kata: str, lebar: float, ukuran: float, huruf: str) -> list[str]:
    """Split a word wider than `lebar`: at a soft hyphen when a part fits, else by letters."""
    bagian = kata.split("\u00ad")
    hasil: list[str] = []
    isi = ""
    for i, b in enumerate(bagian):
        calon = isi + b
        tanda = "-" if i < len(bagian) - 1 else ""
        if isi and lebar_teks(calon + tanda, ukuran, huruf) > lebar:
            hasil.append(isi + "-")
            calon = b
        isi = calon
    hasil.append(isi)
    keluar: list[str] = []
    for b in hasil:  # a part still too wide: between letters
        while lebar_teks(b, ukuran, huruf) > lebar and len(b) > 1:
            n = len(b) - 1
            while n > 1 and lebar_teks(b[:n], ukuran, huruf) > lebar:
                n -= 1
            keluar.append(b[:n])
            b = b[n:]
        keluar.append(b)
    return keluar


# A line may also break after a slash inside a word ("KECAMATAN /" + "DISTRIK", "RT/" + "RW"),
# as the browser engine that printed Lampiran I before broke them.
_SETELAH_GARIS_MIRING = re.compile(r"(?<=/)(?=[^/])")


@lru_cache(maxsize=65536)
def bungkus(teks: str, lebar: float, ukuran: float, huruf: str = BIASA) -> tuple[str, ...]:
    """Wrap `teks` into lines at most `lebar` pt wide (soft hyphens dropped unless used).

    Breaks at spaces and after a slash; the last opportunity that fits is taken.
    """
    if not teks:
        return ("",)
    spasi = lebar_teks(" ", ukuran, huruf)
    baris: list[str] = []
    isi, lebar_isi = "", 0.0
    for kata in teks.split():
        for k, potongan in enumerate(_SETELAH_GARIS_MIRING.split(kata)):
            tampak = potongan.replace("\u00ad", "")
            w = lebar_teks(tampak, ukuran, huruf)
            sela, jarak = (" ", spasi) if k == 0 else ("", 0.0)
            if isi and lebar_isi + jarak + w <= lebar:
                isi, lebar_isi = f"{isi}{sela}{tampak}", lebar_isi + jarak + w
                continue
            if isi:
                baris.append(isi)
            if w <= lebar:
                isi, lebar_isi = tampak, w
                continue
            *penuh, isi = _pecah_kata(potongan, lebar, ukuran, huruf)
            baris.extend(penuh)
            lebar_isi = lebar_teks(isi, ukuran, huruf)
    baris.append(isi)
    return tuple(baris)


def jumlah_baris(teks: str, lebar_mm: float, ukuran_pt: float, *, tebal: bool = False) -> int:
    """Count the lines `teks` wraps to in a box `lebar_mm` wide."""
    return len(bungkus(teks, lebar_mm * PT_PER_MM, ukuran_pt, TEBAL if tebal else BIASA))


# --- the table -------------------------------------------------------------------------------

GARIS_ISI = UKURAN_ISI * TINGGI_GARIS
GARIS_KEPALA = UKURAN_KEPALA * TINGGI_GARIS


@dataclass(frozen=True)
class BarisTabel:
    """One data row laid out: each cell's lines, and the row's height in points."""

    lokasi: LokasiSK
    sel: tuple[tuple[str, ...], ...]
    tinggi: float


def _sel(teks: str, k: Kolom, lebar: float) -> tuple[str, ...]:
    if k.nowrap:  # coordinates, "B1/ 2": one line, as the Excel prints them
        return (teks,)
    return bungkus(teks, lebar - RUANG_SEL, UKURAN_ISI)


def baris_tabel(lok: LokasiSK, teks: Sequence[str] | None = None) -> BarisTabel:
    """Lay out one lokasi's row (`teks`: its cell texts when the caller has them)."""
    sel = tuple(
        _sel(t, k, w)
        for t, k, w in zip(teks or sel_lampiran1(lok), KOLOM, LEBAR_KOLOM, strict=True)
    )
    return BarisTabel(lok, sel, max(map(len, sel)) * GARIS_ISI + 2 * PADDING_V + GARIS)


def tinggi_baris_mm(sel: Sequence[str]) -> float:
    """Return the height of a data row with these cell texts, in millimetres."""
    return baris_tabel(None, sel).tinggi * MM_PER_PT  # type: ignore[arg-type]


@dataclass(frozen=True)
class SelKepala:
    """A header cell: its columns [awal, akhir), header rows [baris, baris + rentang), lines."""

    awal: int
    akhir: int
    baris: int
    rentang: int
    teks: tuple[str, ...]


@cache
def kepala() -> tuple[tuple[SelKepala, ...], float, float]:
    """Lay out the two header rows (repeated on every page): cells, row 1 and row 2 heights.

    Row 1 holds the groups over their columns and the columns without group, spanning both rows.
    """
    sel: list[SelKepala] = []
    awal = 0
    for grup, n in grup_kolom():
        lebar = sum(LEBAR_KOLOM[awal : awal + n]) - RUANG_SEL
        if n == 1 and not KOLOM[awal].grup:
            sel.append(SelKepala(awal, awal + 1, 0, 2, bungkus(grup, lebar, UKURAN_KEPALA, TEBAL)))
        else:
            sel.append(SelKepala(awal, awal + n, 0, 1, bungkus(grup, lebar, UKURAN_KEPALA, TEBAL)))
            for i in range(awal, awal + n):
                teks = bungkus(
                    KOLOM[i].judul_cetak, LEBAR_KOLOM[i] - RUANG_SEL, UKURAN_KEPALA, TEBAL
                )
                sel.append(SelKepala(i, i + 1, 1, 1, teks))
        awal += n

    def tinggi(s: SelKepala) -> float:
        return len(s.teks) * GARIS_KEPALA + 2 * PADDING_V + GARIS

    satu = max(tinggi(s) for s in sel if s.baris == 0 and s.rentang == 1)
    dua = max(tinggi(s) for s in sel if s.baris == 1)
    rentang = max(tinggi(s) for s in sel if s.rentang == 2)
    return tuple(sel), satu, max(dua, rentang - satu)


def tinggi_kepala() -> float:
    _, satu, dua = kepala()
    return satu + dua


# --- the blocks around the table -------------------------------------------------------------

GARIS_9 = UKURAN_BLOK * GARIS_BLOK
LEBAR_KEPALA_LAMPIRAN = 105 * PT_PER_MM
LABEL_KEPALA, TITIK_KEPALA = 18 * PT_PER_MM, 3 * PT_PER_MM
JARAK_BAWAH_KEPALA, JARAK_BAWAH_JUDUL = 5 * PT_PER_MM, 4 * PT_PER_MM
JARAK_BLOK = 6 * PT_PER_MM  # above the verification blocks and above the head's signature
RUANG_TTD = 18 * PT_PER_MM  # the space left for a wet signature
LEBAR_TTD_KEPALA = 80 * PT_PER_MM
PADDING_BLOK = 3 * PT_PER_MM


def kepala_lampiran(isi: IsiSK) -> list[tuple[str, str, tuple[str, ...]]]:
    """The annex header's rows (label, colon, wrapped value), 9 pt, at the top right."""
    lebar_penuh = LEBAR_KEPALA_LAMPIRAN - 2 * PT_PER_MM
    lebar_nilai = LEBAR_KEPALA_LAMPIRAN - LABEL_KEPALA - TITIK_KEPALA - 2 * PT_PER_MM
    return [
        ("", "", bungkus("LAMPIRAN I", lebar_penuh, UKURAN_BLOK)),
        ("", "", bungkus(f"KEPUTUSAN {isi.judul_kepala}", lebar_penuh, UKURAN_BLOK)),
        ("NOMOR", ":", bungkus(isi.nomor_cetak, lebar_nilai, UKURAN_BLOK)),
        ("TANGGAL", ":", bungkus(isi.tanggal_cetak, lebar_nilai, UKURAN_BLOK)),
        ("TENTANG", ":", bungkus(isi.tentang.upper(), lebar_nilai, UKURAN_BLOK)),
    ]


def judul(isi: IsiSK) -> tuple[str, ...]:
    teks = f"DAFTAR LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI {isi.daerah}".upper()
    return bungkus(teks, LEBAR_TABEL, UKURAN_JUDUL, TEBAL)


def tinggi_awal(isi: IsiSK) -> float:
    """Height of the annex header and the title above the table on the first page."""
    garis = sum(len(t) for _, _, t in kepala_lampiran(isi))
    return (
        garis * GARIS_9
        + JARAK_BAWAH_KEPALA
        + len(judul(isi)) * UKURAN_JUDUL * GARIS_BLOK
        + JARAK_BAWAH_JUDUL
    )


def baris_jumlah(isi: IsiSK) -> list[tuple[int, int, str]]:
    """The total row's cells: (first column, column after the last, text)."""
    if not isi.lokasi:
        return [(0, 2, "JUMLAH: 0 (nol) lokasi"), (2, 3, "0,00"), (3, 16, "")]
    return [
        (0, 2, f"JUMLAH: {angka.dengan_terbilang(isi.jumlah_lokasi, 'lokasi')}"),
        (2, 3, angka.format_hektar(isi.luas_total_ha)),
        (3, 6, angka.dengan_terbilang(isi.jumlah_kecamatan, "kecamatan")),
        (6, 7, angka.format_bilangan(isi.jumlah_penduduk)),
        (7, 16, ""),
    ]


def sel_jumlah(isi: IsiSK) -> tuple[list[tuple[int, int, tuple[str, ...]]], float]:
    """The total row laid out (bold): cells with their lines, and its height."""
    sel = []
    for a, b, teks in baris_jumlah(isi):
        lebar = sum(LEBAR_KOLOM[a:b]) - RUANG_SEL
        sel.append((a, b, bungkus(teks, lebar, UKURAN_ISI, TEBAL)))
    return sel, max(len(t) for _, _, t in sel) * GARIS_ISI + 2 * PADDING_V + GARIS


@dataclass(frozen=True)
class KolomVerifikasi:
    """One of the three verification blocks: heading lines, then name lines (text, bold)."""

    judul: tuple[str, ...]
    nama: tuple[tuple[str, bool], ...]


LEBAR_VERIFIKASI = LEBAR_TABEL / 3 - 2 * PADDING_BLOK


def verifikasi(isi: IsiSK) -> list[KolomVerifikasi]:
    hasil = []
    for s in isi.stempel_urut():
        judul_ = tuple(t for b in s.judul for t in bungkus(b, LEBAR_VERIFIKASI, UKURAN_BLOK))
        nama: list[tuple[str, bool]] = []
        if s.nama:
            nama += [(t, True) for t in bungkus(s.nama, LEBAR_VERIFIKASI, UKURAN_BLOK, TEBAL)]
        else:
            nama.append(("." * 37, False))
        for teks in (s.jabatan, f"NIP. {s.nip}" if s.nip else ""):
            if teks:
                nama += [(t, False) for t in bungkus(teks, LEBAR_VERIFIKASI, UKURAN_BLOK)]
        if s.tanggal:
            nama.append((angka.tanggal_indonesia(s.tanggal), False))
        hasil.append(KolomVerifikasi(judul_, tuple(nama)))
    return hasil


def ttd_kepala(isi: IsiSK) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The head's signature closing the annex: the office ("WALI KOTA PEKALONGAN,"), the name."""
    lebar = LEBAR_TTD_KEPALA - 1 * PT_PER_MM
    jabatan = f"{isi.penandatangan_jabatan or isi.judul_kepala},"
    nama = isi.penandatangan_nama.upper() or "( NAMA LENGKAP TANPA GELAR )"
    return bungkus(jabatan, lebar, UKURAN_BLOK, TEBAL), bungkus(nama, lebar, UKURAN_BLOK, TEBAL)


def tinggi_verifikasi(isi: IsiSK) -> float:
    kolom = verifikasi(isi)
    garis = 1 + max(len(k.judul) for k in kolom) + max(len(k.nama) for k in kolom)
    return JARAK_BLOK + garis * GARIS_9 + RUANG_TTD


def tinggi_ttd_kepala(isi: IsiSK) -> float:
    jabatan, nama = ttd_kepala(isi)
    return JARAK_BLOK + 2 * PT_PER_MM + (len(jabatan) + len(nama)) * GARIS_9 + RUANG_TTD


def tinggi_penutup(isi: IsiSK) -> float:
    """Height of what follows the last row: the total row, the verification blocks and the
    head's signature, kept together (on a page of their own, under the headers, if need be)."""
    return sel_jumlah(isi)[1] + tinggi_verifikasi(isi) + tinggi_ttd_kepala(isi)


# --- paginating ------------------------------------------------------------------------------

RUANG_HALAMAN = TINGGI_KERTAS - MARGIN_ATAS - MARGIN_BAWAH


def tata_halaman(
    isi: IsiSK, teks_sel: Mapping[int, Sequence[str]] | None = None
) -> list[list[BarisTabel]]:
    """Lay out every row and split them into pages (`teks_sel`: cell texts by `id(lokasi)`).

    The first page holds the annex header and the title too. When the total row and the
    blocks under it do not fit under the last rows, the last page holds them alone.
    """
    ruang = RUANG_HALAMAN - tinggi_kepala()
    halaman: list[list[BarisTabel]] = [[]]
    sisa = ruang - tinggi_awal(isi)
    for lok in isi.lokasi:
        baris = baris_tabel(lok, teks_sel.get(id(lok)) if teks_sel else None)
        if baris.tinggi > sisa and halaman[-1]:
            halaman.append([])
            sisa = ruang
        halaman[-1].append(baris)
        sisa -= baris.tinggi
    if tinggi_penutup(isi) > sisa and halaman[-1]:
        halaman.append([])
    return halaman


def rencana_halaman(
    isi: IsiSK, teks_sel: Mapping[int, Sequence[str]] | None = None
) -> list[list[LokasiSK]]:
    """The lokasi of each page of Lampiran I, as the PDF prints them."""
    return [[b.lokasi for b in h] for h in tata_halaman(isi, teks_sel)]
