"""The priority list at scale (issue 14 item 2): totals counted by the database, pages, the map.

The totals must be the numbers the list gave when every row was built in Python
(`DaftarPrioritas`' properties), on a dataset with every case the rules name.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from lokasi.models import Lokasi
from penilaian import ringkasan
from penilaian.models import Penilaian, PenilaianTerakhir
from penilaian.prioritas import (
    daftar_prioritas,
    halaman_prioritas,
    rekap_prioritas,
)
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db

URL = reverse("penilaian:prioritas")
URL_PETA = reverse("penilaian:prioritas_peta")
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")
PITA_RINGAN = dict.fromkeys(PITA_SEDANG, "25-50")
PITA_TIDAK_KUMUH = dict.fromkeys(PITA_SEDANG, "<25")


def _kelurahan(kota):
    return [k.kelurahan.order_by("kode").first() for k in kota.kecamatan.order_by("kode")]


@pytest.fixture
def beragam(kota_a, kota_b):
    """Lokasi in both kecamatan and across them, with every kind of area and population."""
    barat, timur = _kelurahan(kota_a)
    kasus = [
        ("Satu", [barat], {"luas_verifikasi_ha": Decimal("2.345678")}, PITA_BERAT),
        ("Dua", [timur], {"luas_verifikasi_ha": None, "luas_sk_ha": Decimal("7.1")}, None),
        ("Lintas", [timur, barat], {"luas_verifikasi_ha": Decimal("3.33")}, PITA_RINGAN),
        (
            "Tanpa rincian",
            [timur],
            {"penduduk_laki_laki": None, "penduduk_perempuan": None, "penduduk_tanpa_rincian": 512},
            PITA_BERAT,
        ),
        ("Laki saja", [barat], {"penduduk_perempuan": None}, None),
        ("Tanpa luas", [barat], {"luas_verifikasi_ha": None, "luas_sk_ha": None}, PITA_RINGAN),
        ("Tidak kumuh", [barat], {}, PITA_TIDAK_KUMUH),
        ("Ilegal", [timur], {}, None),
    ]
    for nama, kelurahan, nilai, pita in kasus:
        lokasi = buat_lokasi(kota_a, nama, kelurahan=kelurahan, **nilai)
        # An older approved survey that must not count, and a newer draft that must not either.
        buat_penilaian(lokasi, tahun=2022, status="disetujui_pokja", pita=PITA_RINGAN)
        tambahan = {"status_penguasaan": False} if nama == "Ilegal" else {}
        buat_penilaian(lokasi, tahun=2024, status="terverifikasi_provinsi", pita=pita, **tambahan)
        buat_penilaian(lokasi, tahun=2026, status="draf", pita=PITA_BERAT)
    # Scored with luas verifikasi; the list then counts the luas SK (Lokasi.luas_ha).
    Lokasi.objects.filter(nama="Ilegal").update(
        luas_verifikasi_ha=None, luas_sk_ha=Decimal("7.123456")
    )
    # Approved without results: left out and reported.
    tanpa = buat_penilaian(buat_lokasi(kota_a, "Tanpa hasil"), tahun=2024, status="disetujui_pokja")
    Penilaian.objects.filter(pk=tanpa.pk).update(klasifikasi="", prioritas=None)
    # Another city: never in city A's totals.
    buat_penilaian(buat_lokasi(kota_b, "Kota lain"), tahun=2024, status="disetujui_pokja")
    # QuerySet.update() above bypasses the signals that keep the narrow table in step.
    ringkasan.segarkan_semua()
    assert ringkasan.selisih() == []
    return kota_a


def _angka(r):
    return (r.label, r.jumlah, r.luas_ha, r.kunci)


@pytest.mark.parametrize(
    "saringan",
    [
        {},
        {"tahun": 2023},
        {"tingkat": "Kumuh Berat"},
        {"prioritas": 5},
        {"legalitas": "Tidak Legal"},
        {"pola": "Pemugaran"},
        {"kecamatan": "timur"},
    ],
)
@pytest.mark.parametrize("sempit", [False, True], ids=["survei", "tabel-sempit"])
def test_database_totals_equal_the_row_by_row_totals(operator_a, beragam, saringan, sempit):
    if saringan.get("kecamatan") == "timur":
        saringan = {"kecamatan": beragam.kecamatan.order_by("kode").last()}
    qs = Penilaian.objects.untuk(operator_a)
    lama = daftar_prioritas(qs, **saringan)  # every row, summed in Python as before issue 14
    # The page reads the narrow table (PenilaianTerakhir) unless a year is asked for.
    ringkas = PenilaianTerakhir.objects.untuk(operator_a) if sempit else None
    baru = rekap_prioritas(qs, ringkas=ringkas, **saringan)
    assert lama.baris or saringan  # the dataset is not empty
    assert _angka(baru.jumlah)[1:3] == _angka(lama.jumlah)[1:3]
    assert baru.jumlah.luas_ha_sk == lama.jumlah.luas_ha_sk
    assert baru.jumlah_penduduk == lama.jumlah_penduduk
    assert [_angka(r) for r in baru.per_tingkat] == [_angka(r) for r in lama.per_tingkat]
    assert [_angka(r) for r in baru.per_prioritas] == [_angka(r) for r in lama.per_prioritas]
    assert [_angka(r) for r in baru.per_kecamatan] == [_angka(r) for r in lama.per_kecamatan]
    assert (baru.tidak_kumuh, baru.tanpa_hasil) == (lama.tidak_kumuh, lama.tanpa_hasil)
    assert baru.tahun_terakhir == lama.tahun_terakhir


def test_the_lokasi_across_kecamatan_counts_in_its_first_by_code(operator_a, beragam):
    rekap = rekap_prioritas(Penilaian.objects.untuk(operator_a))
    # Barat: Satu, Lintas (first by code), Laki saja; Timur: Ilegal, Tanpa rincian. Tidak
    # kumuh is left out; Dua, Tanpa luas (scored without an area) and Tanpa hasil have no result.
    assert [(r.label, r.jumlah, r.luas_ha) for r in rekap.per_kecamatan] == [
        ("Alfa Barat", 3, Decimal("2.345678") + Decimal("3.33") + Decimal("4.5")),
        ("Alfa Timur", 2, Decimal("7.123456") + Decimal("4.5")),
    ]
    assert (rekap.tidak_kumuh, rekap.tanpa_hasil) == (1, 3)
    assert rekap.jumlah_penduduk == 1420 * 3 + 512 + 700


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sempit", [False, True], ids=["survei", "tabel-sempit"])
def test_pages_continue_the_numbering_in_the_list_order(operator_a, beragam, sempit):
    qs = Penilaian.objects.untuk(operator_a)
    r = {"ringkas": PenilaianTerakhir.objects.untuk(operator_a)} if sempit else {}
    semua = [b.nama for b in daftar_prioritas(qs).baris]
    assert len(semua) == 5
    kedua = halaman_prioritas(qs, 2, per_halaman=2, **r)
    assert [b.nomor for b in kedua.baris] == [3, 4]
    assert [b.nama for b in kedua.baris] == semua[2:4]
    assert kedua.jumlah.jumlah == 5  # the totals are the whole list's
    terakhir = halaman_prioritas(qs, 99, per_halaman=2, **r)  # past the end: the last page
    assert [(b.nomor, b.nama) for b in terakhir.baris] == [(5, semua[4])]
    assert halaman_prioritas(qs, "x", per_halaman=2, **r).baris[0].nomor == 1
    # Every page of the narrow table's order is the rows' own order, row for row.
    satu = halaman_prioritas(qs, 1, per_halaman=50, **r)
    assert satu.baris == daftar_prioritas(qs).baris


def test_page_two_through_htmx_keeps_the_filters(operator_a, kota_a):
    for i in range(53):
        buat_penilaian(buat_lokasi(kota_a, f"Lokasi {i:02d}"), status="disetujui_pokja")
    klien = klien_untuk(operator_a)
    r = klien.get(URL, {"tingkat": "Kumuh Sedang"})
    assert len(r.context["daftar"].baris) == 50
    assert 'href="?tingkat=Kumuh+Sedang&halaman=2"' in r.text
    r = klien.get(
        URL,
        {"tingkat": "Kumuh Sedang", "halaman": "2"},
        headers={"HX-Request": "true", "HX-Target": "hasil-prioritas"},
    )
    assert "<html" not in r.text
    daftar = r.context["daftar"]
    assert [b.nomor for b in daftar.baris] == [51, 52, 53]
    assert daftar.jumlah.jumlah == 53
    assert "53 (lima puluh tiga) lokasi" in r.text
    assert "Halaman 2 dari 2" in r.text
    # The Excel and the map keep the filters, not the page.
    assert 'prioritas/excel/?tingkat=Kumuh+Sedang" download' in r.text
    assert 'data-url="/penilaian/prioritas/peta/?tingkat=Kumuh+Sedang"' in r.text


# --- the map endpoint -----------------------------------------------------------------------


def _lokasi_di(kota, nama, lintang, bujur, pita=None, **nilai):
    lokasi = buat_lokasi(kota, nama, lintang=Decimal(lintang), bujur=Decimal(bujur), **nilai)
    buat_penilaian(lokasi, status="disetujui_pokja", pita=pita)
    return lokasi


def test_map_groups_close_lokasi_at_low_zoom_and_splits_them_zoomed_in(operator_a, kota_a):
    _lokasi_di(kota_a, "Dekat 1", "-6.9000", "109.6000", pita=PITA_BERAT)  # prioritas 4
    _lokasi_di(kota_a, "Dekat 2", "-6.9005", "109.6005")  # prioritas 5
    _lokasi_di(kota_a, "Jauh", "-7.5000", "110.5000")
    klien = klien_untuk(operator_a)
    jauh = klien.get(URL_PETA, {"zoom": "9"}).json()
    [klaster] = jauh["klaster"]
    assert klaster[2:] == [2, 4]  # two lokasi, the most urgent prioritas gives the colour
    assert [f["properties"]["nama"] for f in jauh["fitur"]] == ["Jauh"]
    assert jauh["fitur"][0]["geometry"]["type"] == "Point"
    dekat = klien.get(URL_PETA, {"zoom": "17", "bbox": "109.59,-6.91,109.61,-6.89"}).json()
    assert dekat["klaster"] == []
    assert sorted(f["properties"]["nama"] for f in dekat["fitur"]) == ["Dekat 1", "Dekat 2"]


def test_map_first_load_gives_the_extent(operator_a, kota_a):
    _lokasi_di(kota_a, "Utara", "-6.5", "109.5")
    _lokasi_di(kota_a, "Selatan", "-7.0", "110.0")
    data = klien_untuk(operator_a).get(URL_PETA).json()
    assert data["batas"] == [[-7.0, 109.5], [-6.5, 110.0]]
    assert 3 <= data["zoom"] <= 14
    # A bad zoom or box is ignored, never an error.
    r = klien_untuk(operator_a).get(URL_PETA, {"zoom": "abc", "bbox": "1,2,x"})
    assert r.status_code == 200 and r.json()["batas"] is not None


def test_map_boundaries_only_zoomed_in_within_the_viewport(operator_a, kota_a):
    batas = {
        "type": "Polygon",
        "coordinates": [[[109.59, -6.91], [109.61, -6.91], [109.61, -6.89], [109.59, -6.91]]],
    }
    _lokasi_di(kota_a, "Berbatas", "-6.9", "109.6", batas=batas)
    klien = klien_untuk(operator_a)
    [f] = klien.get(URL_PETA, {"zoom": "10"}).json()["fitur"]
    assert f["geometry"]["type"] == "Point"
    [f] = klien.get(URL_PETA, {"zoom": "15", "bbox": "109.5,-7,109.7,-6.8"}).json()["fitur"]
    assert f["geometry"] == batas
    assert klien.get(URL_PETA, {"zoom": "15", "bbox": "100,-1,101,0"}).json()["fitur"] == []


def test_map_follows_the_filters(operator_a, kota_a):
    _lokasi_di(kota_a, "Berat", "-6.9", "109.6", pita=PITA_BERAT)
    _lokasi_di(kota_a, "Sedang", "-7.5", "110.5")
    _lokasi_di(kota_a, "Tidak", "-7.2", "110.0", pita=PITA_TIDAK_KUMUH)
    klien = klien_untuk(operator_a)
    data = klien.get(URL_PETA, {"zoom": "12", "tingkat": "Kumuh Berat"}).json()
    assert [f["properties"]["nama"] for f in data["fitur"]] == ["Berat"]
    assert data["fitur"][0]["properties"]["label"] == "A3/ 4"
    semua = klien.get(URL_PETA, {"zoom": "12"}).json()
    assert sorted(f["properties"]["nama"] for f in semua["fitur"]) == ["Berat", "Sedang"]


def test_map_of_another_city_shows_none_of_city_a(operator_a, operator_b, kota_a, kota_b):
    _lokasi_di(kota_a, "Milik A", "-6.9", "109.6")
    _lokasi_di(kota_b, "Milik B", "-6.9", "109.6")
    for pengguna, nama in ((operator_a, "Milik A"), (operator_b, "Milik B")):
        for data in ({}, {"zoom": "16", "bbox": "109.5,-7,109.7,-6.8"}):
            r = klien_untuk(pengguna).get(URL_PETA, data).json()
            assert [f["properties"]["nama"] for f in r["fitur"]] == [nama]
            assert r["klaster"] == []
