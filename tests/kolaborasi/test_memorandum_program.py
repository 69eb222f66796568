"""The memorandum program page and workbook (kolaborasi-monev.md §2.6), read back."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kolaborasi import aturan
from kolaborasi.models import EfekKegiatan
from kolaborasi.proyeksi.memorandum import BARIS_KEPALA, kolom
from tests.conftest import buat_lokasi, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku

pytestmark = pytest.mark.django_db

URL = reverse("kolaborasi:memorandum")
EXCEL = reverse("kolaborasi:memorandum_excel")
T = 2026
KEPALA = BARIS_KEPALA + 1  # first header row; data start two rows below


@pytest.fixture
def kegiatan(kota_a, lokasi_a):
    pj = buat_pemangku(kota_a, "Dinas Perkim")
    jalan = buat_kegiatan(
        kota_a, lokasi_a, efek={"2a": 500, "4a": D("120.5")}, tahun=2027,
        dana={"apbd_kabkota": 300_000_000, "csr": 50_000_000},
        penanggung_jawab=pj, dasar="rplp", dasar_dokumen="RPLP 2026",
        tahun_awal_rencana=2026,
    )  # fmt: skip
    formula = buat_kegiatan(
        kota_a, lokasi_a, nama="=1+1", efek={"7a": 100}, tahun=2026, status="usulan",
        dana={"apbn": 200_000_000},
    )  # fmt: skip
    lain = buat_lokasi(kota_a, "Kampung Lain")
    kota = buat_kegiatan(kota_a, None, nama="TPS3R skala kota", tahun=2030,
                         dana={"dak": 75_000_000, "swadaya": 5_000_000})  # fmt: skip
    EfekKegiatan.objects.create(kegiatan=kota, lokasi=lain, kriteria="6a", volume=D(120))
    buat_kegiatan(kota_a, lokasi_a, nama="Di luar t+4", tahun=2031)
    return jalan, formula, kota


def buku(klien, **saringan):
    r = klien.get(EXCEL, {"tahun_awal": T, **saringan})
    assert r.status_code == 200
    return load_workbook(BytesIO(r.content)).active


def baris_data(lembar):
    """Return the data rows (kegiatan and continuation rows) and the totals row."""
    semua = list(lembar.iter_rows(min_row=KEPALA + 2, values_only=True))
    return semua[:-1], semua[-1]


def test_headers_follow_the_spec_with_years_t_to_t_plus_4(operator_a, kegiatan):
    lembar = buku(klien_untuk(operator_a))
    atas = [c.value for c in lembar[KEPALA]]
    bawah = [c.value for c in lembar[KEPALA + 1]]
    assert atas[:4] == ["No", "Program", "Kegiatan", "Ruang Lingkup"]
    assert bawah[4:10] == [
        "Kecamatan", "Kelurahan", "Lokasi (Kawasan/RT)", "Kriteria yang Ditangani", "Volume",
        "Satuan",
    ]  # fmt: skip
    assert atas[10] == "Biaya (Rp)" and atas[11] == "Sumber Dana (Rp)"
    assert bawah[11:19] == list(aturan.SUMBER_DANA.values())
    assert bawah[19:24] == ["2026", "2027", "2028", "2029", "2030"]
    assert atas[24:] == ["Jangka", "Pelaksana", "Penanggung Jawab", "Dasar", "Status"]
    assert len(atas) == len(kolom(T)) == 29
    assert "A5:A6" in {str(m) for m in lembar.merged_cells.ranges}  # "No" spans both rows
    assert lembar.page_setup.orientation == "landscape"
    assert int(lembar.page_setup.paperSize) == int(lembar.PAPERSIZE_A4)


def test_a_row_holds_the_kegiatan_and_its_effects_below_it(operator_a, kegiatan, lokasi_a):
    data, _ = baris_data(buku(klien_untuk(operator_a)))
    # Order: by tahun, so "=1+1" (2026) first, then the road (2027) and its 4a row.
    jalan, lanjutan = data[1], data[2]
    assert jalan[:3] == (2, "Peningkatan kualitas permukiman kumuh", "Pembangunan jalan lingkungan")
    assert jalan[6] == lokasi_a.nama
    assert jalan[7].startswith("2a ") and jalan[8] == 500 and jalan[9] == "m"
    assert jalan[10] == 350_000_000  # a number, not text
    assert all(isinstance(x, int | float) for x in jalan[11:19])  # every source a number
    dana = dict(zip(aturan.SUMBER_DANA, jalan[11:19], strict=True))
    assert dana["apbd_kabkota"] == 300_000_000 and dana["csr"] == 50_000_000
    assert sum(dana.values()) == jalan[10]  # funding sums to biaya
    assert jalan[19:24] == ("–", 350_000_000, "–", "–", "–")  # biaya under 2027
    assert jalan[24:] == (
        "Menengah",
        "Pihak ketiga",
        "Dinas Perkim",
        "RPLP RPLP 2026",
        "Direncanakan",
    )
    assert lanjutan[0] is None and lanjutan[10] is None
    assert lanjutan[7].startswith("4a ") and lanjutan[8] == 120.5 and lanjutan[9] == "m"


def test_a_city_wide_kegiatan_names_the_lokasi_of_each_effect(operator_a, kegiatan):
    data, _ = baris_data(buku(klien_untuk(operator_a)))
    kota = next(r for r in data if r[2] == "TPS3R skala kota")
    assert kota[6] == "Skala kota" and kota[7].endswith("Kampung Lain") and kota[8] == 120
    assert kota[23] == 80_000_000  # 2030 = t+4


def test_totals_are_the_sums_and_the_year_outside_is_left_out(operator_a, kegiatan):
    data, total = baris_data(buku(klien_untuk(operator_a)))
    assert total[0] == "JUMLAH (3 KEGIATAN)"
    for k in range(10, 24):
        assert total[k] == sum(r[k] for r in data if isinstance(r[k], int | float)), k
    assert total[10] == 350_000_000 + 200_000_000 + 80_000_000
    assert sum(total[11:19]) == total[10] == sum(total[19:24])
    assert all(r[2] != "Di luar t+4" for r in data)


def test_a_name_starting_with_equals_stays_text(operator_a, kegiatan):
    lembar = buku(klien_untuk(operator_a))
    sel = lembar.cell(KEPALA + 2, 3)
    assert sel.value == "=1+1" and sel.data_type == "s"


def test_filters_status_and_kecamatan(operator_a, kota_a, kegiatan):
    klien = klien_untuk(operator_a)
    data, total = baris_data(buku(klien, status="usulan"))
    assert [r[2] for r in data] == ["=1+1"] and total[10] == 200_000_000
    timur = kota_a.kecamatan.order_by("kode").last()
    assert baris_data(buku(klien, kecamatan=timur.pk))[1][0] == "JUMLAH (0 KEGIATAN)"
    barat = kota_a.kecamatan.order_by("kode").first()
    # The city-wide kegiatan counts in Barat through the lokasi of its effect.
    assert baris_data(buku(klien, kecamatan=barat.pk))[1][0] == "JUMLAH (3 KEGIATAN)"


@pytest.mark.parametrize(
    "peran", ["operator_a", "admin_a", "pokja_a", "verifikator_p", "verifikator_pusat"]
)
def test_the_page_is_read_by_city_roles_and_verifiers(request, peran, kegiatan):
    r = klien_untuk(request.getfixturevalue(peran)).get(URL, {"tahun_awal": T})
    assert r.status_code == 200
    assert len(r.context["baris"]) == 3
    isi = r.content.decode()
    assert "=1+1" in isi and "Rp 630.000.000" in isi and "Skala kota" in isi


def test_another_city_sees_none_of_it(operator_b, kegiatan):
    r = klien_untuk(operator_b).get(URL, {"tahun_awal": T})
    assert r.status_code == 200 and r.context["baris"] == []
    assert baris_data(buku(klien_untuk(operator_b)))[1][0] == "JUMLAH (0 KEGIATAN)"


def test_an_unbalanced_kegiatan_is_marked(operator_a, kota_a, lokasi_a):
    buat_kegiatan(kota_a, lokasi_a, tahun=T, biaya=D(150_000_000))  # funded 100 juta
    r = klien_untuk(operator_a).get(URL, {"tahun_awal": T})
    assert r.context["baris"][0].selisih == D(50_000_000)
    assert "selisih" in r.content.decode()
