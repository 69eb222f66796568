"""The city's progress toward 0 ha from its issued SKs' frozen rows (pure, no Django).

For every year in which the city issued an SK: the SKs issued up to that year and not yet
replaced by one issued up to that year are in force (the same reading as
`penilaian.models.SK.objects.berlaku()`, year by year); their lokasi and hectares are counted,
each lokasi once (the newest SK's row), so an amending SK that repeats a lokasi does not double
it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Width of the longest bar of the progress chart (SVG user units).
LEBAR_BATANG = 400


@dataclass(frozen=True)
class SKTerbit:
    """An issued SK: its year, the SK it replaces, and its frozen rows (lokasi pk, luas ha)."""

    pk: int
    tahun: int
    menggantikan: int | None
    lokasi: tuple[tuple[int, Decimal | None], ...]


@dataclass(frozen=True)
class Tahun:
    tahun: int
    jumlah_lokasi: int
    luas_ha: Decimal
    lebar: int  # bar width, the longest = LEBAR_BATANG


def kemajuan(daftar_sk: list[SKTerbit]) -> list[Tahun]:
    """Return the lokasi and hectares in force at the end of each year an SK was issued."""
    tahun_sk = sorted({s.tahun for s in daftar_sk})
    hasil: list[tuple[int, int, Decimal]] = []
    for tahun in tahun_sk:
        terbit = [s for s in daftar_sk if s.tahun <= tahun]
        diganti = {s.menggantikan for s in terbit if s.menggantikan is not None}
        luas: dict[int, Decimal] = {}
        for sk in sorted((s for s in terbit if s.pk not in diganti), key=lambda s: (s.tahun, s.pk)):
            for lokasi_pk, luas_ha in sk.lokasi:
                luas[lokasi_pk] = luas_ha or Decimal(0)  # the newest SK's row wins
        hasil.append((tahun, len(luas), sum(luas.values(), Decimal(0))))
    terbesar = max((h[2] for h in hasil), default=Decimal(0))
    return [
        Tahun(t, n, ha, round(LEBAR_BATANG * ha / terbesar) if terbesar else 0)
        for t, n, ha in hasil
    ]
