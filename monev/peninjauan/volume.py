"""Handled volumes per lokasi and criterion, with the kegiatan behind each number.

Interim source: the effect volumes of kegiatan **selesai or diserahterimakan** whose tahun is
in (setelah_tahun, sampai_tahun]. Once monitoring is merged, `volume_ditangani` should read the
realised volumes of `monev.pemantauan` instead (same signature, same return shape).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kolaborasi.models import EfekKegiatan

# A kegiatan counts as realised once finished (kolaborasi.aturan.STATUS_KEGIATAN).
STATUS_TEREALISASI = ("selesai", "diserahterimakan")
KOLOM = ("lokasi_id", "kriteria", "volume", "kegiatan__nama", "kegiatan__tahun",
         "kegiatan__status", "kegiatan__pelaksana")  # fmt: skip


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
    """Return the handled volumes of these lokasi in (setelah_tahun, sampai_tahun] (one query)."""
    efek = (
        EfekKegiatan.objects.filter(
            lokasi_id__in=list(lokasi_ids),
            kegiatan__status__in=STATUS_TEREALISASI,
            kegiatan__tahun__gt=setelah_tahun,
            kegiatan__tahun__lte=sampai_tahun,
        )
        .select_related("kegiatan")
        .only(*KOLOM)
        .order_by("kegiatan__tahun", "kegiatan__nama", "pk")
    )
    hasil: dict[int, dict[str, list[Sumber]]] = defaultdict(lambda: defaultdict(list))
    for e in efek:
        k = e.kegiatan
        hasil[e.lokasi_id][e.kriteria].append(
            Sumber(
                k.pk, k.nama, k.tahun, k.get_status_display(), k.get_pelaksana_display(), e.volume
            )
        )
    return {lok: {kode: tuple(s) for kode, s in per.items()} for lok, per in hasil.items()}


def jumlah(sumber: Iterable[Sumber]) -> Decimal:
    """Return the handled volume: the sum of its kegiatan's shares."""
    return sum((s.volume for s in sumber), Decimal(0))
