"""The kolaborasi area's home page: its parts, with what needs attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kolaborasi.models import Kegiatan, PemangkuKepentingan, PerjanjianKerjaSama, Pertemuan

# (url name, title, what it holds), in the order of the seeds' stages (000:236-246).
BAGIAN = [
    ("kolaborasi:pemangku_daftar", _("Pemangku kepentingan"),
     _("Perangkat Daerah, BUMD, lembaga kemasyarakatan, perusahaan, perguruan tinggi, LSM…")),
    ("kolaborasi:lembaga_daftar", _("Pokja PKP dan Forum PKP"),
     _("SK pembentukan, anggota, masa tugas, rencana kerja, anggaran operasional.")),
    ("kolaborasi:pertemuan_daftar", _("Pertemuan"),
     _("Rapat Pokja, Forum PKP, sosialisasi: kehadiran, temuan, keputusan, notulen.")),
    ("kolaborasi:tahap_daftar", _("Tahap kolaborasi dan kriteria intervensi"),
     _("Enam tahap per lokasi; kriteria prioritas Pokja di samping prioritas Tabel 4.")),
    ("kolaborasi:kegiatan_daftar", _("Kegiatan"),
     _("Per lokasi atau skala kota: apa yang ditangani, biaya dan sumber dana, status.")),
    ("kolaborasi:proyeksi", _("Proyeksi skor"),
     _("Skor lokasi bila rencana kegiatan terlaksana, per tahun dan seluruh rencana.")),
    ("kolaborasi:memorandum", _("Memorandum program"),
     _("Kegiatan × tahun × sumber dana, halaman dan Excel.")),
    ("kolaborasi:pendanaan_kurang", _("Kekurangan pendanaan"),
     _("Kegiatan yang belum terdanai untuk sesi Forum PKP; ikrar dukungan.")),
    ("kolaborasi:pks_daftar", _("Perjanjian kerja sama"),
     _("PKS dengan pihak luar (CSR/TJSLP) dan pelaporannya ke Pokja.")),
]  # fmt: skip


@login_required
@require_GET
def beranda(request: HttpRequest) -> HttpResponse:
    kartu = [{"url": reverse(nama), "judul": judul, "isi": isi} for nama, judul, isi in BAGIAN]
    u = request.user
    jumlah = {
        "pemangku": PemangkuKepentingan.objects.untuk(u).count(),
        "kegiatan": Kegiatan.objects.untuk(u).count(),
        "pertemuan": Pertemuan.objects.untuk(u).count(),
        "pks_belum_dilaporkan": PerjanjianKerjaSama.objects.untuk(u)
        .exclude(status="draf")
        .filter(dilaporkan_pada__isnull=True)
        .count(),
    }
    return render(request, "kolaborasi/beranda.html", {"kartu": kartu, "jumlah": jumlah})
