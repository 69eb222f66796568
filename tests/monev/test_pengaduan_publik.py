"""Public pages of pengaduan masyarakat: filing without login, honeypot, rate limit, the code
shown once, and a status page that never shows the contact (issue 13 item 2)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lokasi.models import Kelurahan
from monev.models import LangkahPengaduan, Pengaduan
from monev.pengaduan import aturan
from tests.conftest import klien_untuk

pytestmark = pytest.mark.django_db

KONTAK = "0812-3456-7890 ibu.rahasia@contoh.id"


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()
    yield
    cache.clear()


def foto_png(lebar: int = 40, tinggi: int = 30) -> SimpleUploadedFile:
    b = io.BytesIO()
    Image.new("RGB", (lebar, tinggi), "red").save(b, "PNG")
    return SimpleUploadedFile("bukti.png", b.getvalue(), content_type="image/png")


def data_pengaduan(kota, **lain) -> dict:
    kel = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota).order_by("kode").first()
    data = {"kabupaten_kota": kota.pk, "kelurahan": kel.pk, "lintang": "-6.889000",
            "bujur": "109.675000", "alamat": "Gang Mawar RT 03", "kategori": "kumuh_baru",
            "uraian": "Bangunan semi permanen bertambah di bantaran sungai.",
            "kontak": KONTAK, "situs_web": ""}  # fmt: skip
    data.update(lain)
    return data


def test_public_submit_without_login_creates_code_shown_once(operator_a, kota_a):
    klien = klien_untuk(None)
    r = klien.post(reverse("pengaduan:kirim"), data_pengaduan(kota_a, foto=foto_png()))
    assert r.status_code == 302 and r["Location"] == reverse("pengaduan:terkirim")
    p = Pengaduan.objects.get()
    assert len(p.kode) == aturan.PANJANG_KODE and set(p.kode) <= set(aturan.ABJAD_KODE)
    assert p.sumber == "masyarakat" and p.status == "diterima" and p.dibuat_oleh is None
    assert p.foto.name.endswith(".jpg")  # re-encoded by FotoField
    assert LangkahPengaduan.objects.filter(pengaduan=p, status="diterima").exists()
    halaman = klien.get(reverse("pengaduan:terkirim"))
    assert p.kode in halaman.content.decode()
    # Shown once: a second visit no longer has it.
    lagi = klien.get(reverse("pengaduan:terkirim"))
    assert lagi.status_code == 302


def test_public_form_offers_only_known_cities(operator_a, kota_a, kota_b):
    # Kota Beta has no users: nobody would handle its complaints.
    r = klien_untuk(None).post(reverse("pengaduan:kirim"), data_pengaduan(kota_b))
    assert r.status_code == 200 and not Pengaduan.objects.exists()
    assert "Kabupaten/kota" in r.content.decode()
    assert (
        kota_b.nama
        not in r.content.decode().split('id="id_kabupaten_kota"')[1].split("</select>")[0]
    )


def test_public_source_is_always_masyarakat(operator_a, kota_a):
    klien_untuk(None).post(reverse("pengaduan:kirim"), data_pengaduan(kota_a, sumber="media"))
    assert Pengaduan.objects.get().sumber == "masyarakat"


def test_kelurahan_of_another_city_is_refused(operator_a, operator_b, kota_a, kota_b):
    kel_b = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_b).first()
    r = klien_untuk(None).post(
        reverse("pengaduan:kirim"), data_pengaduan(kota_a, kelurahan=kel_b.pk)
    )
    assert r.status_code == 200 and not Pengaduan.objects.exists()
    assert "Kelurahan/desa: pilih kelurahan di kabupaten/kota yang dipilih." in r.content.decode()


def test_without_pin_an_address_is_required(operator_a, kota_a):
    r = klien_untuk(None).post(
        reverse("pengaduan:kirim"), data_pengaduan(kota_a, lintang="", bujur="", alamat="")
    )
    assert not Pengaduan.objects.exists()
    assert "Alamat/patokan: isi alamat atau tandai titik pada peta." in r.content.decode()


def test_honeypot_rejects(operator_a, kota_a):
    r = klien_untuk(None).post(
        reverse("pengaduan:kirim"), data_pengaduan(kota_a, situs_web="http://spam.example")
    )
    assert r.status_code == 400 and not Pengaduan.objects.exists()


def test_rate_limit_gives_429_after_limit(operator_a, kota_a, settings):
    settings.KUMUH_PENGADUAN_BATAS = {"kirim": 3, "cek": 60, "detik": 3600}
    klien = klien_untuk(None)
    for _ in range(3):
        assert klien.post(reverse("pengaduan:kirim"), data_pengaduan(kota_a)).status_code == 302
    r = klien.post(reverse("pengaduan:kirim"), data_pengaduan(kota_a))
    assert r.status_code == 429
    assert "Terlalu banyak pengaduan" in r.content.decode()
    assert Pengaduan.objects.count() == 3
    # Another address is not affected.
    r = klien.post(reverse("pengaduan:kirim"), data_pengaduan(kota_a), REMOTE_ADDR="10.0.0.9")
    assert r.status_code == 302


def test_unknown_code_404_and_lookups_are_rate_limited(settings):
    settings.KUMUH_PENGADUAN_BATAS = {"kirim": 5, "cek": 4, "detik": 3600}
    klien = klien_untuk(None)
    # Malformed and well-formed unknown codes answer alike.
    for kode in ("ABCDEFGHJK", "x", "<script>"):
        assert klien.get(reverse("pengaduan:status", args=[kode])).status_code == 404
    klien.get(reverse("pengaduan:status", args=["ZZZZZZZZZZ"]))
    assert klien.get(reverse("pengaduan:status", args=["YYYYYYYYYY"])).status_code == 429


def test_status_page_never_shows_contact_or_notes(operator_a, kota_a):
    klien = klien_untuk(None)
    klien.post(reverse("pengaduan:kirim"), data_pengaduan(kota_a))
    p = Pengaduan.objects.get()
    Pengaduan.objects.filter(pk=p.pk).update(
        catatan_triase="Catatan internal rahasia", status="triase"
    )
    teks = klien.get(reverse("pengaduan:status", args=[p.kode.lower()])).content.decode()
    assert p.kode in teks and "Triase" in teks
    for rahasia in ("0812", "ibu.rahasia", "Catatan internal rahasia", "Operator"):
        assert rahasia not in teks


def test_lookup_form_redirects_to_status(operator_a, kota_a):
    r = klien_untuk(None).get(reverse("pengaduan:cari"), {"kode": " abcd-efgh jk "})
    assert r.status_code == 302 and r["Location"] == reverse(
        "pengaduan:status", args=["ABCDEFGHJK"]
    )
