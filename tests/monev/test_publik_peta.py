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
