"""The public map for one viewport, from a city's published points (pure, no Django).

The same reading as the priority list's map (`penilaian.prioritas.peta_prioritas`): points are
grouped on a grid of about `piksel` screen pixels at the zoom; a cell with several lokasi is a
numbered cluster, a cell with one is that lokasi. That map groups in the database; the public
points sit in the published snapshot (`monev.publik.data`), already in memory, so the grid is
counted here, in one pass over at most a city's lokasi.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from penilaian.layar_peta import gabung_berdekatan


@dataclass
class Sel:
    """One grid cell: how many points, their mean position, and the first point's index."""

    n: int = 0
    lintang: float = 0.0
    bujur: float = 0.0
    indeks: list[int] = field(default_factory=list)


def ukuran_sel(zoom: int, piksel: int) -> float:
    """The grid's cell in degrees: `piksel` pixels of a 256-pixel Web Mercator tile at zoom."""
    return 360 / (256 * 2**zoom) * piksel


def kelompokkan(
    titik: Iterable[tuple[int, float, float]],
    *,
    zoom: int,
    piksel: int,
    kotak: tuple[float, float, float, float] | None = None,
) -> list[Sel]:
    """Group (index, lintang, bujur) points inside `kotak` (barat, selatan, timur, utara) on the
    grid of `zoom`; a cell keeps its points' indexes only while it has one."""
    ukuran = ukuran_sel(zoom, piksel)
    sel: dict[tuple[int, int], Sel] = {}
    for i, lintang, bujur in titik:
        if kotak is not None:
            w, s, e, n = kotak
            if not (s <= lintang <= n and w <= bujur <= e):
                continue
        c = sel.setdefault((math.floor(lintang / ukuran), math.floor(bujur / ukuran)), Sel())
        c.n += 1
        c.lintang += lintang
        c.bujur += bujur
        if c.n == 1:
            c.indeks.append(i)
        else:
            c.indeks.clear()
    for c in sel.values():
        c.lintang /= c.n
        c.bujur /= c.n
    # Cells whose points' means sit within one cell are one circle (they overlapped).
    daftar = list(sel.items())
    hasil = []
    for grup in gabung_berdekatan([(*k, c.n, c.lintang, c.bujur) for k, c in daftar], ukuran):
        c = daftar[grup[0]][1]
        for j in grup[1:]:
            d = daftar[j][1]
            n = c.n + d.n
            c.lintang = (c.lintang * c.n + d.lintang * d.n) / n
            c.bujur = (c.bujur * c.n + d.bujur * d.n) / n
            c.n = n
            c.indeks.clear()
        hasil.append(c)
    return hasil
