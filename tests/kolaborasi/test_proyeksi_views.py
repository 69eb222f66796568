"""The projection pages: roles, scope, the counting rule and the numbers a Pokja reads."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from kolaborasi.models import EfekKegiatan
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.penilaian.test_penanganan import NUMERIK

pytestmark = pytest.mark.django_db

URL = reverse("kolaborasi:proyeksi")


def survei_dasar(lokasi, tahun=2025, status="terverifikasi_pusat"):
    """A volume survey worked by hand in test_penanganan: 40, Kumuh Sedang, B5 (2 ha)."""
    return buat_penilaian(lokasi, tahun=tahun, status=status, pita={}, numerik=NUMERIK)


def baris(r, lokasi):
    return next(p for p in r.context["proyeksi"].lokasi if p.dasar.lokasi_pk == lokasi.pk)


@pytest.fixture
def rencana(kota_a, lokasi_a):
    survei_dasar(lokasi_a)
    # 2026: 500 m of road, gap 600 → 100 m = 10 % → 0 (was 3): 40 − 3 = 37, Kumuh Ringan.
    buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, tahun=2026)
    # 2027: waste facilities for 90 KK: 6a 0 % → 0 (was 5): 37 − 5 = 32.
    buat_kegiatan(kota_a, lokasi_a, efek={"6a": 90}, tahun=2027, status="dianggarkan")
    return lokasi_a


@pytest.mark.parametrize(
    "peran", ["operator_a", "admin_a", "pokja_a", "verifikator_p", "verifikator_pusat"]
)
def test_city_roles_and_verifiers_read_the_projection(request, peran, rencana):
    r = klien_untuk(request.getfixturevalue(peran)).get(URL)
    assert r.status_code == 200
    p = baris(r, rencana)
    assert [h.akhir.nilai_kekumuhan for h in p.per_tahun.values()] == [37, 32]
    assert (p.akhir.akhir.nilai_kekumuhan, p.akhir.akhir.klasifikasi) == (32, "C5")
    isi = r.content.decode()
    assert "proyeksi" in isi and "terverifikasi pusat" in isi and "Kumuh Ringan" in isi


@pytest.mark.parametrize("nama", ["proyeksi", "memorandum", "memorandum_excel"])
def test_anonymous_is_sent_to_login(nama, settings):
    r = klien_untuk(None).get(reverse(f"kolaborasi:{nama}"))
    assert r.status_code == 302 and r.url.startswith(reverse(settings.LOGIN_URL))


def test_another_citys_lokasi_and_kegiatan_are_absent(operator_b, kota_a, rencana):
    r = klien_untuk(operator_b).get(URL)
    assert r.status_code == 200 and r.context["proyeksi"].lokasi == ()
    assert rencana.nama not in r.content.decode()
    detail = klien_untuk(operator_b).get(reverse("kolaborasi:proyeksi_lokasi", args=[rencana.pk]))
    assert detail.status_code == 404


def test_usulan_and_work_before_the_survey_count_only_as_told(operator_a, kota_a, lokasi_a):
    survei_dasar(lokasi_a)
    buat_kegiatan(kota_a, lokasi_a, efek={"7a": 100}, tahun=2025, status="selesai")  # in survey
    buat_kegiatan(kota_a, lokasi_a, efek={"7b": 100}, tahun=2026, status="usulan")
    klien = klien_untuk(operator_a)
    assert baris(klien.get(URL), lokasi_a).akhir.akhir.nilai_kekumuhan == 40
    # As a scenario the proposal counts: 7b 0 % → 0 (was 5): 35, Kumuh Ringan.
    r = klien.get(URL, {"usulan": "on"})
    assert baris(r, lokasi_a).akhir.akhir.nilai_kekumuhan == 35
    assert "Skenario" in r.content.decode()


def test_the_latest_pusat_verified_survey_is_the_baseline(operator_a, kota_a, lokasi_a):
    survei_dasar(lokasi_a, tahun=2023)
    survei_dasar(lokasi_a, tahun=2025, status="terverifikasi_provinsi")  # not what the SK uses
    buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, tahun=2024)
    p = baris(klien_untuk(operator_a).get(URL), lokasi_a)
    assert p.dasar.tahun == 2023 and p.akhir.akhir.nilai_kekumuhan == 37


def test_a_city_wide_kegiatan_counts_where_it_is_allocated(operator_a, kota_a, lokasi_a):
    lain = buat_lokasi(kota_a, "Kampung Lain")
    survei_dasar(lokasi_a)
    survei_dasar(lain)
    kota = buat_kegiatan(kota_a, None, tahun=2026, nama="Hidran kota")
    EfekKegiatan.objects.create(kegiatan=kota, lokasi=lain, kriteria="7a", volume=D(100))
    r = klien_untuk(operator_a).get(URL)
    assert baris(r, lain).akhir.akhir.nilai_kekumuhan == 35
    assert baris(r, lokasi_a).akhir.akhir.nilai_kekumuhan == 40


def test_the_summary_counts_a_lokasi_leaving_the_list_by_kecamatan(operator_a, kota_a, lokasi_a):
    survei_dasar(lokasi_a)
    # 40 − 5 × 5 = 15 < 16: Tidak Kumuh (test_proyeksi_rumus works it by hand).
    efek = {"1a": 80, "5a": 80, "6a": 90, "7a": 100, "7b": 100}
    buat_kegiatan(kota_a, lokasi_a, efek=efek, tahun=2027)
    r = klien_untuk(operator_a).get(URL)
    (kec,) = r.context["rekap_kecamatan"]
    # The survey's luas verifikasi (2 ha) counts, not the lokasi's 4.5 ha.
    assert (kec.awal.jumlah, kec.awal.luas_ha, kec.keluar.jumlah, kec.keluar.luas_ha) == (
        1,
        D(2),
        1,
        D(2),
    )
    assert kec.akhir.jumlah == 0
    assert "keluar daftar" in r.content.decode()


def test_filters_last_year_and_kecamatan(operator_a, kota_a, rencana):
    klien = klien_untuk(operator_a)
    r = klien.get(URL, {"tahun_akhir": 2026})
    assert baris(r, rencana).akhir.akhir.nilai_kekumuhan == 37
    assert r.context["proyeksi"].tahun == (2026,)
    timur = kota_a.kecamatan.order_by("kode").last()
    assert klien.get(URL, {"kecamatan": timur.pk}).context["proyeksi"].lokasi == ()


def test_warnings_for_a_band_criterion_and_an_excess_volume(operator_a, kota_a, lokasi_a):
    buat_penilaian(lokasi_a, tahun=2025, status="terverifikasi_pusat", pita={"1a": "76-100"},
                   numerik=NUMERIK)  # fmt: skip
    buat_kegiatan(kota_a, lokasi_a, efek={"1a": 50, "2a": 700}, tahun=2026)
    r = klien_untuk(operator_a).get(URL)
    isi = r.content.decode()
    assert "tidak dapat dihitung" in isi and "melebihi" in isi


def test_the_lokasi_detail_shows_the_16_criteria_and_the_kegiatan(operator_a, kota_a, rencana):
    r = klien_untuk(operator_a).get(reverse("kolaborasi:proyeksi_lokasi", args=[rencana.pk]))
    assert r.status_code == 200
    aspek = r.context["aspek"]
    assert sum(len(a.baris) for a in aspek) == 16
    jalan = aspek[1].baris[0]
    assert (jalan.baris.volume_awal, jalan.baris.penanganan, jalan.baris.volume_akhir) == (
        D(600),
        D(500),
        D(100),
    )
    isi = r.content.decode()
    assert 'id="total-akhir">32<' in isi and "Pembangunan jalan lingkungan" in isi
    assert "TOTAL NILAI" in isi and "C5" in isi


def test_a_lokasi_without_a_verified_survey_says_so(operator_a, lokasi_a):
    buat_penilaian(lokasi_a, tahun=2025, status="disetujui_pokja")
    r = klien_untuk(operator_a).get(reverse("kolaborasi:proyeksi_lokasi", args=[lokasi_a.pk]))
    assert r.status_code == 200 and r.context["p"] is None
    assert "belum punya penilaian terverifikasi pusat" in r.content.decode()
