"""Demo complaints (called by monev_demo; idempotent, synthetic, labelled demo).

Six complaints of Kota Pekalongan, one per handling step, two of them within 100 m of each
other (flagged as possible duplicates) and one recommendation past its due date.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lokasi.models import KabupatenKota, Kelurahan, Lokasi, Pengguna
from monev.models import Pengaduan
from monev.pengaduan import aturan, services

# (kategori, uraian, step reached, metres north of the first pin)
ADUAN = (
    ("kumuh_baru", "Hunian semi permanen bertambah di bantaran sungai (demo).", aturan.DITERIMA, 0),
    ("kumuh_baru", "Bedeng baru di sempadan sungai dekat jembatan (demo).", aturan.TRIASE, 60),
    ("kerusakan_psu", "Paving hasil penanganan ambles dan drainase tersumbat (demo).",
     aturan.CEK_LAPANGAN, 900),
    ("perizinan", "Bangunan gudang tanpa papan izin di permukiman padat (demo).",
     aturan.EVALUASI, 1500),
    ("standar_teknis", "Jalan lingkungan baru tanpa saluran drainase (demo).",
     aturan.REKOMENDASI, 2100),
    ("kelaikan_fungsi", "MCK komunal tidak berfungsi sejak tiga bulan (demo).", aturan.SELESAI,
     2700),
)  # fmt: skip
ISI = {
    aturan.TRIASE: {"catatan_triase": "Layak ditindaklanjuti; dekat lokasi kumuh (demo)."},
    aturan.CEK_LAPANGAN: {"hasil_cek_lapangan": "Ditemukan kerusakan seperti dilaporkan (demo)."},
    aturan.EVALUASI: {
        "evaluasi_perizinan": "Tidak ada persetujuan bangunan gedung (demo).",
        "evaluasi_standar_teknis": "Tidak memenuhi standar drainase lingkungan (demo).",
        "evaluasi_kelaikan_fungsi": "Tidak laik fungsi sampai diperbaiki (demo).",
    },
    aturan.REKOMENDASI: {
        "rekomendasi": "Perbaikan oleh pengelola; pengawasan oleh Dinas (demo).",
        "penanggung_jawab": "Dinas Pekerjaan Umum dan Penataan Ruang (demo)",
    },
    aturan.SELESAI: {"catatan_selesai": "Sudah diperbaiki dan diperiksa ulang (demo)."},
}


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create the demo complaints once; return a line for the demo's output ("" if none)."""
    if Pengaduan.objects.filter(kabupaten_kota=kabkota, uraian__endswith="(demo).").exists():
        return ""
    kelurahan = list(Kelurahan.objects.filter(kecamatan__kabupaten_kota=kabkota).order_by("kode"))
    if not kelurahan:
        return ""
    titik = Lokasi.objects.filter(kabupaten_kota=kabkota, lintang__isnull=False).first()
    lintang = titik.lintang if titik else Decimal("-6.889000")
    bujur = titik.bujur if titik else Decimal("109.675000")
    operator = pengguna["operator"]
    hari_ini = timezone.localdate()
    for i, (kategori, uraian, sampai, meter) in enumerate(ADUAN):
        p = services.pengaduan_kirim(
            pengaduan=Pengaduan(
                kabupaten_kota=kabkota,
                kelurahan=kelurahan[i % len(kelurahan)],
                lintang=(lintang + Decimal(meter) / Decimal("111195")).quantize(Decimal("1e-6")),
                bujur=bujur,
                kategori=kategori,
                uraian=uraian,
                kontak="0800-0000-000 (demo)" if i % 2 else "",
            )
        )
        for ke in aturan.TAHAP[1 : aturan.TAHAP.index(sampai) + 1]:
            nilai = dict(ISI.get(ke, {}))
            if ke == aturan.CEK_LAPANGAN:
                nilai["tanggal_cek"] = hari_ini
                nilai["lokasi"] = titik
            if ke == aturan.REKOMENDASI:
                nilai["tenggat"] = hari_ini + timedelta(days=30)
            if ke == aturan.SELESAI:
                nilai["tanggal_selesai"] = hari_ini
            p = services.langkah_catat(
                pengaduan=p, ke=ke, nilai=nilai, pengguna=operator, versi_awal=p.versi
            )
        if sampai == aturan.REKOMENDASI:
            # The story needs an overdue recommendation, whose past due date the form refuses
            # on entry; the demo moves it back after the real steps.
            Pengaduan.objects.filter(pk=p.pk).update(tenggat=hari_ini - timedelta(days=10))
    return f"Pengaduan demo: {len(ADUAN)} pengaduan dalam berbagai tahap."
