"""Item 12 of issue 10: hostile input to the calculator API, `kumuh_hitung` and the GeoJSON
boundary of the lokasi form answers with the field named in Indonesian (HTTP 400 for
unreadable input, the record's "error" for a bad value, a form error for a boundary), never a
500 and never a hang.

The calculator contract (../shared/domain/kalkulator.md) keeps status 200 for input that was
read: each rejected record carries its own "error", the others are still scored.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from lokasi import geo
from lokasi.models import Lokasi
from penilaian.kalkulator import tulis_jsonl
from tests.conftest import klien_untuk
from tests.lokasi.test_lokasi_views import data_lokasi

pytestmark = pytest.mark.django_db

URL = "/api/v1/penilaian/hitung/"
BERSARANG = "[" * 10_000 + "]" * 10_000


def _hitung(klien, badan: str):
    return klien.post(URL, data=badan.encode(), content_type="application/json")


def _satu_persen(nilai_json: str) -> str:
    return '[{"id": "r1", "kategori_kota": "sedang", "persen": {"1a": ' + nilai_json + "}}]"


# Class of bad value → the text the field's message must contain.
NILAI_BURUK = {
    "boolean": ("true", "bukan angka"),
    "NaN": ("NaN", "bukan angka"),
    "Infinity": ("Infinity", "bukan angka"),
    "-Infinity": ("-Infinity", "bukan angka"),
    "eksponen raksasa": ("1e999999999", "angka terlalu besar"),
    "eksponen raksasa sebagai teks": ('"1e999999999"', "angka terlalu besar"),
    "eksponen besar": ("1e5000", "angka terlalu besar"),
    "eksponen negatif raksasa": ("1e-999999999", "angka terlalu kecil"),
    "bilangan bulat 5000 digit": ("9" * 5000, "angka terlalu besar"),
    "teks bukan angka": ('"abc"', "bukan angka"),
    "objek untuk angka": ("{}", "bukan angka"),
    "larik untuk angka": ("[]", "bukan angka"),
}


@pytest.mark.parametrize("kelas", NILAI_BURUK)
def test_calculator_api_names_the_field_of_a_bad_number(operator_a, kelas):
    nilai, pesan = NILAI_BURUK[kelas]
    r = _hitung(klien_untuk(operator_a), _satu_persen(nilai))
    assert r.status_code == 200, r.content[:300]
    assert r["X-Kumuh-Status"] == "1"
    hasil = json.loads(r.content.decode().splitlines()[0])  # the output is valid JSON
    assert hasil["id"] == "r1"
    assert f"persen.1a: {pesan}" in hasil["error"]
    assert "limit" not in hasil["error"]  # no English from Python's int/decimal internals


@pytest.mark.parametrize(
    ("badan", "field"),
    [
        ('[{"kategori_kota": 1e999999999}]', "kategori_kota: angka terlalu besar"),
        ('[{"kategori_kota": {}}]', "kategori_kota: harus salah satu dari"),
        ('[{"persen": []}]', "persen: harus berupa objek"),
        ('[{"numerik": "banyak"}]', "numerik: harus berupa objek"),
        ('[{"legalitas": {"status_penguasaan": NaN}}]', "legalitas.status_penguasaan"),
        (
            '[{"pertimbangan_lain": {"kepadatan_penduduk": "1e999999999"}}]',
            "pertimbangan_lain.kepadatan_penduduk: angka terlalu besar",
        ),
        ("[true]", "rekaman: harus berupa objek"),
        ("[{}]", "kategori_kota: harus diisi"),
        ('[{"id": NaN, "kategori_kota": "sedang"}]', "persen.1a"),
    ],
    ids=[
        "exp-kategori",
        "objek-kategori",
        "larik-persen",
        "teks-numerik",
        "nan-legalitas",
        "exp-teks-kepadatan",
        "boolean-rekaman",
        "kosong",
        "nan-id",
    ],
)
def test_calculator_api_names_wrong_types_and_missing_fields(operator_a, badan, field):
    r = _hitung(klien_untuk(operator_a), badan)
    assert r.status_code == 200, r.content[:300]
    hasil = json.loads(r.content.decode().splitlines()[0])
    assert field in hasil["error"]


@pytest.mark.parametrize(
    ("badan", "pesan"),
    [
        (BERSARANG, "bersarang lebih dari"),
        ('{"id": ' * 10_000 + "1" + "}" * 10_000, "bersarang lebih dari"),
        ("bukan json", "bukan JSON"),
        ("", "masukan kosong"),
    ],
    ids=["10000-larik", "10000-objek", "teks", "kosong"],
)
def test_calculator_api_answers_400_to_unreadable_input(operator_a, badan, pesan):
    r = _hitung(klien_untuk(operator_a), badan)
    assert r.status_code == 400
    assert r["X-Kumuh-Status"] == "2"
    hasil = json.loads(r.content.decode())
    assert pesan in hasil["error"]
    assert "recursion" not in hasil["error"]


def test_kumuh_hitung_command_names_the_field_and_never_crashes(tmp_path: Path):
    berkas = tmp_path / "buruk.json"
    berkas.write_text(_satu_persen('"1e999999999"'))
    jalan = subprocess.run(
        [sys.executable, "manage.py", "kumuh_hitung", str(berkas)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert jalan.returncode == 1, jalan.stderr[-500:]
    assert "persen.1a: angka terlalu besar" in json.loads(jalan.stdout)["error"]
    berkas.write_text(BERSARANG)
    jalan = subprocess.run(
        [sys.executable, "manage.py", "kumuh_hitung", str(berkas)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert jalan.returncode == 2
    assert "bersarang" in jalan.stderr


def _poligon(titik_awal) -> str:
    cincin = [titik_awal, [109.68, -6.88], [109.68, -6.89], titik_awal]
    return json.dumps({"type": "Polygon", "coordinates": [cincin]})


BATAS_BURUK = {
    "boolean": ("true", "objek GeoJSON"),
    "NaN": (_poligon([109.67, -6.88]).replace("109.67", "NaN"), "NaN bukan angka"),
    "Infinity": (_poligon([109.67, -6.88]).replace("109.67", "Infinity"), "Infinity bukan"),
    "eksponen raksasa": (_poligon([109.67, -6.88]).replace("109.67", "1e999999999"), "titik"),
    "bilangan bulat 5000 digit": (
        _poligon([109.67, -6.88]).replace("109.67", "9" * 5000),
        "terlalu panjang",
    ),
    "boolean untuk koordinat": (_poligon([109.67, -6.88]).replace("109.67", "true"), "titik"),
    "teks untuk koordinat": (_poligon([109.67, -6.88]).replace("109.67", '"109"'), "titik"),
    "10000 larik bersarang": (BERSARANG, "bersarang lebih dari"),
    "geometri bersarang": (
        '{"type": "Polygon", "coordinates": ' + BERSARANG + "}",
        "bersarang lebih dari",
    ),
    "objek untuk larik": ('{"type": "Polygon", "coordinates": {}}', "kosong"),
    "fitur bukan objek": ('{"type": "FeatureCollection", "features": [1]}', "Fitur batas"),
    "features bukan larik": (
        '{"type": "FeatureCollection", "features": {"a": 1}}',
        "larik fitur",
    ),
    "geometry bukan objek": ('{"type": "Feature", "geometry": [1]}', "geometry"),
    "type bukan teks": ('{"type": ["Polygon"], "coordinates": []}', "Polygon atau"),
    "tanpa type": ('{"coordinates": []}', "Polygon atau"),
}


@pytest.mark.parametrize("kelas", BATAS_BURUK)
def test_lokasi_form_refuses_bad_geojson_naming_the_field(operator_a, kota_a, kelas):
    teks, pesan = BATAS_BURUK[kelas]
    r = klien_untuk(operator_a).post(reverse("lokasi:tambah"), data_lokasi(kota_a, batas_teks=teks))
    assert r.status_code == 200
    galat = " ".join(r.context["form"].errors.get("batas_teks", []))
    assert "Batas kawasan" in galat or "batas kawasan" in galat, galat
    assert pesan in galat, galat
    assert not Lokasi.objects.exists()


def test_a_huge_number_in_an_unread_column_is_ignored_like_the_column(operator_a):
    # Unknown keys (a spreadsheet's extra columns) are ignored by contract, whatever they hold.
    badan = '[{"id": 1, "catatan": ' + "9" * 5000 + ', "kategori_kota": 7}]'
    hasil = json.loads(_hitung(klien_untuk(operator_a), badan).content)
    assert "catatan" not in hasil["error"]
    assert "kategori_kota" in hasil["error"]


# --- property: any JSON-ish value anywhere in a record is answered, never raised -------------

_NILAI = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # includes NaN and ±Infinity, which json.dumps writes as NaN/Infinity
    | st.sampled_from(["1e999999999", "-1e-999999999", "NaN", "Infinity", "=1+1", "", " 5 "])
    | st.text(max_size=8),
    lambda anak: (
        st.lists(anak, max_size=3) | st.dictionaries(st.text(max_size=4), anak, max_size=3)
    ),
    max_leaves=8,
)
_KUNCI = st.sampled_from(
    ["id", "kategori_kota", "persen", "numerik", "legalitas", "pertimbangan_lain", "lain"]
)
_SUB = st.sampled_from(["1a", "2b", "7b", "jumlah_bangunan", "luas_verifikasi_ha", "strategis"])
_REKAMAN = st.dictionaries(_KUNCI, _NILAI | st.dictionaries(_SUB, _NILAI, max_size=4), max_size=6)


@given(rekaman=st.lists(_REKAMAN | _NILAI, min_size=1, max_size=3))
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
def test_calculator_answers_any_record_without_raising(rekaman):
    from penilaian.kalkulator import hitung_teks

    hasil, status = hitung_teks(json.dumps(rekaman))
    keluaran = [json.loads(baris) for baris in tulis_jsonl(hasil).split("\n") if baris]
    assert len(keluaran) == len(rekaman) or status == 2
    assert all(isinstance(h.get("error", ""), str) for h in keluaran)


@given(batas=_NILAI | st.fixed_dictionaries({"type": st.sampled_from(["Polygon", "MultiPolygon",
       "Feature", "FeatureCollection"]), "coordinates": _NILAI, "geometry": _NILAI,
       "features": _NILAI}))  # fmt: skip
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
def test_boundary_parser_answers_any_geojson_with_its_own_error(batas):
    try:
        geo.baca_batas(json.dumps(batas))
    except geo.GeoTidakValid as e:
        assert "atas kawasan" in str(e) or "oligon" in str(e) or "incin" in str(e)


def test_json_lines_split_on_newline_only(operator_a):
    # U+2028 is legal raw inside a JSON string; str.splitlines() used to cut the record there.
    badan = '{"id": "RT\u2028001", "kategori_kota": "sedang"}\n{"id": "b"}\n'
    r = _hitung(klien_untuk(operator_a), badan)
    assert r.status_code == 200
    hasil = [json.loads(b) for b in r.content.decode().split("\n") if b]
    assert [h["id"] for h in hasil] == ["RT\u2028001", "b"]
