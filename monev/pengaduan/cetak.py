"""The monitoring report of pengaduan for a period as a PDF (publishable: no contact data)."""

from __future__ import annotations

from django.template.loader import render_to_string

from kumuh import pdf
from monev.pengaduan.data import IsiLaporan

NOMOR_HALAMAN = "Halaman {n} dari {total}"


def pdf_laporan(isi: IsiLaporan) -> bytes:
    html = render_to_string("monev/cetak/pengaduan.html", {"isi": isi})
    return pdf.beri_nomor_halaman(pdf.render_pdf(html), format=NOMOR_HALAMAN)
