"""Coordinates and boundaries (pure, no database)."""

import json

import pytest

from lokasi.geo import GeoTidakValid, baca_batas, cek_titik, feature

KOTAK = [[109.68, -6.87], [109.69, -6.87], [109.69, -6.88], [109.68, -6.87]]


@pytest.mark.parametrize(
    ("lintang", "bujur"),
    [(-6.889, 109.675), (5.9, 95.3), (-10.9, 122.8), (-8.5, 140.7), (6.5, 94.5)],
)
def test_points_inside_indonesia_pass(lintang, bujur):
    cek_titik(lintang, bujur)


@pytest.mark.parametrize(
    ("lintang", "bujur", "pesan"),
    [
        (6.89, 109.6, "Lintang"),  # sign forgotten: north of Indonesia
        (-6.8, 9.6, "Bujur"),
        (-12, 110, "Lintang"),
        (1.3, 103.8 + 40, "Bujur"),
    ],
)
def test_points_outside_are_refused(lintang, bujur, pesan):
    with pytest.raises(GeoTidakValid, match=pesan):
        cek_titik(lintang, bujur)


def test_it_accepts_geometry_feature_and_collection():
    geom = {"type": "Polygon", "coordinates": [KOTAK]}
    assert baca_batas(geom) == geom
    assert baca_batas({"type": "Feature", "geometry": geom}) == geom
    koleksi = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geom}]}
    assert baca_batas(json.dumps(koleksi)) == geom
    multi = {"type": "MultiPolygon", "coordinates": [[KOTAK], [KOTAK]]}
    assert baca_batas(multi) == multi
    assert baca_batas("") is None


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ("[1,", "bukan GeoJSON"),
        ({"type": "LineString", "coordinates": KOTAK}, "Polygon atau MultiPolygon"),
        ({"type": "Polygon", "coordinates": [KOTAK[:3]]}, "sedikitnya 4 titik"),
        ({"type": "Polygon", "coordinates": [[*KOTAK[:3], [109.7, -6.9]]]}, "tidak tertutup"),
        ({"type": "Polygon", "coordinates": [[[1, 2], [1, 3], [2, 3], [1, 2]]]}, "di luar"),
        ({"type": "Polygon", "coordinates": [[["a", "b"], *KOTAK]]}, "bukan \\[bujur, lintang\\]"),
        ({"type": "FeatureCollection", "features": []}, "tepat 1 fitur"),
    ],
)
def test_bad_boundaries_are_explained(data, pesan):
    with pytest.raises(GeoTidakValid, match=pesan):
        baca_batas(data)


def test_feature_prefers_boundary_over_point():
    geom = {"type": "Polygon", "coordinates": [KOTAK]}
    assert feature(1, "A", -6.8, 109.6, geom)["geometry"] == geom
    assert feature(1, "A", -6.8, 109.6, None)["geometry"]["type"] == "Point"
    assert feature(1, "A", None, None, None) is None
