"""Kecamatan/kelurahan boundaries from GeoJSON (issue 10 item 6): all or nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from lokasi.models import Kecamatan, Kelurahan


def _kotak(x: float, y: float, d: float = 0.01) -> dict:
    cincin = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
    return {"type": "Polygon", "coordinates": [cincin]}


def _fitur(geometri: dict, **properti) -> dict:
    return {"type": "Feature", "properties": properti, "geometry": geometri}


def _berkas(tmp_path, *fitur) -> str:
    jalur = tmp_path / "batas.geojson"
    jalur.write_text(json.dumps({"type": "FeatureCollection", "features": list(fitur)}))
    return str(jalur)


def _impor(berkas: str, *argumen: str) -> str:
    keluar = io.StringIO()
    call_command("impor_batas_wilayah", berkas, *argumen, stdout=keluar)
    return keluar.getvalue()


def test_kecamatan_boundaries_are_matched_by_kode(kota_a, tmp_path):
    berkas = _berkas(
        tmp_path,
        _fitur(_kotak(109.60, -6.90), kode="91.71.01", nama="apa saja"),
        _fitur(_kotak(109.62, -6.90), kode="917102"),  # BPS style, without dots
    )

    keluar = _impor(berkas, "--tingkat", "kecamatan")

    barat, timur = Kecamatan.objects.filter(kabupaten_kota=kota_a).order_by("kode")
    assert barat.batas == _kotak(109.60, -6.90)
    assert timur.batas == _kotak(109.62, -6.90)
    assert "2 batas kecamatan" in keluar


def test_kelurahan_boundaries_are_matched_by_name_within_the_kabkota(kota_a, kota_b, tmp_path):
    berkas = _berkas(tmp_path, _fitur(_kotak(109.6, -6.9), nama="  kel alfa barat 1 "))

    _impor(berkas, "--tingkat", "kelurahan", "--kabkota", kota_a.kode)

    kel = Kelurahan.objects.get(nama="Kel Alfa Barat 1")
    assert kel.batas == _kotak(109.6, -6.9)
    assert Kelurahan.objects.exclude(pk=kel.pk).filter(batas__isnull=False).count() == 0


def test_one_bad_feature_stores_nothing_and_every_problem_is_named(kota_a, tmp_path):
    rusak = {"type": "Polygon", "coordinates": [[[109.6, -6.9], [109.7, -6.9], [109.6, -6.9]]]}
    berkas = _berkas(
        tmp_path,
        _fitur(_kotak(109.60, -6.90), kode="91.71.01"),
        _fitur(_kotak(109.60, -6.90), kode="91.71.99"),
        _fitur(rusak, kode="91.71.02"),
        _fitur(_kotak(109.60, -6.90), nama="Tidak Ada"),
        _fitur({"type": "Point", "coordinates": [109.6, -6.9]}, kode="91.71.01"),
    )

    with pytest.raises(CommandError) as e:
        _impor(berkas, "--tingkat", "kecamatan", "--kabkota", kota_a.kode)

    pesan = str(e.value)
    assert "Tidak ada yang diimpor" in pesan
    assert "Fitur ke-2" in pesan and "91.71.99" in pesan and "tidak ditemukan" in pesan
    assert "Fitur ke-3" in pesan and "4 titik" in pesan
    assert "Fitur ke-4" in pesan and "Tidak Ada" in pesan
    assert "Fitur ke-5" in pesan and "Polygon" in pesan and "ganda" in pesan
    assert not Kecamatan.objects.filter(batas__isnull=False).exists()


def test_names_need_a_kabkota_and_a_kode_of_another_level_is_refused(kota_a, tmp_path):
    with pytest.raises(CommandError, match="--kabkota"):
        _impor(_berkas(tmp_path, _fitur(_kotak(109.6, -6.9), nama="Alfa Barat")),
               "--tingkat", "kecamatan")  # fmt: skip
    with pytest.raises(CommandError, match="bukan kode kecamatan"):
        _impor(_berkas(tmp_path, _fitur(_kotak(109.6, -6.9), kode="91.71.01.1001")),
               "--tingkat", "kecamatan")  # fmt: skip


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ("{bukan json", "bukan GeoJSON"),
        ('{"type": "Feature"}', "FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "tidak berisi fitur"),
    ],
)
def test_a_broken_file_is_refused_with_a_reason(kota_a, tmp_path, isi, pesan):
    jalur = tmp_path / "x.geojson"
    jalur.write_text(isi)
    with pytest.raises(CommandError, match=pesan):
        _impor(str(jalur), "--tingkat", "kecamatan")


def test_the_demo_gives_each_kecamatan_a_boundary_holding_its_own_lokasi(db):
    from lokasi.models import Lokasi
    from penilaian.sk.svg import di_dalam

    call_command("lokasi_demo", stdout=io.StringIO())

    kecamatan = Kecamatan.objects.filter(kabupaten_kota__kode="33.75")
    assert kecamatan and all(k.batas for k in kecamatan)
    for lokasi in Lokasi.objects.filter(kode__startswith="DEMO-").prefetch_related(
        "kelurahan__kecamatan"
    ):
        (kec,) = {k.kecamatan for k in lokasi.kelurahan.all()}
        cincin = [tuple(p) for p in kec.batas["coordinates"][0]]
        titik = [(float(lokasi.bujur), float(lokasi.lintang))]
        if lokasi.batas:
            titik += [tuple(p) for p in lokasi.batas["coordinates"][0]]
        assert all(di_dalam(t, cincin) for t in titik), (lokasi.nama, kec.nama)
