"""Bad input as an outsider would type it: each gets a named error, never a 500 or a save."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kolaborasi.models import Kegiatan, PerjanjianKerjaSama, Pertemuan
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku
from tests.kolaborasi.test_kegiatan_views import data_kegiatan


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"biaya": "1e999999999"}, "Biaya"),
        ({"biaya": "-1"}, "Biaya"),
        ({"biaya": "abc"}, "Biaya"),
        ({"tahun": "99999"}, "Tahun pelaksanaan"),
        ({"tahun": "abc"}, "Tahun pelaksanaan"),
        ({"dana_csr": "=1+1"}, "CSR/TJSLP"),
        ({"efek-0-volume": "-1"}, "Efek baris 1, volume"),
        ({"efek-0-volume": "1e999999999"}, "Efek baris 1, volume"),
        ({"efek-0-kriteria": "9z"}, "Efek baris 1, kriteria"),
    ],
)
def test_a_kegiatan_with_bad_values_is_refused_by_name(operator_a, lokasi_a, ubah, pesan):
    data = data_kegiatan(lokasi_a, efek=[{"kriteria": "2a", "volume": "100"}], **ubah)
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.status_code == 200, r.status_code
    assert pesan in r.text
    assert Kegiatan.objects.count() == 0


def test_another_citys_lokasi_cannot_be_slipped_into_a_kegiatan(operator_a, lokasi_a, lokasi_b):
    data = data_kegiatan(lokasi_b, efek=[{"kriteria": "2a", "volume": "100"}])
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.status_code == 200 and "Lokasi" in r.text
    assert Kegiatan.objects.count() == 0


def test_another_citys_records_answer_404_on_every_write(operator_a, kota_b, lokasi_b):
    kegiatan = buat_kegiatan(kota_b, lokasi_b)
    pemangku = buat_pemangku(kota_b)
    klien = klien_untuk(operator_a)
    for url in (
        reverse("kolaborasi:kegiatan_ubah", args=[kegiatan.pk]),
        reverse("kolaborasi:kegiatan_lanjutkan", args=[kegiatan.pk]),
        reverse("kolaborasi:pemangku_ubah", args=[pemangku.pk]),
    ):
        assert klien.post(url, {"versi": 1}).status_code == 404, url
    kegiatan.refresh_from_db()
    assert kegiatan.status == "direncanakan" and kegiatan.versi == 1


def test_a_meeting_with_an_impossible_date_is_refused(operator_a):
    r = klien_untuk(operator_a).post(
        reverse("kolaborasi:pertemuan_tambah"),
        {"jenis": "sosialisasi", "tanggal": "2026-13-32", "tempat": "Balai"},
    )
    assert r.status_code == 200 and "Tanggal" in r.text
    assert Pertemuan.objects.count() == 0


def test_a_pks_with_text_for_its_value_is_refused(operator_a, kota_a):
    mitra = buat_pemangku(kota_a, "PT Mitra", jenis="perusahaan")
    r = klien_untuk(operator_a).post(
        reverse("kolaborasi:pks_tambah"),
        {"nomor": "PKS/1", "pihak_pertama": "Dinas", "pemangku": mitra.pk,
         "ruang_lingkup": "x", "jenis_sumberdaya": "keuangan", "nilai": "abc"},
    )  # fmt: skip
    assert r.status_code == 200 and "Nilai" in r.text
    assert PerjanjianKerjaSama.objects.count() == 0
