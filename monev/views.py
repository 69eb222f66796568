"""The monev area's home page: its parts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

# (url name, title, what it holds).
BAGIAN = [
    ("monev:pemantauan_daftar", _("Pemantauan kegiatan"),
     _("Progres fisik, realisasi keuangan dan volume per efek, foto 0/50/100 %, temuan APIP.")),
    ("monev:aset_daftar", _("Operasional dan pemeliharaan"),
     _("Aset yang diserahterimakan dan pemeriksaan keberfungsiannya.")),
    ("monev:kalender", _("Jadwal tata kelola"),
     _("Rapat monitoring Pokja, evaluasi tahunan, peninjauan ulang, PKS, pemeriksaan aset.")),
    ("monev:evaluasi_daftar", _("Evaluasi tahunan"),
     _("Tabel E1–E7, narasi dan rekomendasi Pokja PKP, PDF dan Excel.")),
    ("monev:peninjauan_daftar", _("Peninjauan ulang"),
     _("Tabel 5 per lokasi SK: kondisi awal, penanganan, kondisi akhir, kontribusi.")),
]  # fmt: skip


@login_required
@require_GET
def beranda(request: HttpRequest) -> HttpResponse:
    kartu = [{"url": reverse(nama), "judul": judul, "isi": isi} for nama, judul, isi in BAGIAN]
    return render(request, "monev/beranda.html", {"kartu": kartu})
