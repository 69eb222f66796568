"""Coordinates and GeoJSON boundaries: pure validation with Indonesian messages, no Django."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

# Indonesia's extent with a margin for outer islands: Sabang/Weh (≈ 6,1° LU, 95,0° BT),
# Merauke (≈ 141,0° BT), Pulau Rote/Ndana (≈ 11,0° LS), Miangas (≈ 5,6° LU).
LINTANG_MIN = Decimal("-11.5")
LINTANG_MAKS = Decimal("6.5")
BUJUR_MIN = Decimal("94.5")
BUJUR_MAKS = Decimal("141.5")

# A kawasan boundary is drawn by hand or exported from a GIS; thousands of vertices is plenty and
# keeps list pages' map payloads small.
TITIK_BATAS_MAKS = 5000


class GeoTidakValid(ValueError):
    """A coordinate or boundary that cannot be a slum location in Indonesia."""


def cek_titik(lintang: Decimal | float, bujur: Decimal | float, nama: str = "titik") -> None:
    """Raise GeoTidakValid unless (lintang, bujur) lies within Indonesia's extent."""
    lat, lon = Decimal(str(lintang)), Decimal(str(bujur))
    if not LINTANG_MIN <= lat <= LINTANG_MAKS:
        raise GeoTidakValid(
            f"Lintang {nama} ({lat}) di luar wilayah Indonesia "
            f"(harus antara {LINTANG_MIN} dan {LINTANG_MAKS}; lintang selatan bernilai negatif)."
        )
    if not BUJUR_MIN <= lon <= BUJUR_MAKS:
        raise GeoTidakValid(
            f"Bujur {nama} ({lon}) di luar wilayah Indonesia "
            f"(harus antara {BUJUR_MIN} dan {BUJUR_MAKS})."
        )


def baca_batas(teks_atau_data: str | dict | None) -> dict | None:
    """Parse and validate a boundary; return a GeoJSON Polygon or MultiPolygon geometry.

    Accepts a bare geometry, a Feature, or a FeatureCollection of one polygon feature (what
    QGIS and geojson.io export). Coordinates are [bujur, lintang] as GeoJSON requires.
    """
    if teks_atau_data in (None, ""):
        return None
    data: Any = teks_atau_data
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as e:
            raise GeoTidakValid(
                f"Batas kawasan bukan GeoJSON yang sah: {e.msg} (baris {e.lineno})."
            ) from e
    if not isinstance(data, dict):
        raise GeoTidakValid("Batas kawasan harus berupa objek GeoJSON.")
    if data.get("type") == "FeatureCollection":
        fitur = data.get("features") or []
        if len(fitur) != 1:
            raise GeoTidakValid(
                f"FeatureCollection batas kawasan harus berisi tepat 1 fitur, bukan {len(fitur)}."
            )
        data = fitur[0]
    if data.get("type") == "Feature":
        data = data.get("geometry") or {}
    jenis = data.get("type")
    koordinat = data.get("coordinates")
    if jenis == "Polygon":
        _cek_poligon(koordinat, "poligon")
    elif jenis == "MultiPolygon":
        if not isinstance(koordinat, list) or not koordinat:
            raise GeoTidakValid("MultiPolygon batas kawasan tidak berisi poligon.")
        for i, poligon in enumerate(koordinat, start=1):
            _cek_poligon(poligon, f"poligon ke-{i}")
    else:
        raise GeoTidakValid(
            f"Batas kawasan harus bertipe Polygon atau MultiPolygon, bukan {jenis or 'kosong'}."
        )
    if _hitung_titik(data) > TITIK_BATAS_MAKS:
        raise GeoTidakValid(
            f"Batas kawasan terlalu rinci (lebih dari {TITIK_BATAS_MAKS} titik); "
            "sederhanakan dulu di aplikasi GIS."
        )
    return {"type": jenis, "coordinates": koordinat}


def _cek_poligon(cincin_cincin: Any, nama: str) -> None:
    if not isinstance(cincin_cincin, list) or not cincin_cincin:
        raise GeoTidakValid(f"Koordinat {nama} batas kawasan kosong.")
    for j, cincin in enumerate(cincin_cincin, start=1):
        label = f"{nama}, cincin ke-{j}"
        if not isinstance(cincin, list) or len(cincin) < 4:
            raise GeoTidakValid(
                f"{label.capitalize()} harus punya sedikitnya 4 titik "
                "(titik awal diulang di akhir)."
            )
        for titik in cincin:
            if (
                not isinstance(titik, list | tuple)
                or len(titik) < 2
                or not all(isinstance(v, int | float) for v in titik[:2])
            ):
                raise GeoTidakValid(
                    f"{label.capitalize()}: titik {titik!r} bukan [bujur, lintang]."
                )
            cek_titik(titik[1], titik[0], nama=f"{label}")
        if list(cincin[0][:2]) != list(cincin[-1][:2]):
            raise GeoTidakValid(
                f"{label.capitalize()} tidak tertutup: titik terakhir harus sama dengan titik awal."
            )


def _hitung_titik(geometri: dict) -> int:
    if geometri["type"] == "Polygon":
        return sum(len(c) for c in geometri["coordinates"])
    return sum(len(c) for p in geometri["coordinates"] for c in p)


def feature(
    pk: int,
    nama: str,
    lintang: Decimal | None,
    bujur: Decimal | None,
    batas: dict | None,
    **properti: Any,
) -> dict | None:
    """Return a GeoJSON Feature for a map: the boundary when drawn, else the point."""
    if batas:
        geometri = batas
    elif lintang is not None and bujur is not None:
        geometri = {"type": "Point", "coordinates": [float(bujur), float(lintang)]}
    else:
        return None
    return {
        "type": "Feature",
        "geometry": geometri,
        "properties": {"id": pk, "nama": nama, **properti},
    }
