"""The public map's grid (pure): one pass over the published points per viewport."""

from __future__ import annotations

from monev.publik.peta import kelompokkan, ukuran_sel


def test_a_cell_size_is_pixels_of_a_tile_at_the_zoom():
    assert ukuran_sel(0, 256) == 360
    assert ukuran_sel(10, 48) == 360 / (256 * 1024) * 48


def test_points_in_one_cell_are_a_cluster_and_a_lone_point_keeps_its_index():
    # Zoom 10, 48 px: cells of about 0.066°. Two points 0.001° apart, one 1° away.
    titik = [(0, -6.9001, 109.6001), (1, -6.9002, 109.6002), (2, -7.9, 110.6)]
    sel = sorted(kelompokkan(titik, zoom=10, piksel=48), key=lambda c: -c.n)
    assert [c.n for c in sel] == [2, 1]
    assert sel[0].indeks == [] and sel[1].indeks == [2]
    assert round(sel[0].lintang, 5) == -6.90015 and round(sel[0].bujur, 5) == 109.60015


def test_a_viewport_leaves_out_the_points_outside_it():
    titik = [(0, -6.9, 109.6), (1, -7.9, 110.6)]
    sel = kelompokkan(titik, zoom=18, piksel=48, kotak=(109.0, -7.0, 110.0, -6.0))
    assert [(c.n, c.indeks) for c in sel] == [(1, [0])]
    assert kelompokkan([], zoom=5, piksel=48) == []


def test_points_either_side_of_a_cell_line_make_one_circle_not_two_overlapping():
    # Zoom 10, 48 px: cells of 0.0659°. Three points astride the line at lintang 0 (a cell
    # boundary), 0.002° apart: one cluster of three, at their mean.
    ukuran = ukuran_sel(10, 48)
    titik = [(0, -0.001, 110.01), (1, 0.001, 110.01), (2, 0.0012, 110.0105)]
    [c] = kelompokkan(titik, zoom=10, piksel=48)
    assert (c.n, c.indeks) == (3, [])
    assert abs(c.lintang - 0.0004) < 1e-9 and abs(c.bujur - 110.01016666) < 1e-6
    # Two points in neighbouring cells but a whole cell apart stay apart.
    jauh = [(0, -0.3 * ukuran, 110.01), (1, 0.75 * ukuran, 110.01)]
    assert sorted(c.n for c in kelompokkan(jauh, zoom=10, piksel=48)) == [1, 1]


def test_no_two_circles_are_closer_than_a_cell_on_a_dense_city():
    # A 40 × 40 lattice of points a third of a cell apart, at the zoom that opens the city.
    ukuran = ukuran_sel(12, 48)
    titik = [
        (i * 40 + j, -6.9 + i * ukuran / 3, 109.6 + j * ukuran / 3)
        for i in range(40)
        for j in range(40)
    ]
    sel = kelompokkan(titik, zoom=12, piksel=48)
    assert sum(c.n for c in sel) == 1600
    pusat = [(c.lintang, c.bujur) for c in sel]
    terdekat = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        for i, a in enumerate(pusat)
        for b in pusat[i + 1 :]
    )
    # The grid alone left circles two thirds of a cell apart (drawn 32 px apart, overlapping).
    assert terdekat >= ukuran * 0.99
