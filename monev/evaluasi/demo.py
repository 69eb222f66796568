"""Demo rows of this part (called by monev_demo; idempotent, synthetic, labelled demo)."""

from __future__ import annotations

from lokasi.models import KabupatenKota, Pengguna


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    return ""
