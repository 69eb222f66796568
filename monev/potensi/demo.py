"""Demo rows of this part (called by monev_demo; idempotent, synthetic, labelled demo): three
areas on the prevention watchlist, from a complaint, the media and data, in three states."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lokasi.models import KabupatenKota, Kelurahan, Pengguna
from monev.models import LokasiPotensi
from monev.potensi import services

# (nama, alamat, sumber, status, days ago, lintang, bujur, keterangan)
PANTAUAN = (
    ("Gang Tambak Baru (demo)", "Jl. Tambak Baru Gg. 3 (demo)", "pengaduan", "dipantau", 20,
     "-6.872100", "109.681400",
     "Warga melaporkan rumah petak baru tanpa saluran drainase di tepi tambak."),
    ("Bantaran Kali Loji Hilir (demo)", "Sepanjang Kali Loji hilir (demo)", "media", "disurvei",
     75, "-6.885300", "109.667900",
     "Berita daring tentang genangan berulang; survei Format Isian dijadwalkan."),
    ("Perumahan Sari Indah Blok C (demo)", "Blok C (demo)", "data", "bukan_kumuh", 160,
     None, None,
     "Data kepadatan bangunan tinggi; cek lapangan: prasarana lengkap dan berfungsi."),
)  # fmt: skip


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    if LokasiPotensi.objects.filter(kabupaten_kota=kabkota, nama__endswith="(demo)").exists():
        return ""
    kelurahan = list(Kelurahan.objects.filter(kecamatan__kabupaten_kota=kabkota).order_by("kode"))
    hari_ini = timezone.localdate()
    for i, (nama, alamat, sumber, status, hari, lintang, bujur, ket) in enumerate(PANTAUAN):
        services.potensi_simpan(
            potensi=LokasiPotensi(
                kabupaten_kota=kabkota, nama=nama, alamat=alamat, sumber=sumber, status=status,
                tanggal=hari_ini - timedelta(days=hari), keterangan=ket,
                kelurahan=kelurahan[(i * 5) % len(kelurahan)] if kelurahan else None,
                lintang=Decimal(lintang) if lintang else None,
                bujur=Decimal(bujur) if bujur else None,
            ),
            pengguna=pengguna["operator"],
            versi_awal=None,
        )  # fmt: skip
    return f"Lokasi berpotensi kumuh demo: {len(PANTAUAN)} dalam daftar pantauan."
