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
