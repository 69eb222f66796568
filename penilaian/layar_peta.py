"""The viewport a map page asks for, read from its query string (pure: no Django).

The priority list's map (`penilaian.prioritas.peta_prioritas`) and the public city map
(`monev.publik.data`) both answer per viewport: Leaflet sends the bounds and the zoom, and a
first load without them gets the zoom that shows the whole extent. Anything malformed means
"the whole list" or "first load", never an error: the map is a convenience.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# From this zoom (about a kelurahan on screen) lokasi in the viewport come with their boundary.
ZOOM_RINCI = 14
# Lokasi closer than this on screen share one numbered circle (grid cells, as map clusters do).
PIKSEL_KLASTER = 48
# More single lokasi than this in the viewport: points only, no boundaries (the JSON stays small).
MAKS_BATAS = 1500


def baca_bbox(teks: str) -> tuple[float, float, float, float] | None:
    """Parse Leaflet's "barat,selatan,timur,utara"; anything else means the whole list."""
    try:
        w, s, e, n = (float(x) for x in teks.split(","))
    except ValueError:
        return None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        return None
    return w, s, e, n


def baca_zoom(teks: str) -> int | None:
    """A tile zoom 0–22, or None (first load) for anything else."""
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses (a 500 before).
    if not (teks.isascii() and teks.isdigit()):
        return None
    return int(teks) if int(teks) <= 22 else None


def zoom_muat(batas: dict) -> int:
    """Guess the zoom that shows the whole extent (keys s, n, w, e) in a 400-pixel map."""
    lebar = max(
        (batas["e"] or 0) - (batas["w"] or 0), ((batas["n"] or 0) - (batas["s"] or 0)) * 1.2
    )
    if lebar <= 0:
        return ZOOM_RINCI
    return max(3, min(ZOOM_RINCI, int(math.log2(360 * 400 / 256 / lebar))))


def gabung_berdekatan(
    sel: Sequence[tuple[int, int, int, float, float]], ukuran: float
) -> list[list[int]]:
    """Which grid cells to draw as one circle: groups of indexes into `sel` (each group starts
    with the cell that took the others in), each cell given as (gy, gx, count, mean lintang,
    mean bujur) on a grid of `ukuran` degrees.

    A grid splits points that sit either side of a cell line, and two circles drawn at their
    points' means then overlap on screen. Largest first, each circle takes in every circle
    whose mean is within one cell of its own, looking again around its new mean after each
    merge, until none is. Circles are kept in buckets by the cell of their mean, so only the 9
    buckets around a circle are searched: the work stays proportional to the cells, whatever
    viewport and zoom were asked for. At the end no two circles are within one cell: of any
    two, the one handled later finished its search with the other in place.
    """
    lintang = [c[3] for c in sel]
    bujur = [c[4] for c in sel]
    jumlah = [c[2] for c in sel]
    grup = [[i] for i in range(len(sel))]
    hidup = [True] * len(sel)
    ember: dict[tuple[int, int], set[int]] = {}

    def kunci(i: int) -> tuple[int, int]:
        return math.floor(lintang[i] / ukuran), math.floor(bujur[i] / ukuran)

    for i in range(len(sel)):
        ember.setdefault(kunci(i), set()).add(i)
    urutan = sorted(range(len(sel)), key=lambda i: (-sel[i][2], sel[i][0], sel[i][1]))
    for i in urutan:
        if not hidup[i]:
            continue
        gy, gx = kunci(i)
        calon = [
            j for dy in (-1, 0, 1) for dx in (-1, 0, 1) for j in ember.get((gy + dy, gx + dx), ())
        ]
        while calon:
            j = calon.pop()
            if j == i or not hidup[j]:
                continue
            if (lintang[j] - lintang[i]) ** 2 + (bujur[j] - bujur[i]) ** 2 >= ukuran**2:
                continue
            ember[kunci(j)].discard(j)
            ember[kunci(i)].discard(i)
            hidup[j] = False
            n = jumlah[i] + jumlah[j]
            lintang[i] = (lintang[i] * jumlah[i] + lintang[j] * jumlah[j]) / n
            bujur[i] = (bujur[i] * jumlah[i] + bujur[j] * jumlah[j]) / n
            jumlah[i] = n
            grup[i] += grup[j]
            gy, gx = kunci(i)
            ember.setdefault((gy, gx), set()).add(i)
            # Moved: look again around the new mean (those already too far are checked again).
            calon = [
                k
                for dy in (-1, 0, 1)
                for dx in (-1, 0, 1)
                for k in ember.get((gy + dy, gx + dx), ())
            ]
    return [grup[i] for i in urutan if hidup[i]]
