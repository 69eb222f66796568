"""REST API v1: scope (session and token), filters, ordering, pagination, GeoJSON, query
budgets and the docs page (tokens and `manage.py buat_token`: test_token.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from lokasi.models import Pengguna, TokenAPI
from penilaian.models import NumerikPenilaian, Penilaian
from penilaian.prioritas import daftar_prioritas
from tests.conftest import (
    PITA_SEDANG,
    buat_kabkota,
    buat_lokasi,
    buat_penilaian,
    buat_unit,
    klien_untuk,
)

pytestmark = pytest.mark.django_db

WILAYAH = reverse("api_wilayah_daftar")
LOKASI = reverse("api_lokasi_daftar")
PENILAIAN = reverse("api_penilaian_daftar")

# 16 × 5 = 80 Kumuh Berat → A3, prioritas 4 (pertimbangan lain 7 with the default density).
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")
# 16 × 1 = 16 Kumuh Ringan → C3, prioritas 6.
PITA_RINGAN = dict.fromkeys(PITA_SEDANG, "25-50")
# 0 → Tidak Kumuh: no klasifikasi, no prioritas.
PITA_TIDAK_KUMUH = dict.fromkeys(PITA_SEDANG, "<25")
BATAS = {
    "type": "Polygon",
    "coordinates": [
        [[109.67, -6.88], [109.68, -6.88], [109.68, -6.89], [109.67, -6.89], [109.67, -6.88]]
    ],
}


def klien_token(pengguna: Pengguna) -> Client:
    """A client as another system uses the API: no session, `Authorization: Token …`."""
    _, kunci = TokenAPI.objects.buat(user=pengguna, nama="tes")
    return Client(headers={"Authorization": f"Token {kunci}"})


@pytest.fixture(params=["sesi", "token"])
def klien_api(request):
    """Return a function giving a client for a user, by session and by token in turn."""
    return klien_untuk if request.param == "sesi" else klien_token


def _ids(respons) -> list[int]:
    assert respons.status_code == 200, respons.content
    return [baris["id"] for baris in respons.json()["results"]]


def _kode(respons) -> list[str]:
    assert respons.status_code == 200, respons.content
    return [baris["kode"] for baris in respons.json()["results"]]


# --- authentication and scope ------------------------------------------------------------------


@pytest.mark.parametrize("url", [WILAYAH, LOKASI, PENILAIAN])
def test_it_rejects_anonymous_and_a_wrong_token(url):
    assert klien_untuk(None).get(url).status_code in (401, 403)
    palsu = Client(headers={"Authorization": "Token bukan-token-yang-sah"})
    assert palsu.get(url).status_code in (401, 403)


def test_it_rejects_the_token_of_an_inactive_user(operator_a, lokasi_a):
    klien = klien_token(operator_a)
    Pengguna.objects.filter(pk=operator_a.pk).update(is_active=False)
    assert klien.get(LOKASI).status_code in (401, 403)


def test_it_rejects_other_city_lokasi(klien_api, operator_a, operator_b, lokasi_a, lokasi_b):
    klien = klien_api(operator_b)
    assert _ids(klien.get(LOKASI)) == [lokasi_b.pk]
    detail = reverse("api_lokasi_detail", args=[lokasi_a.pk])
    assert klien.get(detail).status_code == 404
    assert klien.get(detail, {"format": "geojson"}).status_code == 404
    # Filtering for city A's codes does not reveal anything either.
    assert _ids(klien.get(LOKASI, {"kabupaten_kota": "91.71"})) == []
    assert _ids(klien.get(LOKASI, {"kecamatan": "91.71.01"})) == []
    assert klien_api(operator_a).get(detail).status_code == 200


def test_it_rejects_other_city_penilaian(klien_api, operator_a, operator_b, lokasi_a, lokasi_b):
    penilaian_a = buat_penilaian(lokasi_a, status="disetujui_pokja")
    penilaian_b = buat_penilaian(lokasi_b)
    klien = klien_api(operator_b)
    assert _ids(klien.get(PENILAIAN)) == [penilaian_b.pk]
    assert _ids(klien.get(PENILAIAN, {"lokasi": lokasi_a.pk})) == []
    assert _ids(klien.get(PENILAIAN, {"terakhir_disetujui": "true"})) == []
    detail = reverse("api_penilaian_detail", args=[penilaian_a.pk])
    assert klien.get(detail).status_code == 404
    assert klien_api(operator_a).get(detail).status_code == 200


def test_it_rejects_other_city_wilayah(klien_api, operator_b, kota_a, kota_b):
    klien = klien_api(operator_b)
    assert _kode(klien.get(WILAYAH)) == ["91.72"]
    assert klien.get(reverse("api_wilayah_detail", args=["91.71"])).status_code == 404
    assert klien.get(reverse("api_wilayah_detail", args=["91.72"])).status_code == 200


def test_verifiers_see_their_provinsi_or_everything(
    klien_api, verifikator_p, verifikator_pusat, pokja_a, lokasi_a, lokasi_b, kota_c
):
    lokasi_c = buat_lokasi(kota_c, "Gama")
    assert set(_ids(klien_api(verifikator_p).get(LOKASI))) == {lokasi_a.pk, lokasi_b.pk}
    assert _kode(klien_api(verifikator_p).get(WILAYAH)) == ["91.71", "91.72"]
    semua = {lokasi_a.pk, lokasi_b.pk, lokasi_c.pk}
    assert set(_ids(klien_api(verifikator_pusat).get(LOKASI))) == semua
    assert _kode(klien_api(verifikator_pusat).get(WILAYAH)) == ["91.71", "91.72", "92.71"]
    assert _ids(klien_api(pokja_a).get(LOKASI)) == [lokasi_a.pk]


def test_a_user_without_role_sees_nothing(klien_api, lokasi_a):
    tamu = Pengguna.objects.create_user("tanpa_peran", password="x-1234-abcd")
    assert _ids(klien_api(tamu).get(LOKASI)) == []
    assert _kode(klien_api(tamu).get(WILAYAH)) == []


def test_the_api_is_read_only(operator_a, lokasi_a):
    klien = klien_token(operator_a)
    assert klien.post(LOKASI, {}, content_type="application/json").status_code == 405
    detail = reverse("api_lokasi_detail", args=[lokasi_a.pk])
    assert klien.delete(detail).status_code == 405


# --- wilayah -----------------------------------------------------------------------------------


def test_wilayah_nests_kecamatan_and_kelurahan(operator_a, kota_a):
    r = klien_token(operator_a).get(reverse("api_wilayah_detail", args=["91.71"]))
    data = r.json()
    assert data["provinsi"] == {"kode": "91", "nama": "Provinsi Percobaan"}
    assert data["kategori"] == "sedang" and data["jenis"] == "kota"
    assert [k["kode"] for k in data["kecamatan"]] == ["91.71.01", "91.71.02"]
    assert [k["kode"] for k in data["kecamatan"][0]["kelurahan"]] == [
        "91.71.01.1001",
        "91.71.01.1002",
    ]


def test_wilayah_filters_by_provinsi(verifikator_pusat, kota_a, kota_c):
    klien = klien_token(verifikator_pusat)
    assert _kode(klien.get(WILAYAH, {"provinsi": "92"})) == ["92.71"]


# --- lokasi ------------------------------------------------------------------------------------


def test_lokasi_detail_has_units_codes_and_numbers(operator_a, lokasi_a):
    lokasi_a.tipologi_set.create(kode="di_tepi_air")
    buat_unit(lokasi_a, rt="001")
    buat_unit(lokasi_a, rt="002")
    data = klien_token(operator_a).get(reverse("api_lokasi_detail", args=[lokasi_a.pk])).json()
    assert data["kabupaten_kota"] == {"kode": "91.71", "nama": "Kota Alfa"}
    assert data["kelurahan"][0]["kode"] == "91.71.01.1001"
    assert data["kelurahan"][0]["kecamatan"]["kode"] == "91.71.01"
    assert data["tipologi"] == ["di_tepi_air"]
    assert [u["rt"] for u in data["unit_survei"]] == ["001", "002"]
    assert data["unit_survei"][0]["kelurahan"] == "91.71.01.1001"
    assert data["unit_survei"][0]["jumlah_penduduk"] == 310
    assert Decimal(data["luas_ha"]) == Decimal("4.5")
    assert data["jumlah_penduduk"] == 1420
    assert Decimal(data["kepadatan_penduduk"]) == Decimal("315.56")


def test_lokasi_filters(operator_a, kota_a):
    barat_1, barat_2, timur_1, _ = list(
        kota_a.kecamatan.get(kode="91.71.01").kelurahan.all()
    ) + list(kota_a.kecamatan.get(kode="91.71.02").kelurahan.all())
    dua_kelurahan = buat_lokasi(kota_a, "Dua Kelurahan", kelurahan=[barat_1, barat_2])
    timur = buat_lokasi(kota_a, "Pesisir Timur", kelurahan=[timur_1], rt_rw="RT 07 / RW 03")
    dua_kelurahan.tipologi_set.create(kode="di_tepi_air")
    dua_kelurahan.tipologi_set.create(kode="dataran_rendah")
    klien = klien_token(operator_a)
    # A lokasi with both kelurahan of the kecamatan is one row, not two.
    assert _ids(klien.get(LOKASI, {"kecamatan": "91.71.01"})) == [dua_kelurahan.pk]
    assert _ids(klien.get(LOKASI, {"kecamatan": "91.71.02"})) == [timur.pk]
    assert _ids(klien.get(LOKASI, {"kelurahan": barat_2.kode})) == [dua_kelurahan.pk]
    assert _ids(klien.get(LOKASI, {"tipologi": "di_tepi_air"})) == [dua_kelurahan.pk]
    assert _ids(klien.get(LOKASI, {"q": "pesisir"})) == [timur.pk]
    assert _ids(klien.get(LOKASI, {"q": "RW 03"})) == [timur.pk]
    assert _ids(klien.get(LOKASI, {"kabupaten_kota": "91.71"})) == [dua_kelurahan.pk, timur.pk]
    assert klien.get(LOKASI, {"tipologi": "di_bulan"}).status_code == 400


def test_lokasi_ordering_and_pagination(operator_a, kota_a):
    for i in range(5):
        buat_lokasi(kota_a, f"Lokasi {i}", kode=f"K{4 - i}")
    klien = klien_token(operator_a)
    r = klien.get(LOKASI, {"page_size": 2})
    data = r.json()
    assert data["count"] == 5
    assert [x["nama"] for x in data["results"]] == ["Lokasi 0", "Lokasi 1"]
    assert "page=2" in data["next"] and data["previous"] is None
    r = klien.get(LOKASI, {"ordering": "kode", "page_size": 2, "page": 3})
    assert [x["kode"] for x in r.json()["results"]] == ["K4"]
    r = klien.get(LOKASI, {"page": 9})
    assert r.status_code == 404
    assert r.json() == {"detail": "Parameter page tidak valid: halaman 9 tidak ada."}
    assert "halaman abc tidak ada" in klien.get(LOKASI, {"page": "abc"}).json()["detail"]
    assert klien.get(LOKASI, {"ordering": "permasalahan"}).status_code == 400


def test_lokasi_page_size_is_capped(operator_a, kota_a):
    r = klien_token(operator_a).get(LOKASI, {"page_size": 100000})
    assert r.status_code == 200


# --- GeoJSON -----------------------------------------------------------------------------------


def test_lokasi_as_geojson_feature_collection(operator_a, kota_a):
    batas = buat_lokasi(kota_a, "A Berbatas", batas=BATAS)
    titik = buat_lokasi(kota_a, "B Bertitik")
    tanpa = buat_lokasi(kota_a, "C Tanpa Koordinat", lintang=None, bujur=None)
    r = klien_token(operator_a).get(LOKASI, {"format": "geojson"})
    assert r["Content-Type"] == "application/geo+json"
    data = r.json()
    assert data["type"] == "FeatureCollection" and data["count"] == 3
    fitur = {f["id"]: f for f in data["features"]}
    assert fitur[batas.pk]["geometry"] == BATAS
    assert fitur[titik.pk]["geometry"] == {"type": "Point", "coordinates": [109.675, -6.889]}
    # Kept, with a null geometry (RFC 7946 §3.2), so the count matches the JSON list.
    assert fitur[tanpa.pk]["geometry"] is None
    assert fitur[titik.pk]["properties"]["nama"] == "B Bertitik"
    assert "geometri" not in fitur[titik.pk]["properties"]


def test_lokasi_geojson_by_accept_header_and_detail(operator_a, kota_a):
    lokasi = buat_lokasi(kota_a, batas=BATAS)
    klien = klien_token(operator_a)
    r = klien.get(LOKASI, headers={"Accept": "application/geo+json"})
    assert r.json()["type"] == "FeatureCollection"
    r = klien.get(reverse("api_lokasi_detail", args=[lokasi.pk]), {"format": "geojson"})
    assert r.json()["type"] == "Feature" and r.json()["geometry"] == BATAS
    r = klien.get(reverse("api_lokasi_detail", args=[lokasi.pk]))
    assert r.json()["geometri"] == BATAS


# --- penilaian ---------------------------------------------------------------------------------


def test_penilaian_detail_has_inputs_and_results(operator_a, lokasi_a):
    unit_1 = buat_unit(lokasi_a, rt="001")
    unit_2 = buat_unit(lokasi_a, rt="002")
    penilaian = buat_penilaian(
        lokasi_a, surveyor_nama="Dewi", responden_jabatan="Ketua RW", status="diajukan"
    )
    for unit in (unit_2, unit_1):
        NumerikPenilaian.objects.create(penilaian=penilaian, unit=unit, jumlah_kk=90)
    r = klien_token(operator_a).get(reverse("api_penilaian_detail", args=[penilaian.pk]))
    data = r.json()
    assert data["status"] == "diajukan" and data["tahun"] == 2025
    assert data["lokasi"]["id"] == lokasi_a.pk
    assert data["lokasi"]["kelurahan"] == ["91.71.01.1001"]
    assert data["surveyor"]["nama"] == "Dewi"
    assert data["responden"]["jabatan"] == "Ketua RW"
    assert data["legalitas_lahan"] == {"status_penguasaan": True, "kesesuaian_rtr": True}
    assert data["pertimbangan_lain"]["strategis"] is False
    assert [i["kode"] for i in data["isian"]][:3] == ["1a", "1b", "1c"]
    assert len(data["isian"]) == 16 and data["isian"][0]["pita"] == "76-100"
    # The kawasan sheet first, then the units in RT order.
    assert [n["unit"] and n["unit"]["rt"] for n in data["numerik"]] == [None, "001", "002"]
    assert data["numerik"][1]["jumlah_kk"] == "90"
    hasil = data["hasil"]
    assert hasil["nilai_kekumuhan"] == 42
    assert hasil["tingkat_kekumuhan"] == "Kumuh Sedang"
    assert hasil["klasifikasi"] == "B3" and hasil["prioritas"] == 5
    assert hasil["label_prioritas"] == "B3/ 5"
    assert hasil["legalitas"] == "Legal"
    assert hasil["rinci"]["skor"]["1a"] == 5
    assert data["lengkap"] is True and data["kekurangan"] == []


def test_incomplete_penilaian_has_null_results_and_its_gaps(operator_a, lokasi_a):
    penilaian = buat_penilaian(lokasi_a, pita={})
    data = klien_token(operator_a).get(reverse("api_penilaian_detail", args=[penilaian.pk]))
    data = data.json()
    assert data["lengkap"] is False
    assert data["hasil"]["nilai_kekumuhan"] is None
    assert data["hasil"]["tingkat_kekumuhan"] is None
    assert data["hasil"]["label_prioritas"] is None
    assert data["hasil"]["rinci"] == {}
    assert data["isian"][0]["pita"] is None
    assert data["kekurangan"] and {"field", "pesan"} <= set(data["kekurangan"][0])


@pytest.fixture
def survei(kota_a, lokasi_a):
    """Surveys of three lokasi in city A across the years, for the priority-list filters."""
    timur = kota_a.kecamatan.get(kode="91.71.02").kelurahan.first()
    lokasi_2 = buat_lokasi(kota_a, "Bantaran Timur", kelurahan=[timur])
    lokasi_3 = buat_lokasi(kota_a, "Cempaka")
    return {
        # lokasi_a: Sedang in 2023, Berat in 2025; a newer draft does not count.
        "a_2023": buat_penilaian(lokasi_a, 2023, "terverifikasi_pusat"),
        "a_2025": buat_penilaian(lokasi_a, 2025, "disetujui_pokja", pita=PITA_BERAT),
        "a_draf": buat_penilaian(lokasi_a, 2026, "draf", pita=PITA_RINGAN),
        # lokasi_2: Ringan and not legal in 2024.
        "t_2024": buat_penilaian(
            lokasi_2, 2024, "terverifikasi_provinsi", pita=PITA_RINGAN, status_penguasaan=False
        ),
        # lokasi_3: Sedang in 2022, Tidak Kumuh in 2025 (left out, not replaced by 2022).
        "c_2022": buat_penilaian(lokasi_3, 2022, "disetujui_pokja"),
        "c_2025": buat_penilaian(lokasi_3, 2025, "disetujui_pokja", pita=PITA_TIDAK_KUMUH),
    }


def test_latest_approved_matches_the_priority_list(operator_a, survei):
    klien = klien_token(operator_a)
    for saringan in [{}, {"tahun": 2024}, {"tahun": 2023}, {"prioritas": 6}]:
        harapan = [
            b.penilaian_pk
            for b in daftar_prioritas(Penilaian.objects.untuk(operator_a), **saringan).baris
        ]
        r = klien.get(PENILAIAN, {"terakhir_disetujui": "true", "kumuh": "true", **saringan})
        assert _ids(r) == harapan, saringan
    assert _ids(klien.get(PENILAIAN, {"terakhir_disetujui": "true", "kumuh": "true"})) == [
        survei["a_2025"].pk,  # A3 → 4
        survei["t_2024"].pk,  # C4 → 6
    ]


def test_latest_approved_keeps_tidak_kumuh_without_kumuh_filter(operator_a, survei):
    r = klien_token(operator_a).get(PENILAIAN, {"terakhir_disetujui": "true"})
    assert set(_ids(r)) == {survei["a_2025"].pk, survei["t_2024"].pk, survei["c_2025"].pk}
    r = klien_token(operator_a).get(PENILAIAN, {"terakhir_disetujui": "true", "kumuh": "false"})
    assert _ids(r) == [survei["c_2025"].pk]


def test_latest_approved_up_to_a_year(operator_a, survei):
    klien = klien_token(operator_a)
    r = klien.get(PENILAIAN, {"terakhir_disetujui": "true", "tahun": 2023})
    assert set(_ids(r)) == {survei["a_2023"].pk, survei["c_2022"].pk}


def test_penilaian_filters(operator_a, survei):
    klien = klien_token(operator_a)

    def ids(**saringan) -> set[int]:
        return set(_ids(klien.get(PENILAIAN, saringan)))

    assert ids(tahun=2025) == {survei["a_2025"].pk, survei["c_2025"].pk}
    assert ids(status="draf") == {survei["a_draf"].pk}
    assert klien.get(PENILAIAN, {"status": ["draf", "terverifikasi_provinsi"]}).json()["count"] == 2
    assert ids(tingkat="Kumuh Berat") == {survei["a_2025"].pk}
    assert ids(tingkat="Tidak Kumuh") == {survei["c_2025"].pk}
    assert ids(prioritas=6) == {survei["a_draf"].pk, survei["t_2024"].pk}
    assert ids(klasifikasi="C4") == {survei["t_2024"].pk}
    assert ids(legalitas="Tidak Legal") == {survei["t_2024"].pk}
    assert ids(pola="Pemugaran") == {survei["a_draf"].pk}  # Ringan, legal
    assert ids(pola="Pemukiman Kembali") == {survei["t_2024"].pk}
    assert ids(kecamatan="91.71.02") == {survei["t_2024"].pk}
    assert ids(lokasi=survei["c_2022"].lokasi_id) == {survei["c_2022"].pk, survei["c_2025"].pk}
    assert ids(kabupaten_kota="91.72") == set()
    salah_semua = (
        {"prioritas": 10},
        {"tahun": "dua ribu"},
        {"tahun": 1999},
        {"status": "hilang"},
        # Beyond BigAutoField: refused, not an SQLite OverflowError (500).
        {"lokasi": 10**23},
    )
    for salah in salah_semua:
        assert klien.get(PENILAIAN, salah).status_code == 400, salah


def test_penilaian_ordering(operator_a, survei):
    klien = klien_token(operator_a)
    # Default: newest year first.
    tahun = [p["tahun"] for p in klien.get(PENILAIAN).json()["results"]]
    assert tahun == sorted(tahun, reverse=True)
    r = klien.get(PENILAIAN, {"ordering": "prioritas,-nilai_kekumuhan"})
    prioritas = [p["hasil"]["prioritas"] for p in r.json()["results"]]
    # NULLs (Tidak Kumuh) last on SQLite and PostgreSQL alike.
    assert prioritas == [4, 5, 5, 6, 6, None]
    r = klien.get(PENILAIAN, {"ordering": "-nilai_kekumuhan"})
    nilai = [p["hasil"]["nilai_kekumuhan"] for p in r.json()["results"]]
    assert nilai == sorted(nilai, reverse=True)
    r = klien.get(PENILAIAN, {"ordering": "-lokasi,tahun"})
    assert [(p["lokasi"]["nama"], p["tahun"]) for p in r.json()["results"]] == [
        ("Kampung Nelayan Alfa", 2023),
        ("Kampung Nelayan Alfa", 2025),
        ("Kampung Nelayan Alfa", 2026),
        ("Cempaka", 2022),
        ("Cempaka", 2025),
        ("Bantaran Timur", 2024),
    ]
    r = klien.get(PENILAIAN, {"ordering": "tahun,id"})
    assert _ids(r) == sorted(_ids(r), key=lambda pk: (Penilaian.objects.get(pk=pk).tahun, pk))


# --- query budgets: constant in the number of rows -----------------------------------------------

# Each: the savepoint pair of ATOMIC_REQUESTS, the token with its user, count, page; then
# wilayah: kecamatan, kelurahan; lokasi: kelurahan, kecamatan, tipologi, units with their
# kelurahan; penilaian: the lokasi's kelurahan, isian, numerik sheets with unit and kelurahan.
KUERI_WILAYAH_MAKS = 7
KUERI_LOKASI_MAKS = 9
KUERI_PENILAIAN_MAKS = 8


@pytest.mark.parametrize("n", [3, 40])
def test_list_queries_are_constant(n, operator_a, verifikator_pusat, provinsi_p, kota_a,
                                   django_assert_max_num_queries):  # fmt: skip
    kelurahan = list(kota_a.kecamatan.first().kelurahan.all())
    for i in range(n):
        lokasi = buat_lokasi(kota_a, f"Lokasi {i:03d}", kelurahan=kelurahan, batas=BATAS)
        lokasi.tipologi_set.create(kode="dataran_rendah")
        unit = buat_unit(lokasi)
        penilaian = buat_penilaian(lokasi, status="disetujui_pokja")
        NumerikPenilaian.objects.create(penilaian=penilaian, unit=unit)
        buat_kabkota(f"93.{i:02d}", f"Kota K{i:03d}", provinsi_p)
    klien, pusat = klien_token(operator_a), klien_token(verifikator_pusat)
    # A token's first request stamps its last use (then at most every 10 minutes: lokasi.token).
    klien.get(WILAYAH), pusat.get(WILAYAH)
    with django_assert_max_num_queries(KUERI_LOKASI_MAKS):
        assert klien.get(LOKASI).json()["count"] == n
    with django_assert_max_num_queries(KUERI_LOKASI_MAKS):
        assert len(klien.get(LOKASI, {"format": "geojson"}).json()["features"]) == n
    with django_assert_max_num_queries(KUERI_PENILAIAN_MAKS):
        assert klien.get(PENILAIAN).json()["count"] == n
    with django_assert_max_num_queries(KUERI_PENILAIAN_MAKS):
        r = klien.get(PENILAIAN, {"terakhir_disetujui": "true", "kumuh": "true"})
        assert r.json()["count"] == n
    with django_assert_max_num_queries(KUERI_WILAYAH_MAKS):
        assert pusat.get(WILAYAH).json()["count"] == n + 1


# --- schema and docs page ------------------------------------------------------------------------


def test_schema_documents_every_endpoint(client):
    r = client.get(reverse("api_schema"), {"format": "json"})
    assert r.status_code == 200
    jalur = r.json()["paths"]
    for url in ["wilayah/", "wilayah/{kode}/", "lokasi/", "lokasi/{id}/", "penilaian/",
                "penilaian/{id}/", "penilaian/hitung/"]:  # fmt: skip
        assert f"/api/v1/{url}" in jalur
    parameter = {p["name"] for p in jalur["/api/v1/penilaian/"]["get"]["parameters"]}
    assert {"kecamatan", "tingkat", "prioritas", "legalitas", "pola", "tahun", "status",
            "terakhir_disetujui", "ordering", "page"} <= parameter  # fmt: skip


def test_docs_page_is_served_from_static_without_inline_code(client):
    r = client.get(reverse("api_docs"))
    assert r.status_code == 200
    assert "default-src 'self'" in r["Content-Security-Policy"]
    html = r.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    # style-src/script-src 'self': no inline <style>, every <script> has a src.
    assert "<style" not in html
    assert html.count("<script") == html.count("<script src=")
    assert "//cdn" not in html and "https://" not in html
    script = client.get(reverse("api_docs"), {"script": ""})
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
