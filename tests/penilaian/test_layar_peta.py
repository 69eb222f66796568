"""The viewport a map asks for: malformed input means the whole list or a first load."""

import pytest

from penilaian.layar_peta import ZOOM_RINCI, baca_bbox, baca_zoom, zoom_muat


def test_a_leaflet_bbox_is_read_west_south_east_north():
    assert baca_bbox("109.6,-6.95,109.75,-6.85") == (109.6, -6.95, 109.75, -6.85)


@pytest.mark.parametrize(
    "teks",
    [
        "",
        "abc",
        "1,2,3",
        "1,2,3,4,5",
        "10,0,5,1",
        "0,10,1,5",
        "-181,0,0,1",
        "0,-91,1,0",
        "nan,0,1,1",
    ],
)
def test_a_malformed_or_inverted_bbox_means_the_whole_list(teks):
    assert baca_bbox(teks) is None


@pytest.mark.parametrize(("teks", "zoom"), [("0", 0), ("14", 14), ("22", 22)])
def test_a_tile_zoom_is_read(teks, zoom):
    assert baca_zoom(teks) == zoom


@pytest.mark.parametrize("teks", ["", "-1", "23", "abc", "1e9", "１４", "²", "1²"])
def test_anything_else_is_a_first_load(teks):
    assert baca_zoom(teks) is None


def test_the_first_zoom_shows_the_whole_extent():
    kota = zoom_muat({"s": -6.95, "n": -6.85, "w": 109.6, "e": 109.75})
    negeri = zoom_muat({"s": -11.0, "n": 6.0, "w": 95.0, "e": 141.0})
    assert negeri == 3  # never wider than the whole archipelago's zoom
    assert 3 < kota < ZOOM_RINCI
    # A single point (or no extent) opens at the detailed zoom.
    assert zoom_muat({"s": -6.9, "n": -6.9, "w": 109.6, "e": 109.6}) == ZOOM_RINCI
    assert zoom_muat({"s": None, "n": None, "w": None, "e": None}) == ZOOM_RINCI


def test_neighbouring_cells_closer_than_a_cell_are_one_circle():
    from penilaian.layar_peta import gabung_berdekatan

    # (gy, gx, count, lintang, bujur) on a grid of 1°: the first two means are 0.2° apart
    # across a cell line, the third a whole cell away from both, the fourth far off.
    sel = [(0, 0, 5, 0.9, 0.5), (1, 0, 2, 1.1, 0.5), (1, 1, 1, 1.9, 1.9), (9, 9, 3, 9.5, 9.5)]
    assert sorted(sorted(g) for g in gabung_berdekatan(sel, 1.0)) == [[0, 1], [2], [3]]
    # The largest cell comes first in its group, and takes in from every side.
    sekeliling = [(0, 0, 1, 0.5, 0.5), (1, 1, 9, 1.1, 1.1), (2, 2, 1, 1.6, 1.6)]
    assert [(g[0], sorted(g)) for g in gabung_berdekatan(sekeliling, 1.0)] == [(1, [0, 1, 2])]
    assert gabung_berdekatan([], 1.0) == []


def test_merging_stays_linear_on_a_whole_world_viewport():
    """A client asking for zoom 18 over the whole country gets one cell per lokasi: the pass
    looks only at neighbours, so 30,000 cells take a moment, not minutes."""
    import time

    from penilaian.layar_peta import gabung_berdekatan

    sel = [(i, j, 1, i + 0.5, j + 0.5) for i in range(200) for j in range(150)]
    mulai = time.process_time()
    assert len(gabung_berdekatan(sel, 1.0)) == 30_000  # a cell apart: nothing merges
    assert time.process_time() - mulai < 5


def test_no_two_circles_end_within_a_cell_even_after_means_move():
    import random

    from penilaian.layar_peta import gabung_berdekatan

    acak = random.Random(7)
    titik = [(acak.uniform(0, 20), acak.uniform(0, 20)) for _ in range(3000)]
    sel: dict[tuple[int, int], list] = {}
    for y, x in titik:  # the grid's own cells, as the database groups them
        c = sel.setdefault((int(y // 1), int(x // 1)), [0, 0.0, 0.0])
        c[0], c[1], c[2] = c[0] + 1, c[1] + y, c[2] + x
    daftar = [(gy, gx, n, sy / n, sx / n) for (gy, gx), (n, sy, sx) in sel.items()]
    lingkaran = []
    for g in gabung_berdekatan(daftar, 1.0):
        n = sum(daftar[i][2] for i in g)
        lingkaran.append(
            (
                sum(daftar[i][3] * daftar[i][2] for i in g) / n,
                sum(daftar[i][4] * daftar[i][2] for i in g) / n,
            )
        )
    assert sum(len(g) for g in gabung_berdekatan(daftar, 1.0)) == len(daftar)
    assert all(
        (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 >= 1.0
        for i, a in enumerate(lingkaran)
        for b in lingkaran[i + 1 :]
    )
