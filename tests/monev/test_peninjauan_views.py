"""Peninjauan ulang pages × roles: who reads, who decides, another city gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from monev.models import PengaturanMonev, PeninjauanUlang
from penilaian.models import SK
from tests.conftest import klien_untuk
from tests.monev.test_peninjauan_muat import buat_peninjauan, terbitkan_sk


@pytest.fixture
def peninjauan(kota_a, pokja_a, lokasi_a) -> PeninjauanUlang:
    return buat_peninjauan(kota_a, pokja_a, lokasi_a)


PEMBACA = ["operator_a", "admin_a", "pokja_a", "verifikator_p", "verifikator_pusat"]


def _url(nama: str, p: PeninjauanUlang, lokasi: bool = False) -> str:
    if lokasi:
        return reverse(f"monev:{nama}", args=[p.pk, p.lokasi.get().pk])
    return reverse(f"monev:{nama}", args=[p.pk])


@pytest.mark.parametrize("peran", PEMBACA)
def test_every_reader_in_scope_sees_the_list_the_recap_and_tabel5(request, peninjauan, peran):
    klien = klien_untuk(request.getfixturevalue(peran))
    daftar = klien.get(reverse("monev:peninjauan_daftar"))
    assert daftar.status_code == 200 and "100.3.3.2/45/2022" in daftar.text
    assert "1 Maret 2027" in daftar.text  # due date: SK tanggal + 5 years
    detail = klien.get(_url("peninjauan_detail", peninjauan))
    assert detail.status_code == 200
    assert "Turun Tingkat" in detail.text and "30,31%" in detail.text
    halaman = klien.get(_url("peninjauan_lokasi", peninjauan, lokasi=True))
    assert halaman.status_code == 200
    for teks in ("D. FORMAT PENILAIAN HASIL PENINJAUAN ULANG", "Tabel 5. Formulasi Hasil",
                 "56,55%", "39,41%", "30,31%", "Kumuh Sedang → Kumuh Ringan",
                 "Pembangunan jalan lingkungan", "500,00", "3 → 0"):  # fmt: skip
        assert teks in halaman.text, teks


@pytest.mark.parametrize(
    "nama", ["peninjauan_detail", "peninjauan_buku_pdf", "peninjauan_buku_xlsx"]
)
def test_another_city_gets_404(peninjauan, operator_b, nama):
    assert klien_untuk(operator_b).get(_url(nama, peninjauan)).status_code == 404


@pytest.mark.parametrize("nama", ["peninjauan_lokasi", "peninjauan_lokasi_xlsx"])
def test_another_city_gets_404_per_lokasi(peninjauan, operator_b, nama):
    assert klien_untuk(operator_b).get(_url(nama, peninjauan, lokasi=True)).status_code == 404


def test_a_lokasi_of_another_review_is_404(peninjauan, pokja_a):
    url = reverse("monev:peninjauan_lokasi", args=[peninjauan.pk, 999_999])
    assert klien_untuk(pokja_a).get(url).status_code == 404


def test_anonymous_is_sent_to_login(peninjauan):
    r = klien_untuk(None).get(_url("peninjauan_detail", peninjauan))
    assert r.status_code == 302 and "/masuk/" in r.url


@pytest.mark.parametrize("peran", ["operator_a", "verifikator_p"])
def test_readers_may_not_decide(request, peninjauan, peran):
    klien = klien_untuk(request.getfixturevalue(peran))
    assert klien.post(_url("peninjauan_selesai", peninjauan)).status_code == 403
    r = klien.post(_url("peninjauan_pengaturan", peninjauan), {"bacaan_kontribusi": "b"})
    assert r.status_code == 403
    r = klien.post(reverse("monev:peninjauan_buat"), {"sk": peninjauan.sk_id, "tahun": 2027})
    assert r.status_code == 403
    assert not PengaturanMonev.objects.exists() and PeninjauanUlang.objects.count() == 1
    assert (
        "Nyatakan peninjauan ulang selesai"
        not in klien.get(_url("peninjauan_detail", peninjauan)).text
    )


def test_the_pokja_starts_a_review_from_the_list(kota_a, pokja_a, lokasi_a):
    sk = terbitkan_sk(kota_a, pokja_a, [lokasi_a])
    klien = klien_untuk(pokja_a)
    assert "Buat peninjauan ulang" in klien.get(reverse("monev:peninjauan_daftar")).text
    r = klien.post(reverse("monev:peninjauan_buat"), {"sk": sk.pk, "tahun": 2026})
    p = PeninjauanUlang.objects.get()
    assert r.status_code == 302 and r.url == _url("peninjauan_detail", p)
    r = klien.post(reverse("monev:peninjauan_buat"), {"sk": sk.pk, "tahun": 2026}, follow=True)
    assert "sudah ada" in r.text and PeninjauanUlang.objects.count() == 1


def test_another_citys_sk_is_not_a_choice(kota_b, pokja_a):
    sk_b = SK.objects.create(kabupaten_kota=kota_b, tahun=2022, tempat="Beta", tentang="-",
                             penandatangan_jabatan="Wali Kota", status="ditetapkan")  # fmt: skip
    r = klien_untuk(pokja_a).post(reverse("monev:peninjauan_buat"), {"sk": sk_b.pk, "tahun": 2026})
    assert r.status_code == 302 and not PeninjauanUlang.objects.exists()


def test_the_pokja_sets_the_reading_and_it_changes_the_kontribusi(peninjauan, pokja_a):
    klien = klien_untuk(pokja_a)
    r = klien.post(
        _url("peninjauan_pengaturan", peninjauan),
        {"bacaan_kontribusi": "c", "catatan_kaki": "Catatan kaki Perwal kota Alfa."},
    )
    assert r.status_code == 302
    halaman = klien.get(_url("peninjauan_lokasi", peninjauan, lokasi=True)).text
    assert "54,31%" in halaman and "Catatan kaki Perwal kota Alfa." in halaman
    assert "Catatan kaki Perwal kota Alfa." in klien.get(_url("peninjauan_detail", peninjauan)).text


def test_the_pokja_concludes_the_review(peninjauan, admin_a):
    klien = klien_untuk(admin_a)
    assert klien.post(_url("peninjauan_selesai", peninjauan)).status_code == 302
    peninjauan.refresh_from_db()
    assert peninjauan.status == "selesai"
    r = klien.post(_url("peninjauan_selesai", peninjauan), follow=True)
    assert "sudah selesai" in r.text


def test_mutations_refuse_get(peninjauan, pokja_a):
    assert klien_untuk(pokja_a).get(_url("peninjauan_selesai", peninjauan)).status_code == 405


def test_an_overdue_sk_without_review_is_flagged(kota_a, pokja_a, lokasi_a):
    from datetime import date

    sk = terbitkan_sk(kota_a, pokja_a, [lokasi_a])
    SK.objects.filter(pk=sk.pk).update(tanggal=date(2019, 1, 2))
    teks = klien_untuk(pokja_a).get(reverse("monev:peninjauan_daftar")).text
    assert "2 Januari 2024" in teks and "terlewati" in teks
