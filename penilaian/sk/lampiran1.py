"""Draw Lampiran I (Daftar Lokasi) of an SK onto PDF pages with ReportLab.

The pages are laid out by penilaian.sk.tata (every line and page break decided there, with the
metrics of the embedded fonts); this module only draws them: the annex header and title on the
first page, the two header rows on every page, the rows, the total row, the three verification
blocks and the head's signature on the last page, "Halaman n dari N" at the foot and a draft's
note at the top right. What it prints follows the WeasyPrint template it replaced
(templates/penilaian/cetak/sk_lampiran1.html, kept for reference in git history): the same
columns, fonts, sizes, margins, borders and shading.

Why not WeasyPrint: it laid the 8,000 cells of 500 lokasi out with CSS in ≈ 6 CPU seconds;
drawing them at precomputed positions takes ≈ 0.1 s (docs/kinerja/sk-libreoffice.md).

Pure: ReportLab and the standard library; reads only `penilaian.sk.isi.IsiSK`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from penilaian.daftar_lokasi import Rata
from penilaian.sk import tata
from penilaian.sk.isi import IsiSK
from penilaian.sk.tata import (
    BIASA,
    GARIS_9,
    GARIS_ISI,
    GARIS_KEPALA,
    KOLOM,
    LEBAR_KOLOM,
    MIRING,
    PADDING_H,
    PADDING_V,
    PT_PER_MM,
    TEBAL,
    UKURAN_BLOK,
    UKURAN_ISI,
    UKURAN_KEPALA,
)

# Bumped when the drawing changes, so that no cached file of an older drawing is served.
VERSI = "reportlab-1"
NOMOR_HALAMAN = "Halaman {n} dari {total}"
CATATAN_DRAF = "Draf SK — data per {waktu}, belum ditetapkan"

KIRI = tata.MARGIN_SISI
KANAN = tata.MARGIN_SISI + tata.LEBAR_TABEL
ATAS = tata.TINGGI_KERTAS - tata.MARGIN_ATAS
TEPI_KOLOM = tuple(KIRI + sum(LEBAR_KOLOM[:i]) for i in range(len(KOLOM) + 1))
ABU_KEPALA, ABU_JUMLAH = (0xE8 / 255,) * 3, (0xF4 / 255,) * 3
MERAH_DRAF = (0x8A / 255, 0x1C / 255, 0x1C / 255)
TEBAL_GARIS = tata.GARIS
SISIP = PADDING_H + TEBAL_GARIS / 2  # from a cell's side to its text
SISIP_V = PADDING_V + TEBAL_GARIS / 2  # from a cell's top to its first line


def _alas(ukuran: float, tinggi_garis: float) -> float:
    """Distance from a line box's top to its baseline: CSS half-leading around the font's
    ascent (0.905 em) and descent (0.212 em) of Liberation Sans."""
    return (tinggi_garis - 1.117 * ukuran) / 2 + 0.905 * ukuran


ALAS_ISI = _alas(UKURAN_ISI, GARIS_ISI)
ALAS_KEPALA = _alas(UKURAN_KEPALA, GARIS_KEPALA)
ALAS_9 = _alas(UKURAN_BLOK, GARIS_9)


class _Gambar:
    """The drawing of one document: text through one text object per page, lines and fills
    straight on the canvas."""

    def __init__(self, isi: IsiSK, judul: str) -> None:
        from reportlab.lib.rl_accel import escapePDF
        from reportlab.pdfbase.pdfmetrics import getFont
        from reportlab.pdfgen.canvas import Canvas

        tata.daftarkan_huruf()
        self.isi = isi
        self.keluar = io.BytesIO()
        self.c = Canvas(
            self.keluar,
            pagesize=(tata.LEBAR_KERTAS, tata.TINGGI_KERTAS),
            pageCompression=1,
            invariant=1,  # the same content gives the same bytes (no creation date, fixed id)
        )
        self.c.setTitle(judul)
        self.c.setAuthor("kumuh")
        self._huruf = {nama: getFont(nama) for nama in (BIASA, TEBAL, MIRING)}
        self._kode: list[str] = []
        self._aktif: tuple | None = None
        self._escape = escapePDF

    # -- text ----------------------------------------------------------------------------------

    def teks(self, x: float, y: float, s: str, huruf: str = BIASA, ukuran: float = UKURAN_ISI):
        """Write `s` with its baseline at (x, y).

        The text operators are written here rather than through ReportLab's text object, whose
        textOut measures every string again to move its cursor (a third of the drawing time).
        """
        if not s:
            return
        font = self._huruf[huruf]
        doc = self.c._doc
        tulis = self._kode.append
        tulis(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for subset, t in font.splitString(s, doc):
            if self._aktif != (huruf, subset, ukuran):
                tulis(f"{font.getSubsetInternalName(subset, doc)} {ukuran:g} Tf")
                self._aktif = (huruf, subset, ukuran)
            tulis(f"({self._escape(t)}) Tj")

    def warna_teks(self, rgb: tuple[float, float, float]) -> None:
        self._kode.append("{:.3f} {:.3f} {:.3f} rg".format(*rgb))

    def teks_rata(
        self,
        kiri: float,
        kanan: float,
        y: float,
        s: str,
        rata: Rata,
        huruf: str = BIASA,
        ukuran: float = UKURAN_ISI,
    ) -> None:
        if rata is Rata.KIRI:
            x = kiri
        else:
            w = tata.lebar_teks(s, ukuran, huruf)
            x = kanan - w if rata is Rata.KANAN else (kiri + kanan - w) / 2
        self.teks(x, y, s, huruf, ukuran)

    def mulai_halaman(self) -> None:
        self.c.setLineWidth(TEBAL_GARIS)
        self._kode = ["BT"]
        self._aktif = None

    def akhiri_halaman(self) -> None:
        # All the page's text in one text object, drawn last: over the header's shading.
        self._kode.append("ET")
        self.c._code.append("\n".join(self._kode))
        self.c.showPage()

    # -- pieces --------------------------------------------------------------------------------

    def kotak(self, x0: float, y_atas: float, x1: float, y_bawah: float, isi_warna) -> None:
        self.c.setFillColorRGB(*isi_warna)
        self.c.rect(x0, y_bawah, x1 - x0, y_atas - y_bawah, stroke=0, fill=1)
        self.c.setFillColorRGB(0, 0, 0)

    def kepala_lampiran(self, y: float) -> float:
        """The annex header at the top right; returns the y under it."""
        x = KANAN - tata.LEBAR_KEPALA_LAMPIRAN + PT_PER_MM
        for label, titik, nilai in tata.kepala_lampiran(self.isi):
            if label:
                self.teks(x, y - ALAS_9, label, ukuran=UKURAN_BLOK)
                self.teks(x + tata.LABEL_KEPALA, y - ALAS_9, titik, ukuran=UKURAN_BLOK)
                xn = x + tata.LABEL_KEPALA + tata.TITIK_KEPALA
            else:
                xn = x
            for garis in nilai:
                self.teks(xn, y - ALAS_9, garis, ukuran=UKURAN_BLOK)
                y -= GARIS_9
        y -= tata.JARAK_BAWAH_KEPALA
        tinggi = tata.UKURAN_JUDUL * tata.GARIS_BLOK
        alas = _alas(tata.UKURAN_JUDUL, tinggi)
        for garis in tata.judul(self.isi):
            self.teks_rata(KIRI, KANAN, y - alas, garis, Rata.TENGAH, TEBAL, tata.UKURAN_JUDUL)
            y -= tinggi
        return y - tata.JARAK_BAWAH_JUDUL

    def kepala_tabel(self, y: float) -> float:
        sel, satu, dua = tata.kepala()
        bawah = y - satu - dua
        self.kotak(KIRI, y, KANAN, bawah, ABU_KEPALA)
        c = self.c
        garis = c.beginPath()
        for s in sel:
            x0, x1 = TEPI_KOLOM[s.awal], TEPI_KOLOM[s.akhir]
            atas = y if s.baris == 0 else y - satu
            tinggi = (satu + dua) if s.rentang == 2 else (satu if s.baris == 0 else dua)
            garis.rect(x0, atas - tinggi, x1 - x0, tinggi)
            # Vertically centred, as the template's `vertical-align: middle`.
            y_teks = atas - (tinggi - len(s.teks) * GARIS_KEPALA) / 2
            for t in s.teks:
                self.teks_rata(
                    x0 + SISIP, x1 - SISIP, y_teks - ALAS_KEPALA, t, Rata.TENGAH,
                    TEBAL, UKURAN_KEPALA,
                )  # fmt: skip
                y_teks -= GARIS_KEPALA
        c.drawPath(garis, stroke=1, fill=0)
        return bawah

    def baris(self, y: float, baris: tata.BarisTabel) -> float:
        for garis, k, x0, x1 in zip(baris.sel, KOLOM, TEPI_KOLOM, TEPI_KOLOM[1:], strict=False):
            y_teks = y - SISIP_V - ALAS_ISI
            for t in garis:
                self.teks_rata(x0 + SISIP, x1 - SISIP, y_teks, t, k.rata)
                y_teks -= GARIS_ISI
        return y - baris.tinggi

    def garis_tabel(self, atas: float, batas: Sequence[float]) -> None:
        """The grid of the data rows between `atas` and the last of `batas` (each row's foot)."""
        if not batas:
            return
        bawah = batas[-1]
        garis = self.c.beginPath()
        for x in TEPI_KOLOM:
            garis.moveTo(x, atas)
            garis.lineTo(x, bawah)
        for y in batas:
            garis.moveTo(KIRI, y)
            garis.lineTo(KANAN, y)
        self.c.drawPath(garis, stroke=1, fill=0)

    def jumlah(self, y: float) -> float:
        sel, tinggi = tata.sel_jumlah(self.isi)
        self.kotak(KIRI, y, KANAN, y - tinggi, ABU_JUMLAH)
        garis = self.c.beginPath()
        for a, b, teks in sel:
            x0, x1 = TEPI_KOLOM[a], TEPI_KOLOM[b]
            garis.rect(x0, y - tinggi, x1 - x0, tinggi)
            rata = KOLOM[a].rata if b - a == 1 else Rata.KIRI
            y_teks = y - SISIP_V - ALAS_ISI
            for t in teks:
                self.teks_rata(x0 + SISIP, x1 - SISIP, y_teks, t, rata, TEBAL)
                y_teks -= GARIS_ISI
        self.c.drawPath(garis, stroke=1, fill=0)
        return y - tinggi

    def garis_bawah(self, x: float, y: float, s: str, huruf: str) -> None:
        w = tata.lebar_teks(s, UKURAN_BLOK, huruf)
        self.c.line(x, y - 1.1, x + w, y - 1.1)

    def verifikasi(self, y: float) -> float:
        """The three verification blocks ("Mengetahui,"): headings, signature space, names."""
        y -= tata.JARAK_BLOK
        kolom = tata.verifikasi(self.isi)
        lebar = tata.LEBAR_TABEL / 3
        self.teks(KIRI + tata.PADDING_BLOK, y - ALAS_9, "Mengetahui,", ukuran=UKURAN_BLOK)
        y -= GARIS_9
        tinggi_judul = max(len(k.judul) for k in kolom) * GARIS_9
        y_nama = y - tinggi_judul - tata.RUANG_TTD
        for i, k in enumerate(kolom):
            x0 = KIRI + i * lebar + tata.PADDING_BLOK
            x1 = KIRI + (i + 1) * lebar - tata.PADDING_BLOK
            yy = y
            for t in k.judul:
                self.teks_rata(x0, x1, yy - ALAS_9, t, Rata.TENGAH, BIASA, UKURAN_BLOK)
                yy -= GARIS_9
            yy = y_nama
            for t, tebal in k.nama:
                huruf = TEBAL if tebal else BIASA
                self.teks_rata(x0, x1, yy - ALAS_9, t, Rata.TENGAH, huruf, UKURAN_BLOK)
                if tebal:
                    w = tata.lebar_teks(t, UKURAN_BLOK, huruf)
                    self.garis_bawah((x0 + x1 - w) / 2, yy - ALAS_9, t, huruf)
                yy -= GARIS_9
        return y_nama - max(len(k.nama) for k in kolom) * GARIS_9

    def ttd_kepala(self, y: float) -> float:
        """The head's signature at the right: office, space for the wet signature, name."""
        x = KANAN - tata.LEBAR_TTD_KEPALA
        y -= tata.JARAK_BLOK + 2 * PT_PER_MM
        jabatan, nama = tata.ttd_kepala(self.isi)
        for t in jabatan:
            self.teks(x, y - ALAS_9, t, TEBAL, UKURAN_BLOK)
            y -= GARIS_9
        y -= tata.RUANG_TTD
        for t in nama:
            self.teks(x, y - ALAS_9, t, TEBAL, UKURAN_BLOK)
            self.garis_bawah(x, y - ALAS_9, t, TEBAL)
            y -= GARIS_9
        return y

    def kaki(self, n: int, total: int) -> None:
        """The page number, centred in the bottom margin."""
        teks = NOMOR_HALAMAN.format(n=n, total=total)
        y = tata.MARGIN_BAWAH / 2 - (0.905 - 0.212) / 2 * 8
        self.teks_rata(KIRI, KANAN, y, teks, Rata.TENGAH, BIASA, 8)

    def catatan_draf(self) -> None:
        """A draft's note at the top right, just above the table (italic, dark red)."""
        catatan = CATATAN_DRAF.format(waktu=self.isi.dibuat_pada)
        w = tata.lebar_teks(catatan, 6.5, MIRING)
        self.warna_teks(MERAH_DRAF)
        self.teks(KANAN - w, ATAS + 0.212 * 6.5 + 0.5, catatan, MIRING, 6.5)
        self.warna_teks((0, 0, 0))

    def selesai(self) -> bytes:
        self.c.save()
        return self.keluar.getvalue()


def pdf_lampiran1(isi: IsiSK, halaman: Sequence[Sequence[tata.BarisTabel]] | None = None) -> bytes:
    """Draw Lampiran I: `halaman` laid out by tata.tata_halaman (computed when not given).

    Without a draft's note: it changes with every render, so it is drawn on its own page
    (`pdf_catatan_draf`) and laid over these, which can then be cached (penilaian.sk.cetak).
    """
    if halaman is None:
        halaman = tata.tata_halaman(isi)
    g = _Gambar(isi, f"Lampiran I — Daftar Lokasi — {isi.judul_keputusan}")
    total = len(halaman)
    for n, baris in enumerate(halaman, start=1):
        g.mulai_halaman()
        y = ATAS
        if n == 1:
            y = g.kepala_lampiran(y)
        y = g.kepala_tabel(y)
        atas = y
        batas = []
        for b in baris:
            y = g.baris(y, b)
            batas.append(y)
        g.garis_tabel(atas, batas)
        if n == total:
            y = g.jumlah(y)
            y = g.verifikasi(y)
            g.ttd_kepala(y)
        g.kaki(n, total)
        g.akhiri_halaman()
    return g.selesai()


def pdf_catatan_draf(isi: IsiSK) -> bytes:
    """One page holding only a draft's note ("Draf SK — data per <time>, belum ditetapkan")."""
    g = _Gambar(isi, "Draf SK")
    g.mulai_halaman()
    g.catatan_draf()
    g.akhiri_halaman()
    return g.selesai()


def sidik(isi: IsiSK, halaman: Sequence[Sequence[tata.BarisTabel]]) -> str:
    """Everything the pages print, as one text: what the cache finds a drawing again by.

    Built from the laid-out lines themselves, so anything that changes a page changes it, and
    what Lampiran I does not print (photos, maps, the Keputusan's text) does not.
    """
    from importlib.metadata import version

    bagian = [
        VERSI,
        version("reportlab"),
        isi.judul_keputusan,
        repr(tata.kepala_lampiran(isi)),
        repr(tata.judul(isi)),
        repr(tata.sel_jumlah(isi)),
        repr(tata.verifikasi(isi)),
        repr(tata.ttd_kepala(isi)),
    ]
    for h in halaman:
        bagian.append("\f")
        bagian.extend(repr(b.sel) for b in h)
    return "\n".join(bagian)
