"""Who may see and change what: every lokasi view against every role fixture."""

import pytest
from django.urls import reverse

from lokasi.akses import boleh_kelola_lokasi
from lokasi.models import Lokasi
from tests.conftest import buat_lokasi, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db

# (role fixture, may read lokasi of city A, may change lokasi of city A)
PERAN = [
    ("operator_a", True, True),
    ("admin_a", True, True),
    ("pokja_a", True, False),
    ("verifikator_p", True, False),
    ("verifikator_pusat", True, False),
    ("operator_b", False, False),
]


def _url_baca(lokasi):
    foto = lokasi.foto.first()
    urls = [
        reverse("lokasi:detail", args=[lokasi.pk]),
        reverse("lokasi:ubah", args=[lokasi.pk]),
    ]
    if foto:
        urls.append(reverse("lokasi:foto_berkas", args=[lokasi.pk, foto.pk]))
    return urls


@pytest.mark.parametrize(("peran", "boleh_baca", "boleh_ubah"), PERAN)
def test_it_scopes_the_detail_page(request, lokasi_a, peran, boleh_baca, boleh_ubah):
    klien = klien_untuk(request.getfixturevalue(peran))
    r = klien.get(reverse("lokasi:detail", args=[lokasi_a.pk]))
    assert r.status_code == (200 if boleh_baca else 404)
    if boleh_baca:
        tautan_ubah = reverse("lokasi:ubah", args=[lokasi_a.pk])
        assert (tautan_ubah in r.text) is boleh_ubah


@pytest.mark.parametrize(("peran", "boleh_baca", "boleh_ubah"), PERAN)
def test_it_scopes_the_edit_form(request, lokasi_a, peran, boleh_baca, boleh_ubah):
    klien = klien_untuk(request.getfixturevalue(peran))
    url = reverse("lokasi:ubah", args=[lokasi_a.pk])
    harapan = 200 if boleh_ubah else (403 if boleh_baca else 404)
    assert klien.get(url).status_code == harapan
    r = klien.post(url, {"nama": "Dibajak", "kelurahan": [], "versi": lokasi_a.versi})
    assert r.status_code == harapan
    lokasi_a.refresh_from_db()
    assert lokasi_a.nama == "Kampung Nelayan Alfa"


@pytest.mark.parametrize(("peran", "boleh_baca", "boleh_ubah"), PERAN)
def test_it_scopes_unit_and_upload_writes(request, lokasi_a, peran, boleh_baca, boleh_ubah):
    unit = buat_unit(lokasi_a)
    klien = klien_untuk(request.getfixturevalue(peran))
    harapan_tolak = 403 if boleh_baca else 404
    urls = [
        reverse("lokasi:unit_tambah", args=[lokasi_a.pk]),
        reverse("lokasi:unit_ubah", args=[lokasi_a.pk, unit.pk]),
        reverse("lokasi:unit_hapus", args=[lokasi_a.pk, unit.pk]),
        reverse("lokasi:foto_unggah", args=[lokasi_a.pk]),
        reverse("lokasi:dokumen_unggah", args=[lokasi_a.pk]),
    ]
    for url in urls:
        r = klien.post(url, {})
        if boleh_ubah:
            assert r.status_code in (200, 302), url
        else:
            assert r.status_code == harapan_tolak, url
    if not boleh_ubah:
        assert lokasi_a.unit_survei.count() == 1


def test_it_lists_only_the_users_own_city(operator_a, operator_b, lokasi_a, lokasi_b):
    r = klien_untuk(operator_a).get(reverse("lokasi:daftar"))
    assert lokasi_a.nama in r.text
    assert lokasi_b.nama not in r.text
    r = klien_untuk(operator_b).get(reverse("lokasi:daftar"))
    assert lokasi_b.nama in r.text
    assert lokasi_a.nama not in r.text


def test_provincial_verifier_sees_the_provinsi_only(verifikator_p, lokasi_a, lokasi_b, kota_c):
    lokasi_c = buat_lokasi(kota_c, "Lokasi Gama")
    r = klien_untuk(verifikator_p).get(reverse("lokasi:daftar"))
    assert lokasi_a.nama in r.text and lokasi_b.nama in r.text
    assert lokasi_c.nama not in r.text
    assert klien_untuk(verifikator_p).get(lokasi_c.get_absolute_url()).status_code == 404


def test_pusat_sees_every_city(verifikator_pusat, lokasi_a, kota_c):
    lokasi_c = buat_lokasi(kota_c, "Lokasi Gama")
    qs = Lokasi.objects.untuk(verifikator_pusat)
    assert set(qs) == {lokasi_a, lokasi_c}


def test_only_managers_may_add(operator_a, pokja_a, verifikator_p):
    url = reverse("lokasi:tambah")
    assert klien_untuk(operator_a).get(url).status_code == 200
    assert klien_untuk(pokja_a).get(url).status_code == 403
    assert klien_untuk(verifikator_p).get(url).status_code == 403


def test_anonymous_is_sent_to_login(lokasi_a):
    klien = klien_untuk(None)
    for url in [
        reverse("beranda"),
        reverse("lokasi:daftar"),
        lokasi_a.get_absolute_url(),
        reverse("lokasi:tambah"),
        reverse("penilaian:daftar"),
    ]:
        r = klien.get(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login")), url
    for url in [
        reverse("lokasi:tambah"),
        reverse("lokasi:ubah", args=[lokasi_a.pk]),
        reverse("lokasi:foto_unggah", args=[lokasi_a.pk]),
        reverse("lokasi:dokumen_unggah", args=[lokasi_a.pk]),
        reverse("lokasi:unit_tambah", args=[lokasi_a.pk]),
    ]:
        r = klien.post(url, {"nama": "Anonim"})
        assert r.status_code == 302 and r["Location"].startswith(reverse("login")), url
    assert Lokasi.objects.get().nama == "Kampung Nelayan Alfa"


def test_inactive_or_unassigned_user_sees_nothing(db, lokasi_a):
    from tests.conftest import buat_pengguna

    tanpa_peran = buat_pengguna("tamu")
    assert not Lokasi.objects.untuk(tanpa_peran).exists()
    assert klien_untuk(tanpa_peran).get(lokasi_a.get_absolute_url()).status_code == 404


def test_kelurahan_options_are_scoped(operator_b, kota_a, kota_b):
    r = klien_untuk(operator_b).get(reverse("lokasi:pilihan_kelurahan"))
    assert "Kel Beta" in r.text
    assert "Kel Alfa" not in r.text


def test_photo_files_are_not_public(operator_a, operator_b, lokasi_a, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.lokasi.test_lokasi_views import png_kecil

    klien = klien_untuk(operator_a)
    klien.post(
        reverse("lokasi:foto_unggah", args=[lokasi_a.pk]),
        {"berkas": SimpleUploadedFile("a.png", png_kecil(), "image/png")},
    )
    foto = lokasi_a.foto.get()
    url = reverse("lokasi:foto_berkas", args=[lokasi_a.pk, foto.pk])
    assert klien.get(url).status_code == 200
    assert klien_untuk(operator_b).get(url).status_code == 404
    assert klien_untuk(None).get(url).status_code == 302


PERAN_SEMUA = [
    "operator_a",
    "admin_a",
    "pokja_a",
    "operator_b",
    "verifikator_p",
    "verifikator_pusat",
]


@pytest.mark.parametrize("peran", PERAN_SEMUA)
def test_the_add_button_shows_exactly_when_adding_is_allowed(request, lokasi_a, peran):
    pengguna = request.getfixturevalue(peran)
    klien = klien_untuk(pengguna)
    boleh = boleh_kelola_lokasi(pengguna)
    assert boleh is (peran in {"operator_a", "admin_a", "operator_b"})
    assert boleh_kelola_lokasi(pengguna, lokasi_a.kabupaten_kota) is (
        peran in {"operator_a", "admin_a"}
    )
    tautan = f'href="{reverse("lokasi:tambah")}"'
    assert (tautan in klien.get(reverse("lokasi:daftar")).text) is boleh
    assert klien.get(reverse("lokasi:tambah")).status_code == (200 if boleh else 403)


def test_the_services_refuse_what_the_pages_hide(pokja_a, operator_b, lokasi_a):
    # Defence in depth: the same predicate guards the writes when a view forgets to.
    from django.core.exceptions import PermissionDenied

    from lokasi import services

    unit = buat_unit(lokasi_a)
    for pengguna in (pokja_a, operator_b):
        with pytest.raises(PermissionDenied):
            services.lokasi_simpan(
                lokasi=lokasi_a, pengguna=pengguna, versi_awal=lokasi_a.versi, kelurahan=[],
                tipologi=[],
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.unit_simpan(unit=unit, pengguna=pengguna)
        with pytest.raises(PermissionDenied):
            services.unit_hapus(unit=unit, pengguna=pengguna)
    assert lokasi_a.unit_survei.count() == 1
