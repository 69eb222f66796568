"""Issue 10 item 15 (photos): every photo upload is checked by bytes, format and pixel count and
stored upright, at most 2000 px on its long side, as JPEG (kumuh/gambar.py)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kumuh.gambar import SISI_PANJANG_MAKS, FotoField
from lokasi.forms import FotoForm as FotoLokasiForm
from lokasi.forms import LokasiForm
from lokasi.models import FotoLokasi
from monev.pemantauan.forms import FotoForm as FotoPemantauanForm
from penilaian.forms import IsianForm
from tests.conftest import buat_penilaian, klien_untuk


def png_bom() -> bytes:
    """A 10,000 × 10,000 (100-megapixel) one-bit PNG: about 12 KB on disk."""
    keluaran = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(keluaran, "PNG", optimize=True)
    return keluaran.getvalue()


def jpeg(lebar: int, tinggi: int, **simpan) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (lebar, tinggi), (30, 120, 200)).save(keluaran, "JPEG", **simpan)
    return keluaran.getvalue()


def unggah(nama: str, isi: bytes, jenis: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, jenis)


def test_the_bomb_is_small_in_bytes():
    assert len(png_bom()) < 20_000


@pytest.fixture
def field() -> FotoField:
    return FotoField(label="Foto lokasi")


def test_a_100_megapixel_png_is_refused_naming_the_field(field):
    with pytest.raises(Exception) as galat:
        field.clean(unggah("bom.png", png_bom()))
    pesan = " ".join(galat.value.messages)
    assert "Foto lokasi" in pesan
    assert "10.000 × 10.000 piksel" in pesan
    assert "megapiksel" in pesan


def test_a_4000_by_3000_jpeg_is_stored_at_2000_px(field):
    hasil = field.clean(unggah("kamera.JPG", jpeg(4000, 3000), "image/jpeg"))
    gambar = Image.open(hasil)
    assert gambar.format == "JPEG"
    assert gambar.size == (SISI_PANJANG_MAKS, 1500)
    assert hasil.name == "kamera.jpg"


def test_exif_orientation_is_applied(field):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    hasil = field.clean(unggah("hp.jpg", jpeg(400, 300, exif=exif), "image/jpeg"))
    assert Image.open(hasil).size == (300, 400)


def test_a_transparent_png_becomes_a_jpeg_on_white(field):
    keluaran = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(keluaran, "PNG")
    gambar = Image.open(field.clean(unggah("logo.png", keluaran.getvalue())))
    assert gambar.format == "JPEG"
    assert gambar.getpixel((5, 5))[0] > 240


@pytest.mark.parametrize(
    ("nama", "isi", "potongan"),
    [
        ("catatan.png", b"bukan gambar sama sekali", "bukan gambar"),
        ("foto.gif", b"GIF89a" + b"\0" * 30, "JPG, PNG atau WebP"),
        ("foto.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "bukan gambar"),
    ],
)
def test_a_non_image_is_refused_naming_the_field(field, nama, isi, potongan):
    with pytest.raises(Exception) as galat:
        field.clean(unggah(nama, isi))
    pesan = " ".join(galat.value.messages)
    assert "Foto lokasi" in pesan
    assert potongan in pesan


def test_the_byte_limit_still_holds(field, settings):
    settings.FOTO_MAKS_BYTE = 100
    with pytest.raises(Exception) as galat:
        field.clean(unggah("kamera.jpg", jpeg(40, 30), "image/jpeg"))
    assert "melebihi batas" in " ".join(galat.value.messages)


@pytest.mark.django_db
def test_every_photo_upload_goes_through_the_one_field(lokasi_a, kota_a):
    penilaian = buat_penilaian(lokasi_a)
    semua = {
        "lokasi FotoForm": FotoLokasiForm().fields["berkas"],
        "LokasiForm.foto": LokasiForm(kabupaten_kota=kota_a).fields["foto"],
        "monev FotoForm": FotoPemantauanForm(use_required_attribute=False).fields["berkas"],
        **{
            nama: f
            for nama, f in IsianForm(penilaian=penilaian).fields.items()
            if nama.startswith("foto_")
        },
    }
    assert len(semua) == 3 + 16
    bukan = [nama for nama, f in semua.items() if not isinstance(f, FotoField)]
    assert not bukan
    assert all("diperkecil" in str(f.help_text) for f in semua.values())


@pytest.mark.django_db
def test_lokasi_photo_page_refuses_the_bomb_and_stores_a_downscaled_jpeg(operator_a, lokasi_a):
    klien = klien_untuk(operator_a)
    url = reverse("lokasi:foto_unggah", args=[lokasi_a.pk])
    r = klien.post(url, {"berkas": unggah("bom.png", png_bom())}, follow=True)
    assert "megapiksel" in r.text
    assert not FotoLokasi.objects.exists()

    klien.post(url, {"berkas": unggah("kamera.jpg", jpeg(4000, 3000), "image/jpeg")})
    foto = FotoLokasi.objects.get()
    with foto.berkas.open() as f:
        assert max(Image.open(f).size) <= SISI_PANJANG_MAKS
    assert foto.berkas.name.endswith(".jpg")


@pytest.mark.django_db
def test_monev_photo_form_refuses_the_bomb_naming_the_field():
    form = FotoPemantauanForm(
        data={"tahap": "0", "lintang": "", "bujur": "", "keterangan": ""},
        files={"berkas": unggah("bom.png", png_bom())},
        use_required_attribute=False,
    )
    assert not form.is_valid()
    assert "megapiksel" in " ".join(form.errors["berkas"])
