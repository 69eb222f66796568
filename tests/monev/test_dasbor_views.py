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
    assert "Belum ada target yang dicatat" in teks


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


def test_many_flags_show_their_counts_and_the_first_ones_all_on_request(
    kota_a, pokja_a, dua_sk, monkeypatch
):
    from monev.dasbor import views

    baris = SKLokasi.objects.get(sk__nomor="2/2025")
    baris.data = {**baris.data, "luas_verifikasi_ha": "9.75", "kecamatan": []}
    baris.save()
    semua = klien_untuk(pokja_a).get(URL).context["d"].tanda
    assert len(semua) >= 2
    monkeypatch.setattr(views, "TANDA_TAMPIL", 1)
    r = klien_untuk(pokja_a).get(URL)
    assert r.context["tanda"] == semua[:1]
    teks = r.content.decode()
    assert f"Ditampilkan 1 tanda pertama dari {len(semua)}" in teks
    assert 'id="tanda-jenis"' in teks and "tanda=semua" in teks
    r = klien_untuk(pokja_a).get(URL, {"tanda": "semua"})
    assert r.context["tanda"] == semua and 'id="tanda-lain"' not in r.content.decode()


def test_the_indicative_figures_come_from_the_latest_review_and_are_labelled(kota_a, pokja_a):
    lokasi = buat_lokasi(kota_a, "Ditangani")
    sk = terbitkan_sk(kota_a, pokja_a, [lokasi])
    # Every criterion handled away: computed Tidak Kumuh, but no new survey says so.
    tangani(kota_a, lokasi, efek=dict.fromkeys(KRITERIA, D(10_000)))
    p = services_peninjauan.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    [ind] = muat_dasbor([kota_a], timezone.localdate()).indikatif
    assert ind.peninjauan == p
    j = ind.jumlah
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


# --- targets toward 0 ha ---------------------------------------------------------------------


def _target(klien, **isi):
    data = {f"baru-{k}": v for k, v in isi.items()}
    return klien.post(reverse("monev:dasbor_target"), data)


def test_targets_set_against_the_official_figures_of_their_year(kota_a, pokja_a, dua_sk):
    from monev.dasbor.target import target_simpan
    from monev.models import TargetKota

    klien = klien_untuk(pokja_a)
    assert _target(klien, tahun=2024, luas_ha="12,00", lokasi=2).status_code == 302
    target_simpan(pengguna=pokja_a, kabupaten_kota=kota_a, tahun=2025, luas_ha=D("10.25"))
    target_simpan(pengguna=pokja_a, kabupaten_kota=kota_a, tahun=2026, luas_ha=D("5"))
    target_simpan(pengguna=pokja_a, kabupaten_kota=kota_a, tahun=2029, luas_ha=D(0), lokasi=0)
    d = muat_dasbor([kota_a], date(2026, 6, 15))
    # 2024: 14,75 in force > 12 → not reached; 2025: 10,25 ≤ 10,25 → reached; 2026 running.
    assert [(b.target.tahun, b.status, b.selisih_luas) for b in d.banding_target] == [
        (2024, "belum tercapai", D("2.75")), (2025, "tercapai", D("0.00")),
        (2026, "tahun berjalan", D("5.25")), (2029, "mendatang", None),
    ]  # fmt: skip
    assert d.target_kini.luas == D("5")
    teks = klien.get(URL).content.decode()
    assert 'id="tabel-target"' in teks and "belum tercapai" in teks and "12,00" in teks
    # A second row for one year is refused naming the year; nothing is added.
    r = _target(klien, tahun=2025, luas_ha="1")
    assert r.status_code == 400 and "Target tahun 2025 sudah ada" in r.content.decode()
    assert TargetKota.objects.filter(kabupaten_kota=kota_a).count() == 4


def test_a_stale_target_edit_is_refused_with_the_input_kept(kota_a, pokja_a, admin_a, dua_sk):
    from monev.dasbor.target import target_simpan

    t = target_simpan(pengguna=pokja_a, kabupaten_kota=kota_a, tahun=2026, luas_ha=D("5"))
    url = reverse("monev:dasbor_target")
    ubah = {"target": t.pk, f"t{t.pk}-luas_ha": "4", f"t{t.pk}-versi": t.versi}
    assert klien_untuk(admin_a).post(url, ubah).status_code == 302
    r = klien_untuk(pokja_a).post(url, {**ubah, f"t{t.pk}-luas_ha": "3"})
    assert r.status_code == 409 and "sudah diubah oleh" in r.content.decode()
    assert 'value="3"' in r.content.decode()
    t.refresh_from_db()
    assert t.luas_ha == D("4.00") and t.versi == 2


@pytest.mark.parametrize("peran", ["operator_a", "verifikator_p", "verifikator_pusat"])
def test_only_the_pokja_and_admin_set_targets(request, peran, kota_a, dua_sk):
    klien = klien_untuk(request.getfixturevalue(peran))
    assert klien.get(reverse("monev:dasbor_target")).status_code == 403
    assert _target(klien, tahun=2026, luas_ha="1").status_code == 403
    assert 'href="/monev/dasbor/target/"' not in klien.get(URL).content.decode()


def test_another_citys_target_cannot_be_changed(kota_a, kota_b, pokja_a, dua_sk):
    from monev.dasbor.target import target_simpan
    from tests.conftest import buat_pengguna

    t = target_simpan(pengguna=pokja_a, kabupaten_kota=kota_a, tahun=2026, luas_ha=D("5"))
    pokja_b = buat_pengguna("pokja_b", "pokja", kota_b)
    r = klien_untuk(pokja_b).post(
        reverse("monev:dasbor_target"), {"target": t.pk, f"t{t.pk}-luas_ha": "0"}
    )
    assert r.status_code == 404
    # A tampered row id is "not found" too, never a 500.
    tamper = klien_untuk(pokja_a).post(reverse("monev:dasbor_target"), {"target": "abc"})
    assert tamper.status_code == 404
    t.refresh_from_db()
    assert t.luas_ha == D("5.00")


def test_verifiers_see_targets_summed_only_for_years_every_city_set(
    kota_a, kota_b, pokja_a, dua_sk
):
    from monev.dasbor import angka

    a = {2026: angka.Target(2026, D("5"), 1), 2027: angka.Target(2027, D("2"))}
    b = {2026: angka.Target(2026, D("3"), 2)}
    assert angka.target_gabungan([a, b]) == {2026: angka.Target(2026, D("8"), 3)}
    assert angka.target_gabungan([a, {2027: angka.Target(2027, D("1"), 4)}]) == {
        2027: angka.Target(2027, D("3"), None)
    }


def test_counts_of_a_thousand_and_more_carry_the_thousands_dot(kota_a, pokja_a):
    """1.200 lokasi, not 1200: every count on the page reads as Indonesians write numbers."""
    from lokasi.models import Lokasi
    from penilaian.models import Penilaian

    sk = SK.objects.create(
        kabupaten_kota=kota_a, tahun=2023, nomor="9/2023", tanggal=date(2023, 3, 1),
        tempat="Alfa", tentang="Penetapan lokasi", penandatangan_nama="Wali",
        penandatangan_jabatan="Wali Kota", status=SK.Status.DITETAPKAN,
    )  # fmt: skip
    lokasi = Lokasi.objects.bulk_create(
        Lokasi(kabupaten_kota=kota_a, nama=f"Kawasan {i}", kode=f"B{i}") for i in range(1200)
    )
    survei = Penilaian.objects.bulk_create(
        Penilaian(lokasi=x, tahun=2022, status="terverifikasi_pusat") for x in lokasi
    )
    SKLokasi.objects.bulk_create(
        SKLokasi(
            sk=sk,
            lokasi=x,
            penilaian=p,
            nomor=i,
            data=replace(
                lok(i, x.nama, "1.00", "Alfa Barat", "Kumuh Sedang"),
                lokasi_pk=x.pk,
                penilaian_pk=p.pk,
            ).ke_json(),
        )
        for i, (x, p) in enumerate(zip(lokasi, survei, strict=True), start=1)
    )
    html = klien_untuk(pokja_a).get(URL).content.decode()
    assert "1.200 lokasi, SK yang berlaku" in html
    assert "1.200,00 ha" in html
    tingkat = html[html.index('id="tabel-tingkat"') :]
    assert '<td class="angka">1.200</td>' in tingkat[: tingkat.index("</table>")]
    assert "1200" not in html.replace("1/2023", "")
