"""Plan the pages of Lampiran I before rendering, so parallel chunks join without a seam.

Lampiran I is rendered in chunks by several processes (kumuh.pdf). Cut at arbitrary rows, every
chunk would end on a half-empty page. Instead the rows are paginated here, in Python, from the
same texts and column widths the template prints, measured with the font WeasyPrint uses
(Liberation Sans, through Pillow/FreeType): each row's height is its tallest cell's wrapped line
count × line height + padding. Chunks are then whole planned pages, and every planned page
after the first starts with an explicit page break, so the PDF is the same however many chunks
rendered it.

The estimate is deliberately pessimistic (lines break at spaces only, a little narrower than the
real column, a safety margin per page): a page may end a few millimetres early, never overflow.
Should a planned page still overflow, WeasyPrint simply continues on a new page; the document
stays correct and page numbers are stamped afterwards from the real pages.

Pure: Pillow and the standard library, plus kumuh.angka; the columns and cell texts are
penilaian.daftar_lokasi's, as the SK's Excel and the priority list print them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from kumuh import angka
from penilaian import daftar_lokasi
from penilaian.daftar_lokasi import KOLOM_LAMPIRAN, Kolom
from penilaian.sk.isi import IsiSK, LokasiSK

MM_PER_PT = 25.4 / 72
HURUF = "Liberation Sans"
# The template's geometry (templates/penilaian/cetak/sk_lampiran1.html and sk.css).
TINGGI_KERTAS_MM = 210.0  # A4 landscape
MARGIN_ATAS_MM, MARGIN_BAWAH_MM = 12.0, 15.0
UKURAN_ISI_PT, UKURAN_KEPALA_PT = 7.2, 6.8
TINGGI_BARIS = 1.2  # line-height of the table
PADDING_V_MM, PADDING_H_MM = 0.6, 0.8
GARIS_MM = 0.5 * MM_PER_PT
# Pessimism: wrap as if columns were this much narrower, and keep this free on every page.
SUSUT_LEBAR = 0.96
CADANGAN_HALAMAN_MM = 3.0


KOLOM: tuple[Kolom, ...] = KOLOM_LAMPIRAN
LEBAR_TABEL_MM = sum(k.lebar_mm for k in KOLOM)  # 277: A4 landscape minus 10 mm margins


def grup_kolom() -> list[tuple[str, int]]:
    """Return (group, span) in column order; a column without group is its own span of 1."""
    return daftar_lokasi.grup_kolom(KOLOM, sk=True)


def sel_lampiran1(lok: LokasiSK) -> tuple[str, ...]:
    """The 16 cell texts of a lokasi's row, exactly as the template prints them."""
    return daftar_lokasi.teks_baris(lok, KOLOM)


# --- measuring text --------------------------------------------------------------------------


# Where Debian's fonts-liberation puts the files; fontconfig is asked when they are elsewhere.
BERKAS_HURUF = {
    False: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}


@cache
def _berkas_huruf(tebal: bool) -> str | None:
    """Find the font file as fontconfig (and so WeasyPrint) resolves it; None if unknown."""
    if Path(BERKAS_HURUF[tebal]).exists():
        return BERKAS_HURUF[tebal]
    if shutil.which("fc-match") is None:
        return None
    pola = f"{HURUF}:bold" if tebal else HURUF
    hasil = subprocess.run(
        ["fc-match", "-f", "%{file}", pola], capture_output=True, text=True, check=False
    )
    return hasil.stdout.strip() or None


@cache
def _huruf(tebal: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    berkas = _berkas_huruf(tebal)
    # Measured at 100 px and scaled: FreeType advances scale linearly with the size.
    return ImageFont.truetype(berkas, 100) if berkas else ImageFont.load_default(100)


@lru_cache(maxsize=65536)
def _lebar_100(teks: str, tebal: bool) -> float:
    # Words repeat a lot (kecamatan names, "Sedang", "RT"): measured once each.
    return _huruf(tebal).getlength(teks)


def lebar_teks_mm(teks: str, ukuran_pt: float, *, tebal: bool = False) -> float:
    """Return the advance width of `teks` at `ukuran_pt`, in millimetres."""
    return _lebar_100(teks, tebal) / 100 * ukuran_pt * MM_PER_PT


def jumlah_baris(teks: str, lebar_mm: float, ukuran_pt: float, *, tebal: bool = False) -> int:
    """Count the lines `teks` wraps to in a box `lebar_mm` wide (breaks at spaces only).

    A word wider than the box is split across lines, as overflow-wrap: break-word does.
    """
    if not teks:
        return 1
    lebar = lebar_mm * SUSUT_LEBAR
    spasi = lebar_teks_mm(" ", ukuran_pt, tebal=tebal)
    baris, isi = 1, 0.0
    for kata in teks.replace("\u00ad", "").split():
        w = lebar_teks_mm(kata, ukuran_pt, tebal=tebal)
        if w > lebar:  # a long word takes whole lines of its own
            if isi:
                baris += 1
            penuh, sisa = divmod(w, lebar)
            baris += int(penuh) - (1 if not sisa else 0)
            isi = sisa
            continue
        perlu = w if not isi else isi + spasi + w
        if perlu <= lebar:
            isi = perlu
        else:
            baris += 1
            isi = w
    return baris


def _tinggi_sel(
    teks: str, lebar_mm: float, ukuran_pt: float, *, tebal: bool, nowrap: bool = False
) -> float:
    lebar = lebar_mm - 2 * PADDING_H_MM
    baris = 1 if nowrap else jumlah_baris(teks, lebar, ukuran_pt, tebal=tebal)
    return baris * ukuran_pt * TINGGI_BARIS * MM_PER_PT + 2 * PADDING_V_MM + GARIS_MM


def tinggi_baris_mm(sel: Sequence[str]) -> float:
    """Return the height of a data row: its tallest cell."""
    return max(
        _tinggi_sel(t, k.lebar_mm, UKURAN_ISI_PT, tebal=False, nowrap=k.nowrap)
        for t, k in zip(sel, KOLOM, strict=True)
    )


@cache
def tinggi_kepala_mm() -> float:
    """Return the height of the two header rows (repeated on every page)."""
    # Row 1: groups over their columns; columns without group span rows 1–2.
    baris1 = baris2 = rentang = 0.0
    kolom = iter(KOLOM)
    for grup, jumlah in grup_kolom():
        anggota = [next(kolom) for _ in range(jumlah)]
        if jumlah == 1 and not anggota[0].grup:
            rentang = max(rentang, _tinggi_kepala(anggota[0].judul_cetak, anggota[0].lebar_mm))
            continue
        baris1 = max(baris1, _tinggi_kepala(grup, sum(k.lebar_mm for k in anggota)))
        for k in anggota:
            baris2 = max(baris2, _tinggi_kepala(k.judul_cetak, k.lebar_mm))
    return max(rentang, baris1 + baris2)


def _tinggi_kepala(teks: str, lebar_mm: float) -> float:
    return _tinggi_sel(teks, lebar_mm, UKURAN_KEPALA_PT, tebal=True)


def tinggi_judul_mm(isi: IsiSK) -> float:
    """Return the height of the annex header and title above the table on the first page."""
    baris = 4  # LAMPIRAN I, KEPUTUSAN …, NOMOR, TANGGAL
    baris += jumlah_baris(isi.tentang.upper(), 105 - 18 - 3 - 2 * 1, 9)
    baris += jumlah_baris(f"KEPUTUSAN {isi.judul_kepala}", 105 - 2, 9) - 1
    kepala = baris * 9 * 1.35 * MM_PER_PT + 5  # line-height 1.35, margin-bottom 5 mm
    judul = f"DAFTAR LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI {isi.daerah}".upper()
    judul_mm = jumlah_baris(judul, LEBAR_TABEL_MM, 11, tebal=True) * 11 * 1.35 * MM_PER_PT + 4
    return kepala + judul_mm


# --- paginating ------------------------------------------------------------------------------


def tinggi_penutup_mm(isi: IsiSK) -> float:
    """Return the height of what follows the last row: the total row, the three
    verification blocks (templates/penilaian/cetak/_verifikasi.html, 9 pt, line-height 1.35)
    and the head's signature."""
    jumlah = f"JUMLAH: {angka.dengan_terbilang(isi.jumlah_lokasi)} lokasi"
    lebar_jumlah = KOLOM[0].lebar_mm + KOLOM[1].lebar_mm
    baris_jumlah = _tinggi_sel(jumlah, lebar_jumlah, UKURAN_ISI_PT, tebal=True)
    lebar_blok = LEBAR_TABEL_MM / 3 - 6  # three cells with 3 mm padding each side
    judul = max(sum(jumlah_baris(b, lebar_blok, 9) for b in s.judul) for s in isi.stempel_urut())
    nama = max(
        jumlah_baris(s.nama or ".....", lebar_blok, 9, tebal=True)
        + sum(jumlah_baris(t, lebar_blok, 9) for t in (s.jabatan, s.nip) if t)
        + (1 if s.tanggal else 0)
        for s in isi.stempel_urut()
    )
    garis_9pt = 9 * 1.35 * MM_PER_PT
    # margin-top 6 mm, "Mengetahui,", headings, 18 mm signature space, names.
    verifikasi = 6 + garis_9pt * (1 + judul + nama) + 18
    return baris_jumlah + verifikasi + tinggi_ttd_kepala_mm(isi)


def tinggi_ttd_kepala_mm(isi: IsiSK) -> float:
    """Return the height of the head's signature closing the annex (_ttd_kepala.html, sk.css:
    80 mm wide, 9 pt; margins 6 + 2 mm, office, 18 mm space, name)."""
    lebar = 80 - 2
    jabatan = isi.penandatangan_jabatan or isi.judul_kepala
    baris = jumlah_baris(f"{jabatan},", lebar, 9, tebal=True)
    baris += jumlah_baris(
        isi.penandatangan_nama.upper() or "( NAMA LENGKAP TANPA GELAR )", lebar, 9, tebal=True
    )
    return 6 + 2 + baris * 9 * 1.35 * MM_PER_PT + 18


def rencana_halaman(
    isi: IsiSK, teks_sel: Mapping[int, Sequence[str]] | None = None
) -> list[list[LokasiSK]]:
    """Split the lokasi into pages of Lampiran I (`teks_sel`: the rows' cell texts by
    `id(lokasi)`, when the caller has them).

    The first page holds the title too. When the total row and the verification blocks do not
    fit under the last rows, the plan ends with an empty page for them, so that the planned
    page count is the document's.
    """
    ruang = TINGGI_KERTAS_MM - MARGIN_ATAS_MM - MARGIN_BAWAH_MM - CADANGAN_HALAMAN_MM
    ruang -= tinggi_kepala_mm()
    halaman: list[list[LokasiSK]] = [[]]
    sisa = ruang - tinggi_judul_mm(isi)
    for lok in isi.lokasi:
        sel = teks_sel.get(id(lok)) if teks_sel else None
        tinggi = tinggi_baris_mm(sel or sel_lampiran1(lok))
        if tinggi > sisa and halaman[-1]:
            halaman.append([])
            sisa = ruang
        halaman[-1].append(lok)
        sisa -= tinggi
    if tinggi_penutup_mm(isi) > sisa and halaman[-1]:
        halaman.append([])
    return halaman


def bagi_halaman(halaman: list[list[LokasiSK]], potongan: int) -> list[list[list[LokasiSK]]]:
    """Group consecutive pages into at most `potongan` chunks of about equal row counts.

    A page goes to the chunk its middle row falls in, so the chunks stay balanced and in order.
    """
    potongan = max(1, min(potongan, len(halaman)))
    total = sum(len(h) for h in halaman) or 1
    hasil: list[list[list[LokasiSK]]] = [[] for _ in range(potongan)]
    dihitung = 0
    for h in halaman:
        tengah = dihitung + len(h) / 2
        hasil[min(potongan - 1, int(tengah * potongan / total))].append(h)
        dihitung += len(h)
    return [k for k in hasil if k]
