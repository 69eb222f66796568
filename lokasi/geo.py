"""Coordinates and GeoJSON boundaries: pure validation with Indonesian messages, no Django."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

# Indonesia's extent with a margin for outer islands: Sabang/Weh (≈ 6,1° LU, 95,0° BT),
# Merauke (≈ 141,0° BT), Pulau Rote/Ndana (≈ 11,0° LS), Miangas (≈ 5,6° LU).
LINTANG_MIN = Decimal("-11.5")
LINTANG_MAKS = Decimal("6.5")
BUJUR_MIN = Decimal("94.5")
BUJUR_MAKS = Decimal("141.5")

# A GeoJSON Polygon is 3 levels of lists inside a Feature inside a FeatureCollection; anything
# nested deeper is not a boundary, and refusing it before parsing keeps a hostile upload (10,000
# nested lists) from exhausting the parser's recursion.
KEDALAMAN_MAKS = 20

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
        data = _baca_json(data)
    if not isinstance(data, dict):
        raise GeoTidakValid("Batas kawasan harus berupa objek GeoJSON.")
    if data.get("type") == "FeatureCollection":
        fitur = data.get("features") or []
        if not isinstance(fitur, list):
            raise GeoTidakValid("Isian features batas kawasan harus berupa larik fitur.")
        if len(fitur) != 1:
            raise GeoTidakValid(
                f"FeatureCollection batas kawasan harus berisi tepat 1 fitur, bukan {len(fitur)}."
            )
        data = fitur[0]
        if not isinstance(data, dict):
            raise GeoTidakValid("Fitur batas kawasan harus berupa objek GeoJSON.")
    if data.get("type") == "Feature":
        data = data.get("geometry") or {}
        if not isinstance(data, dict):
            raise GeoTidakValid("Isian geometry batas kawasan harus berupa objek GeoJSON.")
    jenis = data.get("type")
    if not isinstance(jenis, str):
        jenis = None if jenis is None else repr(jenis)[:40]
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


def _baca_json(teks: str) -> Any:
    """Parse GeoJSON text strictly: only finite numbers, bounded nesting, Indonesian messages."""
    if _kedalaman(teks) > KEDALAMAN_MAKS:
        raise GeoTidakValid(
            f"Batas kawasan bukan GeoJSON yang sah: larik/objek bersarang lebih dari "
            f"{KEDALAMAN_MAKS} tingkat."
        )
    try:
        return json.loads(teks, parse_constant=_tolak_konstanta, parse_int=_bilangan_bulat)
    except json.JSONDecodeError as e:
        raise GeoTidakValid(
            f"Batas kawasan bukan GeoJSON yang sah: {e.msg} (baris {e.lineno})."
        ) from e
    except (ValueError, RecursionError) as e:
        raise GeoTidakValid(f"Batas kawasan bukan GeoJSON yang sah: {e}.") from None


def _tolak_konstanta(nama: str) -> Any:
    # NaN and Infinity are not JSON (RFC 8259) though Python's parser accepts them.
    raise ValueError(f"{nama} bukan angka yang sah")


def _bilangan_bulat(teks: str) -> int:
    # Python refuses to build ints over 4,300 digits with an English message; no coordinate
    # has more than a handful, so say so before converting.
    if len(teks.lstrip("-")) > 30:
        raise ValueError(f"angka {teks[:20]}… terlalu panjang")
    return int(teks)


def _kedalaman(teks: str) -> int:
    """Deepest nesting of [ and { outside strings, counted without parsing."""
    tanpa_string = re.sub(r'"(?:[^"\\]|\\.)*"', "", teks)
    dalam = maks = 0
    for kurung in re.finditer(r"[\[\]{}]", tanpa_string):
        if kurung.group() in "[{":
            dalam += 1
            maks = max(maks, dalam)
            if maks > KEDALAMAN_MAKS:
                break
        else:
            dalam -= 1
    return maks


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
                or not all(_angka_terhingga(v) for v in titik[:2])
            ):
                raise GeoTidakValid(
                    f"Batas kawasan, {label}: titik {_tampil(titik)} bukan [bujur, lintang] "
                    "berupa dua angka."
                )
            cek_titik(titik[1], titik[0], nama=f"{label}")
        if list(cincin[0][:2]) != list(cincin[-1][:2]):
            raise GeoTidakValid(
                f"{label.capitalize()} tidak tertutup: titik terakhir harus sama dengan titik awal."
            )


def _tampil(nilai: Any) -> str:
    teks = json.dumps(nilai, default=str)
    return teks if len(teks) <= 60 else f"{teks[:59]}…"


def _angka_terhingga(nilai: Any) -> bool:
    # bool is an int to Python but `true` is not a coordinate; 1e999 parses to inf.
    if isinstance(nilai, bool) or not isinstance(nilai, int | float):
        return False
    return math.isfinite(nilai)


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
