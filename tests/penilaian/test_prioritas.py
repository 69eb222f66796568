"""The priority list: latest approved survey per lokasi, scope, filters, totals, map and Excel."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lokasi.models import Kelurahan, Peran
from penilaian import ringkasan
from penilaian.models import Penilaian
from penilaian.prioritas import daftar_prioritas, penilaian_terakhir
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_pengguna, buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db

URL = reverse("penilaian:prioritas")
URL_EXCEL = reverse("penilaian:prioritas_excel")
URL_PETA = reverse("penilaian:prioritas_peta")

# Bands giving each tingkat (the default PITA_SEDANG gives 42, Kumuh Sedang).
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")  # 80
PITA_RINGAN = dict.fromkeys(PITA_SEDANG, "25-50")  # 16
PITA_TIDAK_KUMUH = dict.fromkeys(PITA_SEDANG, "<25")  # 0
PITA_SEDANG_46 = {**PITA_SEDANG, "1b": "76-100", "1c": "76-100"}  # 46


def disetujui(lokasi, tahun=2025, **nilai):
    return buat_penilaian(lokasi, tahun=tahun, status="disetujui_pokja", **nilai)


def nama_baris(respons) -> list[str]:
    return [b.nama for b in respons.context["daftar"].baris]


def kelurahan_kecamatan(kota, urutan_kecamatan: int) -> Kelurahan:
    """Return the first kelurahan of the kota's 1st or 2nd kecamatan (by code)."""
    kecamatan = kota.kecamatan.order_by("kode")[urutan_kecamatan - 1]
    return kecamatan.kelurahan.order_by("kode").first()


# --- access and scope -----------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, URL_EXCEL, URL_PETA])
def test_anonymous_is_sent_to_login(url):
    r = klien_untuk(None).get(url)
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login"))


def test_post_is_not_allowed(operator_a):
    assert klien_untuk(operator_a).post(URL).status_code == 405


@pytest.fixture
def dua_kota(lokasi_a, lokasi_b):
    disetujui(lokasi_a)
    disetujui(lokasi_b)
    return lokasi_a, lokasi_b


@pytest.mark.parametrize("peran", ["operator_a", "admin_a", "pokja_a"])
def test_city_a_roles_see_only_city_a(request, peran, dua_kota):
    r = klien_untuk(request.getfixturevalue(peran)).get(URL)
    assert r.status_code == 200
    assert nama_baris(r) == ["Kampung Nelayan Alfa"]
    assert "Bantaran Beta" not in r.text


def test_other_city_sees_none_of_city_a(operator_b, dua_kota):
    r = klien_untuk(operator_b).get(URL)
    assert nama_baris(r) == ["Bantaran Beta"]
    assert "Kampung Nelayan Alfa" not in r.text
    buku = load_workbook(io.BytesIO(klien_untuk(operator_b).get(URL_EXCEL).content))
    nilai = [sel for baris in buku.active.iter_rows(values_only=True) for sel in baris]
    assert "Bantaran Beta" in nilai
    assert "Kampung Nelayan Alfa" not in nilai


def test_verifier_of_another_provinsi_sees_nothing(provinsi_q, dua_kota):
    verifikator_q = buat_pengguna("verifikator_q", Peran.VERIFIKATOR_PROVINSI, provinsi=provinsi_q)
    r = klien_untuk(verifikator_q).get(URL)
    assert r.status_code == 200
    assert nama_baris(r) == []
    assert "Kampung Nelayan Alfa" not in r.text


def test_a_kecamatan_of_another_city_in_the_query_is_ignored(operator_b, kota_a, dua_kota):
    kecamatan_a = kota_a.kecamatan.first()
    r = klien_untuk(operator_b).get(URL, {"kecamatan": kecamatan_a.pk})
    assert nama_baris(r) == ["Bantaran Beta"]


@pytest.mark.parametrize("peran", ["verifikator_p", "verifikator_pusat"])
def test_verifiers_of_the_provinsi_and_pusat_see_both_cities(request, peran, dua_kota):
    r = klien_untuk(request.getfixturevalue(peran)).get(URL)
    assert sorted(nama_baris(r)) == ["Bantaran Beta", "Kampung Nelayan Alfa"]
    # Their kecamatan choices name the city, as two cities may share a kecamatan name.
    assert "Alfa Barat (Kota Alfa)" in r.text


# --- selection ------------------------------------------------------------------------------


def test_only_approved_surveys_count(operator_a, kota_a):
    for status in ("draf", "diajukan"):
        buat_penilaian(buat_lokasi(kota_a, f"Lokasi {status}"), status=status)
    for status in ("disetujui_pokja", "terverifikasi_provinsi", "terverifikasi_pusat"):
        buat_penilaian(buat_lokasi(kota_a, f"Lokasi {status}"), status=status)
    r = klien_untuk(operator_a).get(URL)
    assert sorted(nama_baris(r)) == [
        "Lokasi disetujui_pokja",
        "Lokasi terverifikasi_provinsi",
        "Lokasi terverifikasi_pusat",
    ]


def test_the_latest_approved_survey_of_each_lokasi_is_used(operator_a, lokasi_a):
    disetujui(lokasi_a, tahun=2023, pita=PITA_BERAT)
    terbaru = disetujui(lokasi_a, tahun=2024, pita=PITA_RINGAN)
    buat_penilaian(lokasi_a, tahun=2025, status="diajukan", pita=PITA_BERAT)  # not approved yet
    r = klien_untuk(operator_a).get(URL)
    [baris] = r.context["daftar"].baris
    assert (baris.penilaian_pk, baris.tahun, baris.tingkat_kekumuhan) == (
        terbaru.pk,
        2024,
        "Kumuh Ringan",
    )


def test_of_two_approved_surveys_in_one_year_the_last_made_counts(operator_a, lokasi_a):
    disetujui(lokasi_a, tahun=2025, pita=PITA_BERAT)
    kedua = disetujui(lokasi_a, tahun=2025)
    qs = penilaian_terakhir(Penilaian.objects.untuk(operator_a))
    assert list(qs.values_list("pk", flat=True)) == [kedua.pk]


def test_tidak_kumuh_is_left_out_and_counted(operator_a, kota_a, lokasi_a):
    disetujui(lokasi_a)
    bersih = buat_lokasi(kota_a, "Kampung Sudah Bersih")
    disetujui(bersih, tahun=2023, pita=PITA_BERAT)
    # The latest approved survey says Tidak Kumuh: the older Kumuh Berat does not come back.
    disetujui(bersih, tahun=2025, pita=PITA_TIDAK_KUMUH)
    r = klien_untuk(operator_a).get(URL)
    assert nama_baris(r) == ["Kampung Nelayan Alfa"]
    assert r.context["daftar"].tidak_kumuh == 1
    assert "1 (satu) lokasi lain tidak masuk daftar karena penilaian terakhirnya Tidak Kumuh" in (
        r.text
    )


def test_an_approved_survey_without_results_is_reported(operator_a, lokasi_a):
    p = disetujui(lokasi_a)
    Penilaian.objects.filter(pk=p.pk).update(
        nilai_kekumuhan=None, tingkat_kekumuhan="", klasifikasi="", prioritas=None
    )
    ringkasan.segarkan([lokasi_a.pk])  # update() sends no signal to the narrow table
    r = klien_untuk(operator_a).get(URL)
    assert nama_baris(r) == []
    assert r.context["daftar"].tanpa_hasil == 1
    assert 'id="tanpa-hasil"' in r.text


def test_rows_are_ordered_by_prioritas_then_nilai_then_nama(operator_a, kota_a):
    disetujui(buat_lokasi(kota_a, "Zeta Ringan"), pita=PITA_RINGAN)  # C3/ 6
    disetujui(buat_lokasi(kota_a, "Beta Sedang 42"))  # B3/ 5, 42
    disetujui(buat_lokasi(kota_a, "Alfa Sedang 42"))  # B3/ 5, 42
    disetujui(buat_lokasi(kota_a, "Omega Sedang 46"), pita=PITA_SEDANG_46)  # B3/ 5, 46
    disetujui(buat_lokasi(kota_a, "Gamma Berat"), pita=PITA_BERAT)  # A3/ 4
    disetujui(  # B1/ 2
        buat_lokasi(kota_a, "Delta Tinggi"), strategis=True, potensi_sosekbud=True
    )
    r = klien_untuk(operator_a).get(URL)
    assert nama_baris(r) == [
        "Delta Tinggi",
        "Gamma Berat",
        "Omega Sedang 46",
        "Alfa Sedang 42",
        "Beta Sedang 42",
        "Zeta Ringan",
    ]
    assert [b.label_prioritas for b in r.context["daftar"].baris] == [
        "B1/ 2",
        "A3/ 4",
        "B3/ 5",
        "B3/ 5",
        "B3/ 5",
        "C3/ 6",
    ]
    assert [b.nomor for b in r.context["daftar"].baris] == [1, 2, 3, 4, 5, 6]


# --- filters --------------------------------------------------------------------------------


@pytest.fixture
def ragam(kota_a):
    """Four lokasi of city A that differ in one filtered attribute each."""
    timur = [kelurahan_kecamatan(kota_a, 2)]
    disetujui(buat_lokasi(kota_a, "Sedang Legal"))  # B3/ 5 Peremajaan, Barat
    disetujui(buat_lokasi(kota_a, "Berat Timur", kelurahan=timur), pita=PITA_BERAT)  # A3/ 4
    disetujui(buat_lokasi(kota_a, "Ringan"), pita=PITA_RINGAN)  # C3/ 6 Pemugaran
    # B4/ 5, Pemukiman Kembali
    disetujui(buat_lokasi(kota_a, "Sedang Tidak Legal"), kesesuaian_rtr=False)
    return kota_a


@pytest.mark.parametrize(
    ("saringan", "harapan"),
    [
        ({}, ["Berat Timur", "Sedang Legal", "Sedang Tidak Legal", "Ringan"]),
        ({"tingkat": "Kumuh Berat"}, ["Berat Timur"]),
        ({"tingkat": "Kumuh Sedang"}, ["Sedang Legal", "Sedang Tidak Legal"]),
        ({"prioritas": "5"}, ["Sedang Legal", "Sedang Tidak Legal"]),
        ({"prioritas": "6"}, ["Ringan"]),
        ({"legalitas": "Tidak Legal"}, ["Sedang Tidak Legal"]),
        ({"pola": "Pemugaran"}, ["Ringan"]),
        ({"pola": "Peremajaan"}, ["Berat Timur", "Sedang Legal"]),
        ({"pola": "Pemukiman Kembali"}, ["Sedang Tidak Legal"]),
        ({"prioritas": "5", "legalitas": "Legal"}, ["Sedang Legal"]),
        # Invalid values are ignored rather than emptying the list.
        ({"prioritas": "12", "tingkat": "Parah"}, None),
    ],
)
def test_filters(operator_a, ragam, saringan, harapan):
    r = klien_untuk(operator_a).get(URL, saringan)
    semua = ["Berat Timur", "Sedang Legal", "Sedang Tidak Legal", "Ringan"]
    assert nama_baris(r) == (semua if harapan is None else harapan)


def test_kecamatan_filter(operator_a, ragam):
    timur = ragam.kecamatan.order_by("kode")[1]
    barat = ragam.kecamatan.order_by("kode")[0]
    klien = klien_untuk(operator_a)
    assert nama_baris(klien.get(URL, {"kecamatan": timur.pk})) == ["Berat Timur"]
    assert "Berat Timur" not in nama_baris(klien.get(URL, {"kecamatan": barat.pk}))


def test_a_lokasi_in_two_kelurahan_of_the_kecamatan_is_one_row(operator_a, kota_a):
    barat = kota_a.kecamatan.order_by("kode")[0]
    disetujui(buat_lokasi(kota_a, "Dua Kelurahan", kelurahan=list(barat.kelurahan.all())))
    r = klien_untuk(operator_a).get(URL, {"kecamatan": barat.pk})
    assert nama_baris(r) == ["Dua Kelurahan"]


def test_tahun_filter_uses_the_latest_approved_survey_up_to_that_year(operator_a, kota_a):
    lama = buat_lokasi(kota_a, "Disurvei 2023 dan 2025")
    disetujui(lama, tahun=2023, pita=PITA_BERAT)
    disetujui(lama, tahun=2025, pita=PITA_RINGAN)
    disetujui(buat_lokasi(kota_a, "Baru 2025"), tahun=2025)
    klien = klien_untuk(operator_a)

    r = klien.get(URL, {"tahun": "2024"})
    [baris] = r.context["daftar"].baris
    assert (baris.nama, baris.tahun, baris.tingkat_kekumuhan) == (
        "Disurvei 2023 dan 2025",
        2023,
        "Kumuh Berat",
    )
    r = klien.get(URL, {"tahun": "2025"})
    assert {b.nama: b.tahun for b in r.context["daftar"].baris} == {
        "Baru 2025": 2025,
        "Disurvei 2023 dan 2025": 2025,
    }
    # The year choices are the years with approved surveys, newest first, and the one asked.
    pilihan = r.context["filter_form"].fields["tahun"].widget.choices
    assert [c[0] for c in pilihan] == ["", "2025", "2023"]
    r = klien.get(URL, {"tahun": "2024"})
    assert [c[0] for c in r.context["filter_form"].fields["tahun"].widget.choices] == [
        "",
        "2025",
        "2024",
        "2023",
    ]
    assert '<option value="2024" selected>' in r.text
    # A year out of range is ignored.
    assert len(klien.get(URL, {"tahun": "1999"}).context["daftar"].baris) == 2


def test_htmx_filter_returns_the_partial_only(operator_a, ragam):
    r = klien_untuk(operator_a).get(
        URL,
        {"tingkat": "Kumuh Berat"},
        headers={"HX-Request": "true", "HX-Target": "hasil-prioritas"},
    )
    assert r.status_code == 200
    assert "<html" not in r.text
    assert 'id="tabel-prioritas"' in r.text
    assert "Berat Timur" in r.text
    assert "?tingkat=Kumuh+Berat" in r.text  # the Excel link keeps the filters
    # The map is not in the page (issue 14): the partial names its endpoint with the filters.
    url_peta = _atribut(r.text, 'id="data-peta" hidden data-url="')
    assert url_peta == URL_PETA + "?tingkat=Kumuh+Berat"
    peta = klien_untuk(operator_a).get(url_peta).json()
    assert [f["properties"]["nama"] for f in peta["fitur"]] == ["Berat Timur"]


def _atribut(html: str, awalan: str) -> str:
    import html as html_lib

    mulai = html.index(awalan) + len(awalan)
    return html_lib.unescape(html[mulai : html.index('"', mulai)])


# --- totals ---------------------------------------------------------------------------------


def test_totals_by_tingkat_and_kecamatan(operator_a, kota_a):
    barat, timur = (kelurahan_kecamatan(kota_a, i) for i in (1, 2))
    disetujui(buat_lokasi(kota_a, "B1", kelurahan=[barat], luas_verifikasi_ha=Decimal("2.5")))
    disetujui(
        buat_lokasi(kota_a, "B2", kelurahan=[timur], luas_verifikasi_ha=Decimal("1.25")),
        pita=PITA_BERAT,
    )
    # Spans both kecamatan: counted once, in the first by code (Barat).
    disetujui(
        buat_lokasi(kota_a, "B3", kelurahan=[timur, barat], luas_verifikasi_ha=Decimal("3")),
        pita=PITA_BERAT,
    )
    r = klien_untuk(operator_a).get(URL)
    daftar = r.context["daftar"]
    assert [(t.label, t.jumlah, t.luas_ha) for t in daftar.per_tingkat] == [
        ("Kumuh Berat", 2, Decimal("4.25")),
        ("Kumuh Sedang", 1, Decimal("2.5")),
        ("Kumuh Ringan", 0, Decimal("0")),
    ]
    assert [(k.label, k.jumlah, k.luas_ha) for k in daftar.per_kecamatan] == [
        ("Alfa Barat", 2, Decimal("5.5")),
        ("Alfa Timur", 1, Decimal("1.25")),
    ]
    assert (daftar.jumlah.jumlah, daftar.jumlah.luas_ha) == (3, Decimal("6.75"))
    [b3] = [b for b in daftar.baris if b.nama == "B3"]
    assert b3.kecamatan == ("Alfa Barat", "Alfa Timur")
    assert "3 (tiga) lokasi" in r.text
    assert "6,75 (enam koma tujuh lima) hektar" in r.text


# --- what the page shows --------------------------------------------------------------------


def test_page_shows_the_row_as_the_sk_prints_it(operator_a, kota_a):
    lokasi = buat_lokasi(
        kota_a,
        "Kampung Batik",
        rt_rw="RT 01, 02 / RW 03",
        lintang=Decimal("-7.771308"),
        bujur=Decimal("110.403942"),
        luas_verifikasi_ha=Decimal("1.5"),
    )
    disetujui(lokasi)
    r = klien_untuk(operator_a).get(URL)
    assert r.status_code == 200
    teks = r.content.decode()
    assert "B3/ 5" in teks
    assert "7° 46&#x27; 16,71&quot; LS" in teks
    assert "110° 24&#x27; 14,19&quot; BT" in teks
    assert "1,50" in teks  # luas, decimal comma
    assert "1.420" in teks  # jumlah penduduk, dot thousands
    assert "946,67" in teks  # the density the survey scored: 1.420 jiwa on 1,5 ha
    assert "RT 01, 02 / RW 03" in teks
    assert "Kel Alfa Barat 1" in teks
    assert "Peremajaan" in teks
    assert "Kabupaten/Kota" in teks  # kewenangan below 10 ha
    [baris] = r.context["daftar"].baris
    assert baris.kepadatan_penduduk == Decimal("946.67")
    assert "prioritas.css" in teks and "peta_prioritas.js" in teks
    assert "<script>" not in teks  # CSP 'self': no inline script


def test_kewenangan_follows_the_area(operator_a, kota_a):
    disetujui(buat_lokasi(kota_a, "Kawasan Luas", luas_verifikasi_ha=Decimal("1234.5")))
    r = klien_untuk(operator_a).get(URL)
    [baris] = r.context["daftar"].baris
    assert baris.kewenangan == "Pusat"
    assert "1.234,50" in r.text


def test_map_features_carry_prioritas(operator_a, kota_a):
    disetujui(buat_lokasi(kota_a, "Titik"))
    batas = {
        "type": "Polygon",
        "coordinates": [[[109.6, -6.9], [109.7, -6.9], [109.7, -6.8], [109.6, -6.9]]],
    }
    poligon = buat_lokasi(
        kota_a, "Poligon", batas=batas, lintang=Decimal("-6.85"), bujur=Decimal("109.65")
    )
    disetujui(poligon, pita=PITA_BERAT)
    disetujui(buat_lokasi(kota_a, "Tanpa koordinat", lintang=None, bujur=None))
    r = klien_untuk(operator_a).get(URL)
    # Zoomed in: single lokasi with their boundary (issue 14: the map has its own endpoint).
    peta = klien_untuk(operator_a).get(URL_PETA, {"zoom": "15", "bbox": "109,-7,110,-6"}).json()
    fitur = {f["properties"]["nama"]: f for f in peta["fitur"]}
    assert set(fitur) == {"Titik", "Poligon"}
    assert fitur["Poligon"]["geometry"]["type"] == "Polygon"
    assert fitur["Poligon"]["properties"]["prioritas"] == 4
    assert fitur["Titik"]["properties"]["label"] == "B3/ 5"
    assert r.text.count('class="contoh-warna prioritas-') >= 9  # the legend
    assert "A1, A2" in r.text


def test_empty_list_says_so(operator_a):
    r = klien_untuk(operator_a).get(URL)
    assert r.status_code == 200
    assert "Belum ada lokasi kumuh" in r.text


# --- Excel ----------------------------------------------------------------------------------


def _buku(respons):
    return load_workbook(io.BytesIO(respons.content)).active


def test_excel_has_the_sk_headers_merged(operator_a, lokasi_a):
    disetujui(lokasi_a)
    r = klien_untuk(operator_a).get(URL_EXCEL)
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert r["Content-Disposition"] == 'attachment; filename="daftar-prioritas-kota-alfa-2025.xlsx"'
    lembar = _buku(r)
    assert lembar["A1"].value.startswith("DAFTAR PRIORITAS PENANGANAN")
    assert "KOTA ALFA" in lembar["A1"].value
    kepala = [lembar.cell(5, k).value for k in range(1, 19)]
    assert kepala[:4] == ["NO", "NAMA LOKASI", "LUAS (HA)", "LINGKUP ADMINISTRATIF"]
    assert "KEPENDUDUKAN" in kepala and "KOORDINAT" in kepala
    assert "KEKUMUHAN" in kepala and "PERT. LAIN" in kepala
    assert kepala[14:] == ["LEGALITAS TANAH", "PRIORITAS", "POLA PENANGANAN", "KEWENANGAN"]
    assert [lembar.cell(6, k).value for k in range(4, 15)] == [
        "RT/RW",
        "KELURAHAN/DESA",
        "KECAMATAN",
        "JUMLAH (JIWA)",
        "KEPADATAN (JIWA/HA)",
        "LINTANG",
        "BUJUR",
        "NILAI",
        "TINGK.",
        "NILAI",
        "TINGK.",
    ]
    gabung = {str(r) for r in lembar.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:C6", "D5:F5", "G5:H5", "I5:J5", "K5:L5", "M5:N5"} <= gabung
    assert {"O5:O6", "P5:P6", "Q5:Q6", "R5:R6", "A1:R1"} <= gabung
    assert lembar["D5"].border.left.style == "thin"
    assert lembar["A7"].border.bottom.style == "thin"


def test_excel_rows_and_total(operator_a, kota_a):
    disetujui(
        buat_lokasi(
            kota_a,
            "Kampung Batik",
            rt_rw="01/03",
            luas_verifikasi_ha=Decimal("1.86"),
            lintang=Decimal("-7.771308"),
            bujur=Decimal("110.403942"),
        )
    )
    disetujui(
        buat_lokasi(kota_a, "Kampung Rob", luas_verifikasi_ha=Decimal("2.5")), pita=PITA_BERAT
    )
    lembar = _buku(klien_untuk(operator_a).get(URL_EXCEL))
    pertama = [lembar.cell(7, k).value for k in range(1, 19)]
    assert pertama == [
        1,
        "Kampung Rob",
        2.5,
        "–",
        "Kel Alfa Barat 1",
        "Alfa Barat",
        1420,
        568,  # 1420 / 2,5
        "6° 53' 20,40\" LS",
        "109° 40' 30,00\" BT",
        80,
        "Berat",
        7,
        "Sedang",
        "Legal",
        "A3/ 4",
        "Peremajaan",
        "Kabupaten/Kota",
    ]
    kedua = [lembar.cell(8, k).value for k in range(1, 19)]
    assert kedua[:3] == [2, "Kampung Batik", 1.86]
    assert kedua[3] == "01/03"
    assert kedua[8:10] == ["7° 46' 16,71\" LS", "110° 24' 14,19\" BT"]
    assert kedua[15] == "B3/ 5"
    assert lembar.cell(8, 3).number_format == "#,##0.00"
    assert lembar.cell(8, 7).number_format == "#,##0"
    # Total row.
    assert lembar.cell(9, 1).value == "JUMLAH (2 LOKASI)"
    assert "A9:B9" in {str(r) for r in lembar.merged_cells.ranges}
    assert lembar.cell(9, 3).value == pytest.approx(4.36)
    assert lembar.cell(9, 7).value == 2840
    assert lembar.cell(9, 3).font.bold


def test_excel_follows_the_page_filters(operator_a, ragam):
    r = klien_untuk(operator_a).get(URL_EXCEL, {"prioritas": "5", "tahun": "2025"})
    lembar = _buku(r)
    nama = [lembar.cell(b, 2).value for b in range(7, lembar.max_row)]
    assert nama == ["Sedang Legal", "Sedang Tidak Legal"]
    assert lembar.cell(lembar.max_row, 1).value == "JUMLAH (2 LOKASI)"
    assert "prioritas 5" in lembar["A3"].value
    assert "s.d. tahun 2025" in lembar["A2"].value
    assert r["Content-Disposition"].endswith('daftar-prioritas-kota-alfa-2025.xlsx"')


def test_excel_of_a_provincial_verifier_is_named_after_the_provinsi(verifikator_p, dua_kota):
    r = klien_untuk(verifikator_p).get(URL_EXCEL)
    assert 'filename="daftar-prioritas-provinsi-percobaan-2025.xlsx"' in r["Content-Disposition"]
    assert _buku(r).cell(9, 1).value == "JUMLAH (2 LOKASI)"


def test_list_builder_works_without_a_request(lokasi_a, lokasi_b):
    """The SK reuses the selection with its own scope (one kab/kota)."""
    disetujui(lokasi_a)
    disetujui(lokasi_b)
    hasil = daftar_prioritas(
        Penilaian.objects.filter(lokasi__kabupaten_kota=lokasi_a.kabupaten_kota)
    )
    assert [b.nama for b in hasil.baris] == ["Kampung Nelayan Alfa"]
