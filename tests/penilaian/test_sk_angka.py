"""The SK's numbers come from the survey it is based on (issue 10 items 1 and 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lokasi import services as services_lokasi
from lokasi.models import Lokasi
from penilaian import services as services_penilaian
from penilaian.daftar_lokasi import indeks
from penilaian.models import NumerikPenilaian, Penilaian
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import services as services_sk
from penilaian.sk.isi import LokasiSK
from penilaian.sk.tata import KOLOM, sel_lampiran1
from tests.conftest import buat_lokasi, buat_penilaian, buat_unit
from tests.penilaian.test_sk import _lengkapi as lengkapi_untuk_ditetapkan

PUSAT = "terverifikasi_pusat"


# A measured RT sheet (besides the general numbers prefilled from the unit): Kumuh Sedang-ish.
LEMBAR_RT = {
    "bangunan_tidak_teratur": 80, "luas_kepadatan_tinggi_ha": Decimal("1.0"),
    "bangunan_tidak_sesuai_teknis": 60, "panjang_jalan_eksisting_m": Decimal(150),
    "panjang_jalan_rusak_m": Decimal(100), "kk_tanpa_akses_air_minum_aman": 30,
    "kk_kebutuhan_air_minum_tidak_terpenuhi": 30, "panjang_drainase_eksisting_m": Decimal(300),
    "luas_genangan_ha": Decimal("0.5"), "panjang_drainase_rusak_m": Decimal(200),
    "kk_air_limbah_tidak_sesuai_standar": 50, "kk_sarpras_air_limbah_tidak_sesuai": 50,
    "kk_sarpras_sampah_tidak_sesuai": 60, "kk_sistem_sampah_tidak_sesuai": 60,
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 80,
    "bangunan_tanpa_sarana_proteksi_kebakaran": 80,
}  # fmt: skip


def _penilaian_per_rt(lokasi: Lokasi, tahun: int = 2025) -> Penilaian:
    """A verified survey of a kawasan with one measured numerik sheet per RT unit."""
    services_lokasi.hitung_ulang_dari_unit(lokasi)
    p = buat_penilaian(lokasi, tahun=tahun, status=PUSAT)
    p.numerik.all().delete()
    p.isian.update(pita="")
    for j, unit in enumerate(lokasi.unit_survei.order_by("rt")):
        NumerikPenilaian.objects.create(
            penilaian=p,
            unit=unit,
            **services_penilaian.angka_kepala(unit),
            **{**LEMBAR_RT, "bangunan_tidak_teratur": 40 * j},
        )
    p = Penilaian.objects.select_related("lokasi__kabupaten_kota").get(pk=p.pk)
    services_penilaian.hitung_ulang(p)
    p.save()
    return p


def _angka(teks: str) -> Decimal:
    return Decimal(teks.replace(".", "").replace(",", "."))


@pytest.fixture
def sk_berisi(kota_a, pokja_a):
    """A draft with a kawasan surveyed per RT (areas with 4 decimals) and two whole lokasi."""
    kawasan = buat_lokasi(kota_a, "Kawasan Per RT", luas_sk_ha=Decimal("3.7"))
    for rt, luas in (("001", "1.2345"), ("002", "1.2345"), ("003", "1.2345")):
        buat_unit(kawasan, rt=rt, luas_ha=Decimal(luas))
    _penilaian_per_rt(kawasan)
    buat_penilaian(buat_lokasi(kota_a, "Utuh", luas_verifikasi_ha=Decimal("2.37")), status=PUSAT)
    buat_penilaian(
        buat_lokasi(kota_a, "Tanpa verifikasi", luas_verifikasi_ha=None, luas_sk_ha=Decimal("6")),
        status=PUSAT,
        numerik={"luas_verifikasi_ha": Decimal("5.8")},
    )
    return services_sk.sk_buat(pengguna=pokja_a, tahun=2026)


def _periksa_kepadatan(lokasi: tuple[LokasiSK, ...]) -> None:
    """Every printed density is the printed penduduk over the printed luas, to the precision
    printed: the density (2 decimals) lies between penduduk / (luas ± 0,005)."""
    i_luas = indeks(KOLOM, "luas") - 1
    i_jiwa = indeks(KOLOM, "jumlah_penduduk") - 1
    i_padat = indeks(KOLOM, "kepadatan") - 1
    assert lokasi
    for lok in lokasi:
        sel = sel_lampiran1(lok)
        luas, jiwa, padat = _angka(sel[i_luas]), _angka(sel[i_jiwa]), _angka(sel[i_padat])
        setengah = Decimal("0.005")
        bawah = jiwa / (luas + setengah) - setengah
        atas = jiwa / (luas - setengah) + setengah
        assert bawah <= padat <= atas, (lok.nama, sel[i_luas], sel[i_jiwa], sel[i_padat])


def test_every_printed_density_equals_printed_penduduk_over_printed_luas(sk_berisi):
    _periksa_kepadatan(services_sk.lokasi_sk(sk_berisi))


def test_the_sk_prints_the_luas_and_penduduk_the_survey_summed_per_rt(sk_berisi):
    lok = next(x for x in services_sk.lokasi_sk(sk_berisi) if x.nama == "Kawasan Per RT")
    p = Penilaian.objects.get(lokasi__nama="Kawasan Per RT")
    lembar = list(p.numerik.all())
    assert lok.luas_verifikasi_ha == sum(b.luas_verifikasi_ha for b in lembar)
    assert lok.luas_ha == lok.luas_verifikasi_ha
    assert lok.jumlah_penduduk == sum(b.jumlah_penduduk for b in lembar)
    assert lok.luas_sk_ha == Decimal("3.7")


def test_without_a_surveyed_luas_the_sk_prints_the_luas_sk_the_survey_used(kota_a, pokja_a):
    lokasi = buat_lokasi(kota_a, "Hanya luas SK", luas_verifikasi_ha=None, luas_sk_ha=Decimal("6"))
    buat_penilaian(
        lokasi, status=PUSAT, numerik={"luas_verifikasi_ha": None}, kepadatan_penduduk=200
    )
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    Lokasi.objects.filter(pk=lokasi.pk).update(luas_sk_ha=Decimal("16"))

    (lok,) = services_sk.lokasi_sk(sk)

    assert (lok.luas_ha, lok.luas_sk_ha, lok.luas_verifikasi_ha) == (Decimal(6), Decimal(6), None)
    assert lok.kewenangan == "Kabupaten/Kota"


def test_editing_the_lokasi_after_verification_leaves_the_draft_sks_numbers(kota_a, pokja_a):
    lokasi = buat_lokasi(kota_a, "Diubah kemudian")
    buat_penilaian(lokasi, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    (sebelum,) = services_sk.lokasi_sk(sk)

    Lokasi.objects.filter(pk=lokasi.pk).update(
        luas_sk_ha=Decimal("9.1234"),
        luas_verifikasi_ha=Decimal("8.7654"),
        penduduk_laki_laki=10,
        jumlah_bangunan=5,
    )
    (sesudah,) = services_sk.lokasi_sk(sk)

    assert sesudah.luas_ha == sebelum.luas_ha == Decimal("4.5")
    assert (sesudah.luas_sk_ha, sesudah.luas_verifikasi_ha) == (Decimal("4.5"), Decimal("4.5"))
    assert sesudah.jumlah_penduduk == sebelum.jumlah_penduduk == 1420
    assert sesudah.jumlah_bangunan == 400
    assert sel_lampiran1(sesudah) == sel_lampiran1(sebelum)


def test_an_issued_sk_keeps_the_survey_numbers_and_new_fields(sk_berisi, pokja_a):
    sk = lengkapi_untuk_ditetapkan(sk_berisi, pokja_a)
    draf = services_sk.lokasi_sk(sk)
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)

    beku = services_sk.lokasi_sk(sk)

    assert [replace_foto(x) for x in beku] == [replace_foto(x) for x in draf]
    _periksa_kepadatan(beku)
    kawasan = next(x for x in beku if x.nama == "Kawasan Per RT")
    assert [u.rt_rw for u in kawasan.unit] == ["RT 001/RW 002", "RT 002/RW 002", "RT 003/RW 002"]


def replace_foto(lok: LokasiSK) -> LokasiSK:
    from dataclasses import replace

    return replace(lok, foto=())


def test_old_frozen_json_without_the_new_fields_still_reads():
    data = services_sk.sk_isi.LokasiSK(
        nomor=1, lokasi_pk=1, penilaian_pk=1, tahun_penilaian=2025, kode="", nama="Lama",
        luas_ha=Decimal("1.5"), rt_rw="", kelurahan=(), kecamatan=(), jumlah_penduduk=10,
        kepadatan_penduduk=Decimal("6.67"), lintang=None, bujur=None, nilai_kekumuhan=40,
        tingkat_kekumuhan="Kumuh Sedang", nilai_pertimbangan_lain=5,
        tingkat_pertimbangan_lain="Rendah", legalitas="Legal", klasifikasi="B3", prioritas=5,
        pola_penanganan="Pemugaran", kewenangan="Kabupaten/Kota",
    ).ke_json()  # fmt: skip
    for kunci in ("luas_sk_ha", "luas_verifikasi_ha", "penduduk_laki_laki", "unit"):
        data.pop(kunci)
    for c in data["kriteria"]:
        c.pop("ideal", None)

    assert LokasiSK.dari_json(data).luas_ha == Decimal("1.5")


# --- Buku Profil (item 5) --------------------------------------------------------------------


def test_the_buku_profil_prints_rt_scores_lengths_luas_labels_and_penduduk_by_sex(sk_berisi):
    isi = services_sk.isi_sk(sk_berisi)
    kawasan = next(x for x in isi.lokasi if x.nama == "Kawasan Per RT")
    p = Penilaian.objects.get(lokasi__nama="Kawasan Per RT")

    html = "".join(sk_cetak.html_lampiran3(isi))

    for unit in p.lokasi.unit_survei.all():
        skor = p.hasil["unit"][str(unit.pk)]["nilai_kekumuhan"]
        assert f"RT {unit.rt}/RW {unit.rw}" in html
        assert f">{skor}<" in html
    assert "Luas SK" in html and "Luas verifikasi" in html
    assert "3,70 ha" in html  # luas SK of the kawasan
    assert f"{kawasan.penduduk_laki_laki:,}".replace(",", ".") in html
    assert "laki-laki" in html and "perempuan" in html
    jalan = next(k for k in kawasan.kriteria if k.kode == "2a")
    assert jalan.ideal == sum(b.panjang_jalan_ideal_m for b in p.numerik.all())
    assert "ideal" in html and "eksisting" in html


# --- Lampiran III optional per SK (item 5) ---------------------------------------------------


def _tanpa_profil(sk, pengguna):
    return services_sk.sk_simpan(
        sk=sk, pengguna=pengguna, versi=sk.versi, data={"dengan_buku_profil": False}
    )


def test_an_sk_without_buku_profil_names_two_annexes_and_offers_no_lampiran_iii(sk_berisi, pokja_a):
    from django.core.exceptions import ValidationError
    from django.urls import reverse

    from tests.conftest import klien_untuk

    sk = _tanpa_profil(sk_berisi, pokja_a)
    isi = services_sk.isi_sk(sk)

    kelima = dict(isi.diktum)["KELIMA"]
    assert len(kelima) == 2 and not any("Lampiran III" in t for t in kelima)
    assert "kedua lampiran" in isi.kelima_penutup
    html = sk_cetak.html_keputusan(isi)
    assert "Lampiran III" not in html and "Buku Profil" not in html
    assert "lampiran3" not in sk_cetak.bagian_sk(isi.dengan_buku_profil)
    halaman = klien_untuk(pokja_a).get(reverse("penilaian:sk_detail", args=[sk.pk]))
    teks = halaman.content.decode()
    assert sk_cetak.BAGIAN["lampiran3"] not in teks and "Lampiran I–III" not in teks
    assert "Lampiran I–II)" in teks
    with pytest.raises(ValidationError):
        services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="lampiran3", format="pdf")


def test_by_default_the_sk_keeps_its_buku_profil_and_the_form_offers_the_choice(sk_berisi):
    from penilaian.sk.forms import SKForm

    isi = services_sk.isi_sk(sk_berisi)

    assert any("Lampiran III" in t for t in dict(isi.diktum)["KELIMA"])
    assert "ketiga lampiran" in isi.kelima_penutup
    assert "lampiran3" in sk_cetak.bagian_sk(isi.dengan_buku_profil)
    assert "dengan_buku_profil" in SKForm(instance=sk_berisi).fields


def test_the_whole_sk_without_buku_profil_joins_three_parts(sk_berisi, pokja_a, monkeypatch):
    sk = _tanpa_profil(sk_berisi, pokja_a)
    dibuat = []
    for nama in sk_cetak.BAGIAN:
        monkeypatch.setitem(
            sk_cetak._PEMBUAT, nama, lambda isi, lapor, n=nama: dibuat.append(n) or b""
        )
    monkeypatch.setattr(sk_cetak.pdf, "gabung", lambda daftar: b"")

    sk_cetak.pdf_sk(services_sk.isi_sk(sk), sk_cetak.SEMUA)

    assert dibuat == ["keputusan", "lampiran1", "lampiran2"]


# --- Lampiran II kecamatan boundaries (item 6) -----------------------------------------------


def test_lampiran_ii_draws_the_kecamatan_boundaries_and_an_issued_sk_keeps_them(
    sk_berisi, pokja_a, kota_a
):
    from lokasi.models import Kecamatan

    kec = Kecamatan.objects.filter(kabupaten_kota=kota_a).order_by("kode").first()
    cincin = [[109.66, -6.9], [109.69, -6.9], [109.69, -6.87], [109.66, -6.87], [109.66, -6.9]]
    Kecamatan.objects.filter(pk=kec.pk).update(batas={"type": "Polygon", "coordinates": [cincin]})
    sk = lengkapi_untuk_ditetapkan(sk_berisi, pokja_a)

    assert "stroke-dasharray" in sk_cetak.html_lampiran2(services_sk.isi_sk(sk))
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    Kecamatan.objects.filter(pk=kec.pk).update(batas=None)

    html = sk_cetak.html_lampiran2(services_sk.isi_sk(sk))
    assert "stroke-dasharray" in html and f"KEC. {kec.nama.upper()}" in html
