"""Creating, editing, filtering and uploading through the browser's forms."""

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lokasi import riwayat
from lokasi.models import Kelurahan, Lokasi
from lokasi.riwayat import KonflikPerubahan
from lokasi.services import lokasi_simpan
from tests.conftest import buat_lokasi, klien_untuk

pytestmark = pytest.mark.django_db


def png_kecil(warna=(200, 80, 30)) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (8, 8), warna).save(keluaran, "PNG")
    return keluaran.getvalue()


def data_lokasi(kota, **ubah):
    kel = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota).order_by("kode").first()
    data = {
        "nama": "Kampung Pesisir Baru",
        "kode": "KP-01",
        "kelurahan": [kel.pk],
        "rt_rw": "RT 001, 002 / RW 003",
        "luas_sk_ha": "6.25",
        "luas_verifikasi_ha": "",
        "lintang": "-6.874321",
        "bujur": "109.681234",
        "tipologi": ["di_tepi_air", "dataran_rendah"],
        "jumlah_bangunan": "410",
        "penduduk_laki_laki": "800",
        "penduduk_perempuan": "812",
        "jumlah_kk": "450",
        "panjang_jalan_ideal_m": "1200",
        "panjang_drainase_ideal_m": "2400",
        "permasalahan": "Rob",
        "potensi": "Batik",
        "batas_teks": "",
        "versi": "",
    }
    data.update(ubah)
    return data


def test_operator_adds_a_location_with_a_photo(operator_a, kota_a):
    data = data_lokasi(kota_a, foto=SimpleUploadedFile("foto.png", png_kecil(), "image/png"))
    r = klien_untuk(operator_a).post(reverse("lokasi:tambah"), data)
    assert r.status_code == 302
    lokasi = Lokasi.objects.get(kode="KP-01")
    assert lokasi.kabupaten_kota == kota_a
    assert lokasi.dibuat_oleh == lokasi.diubah_oleh == operator_a
    assert sorted(lokasi.tipologi_set.values_list("kode", flat=True)) == [
        "dataran_rendah",
        "di_tepi_air",
    ]
    assert lokasi.foto.count() == 1
    assert lokasi.jumlah_penduduk == 1612
    assert lokasi.kepadatan_penduduk == Decimal("257.92")
    halaman = klien_untuk(operator_a).get(r["Location"]).text
    assert "Kampung Pesisir Baru" in halaman
    assert "6,25 ha" in halaman  # decimal comma
    assert "1.612" in halaman  # dot thousands
    assert "6° 52&#x27; 27,56&quot; LS" in halaman or "6° 52' 27,56\" LS" in halaman


@pytest.mark.parametrize(
    ("ubah", "field", "potongan_pesan"),
    [
        ({"nama": ""}, "nama", "wajib diisi"),
        ({"kelurahan": []}, "kelurahan", "kelurahan"),
        ({"lintang": "12.5"}, "lintang", "di luar wilayah Indonesia"),
        ({"bujur": "150"}, "bujur", "di luar wilayah Indonesia"),
        ({"bujur": ""}, "bujur", "bersama-sama"),
        ({"luas_sk_ha": "-1"}, "luas_sk_ha", "0"),
        ({"luas_sk_ha": ""}, "luas_sk_ha", "luas SK atau luas verifikasi"),
        ({"jumlah_kk": "-3"}, "jumlah_kk", "0"),
        ({"batas_teks": "{bukan json"}, "batas_teks", "bukan GeoJSON"),
        (
            {"batas_teks": json.dumps({"type": "Point", "coordinates": [109.6, -6.8]})},
            "batas_teks",
            "Polygon atau MultiPolygon",
        ),
        (
            {"foto": SimpleUploadedFile("x.png", b"bukan gambar", "image/png")},
            "foto",
            "gambar",
        ),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    operator_a, kota_a, ubah, field, potongan_pesan
):
    r = klien_untuk(operator_a).post(reverse("lokasi:tambah"), data_lokasi(kota_a, **ubah))
    assert r.status_code == 200
    galat = r.context["form"].errors
    assert field in galat, galat
    assert potongan_pesan.lower() in " ".join(galat[field]).lower()
    assert not Lokasi.objects.exists()
    # nothing typed is lost: the other values are still in the form
    assert "Kampung Pesisir Baru" in r.text or field == "nama"
    assert "Data belum disimpan" in r.text


def test_kelurahan_of_another_city_is_refused(operator_a, kota_a, kota_b):
    kel_b = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_b).first()
    r = klien_untuk(operator_a).post(
        reverse("lokasi:tambah"), data_lokasi(kota_a, kelurahan=[kel_b.pk])
    )
    assert "kelurahan" in r.context["form"].errors
    assert not Lokasi.objects.exists()


def test_duplicate_code_in_the_same_city_is_refused(operator_a, kota_a):
    buat_lokasi(kota_a, kode="KP-01")
    r = klien_untuk(operator_a).post(reverse("lokasi:tambah"), data_lokasi(kota_a))
    assert "sudah dipakai" in " ".join(r.context["form"].errors["kode"])


def test_boundary_geojson_is_validated_and_stored(operator_a, kota_a):
    poligon = {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[109.68, -6.87], [109.69, -6.87], [109.69, -6.88], [109.68, -6.87]]],
        },
    }
    berkas = SimpleUploadedFile("batas.geojson", json.dumps(poligon).encode(), "application/json")
    r = klien_untuk(operator_a).post(
        reverse("lokasi:tambah"), data_lokasi(kota_a, batas_berkas=berkas)
    )
    assert r.status_code == 302
    lokasi = Lokasi.objects.get()
    assert lokasi.batas["type"] == "Polygon"
    assert lokasi.sebagai_geojson()["geometry"]["type"] == "Polygon"


def test_edit_keeps_history_fields_and_bumps_version(operator_a, lokasi_a):
    klien = klien_untuk(operator_a)
    url = reverse("lokasi:ubah", args=[lokasi_a.pk])
    form = klien.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "batas"}
    data.update(
        nama="Nama Baru",
        kelurahan=[k.pk for k in form.initial["kelurahan"]],
        versi=lokasi_a.versi,
        batas_teks="",
    )
    r = klien.post(url, data)
    assert r.status_code == 302, r.context["form"].errors
    lokasi_a.refresh_from_db()
    assert lokasi_a.nama == "Nama Baru"
    assert lokasi_a.versi == 2
    (catatan,) = riwayat.untuk(lokasi_a)
    assert catatan.pengguna == operator_a
    assert catatan.perubahan == {"nama lokasi": ["Kampung Nelayan Alfa", "Nama Baru"]}
    halaman = klien.get(lokasi_a.get_absolute_url()).text
    assert "Riwayat perubahan" in halaman and "Kampung Nelayan Alfa" in halaman
    # saving again without changes records nothing new
    data.update(nama="Nama Baru", versi=lokasi_a.versi)
    klien.post(url, data)
    assert riwayat.untuk(lokasi_a).count() == 1


def test_concurrent_edit_is_refused_with_who_changed_it(operator_a, admin_a, lokasi_a):
    klien = klien_untuk(operator_a)
    url = reverse("lokasi:ubah", args=[lokasi_a.pk])
    versi_dibuka = lokasi_a.versi
    # admin_a saves first
    lokasi_simpan(
        lokasi=Lokasi.objects.get(pk=lokasi_a.pk),
        pengguna=admin_a,
        versi_awal=versi_dibuka,
        kelurahan=lokasi_a.kelurahan.all(),
        tipologi=[],
    )
    data = data_lokasi(lokasi_a.kabupaten_kota, nama="Versi Operator", versi=versi_dibuka, kode="")
    r = klien.post(url, data)
    assert r.status_code == 409
    pesan = " ".join(r.context["form"].non_field_errors())
    assert "Admin A" in pesan and "sudah diubah" in pesan
    lokasi_a.refresh_from_db()
    assert lokasi_a.nama == "Kampung Nelayan Alfa"
    assert "Versi Operator" in r.text  # what the operator typed is still on the page


def test_service_refuses_stale_version(operator_a, lokasi_a):
    with pytest.raises(KonflikPerubahan):
        lokasi_simpan(
            lokasi=lokasi_a, pengguna=operator_a, versi_awal=99, kelurahan=[], tipologi=[]
        )


def test_list_filters(operator_a, kota_a):
    kec1, kec2 = kota_a.kecamatan.order_by("kode")
    a = buat_lokasi(kota_a, "Alfa Satu", kelurahan=[kec1.kelurahan.first()])
    b = buat_lokasi(kota_a, "Alfa Dua", kelurahan=[kec2.kelurahan.last()])
    b.tipologi_set.create(kode="perbukitan")
    klien = klien_untuk(operator_a)
    url = reverse("lokasi:daftar")

    def nama(params):
        r = klien.get(url, params)
        return {lk.nama for lk in r.context["halaman"].object_list}

    assert nama({}) == {"Alfa Satu", "Alfa Dua"}
    assert nama({"kecamatan": kec1.pk}) == {"Alfa Satu"}
    assert nama({"kelurahan": kec2.kelurahan.last().pk}) == {"Alfa Dua"}
    assert nama({"tipologi": "perbukitan"}) == {"Alfa Dua"}
    assert nama({"q": "satu"}) == {"Alfa Satu"}
    assert a.pk


def test_list_htmx_returns_only_the_results_partial(operator_a, lokasi_a):
    r = klien_untuk(operator_a).get(
        reverse("lokasi:daftar"),
        {"q": "a"},
        headers={"HX-Request": "true", "HX-Target": "hasil-lokasi"},
    )
    assert "<html" not in r.text
    assert lokasi_a.nama in r.text
    # The swapped partial carries the map's URL with the new filters, not the map's data.
    assert f'data-url="{reverse("lokasi:peta")}?q=a"' in r.text
    assert "FeatureCollection" not in r.text


def test_list_paginates_and_maps_every_filtered_location(operator_a, kota_a):
    for i in range(30):
        buat_lokasi(kota_a, f"Lokasi {i:02d}")
    klien = klien_untuk(operator_a)
    r = klien.get(reverse("lokasi:daftar"), {"halaman": 2})
    assert len(r.context["halaman"].object_list) == 5
    assert "Halaman 2 dari 2" in r.text
    # Every page of the list points the map at the same data: the whole filtered set.
    assert f'data-url="{reverse("lokasi:peta")}"' in r.text
    peta = klien.get(reverse("lokasi:peta")).json()
    assert peta["type"] == "FeatureCollection"
    assert len(peta["features"]) == 30
    saring = klien.get(reverse("lokasi:peta"), {"q": "Lokasi 0", "halaman": 2}).json()
    assert {f["properties"]["nama"] for f in saring["features"]} == {
        f"Lokasi {i:02d}" for i in range(10)
    }


def test_list_map_data_is_scoped_to_the_users_city(operator_a, lokasi_a, operator_b, lokasi_b):
    def nama(pengguna):
        r = klien_untuk(pengguna).get(reverse("lokasi:peta"))
        assert r.status_code == 200
        return {f["properties"]["nama"] for f in r.json()["features"]}

    assert nama(operator_a) == {lokasi_a.nama}
    assert nama(operator_b) == {lokasi_b.nama}


def test_list_page_does_not_carry_the_map_data(operator_a, kota_a):
    # The boundaries of up to PETA_MAKS lokasi (megabytes in a big city) were embedded in
    # every page of the list and every filter swap; the map now loads them once (peta.js).
    lokasi = buat_lokasi(kota_a, "Berbatas")
    lokasi.batas = {
        "type": "Polygon",
        "coordinates": [[[111.1, -6.8], [111.2, -6.8], [111.2, -6.9], [111.1, -6.8]]],
    }
    lokasi.save()
    r = klien_untuk(operator_a).get(reverse("lokasi:daftar"))
    assert "Berbatas" in r.text
    assert "Polygon" not in r.text and "111.1" not in r.text
    fitur = klien_untuk(operator_a).get(reverse("lokasi:peta")).json()["features"]
    assert [f["geometry"]["type"] for f in fitur] == ["Polygon"]


def test_photo_and_document_uploads_are_checked(operator_a, lokasi_a):
    klien = klien_untuk(operator_a)
    url_foto = reverse("lokasi:foto_unggah", args=[lokasi_a.pk])
    r = klien.post(url_foto, {"berkas": SimpleUploadedFile("x.gif", b"GIF89a...", "image/gif")})
    assert lokasi_a.foto.count() == 0
    assert "Foto" in klien.get(r["Location"]).text
    klien.post(url_foto, {"berkas": SimpleUploadedFile("ok.png", png_kecil(), "image/png")})
    assert lokasi_a.foto.count() == 1

    url_dok = reverse("lokasi:dokumen_unggah", args=[lokasi_a.pk])
    palsu = SimpleUploadedFile("sk.pdf", b"MZ bukan pdf", "application/pdf")
    klien.post(url_dok, {"jenis": "sk", "judul": "SK", "berkas": palsu})
    assert lokasi_a.dokumen.count() == 0
    exe = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    klien.post(url_dok, {"jenis": "sk", "judul": "SK", "berkas": exe})
    assert lokasi_a.dokumen.count() == 0
    pdf = SimpleUploadedFile("sk.pdf", b"%PDF-1.4 isi", "application/pdf")
    klien.post(url_dok, {"jenis": "sk", "judul": "SK Kumuh 2024", "berkas": pdf})
    dokumen = lokasi_a.dokumen.get()
    r = klien.get(reverse("lokasi:dokumen_berkas", args=[lokasi_a.pk, dokumen.pk]))
    assert r.status_code == 200
    assert b"".join(r.streaming_content).startswith(b"%PDF-")


def test_photo_over_the_size_limit_is_refused(operator_a, lokasi_a, settings):
    settings.FOTO_MAKS_BYTE = 100
    klien = klien_untuk(operator_a)
    r = klien.post(
        reverse("lokasi:foto_unggah", args=[lokasi_a.pk]),
        {"berkas": SimpleUploadedFile("besar.png", png_kecil() + b"\0" * 200, "image/png")},
        follow=True,
    )
    assert lokasi_a.foto.count() == 0
    assert "melebihi batas" in r.text


def test_home_page_counts_with_words(operator_a, lokasi_a):
    r = klien_untuk(operator_a).get(reverse("beranda"))
    assert "1 (satu) lokasi" in r.text
    assert "Kota Alfa" in r.text
