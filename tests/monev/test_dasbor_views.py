"""The dashboard page: hand-worked figures from issued SKs, the indicative recap, the flags,
and who sees which city."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from monev.dasbor.data import muat_dasbor
from monev.peninjauan import services as services_peninjauan
from penilaian import rumus
from penilaian.models import SK, SKLokasi
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.monev.test_dasbor_angka import lok
from tests.monev.test_peninjauan_muat import tangani, terbitkan_sk

pytestmark = pytest.mark.django_db
URL = reverse("monev:dasbor")
KRITERIA = [k.kode for k in rumus.KRITERIA]


def buat_sk(kabkota, nomor: str, tanggal: date, baris: list, *, menggantikan=None) -> SK:
    """An issued SK written straight with its frozen rows: (lokasi, LokasiSK) pairs."""
    sk = SK.objects.create(
        kabupaten_kota=kabkota, tahun=tanggal.year, nomor=nomor, tanggal=tanggal,
        tempat="Alfa", tentang="Penetapan lokasi", penandatangan_nama="Wali",
        penandatangan_jabatan="Wali Kota", status=SK.Status.DITETAPKAN,
        menggantikan=menggantikan, hubungan="mencabut" if menggantikan else "",
    )  # fmt: skip
    for lokasi, data in baris:
        p = buat_penilaian(lokasi, tahun=2022, status="terverifikasi_pusat")
        data = replace(data, lokasi_pk=lokasi.pk, penilaian_pk=p.pk)
        SKLokasi.objects.create(sk=sk, lokasi=lokasi, penilaian=p, nomor=data.nomor,
                                data=data.ke_json())  # fmt: skip
    return sk


@pytest.fixture
def dua_sk(kota_a, kota_b):
    """Kota Alfa: SK 1 (1 March 2023) with Pesisir 10,25 ha Berat in Alfa Barat and Bantaran
    4,50 ha Ringan in Alfa Timur; SK 2 (15 June 2025) revokes it and keeps Pesisir, now
    Sedang. Kota Beta: one SK of 2024 with Kali 3,00 ha Sedang."""
    pesisir, bantaran = buat_lokasi(kota_a, "Pesisir"), buat_lokasi(kota_a, "Bantaran")
    sk1 = buat_sk(kota_a, "1/2023", date(2023, 3, 1), [
        (pesisir, lok(1, "Pesisir", "10.25", "Alfa Barat", "Kumuh Berat")),
        (bantaran, lok(2, "Bantaran", "4.50", "Alfa Timur", "Kumuh Ringan")),
    ])  # fmt: skip
    buat_sk(kota_a, "2/2025", date(2025, 6, 15),
            [(pesisir, lok(1, "Pesisir", "10.25", "Alfa Barat", "Kumuh Sedang"))],
            menggantikan=sk1)  # fmt: skip
    kali = buat_lokasi(kota_b, "Kali")
    buat_sk(kota_b, "7/2024", date(2024, 2, 1), [(kali, lok(1, "Kali", "3.00", "Beta Barat",
                                                             "Kumuh Sedang"))])  # fmt: skip


def test_hectares_switch_to_the_second_sk_in_its_year(kota_a, dua_sk):
    d = muat_dasbor([kota_a], date(2026, 6, 15))
    assert d.tahun == [2023, 2024, 2025, 2026]
    assert [(p.total.lokasi, p.total.luas) for p in d.riwayat] == [
        (2, D("14.75")), (2, D("14.75")), (1, D("10.25")), (1, D("10.25")),
    ]  # fmt: skip
    assert [p.sk for p in d.riwayat][1:3] == [
        ("SK Nomor 1/2023 Tahun 2023",), ("SK Nomor 2/2025 Tahun 2025",),
    ]  # fmt: skip
    assert dict(d.baris_kecamatan)["Alfa Timur"][1].luas == D("4.50")
    assert dict(d.baris_kecamatan)["Alfa Timur"][2].lokasi == 0
    assert [j.luas for j in dict(d.baris_tingkat)["Kumuh Berat"]] == [D("10.25")] * 2 + [0] * 2
    assert d.capaian.berkurang_luas == D("4.50") and d.tanda == []


def test_the_page_prints_the_figures_in_indonesian(kota_a, pokja_a, dua_sk):
    r = klien_untuk(pokja_a).get(URL)
    teks = r.content.decode()
    isi = teks.split("</h1>")[1].split("<footer")[0]
    # Charts drawn on the server: inline SVG, no script of their own.
    assert r.status_code == 200 and "<svg" in isi and "<script" not in isi
    assert "14,75" in teks and "10,25" in teks and "Alfa Timur" in teks
    assert "Kali" not in teks and "Kota Beta" not in teks
    assert "target ditetapkan di narasi evaluasi tahunan" in teks


def test_a_deliberately_inconsistent_frozen_row_raises_a_flag(kota_a, pokja_a, dua_sk):
    baris = SKLokasi.objects.get(sk__nomor="2/2025")
    baris.data = {**baris.data, "luas_verifikasi_ha": "9.75"}  # the row says 10,25
    baris.save()
    teks = klien_untuk(pokja_a).get(URL).content.decode()
    assert (
        "Lokasi 1. Pesisir pada SK Nomor 2/2025 Tahun 2025: luas baris 10,25 ha tidak sama "
        "dengan luas verifikasi yang tercatat pada baris yang sama (9,75 ha)."
    ) in teks


def test_a_newer_worse_survey_of_an_sk_lokasi_raises_a_flag(kota_a, pokja_a, dua_sk):
    pesisir = SKLokasi.objects.get(sk__nomor="2/2025").lokasi
    # Every criterion in the worst band: far above the frozen 50.
    p = buat_penilaian(pesisir, tahun=timezone.localdate().year, status="disetujui_pokja",
                       pita=dict.fromkeys(KRITERIA, "76-100"))  # fmt: skip
    assert p.nilai_kekumuhan > 50
    teks = klien_untuk(pokja_a).get(URL).content.decode()
    assert "lebih baru dan lebih buruk daripada survei yang dibekukan SK (2022, nilai 50" in teks


def test_the_indicative_figures_come_from_the_latest_review_and_are_labelled(kota_a, pokja_a):
    lokasi = buat_lokasi(kota_a, "Ditangani")
    sk = terbitkan_sk(kota_a, pokja_a, [lokasi])
    # Every criterion handled away: computed Tidak Kumuh, but no new survey says so.
    tangani(kota_a, lokasi, efek=dict.fromkeys(KRITERIA, D(10_000)))
    p = services_peninjauan.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    [ind] = muat_dasbor([kota_a], timezone.localdate()).indikatif
    assert ind.peninjauan == p
    j = ind.rekap.kota
    # Handled beyond its baseline: indicatively out, officially still listed (no new survey).
    assert (j.lokasi_akhir, j.lokasi_akhir_indikatif) == (1, 0)
    assert j.luas_akhir == j.luas_awal == D("2.00") and j.luas_akhir_indikatif == 0
    teks = klien_untuk(pokja_a).get(URL).content.decode()
    bagian = teks.split('id="tabel-indikatif"')[1].split("</table>")[0]
    assert 'class="label-indikatif">indikatif</span>' in bagian and "Peninjauan 2026" in bagian


@pytest.mark.parametrize("peran", ["operator_a", "admin_a", "pokja_a"])
def test_the_citys_roles_see_their_city(request, peran, dua_sk):
    teks = klien_untuk(request.getfixturevalue(peran)).get(URL).content.decode()
    assert "Dasbor menuju 0 ha — Kota Alfa" in teks and "Kali" not in teks


def test_another_citys_operator_sees_only_their_city(operator_b, dua_sk):
    teks = klien_untuk(operator_b).get(URL).content.decode()
    assert "Dasbor menuju 0 ha — Kota Beta" in teks
    assert "Pesisir" not in teks and "14,75" not in teks and "Kali" not in teks.split("Tanda")[0]
    assert "3,00" in teks


def test_the_province_verifier_sees_both_cities_aggregated(verifikator_p, dua_sk):
    r = klien_untuk(verifikator_p).get(URL)
    d = r.context["d"]
    kini = d.kini
    assert (kini.total.lokasi, kini.total.luas) == (2, D("13.25"))
    assert {k: j.luas for k, j in kini.per_kota.items()} == {
        "Kota Alfa": D("10.25"), "Kota Beta": D("3.00"),
    }  # fmt: skip
    teks = r.content.decode()
    assert 'id="per-kota"' in teks and "Alfa Barat (Kota Alfa)" in teks
    assert "Beta Barat (Kota Beta)" in teks
    # One city at a time when chosen.
    satu = klien_untuk(verifikator_p).get(URL, {"kabkota": d.kota[1].pk}).context["d"]
    assert [str(k) for k in satu.kota] == ["Kota Beta"] and satu.kini.total.luas == D("3.00")


def test_the_central_verifier_sees_every_city(verifikator_pusat, kota_c, dua_sk):
    d = klien_untuk(verifikator_pusat).get(URL).context["d"]
    assert {str(k) for k in d.kota} == {"Kota Alfa", "Kota Beta", "Kota Gama"}
    assert d.tanpa_sk == ["Kota Gama"] and d.kini.total.luas == D("13.25")


def test_the_province_verifier_cannot_choose_a_city_outside_the_province(
    verifikator_p, kota_c, dua_sk
):
    d = klien_untuk(verifikator_p).get(URL, {"kabkota": kota_c.pk}).context["d"]
    assert {str(k) for k in d.kota} == {"Kota Alfa", "Kota Beta"}


def test_anonymous_is_sent_to_login():
    r = klien_untuk(None).get(URL)
    assert r.status_code == 302
    assert r["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_the_monev_home_links_the_dashboard(pokja_a):
    assert URL in klien_untuk(pokja_a).get(reverse("monev:beranda")).content.decode()
