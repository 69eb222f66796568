"""Handled volumes per lokasi and criterion, with the kegiatan behind each number.

Only **realised** volumes enter Tabel 5 (kolaborasi-monev.md §3.1): the cumulative volume of
each effect in the latest monitoring entry (`monev.pemantauan.services.volume_terealisasi`) of
kegiatan **selesai or diserahterimakan** whose tahun is in (setelah_tahun, sampai_tahun], by
any party. Planned volumes feed kolaborasi's projection, never this table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from monev.pemantauan.services import volume_terealisasi

# A kegiatan counts as realised once finished (kolaborasi.aturan.STATUS_KEGIATAN).
STATUS_TEREALISASI = ("selesai", "diserahterimakan")


@dataclass(frozen=True)
class Sumber:
    """One kegiatan's share of a handled volume (the drill-down of Tabel 5)."""

    kegiatan_pk: int
    nama: str
    tahun: int
    status: str
    pelaksana: str
    volume: Decimal


# lokasi pk → criterion code → the kegiatan behind its handled volume.
VolumeDitangani = dict[int, dict[str, tuple[Sumber, ...]]]


def volume_ditangani(
    lokasi_ids: Iterable[int], *, setelah_tahun: int, sampai_tahun: int
) -> VolumeDitangani:
    """Return the realised volumes of these lokasi in (setelah_tahun, sampai_tahun]."""
    realisasi = volume_terealisasi(
        lokasi_ids, setelah_tahun=setelah_tahun, sampai_tahun=sampai_tahun
    )
    hasil: VolumeDitangani = {}
    for lok, per in realisasi.items():
        for kode, daftar in per.items():
            sumber = tuple(
                Sumber(k.pk, k.nama, k.tahun, k.get_status_display(),
                       k.get_pelaksana_display(), volume)
                for k, volume in daftar
                if k.status in STATUS_TEREALISASI  # a kegiatan still running is not yet counted
            )  # fmt: skip
            if sumber:
                hasil.setdefault(lok, {})[kode] = sumber
    return hasil


def jumlah(sumber: Iterable[Sumber]) -> Decimal:
    """Return the handled volume: the sum of its kegiatan's shares."""
    return sum((s.volume for s in sumber), Decimal(0))
