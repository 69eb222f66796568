"""Demo targets toward 0 ha (called by monev_demo; idempotent, synthetic, labelled demo)."""

from __future__ import annotations

from decimal import Decimal

from lokasi.models import KabupatenKota, Pengguna
from monev.dasbor.target import target_simpan
from monev.models import TargetKota

# Hectares left at the end of each year, as a synthetic RPJMD would set them.
TARGET = ((2024, Decimal("222.62"), 30), (2025, Decimal("200"), 27), (2026, Decimal("150"), 20),
          (2029, Decimal(0), 0))  # fmt: skip
DASAR = "RPJMD Kota Pekalongan 2025–2029 (demo)"


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create the demo targets once; return a line for the demo's output ("" if none)."""
    if TargetKota.objects.filter(kabupaten_kota=kabkota).exists():
        return ""
    for tahun, luas, lokasi in TARGET:
        target_simpan(
            pengguna=pengguna["pokja"], kabupaten_kota=kabkota, tahun=tahun, luas_ha=luas,
            lokasi=lokasi, dasar=DASAR,
        )  # fmt: skip
    return f"Target demo menuju 0 ha: {len(TARGET)} tahun ({DASAR})."
