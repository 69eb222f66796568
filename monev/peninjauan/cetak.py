"""Tabel 5 as an A4 landscape PDF: one lokasi, or the city's book (every lokasi of the review).

The templates read only what `muat` loaded (`HasilLokasi`, the settings' footnote); the table
itself is one partial (`monev/cetak/tabel5_tabel.html`) shared with the page.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.text import slugify

from kumuh import pdf
from monev.models import PengaturanMonev, PeninjauanUlang
from monev.peninjauan.muat import HasilLokasi, Rekap

NOMOR_HALAMAN = "Halaman {n} dari {total}"

# Printed when the city wrote no footnote of its own: the reading it applies (§3.3).
CATATAN_BAKU = {
    "a": "Kontribusi penanganan dihitung dengan rumus di atas.",
    "b": "Jika nilai rata-rata kekumuhan sektoral akhir < 25%, maka kontribusi penanganan = 100%.",
    "c": "Jika total nilai akhir < 16 (tidak kumuh), maka kontribusi penanganan = 100%; selain "
    "itu (rata-rata sektoral awal − rata-rata sektoral akhir) / (rata-rata sektoral awal − "
    "24,99%) × 100%.",
}


def catatan_kaki(pengaturan: PengaturanMonev) -> str:
    """Return the footnote printed under Tabel 5: the city's own, else its reading's."""
    return pengaturan.catatan_kaki.strip() or CATATAN_BAKU[pengaturan.bacaan_kontribusi]


def html_tabel5(peninjauan: PeninjauanUlang, h: HasilLokasi, pengaturan: PengaturanMonev) -> str:
    return render_to_string(
        "monev/cetak/tabel5.html",
        {"peninjauan": peninjauan, "h": h, "catatan_kaki": catatan_kaki(pengaturan)},
    )


def pdf_tabel5(rekap: Rekap, h: HasilLokasi) -> bytes:
    """Render one lokasi's Tabel 5, pages numbered."""
    html = html_tabel5(rekap.peninjauan, h, rekap.pengaturan)
    return pdf.beri_nomor_halaman(pdf.render_pdf(html), format=NOMOR_HALAMAN)


def pdf_buku(rekap: Rekap) -> bytes:
    """Render every lokasi's Tabel 5 (each from a new page) as one book, pages numbered."""
    potongan = [html_tabel5(rekap.peninjauan, h, rekap.pengaturan) for h in rekap.lokasi]
    if not potongan:
        raise ValueError("peninjauan ulang tanpa lokasi")
    return pdf.beri_nomor_halaman(pdf.gabung(pdf.render_paralel(potongan)), format=NOMOR_HALAMAN)


def nama_berkas(rekap: Rekap, format: str, h: HasilLokasi | None = None) -> str:
    """ "tabel5-2026-kampung-nelayan.pdf", or "tabel5-2026-kota-alfa.xlsx" for the book."""
    p = rekap.peninjauan
    nama = h.lokasi.nama if h else p.kabupaten_kota.nama
    return f"tabel5-{p.tahun}-{slugify(nama)}.{format}"
