"""Demo rows of this part (called by monev_demo after the review's demo; idempotent): Kota
Pekalongan publishes its SK in force — the demo SK 2024 copy made by monev/peninjauan/demo.py."""

from __future__ import annotations

from lokasi.models import KabupatenKota, Pengguna
from monev.models import PublikasiKota
from monev.publik.pengaturan import publikasi_simpan

PENGANTAR = (
    "Halaman demo: peta dan daftar lokasi permukiman kumuh dalam SK penetapan yang berlaku, "
    "serta kemajuan pengurangannya menuju 0 ha. Semua nama dan angka bersifat sintetis."
)


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    if PublikasiKota.objects.filter(kabupaten_kota=kabkota).exists():
        return ""
    publikasi_simpan(
        publikasi=PublikasiKota(kabupaten_kota=kabkota, terbit=True, pengantar=PENGANTAR),
        pengguna=pengguna["pokja"],
    )
    return f"Halaman publik demo: /publik/{kabkota.kode}/ diterbitkan."
