"""The profile of a lokasi: every survey's criteria side by side, with what changed."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penilaian import services
from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian
from penilaian.profil import NAIK, TETAP, TURUN, perubahan_berurutan, susun_profil
from tests.conftest import buat_lokasi, buat_penilaian, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db

# Measured on the whole lokasi of buat_lokasi (4,5 ha, 400 bangunan, 390 KK); scores in comments.
NUMERIK = {
    "bangunan_tidak_teratur": 120,  # 1a 30 % → 1
    "luas_kepadatan_tinggi_ha": Decimal("2.7"),  # 1b 60 % → 3
    "bangunan_tidak_sesuai_teknis": 120,  # 1c 30 % → 1
    "panjang_jalan_ideal_m": Decimal("1000"),
    "panjang_jalan_eksisting_m": Decimal("600"),  # 2a 40 % → 1
    "panjang_jalan_rusak_m": Decimal("300"),  # 2b 30 % → 1
    "kk_tanpa_akses_air_minum_aman": 234,  # 3a 60 % → 3
    "kk_kebutuhan_air_minum_tidak_terpenuhi": 117,  # 3b 30 % → 1
    "panjang_drainase_ideal_m": Decimal("2000"),
    "panjang_drainase_eksisting_m": Decimal("1000"),  # 4a 50 % → 1
    "luas_genangan_ha": Decimal("1.8"),  # 4b 40 % → 1
    "panjang_drainase_rusak_m": Decimal("400"),  # 4c 20 % → 0
    "kk_air_limbah_tidak_sesuai_standar": 234,  # 5a 60 % → 3
    "kk_sarpras_air_limbah_tidak_sesuai": 195,  # 5b 50 % → 1
    "kk_sarpras_sampah_tidak_sesuai": 312,  # 6a 80 % → 5
    "kk_sistem_sampah_tidak_sesuai": 273,  # 6b 70 % → 3
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 200,  # 7a 50 % → 1
    "bangunan_tanpa_sarana_proteksi_kebakaran": 360,  # 7b 90 % → 5
}  # total 31, Kumuh Ringan

UNIT_KOSONG = {
    "luas_verifikasi_ha": Decimal("2.25"),
    "jumlah_bangunan": 200,
    "jumlah_penduduk": 710,
    "jumlah_kk": 195,
}


def _profil_url(lokasi) -> str:
    return reverse("penilaian:profil", args=[lokasi.pk])


def _dua_penilaian(lokasi):
    """2024 by bands (42, Kumuh Sedang), 2025 measured (31, Kumuh Ringan)."""
    lama = buat_penilaian(lokasi, 2024, "terverifikasi_pusat")
    baru = buat_penilaian(lokasi, 2025, "diajukan", pita={}, numerik=NUMERIK)
    return lama, baru


def _penilaian_unit(lokasi, tahun, per_unit, **nilai):
    """A survey of a kawasan measured RT by RT: one numerik sheet per unit."""
    penilaian = buat_penilaian(lokasi, tahun, "terverifikasi_pusat", pita={}, **nilai)
    penilaian.numerik.all().delete()
    for unit, angka in per_unit.items():
        NumerikPenilaian.objects.create(penilaian=penilaian, unit=unit, **angka)
    penilaian = Penilaian.objects.select_related("lokasi__kabupaten_kota").get(pk=penilaian.pk)
    services.hitung_ulang(penilaian)
    penilaian.save()
    return penilaian


def _separuh(angka: dict) -> dict:
    """Half of a whole-lokasi sheet: the same shares on half the buildings, KK, area, length."""
    hasil = {}
    for kunci, nilai in angka.items():
        hasil[kunci] = nilai // 2 if isinstance(nilai, int) else nilai / 2
    return hasil


# --- scope ------------------------------------------------------------------------------------


def test_it_rejects_other_city(operator_b, lokasi_a):
    _dua_penilaian(lokasi_a)
    assert klien_untuk(operator_b).get(_profil_url(lokasi_a)).status_code == 404


@pytest.mark.parametrize("peran", ["operator_a", "pokja_a", "verifikator_p", "verifikator_pusat"])
def test_roles_in_scope_see_it(request, peran, lokasi_a):
    _dua_penilaian(lokasi_a)
    r = klien_untuk(request.getfixturevalue(peran)).get(_profil_url(lokasi_a))
    assert r.status_code == 200
    assert [k.penilaian.tahun for k in r.context["profil"].kolom] == [2024, 2025]


def test_verifier_of_another_provinsi_gets_404(kota_c, lokasi_a):
    from lokasi.models import Peran
    from tests.conftest import buat_pengguna

    lain = buat_pengguna("verifikator_q", Peran.VERIFIKATOR_PROVINSI, provinsi=kota_c.provinsi)
    assert klien_untuk(lain).get(_profil_url(lokasi_a)).status_code == 404


def test_anonymous_is_sent_to_login(lokasi_a):
    r = klien_untuk(None).get(_profil_url(lokasi_a))
    assert r.status_code == 302
    assert r.url.startswith(reverse("login"))


def test_it_only_reads(operator_a, lokasi_a):
    assert klien_untuk(operator_a).post(_profil_url(lokasi_a)).status_code == 405


def test_lokasi_without_surveys_says_so(operator_a, lokasi_a):
    r = klien_untuk(operator_a).get(_profil_url(lokasi_a))
    assert r.status_code == 200
    assert "belum pernah dinilai" in r.content.decode()


# --- the page ---------------------------------------------------------------------------------


def test_surveys_side_by_side_oldest_first(operator_a, lokasi_a):
    lama, baru = _dua_penilaian(lokasi_a)
    r = klien_untuk(operator_a).get(_profil_url(lokasi_a))
    profil = r.context["profil"]
    html = r.content.decode()

    assert [k.penilaian for k in profil.kolom] == [lama, baru]
    assert [a.kode for a in profil.aspek] == [1, 2, 3, 4, 5, 6, 7]
    assert sum(len(a.kriteria) for a in profil.aspek) == 16
    assert html.count('class="aspek"') == 7
    assert html.count('class="subtotal"') == 7
    # Headed with tahun and status.
    assert "Terverifikasi pusat" in html and "Diajukan ke Pokja PKP" in html

    baris_1b = profil.aspek[0].kriteria[1]
    lama_1b, baru_1b = baris_1b.sel
    assert (lama_1b.persen, lama_1b.pita, lama_1b.skor) == (None, "51–75 %", 3)
    assert (baru_1b.volume, baru_1b.persen, baru_1b.skor) == (Decimal("2.7"), Decimal("60"), 3)
    assert baris_1b.satuan == "ha"
    # Numbers as Indonesians read them, in the criterion's row.
    baris = html.split('id="kriteria-1b"')[1].split("</tr>")[0]
    assert "2,70" in baris and "60,00" in baris and "51–75 %" in baris
    baris_2a = html.split('id="kriteria-2a"')[1].split("</tr>")[0]
    assert "400,00" in baris_2a  # volume of 2a: the road length lacking (1000 − 600 m)
    baris_1a = html.split('id="kriteria-1a"')[1].split("</tr>")[0]
    assert ">120<" in baris_1a  # buildings counted in whole units

    # Totals per survey.
    assert [k.nilai_kekumuhan.nilai for k in profil.kolom] == [42, 31]
    hasil = html.split('id="tabel-hasil"')[1]
    assert "Kumuh Sedang" in hasil and "Kumuh Ringan" in hasil
    assert "B3/ 5" in hasil and "C3/ 6" in hasil
    assert "Peremajaan" in hasil and "Pemugaran" in hasil
    assert "Kabupaten/Kota" in hasil and "Legal" in hasil


def test_changes_are_marked(operator_a, lokasi_a):
    _dua_penilaian(lokasi_a)
    r = klien_untuk(operator_a).get(_profil_url(lokasi_a))
    profil = r.context["profil"]
    html = r.content.decode()

    bangunan, _jalan, air = profil.aspek[0], profil.aspek[1], profil.aspek[2]
    # 1a: band 76–100 (5) → 30 % (1): better.
    assert bangunan.kriteria[0].sel[0].perubahan is None  # nothing to compare the first with
    ubah_1a = bangunan.kriteria[0].sel[1].perubahan
    assert (ubah_1a.arah, ubah_1a.selisih, ubah_1a.tahun_sebelum) == (TURUN, -4, 2024)
    # 3a: band 25–50 (1) → 60 % (3): worse. 1b stays 3.
    assert air.kriteria[0].sel[1].perubahan.arah == NAIK
    assert bangunan.kriteria[1].sel[1].perubahan.arah == TETAP
    # Aspect subtotals and the total move too.
    assert bangunan.subtotal[1].perubahan.selisih == -6  # 5 + 3 + 3 → 1 + 3 + 1
    assert profil.kolom[1].nilai_kekumuhan.perubahan.arah == TURUN

    baris_1a = html.split('id="kriteria-1a"')[1].split("</tr>")[0]
    assert "arah-turun" in baris_1a and "−4" in baris_1a
    baris_3a = html.split('id="kriteria-3a"')[1].split("</tr>")[0]
    assert "arah-naik" in baris_3a and "+2" in baris_3a
    assert "turun dari 42 (2024)" in html.split('id="tabel-hasil"')[1]


def test_incomplete_draft_shows_belum_lengkap(operator_a, lokasi_a):
    buat_penilaian(lokasi_a, 2024, "terverifikasi_pusat")
    draf = buat_penilaian(lokasi_a, 2025, "draf", pita={"1a": "76-100"})
    assert not draf.lengkap
    r = klien_untuk(operator_a).get(_profil_url(lokasi_a))
    html = r.content.decode()
    assert "belum lengkap" in html
    kolom_draf = r.context["profil"].kolom[1]
    assert kolom_draf.nilai_kekumuhan.nilai is None
    assert all(a.subtotal[1].nilai is None for a in r.context["profil"].aspek)


def test_photo_thumbnail_links_to_the_photo(operator_a, lokasi_a):
    _lama, baru = _dua_penilaian(lokasi_a)
    isian = baru.isian.get(kode="4b")
    isian.foto = SimpleUploadedFile("genangan.gif", _GIF, content_type="image/gif")
    isian.keterangan = "Genangan di RT 02"
    isian.save()
    html = klien_untuk(operator_a).get(_profil_url(lokasi_a)).content.decode()
    url = reverse("penilaian:foto", args=[baru.pk, "4b"])
    baris = html.split('id="kriteria-4b"')[1].split("</tr>")[0]
    assert f'<a href="{url}"><img class="foto-mini" src="{url}"' in baris
    assert "Genangan di RT 02" in baris
    assert html.count("foto-mini") == 1


def test_unit_table_shows_each_units_score_per_survey(operator_a, kota_a):
    lokasi = buat_lokasi(kota_a, "Kawasan Dua RT")
    rt1 = buat_unit(lokasi, "001")
    rt2 = buat_unit(lokasi, "002")
    separuh = {**UNIT_KOSONG, **_separuh(NUMERIK)}  # 31, like the whole lokasi
    buruk = {**separuh, "bangunan_tidak_teratur": 180, "kk_sistem_sampah_tidak_sesuai": 180}
    _penilaian_unit(lokasi, 2024, {rt1: buruk, rt2: separuh})
    _penilaian_unit(lokasi, 2025, {rt1: separuh, rt2: separuh})

    r = klien_untuk(operator_a).get(_profil_url(lokasi))
    profil = r.context["profil"]
    assert [b.unit for b in profil.unit] == [rt1, rt2]
    # RT 001: 1a 90 % (5) and 6b 92 % (5) in 2024 → 31 + 4 + 2 = 37, then 31.
    assert [s.nilai for s in profil.unit[0].sel] == [37, 31]
    assert profil.unit[0].sel[1].perubahan.arah == TURUN
    assert [s.nilai for s in profil.unit[1].sel] == [31, 31]
    html = r.content.decode().split('id="tabel-unit"')[1]
    assert "RT 001 / RW 002" in html and "RT 002 / RW 002" in html
    assert "Kumuh Ringan" in html


def test_no_unit_table_for_a_lokasi_surveyed_as_a_whole(operator_a, lokasi_a):
    _dua_penilaian(lokasi_a)
    r = klien_untuk(operator_a).get(_profil_url(lokasi_a))
    assert r.context["profil"].unit == []
    assert 'id="tabel-unit"' not in r.content.decode()


def test_query_count_does_not_grow_with_surveys(operator_a, kota_a, django_assert_max_num_queries):
    def lokasi_dengan(jumlah: int):
        lokasi = buat_lokasi(kota_a, f"Kawasan {jumlah}")
        for rt in ("001", "002"):
            buat_unit(lokasi, rt)
        for i in range(jumlah):
            p = buat_penilaian(lokasi, 2020 + i, "terverifikasi_pusat")
            isian = p.isian.get(kode="2b")
            isian.foto = SimpleUploadedFile(f"f{i}.gif", _GIF, content_type="image/gif")
            isian.save()
        return lokasi

    klien = klien_untuk(operator_a)
    dua, enam = lokasi_dengan(2), lokasi_dengan(6)
    klien.get(_profil_url(dua))  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as untuk_dua:
        assert klien.get(_profil_url(dua)).status_code == 200
    with django_assert_max_num_queries(len(untuk_dua)):
        r = klien.get(_profil_url(enam))
    assert len(r.context["profil"].kolom) == 6


# --- the shaping function on its own ----------------------------------------------------------


def test_perubahan_skips_a_survey_without_a_score():
    hasil = perubahan_berurutan([3, None, 1, 1, 5], [2021, 2022, 2023, 2024, 2025])
    assert hasil[0] is None and hasil[1] is None
    assert (hasil[2].arah, hasil[2].selisih, hasil[2].tahun_sebelum) == (TURUN, -2, 2021)
    assert (hasil[3].arah, hasil[3].tanda) == (TETAP, "±0")
    assert (hasil[4].arah, hasil[4].tanda, hasil[4].keterangan) == (
        NAIK,
        "+4",
        "naik dari 1 (2024)",
    )


def test_susun_profil_from_rows(lokasi_a):
    lama, baru = _dua_penilaian(lokasi_a)
    daftar = Penilaian.objects.filter(lokasi=lokasi_a).order_by("tahun").prefetch_related("isian")
    profil = susun_profil(daftar, [])
    assert profil.lebar_tabel == 2 + 4 * 2
    assert profil.unit == []
    kode = [b.kode for a in profil.aspek for b in a.kriteria]
    assert kode == ["1a", "1b", "1c", "2a", "2b", "3a", "3b", "4a", "4b", "4c", "5a", "5b", "6a",
                    "6b", "7a", "7b"]  # fmt: skip
    assert [s.penilaian_pk for s in profil.aspek[3].kriteria[2].sel] == [lama.pk, baru.pk]
    # A band chosen on the Format Isian hides a measured volume that did not make its score.
    IsianKriteria.objects.filter(penilaian=baru, kode="4b").update(pita="76-100")
    baru = Penilaian.objects.select_related("lokasi__kabupaten_kota").get(pk=baru.pk)
    services.hitung_ulang(baru)
    baru.save()
    profil = susun_profil(daftar.all(), [])
    sel_4b = profil.aspek[3].kriteria[1].sel[1]
    assert (sel_4b.volume, sel_4b.persen, sel_4b.pita, sel_4b.skor) == (None, None, "76–100 %", 5)
    assert profil.aspek[3].kriteria[1].sel[1].perubahan.arah == NAIK


def test_susun_profil_without_surveys_has_no_unit_rows(kota_a):
    lokasi = buat_lokasi(kota_a, "Belum Dinilai")
    unit = buat_unit(lokasi)
    profil = susun_profil([], [unit])
    assert not profil.ada_penilaian
    assert profil.unit == []
    assert all(a.subtotal == [] for a in profil.aspek)


_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
