"""The viewport a map page asks for, read from its query string (pure: no Django).

The priority list's map (`penilaian.prioritas.peta_prioritas`) and the public city map
(`monev.publik.data`) both answer per viewport: Leaflet sends the bounds and the zoom, and a
first load without them gets the zoom that shows the whole extent. Anything malformed means
"the whole list" or "first load", never an error: the map is a convenience.
"""

from __future__ import annotations

import math

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
