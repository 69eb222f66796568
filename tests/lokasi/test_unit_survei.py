"""A kawasan made of RT units: its numbers are the sums of its units (penilaian.md §7)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lokasi import riwayat
from lokasi.services import hitung_ulang_dari_unit, ringkas_rt_rw
from tests.conftest import buat_unit, klien_untuk

pytestmark = pytest.mark.django_db


def test_kawasan_numbers_are_sums_of_units(lokasi_a):
    buat_unit(lokasi_a, "001", "002", luas_ha=Decimal("1.2500"), jumlah_kk=90)
    buat_unit(lokasi_a, "002", "002", luas_ha=Decimal("0.7525"), jumlah_kk=35, jumlah_bangunan=40)
    hitung_ulang_dari_unit(lokasi_a)
    lokasi_a.refresh_from_db()
    assert lokasi_a.luas_verifikasi_ha == Decimal("2.0025")
    assert lokasi_a.jumlah_kk == 125
    assert lokasi_a.jumlah_bangunan == 140
    assert lokasi_a.jumlah_penduduk == 620
    assert lokasi_a.panjang_jalan_ideal_m == Decimal("600")
    assert lokasi_a.rt_rw == "RT 001, 002 / RW 002"


def test_adding_a_unit_through_the_form_updates_the_kawasan(operator_a, lokasi_a):
    kel = lokasi_a.kelurahan.first()
    data = {
        "kelurahan": kel.pk,
        "rt": "4",
        "rw": "1",
        "luas_ha": "0.80",
        "jumlah_bangunan": "55",
        "penduduk_laki_laki": "100",
        "penduduk_perempuan": "101",
        "jumlah_kk": "60",
        "panjang_jalan_ideal_m": "210",
        "panjang_drainase_ideal_m": "420",
    }
    klien = klien_untuk(operator_a)
    r = klien.post(reverse("lokasi:unit_tambah", args=[lokasi_a.pk]), data)
    assert r.status_code == 302
    lokasi_a.refresh_from_db()
    assert lokasi_a.rt_rw == "RT 004 / RW 001"
    assert lokasi_a.jumlah_kk == 60
    catatan = riwayat.untuk(lokasi_a).first()
    assert "ditambahkan" in catatan.tindakan
    assert catatan.perubahan["jumlah KK"] == ["390", "60"]
    assert catatan.perubahan["luas verifikasi (ha)"] == ["4,5", "0,8"]
    assert lokasi_a.luas_verifikasi_ha == Decimal("0.80")
    # the same RT again is refused with a message naming it
    r = klien.post(reverse("lokasi:unit_tambah", args=[lokasi_a.pk]), data)
    assert r.status_code == 200
    assert "RT 004 / RW 001" in " ".join(r.context["form"].non_field_errors())


def test_unit_form_reports_bad_numbers(operator_a, lokasi_a):
    r = klien_untuk(operator_a).post(
        reverse("lokasi:unit_tambah", args=[lokasi_a.pk]),
        {"rt": "x", "rw": "", "luas_ha": "-1", "jumlah_kk": "x"},
    )
    galat = r.context["form"].errors
    assert "harus berupa angka" in galat["rt"][0]
    assert "RW wajib diisi" in galat["rw"][0]
    assert "luas_ha" in galat and "jumlah_kk" in galat
    assert not lokasi_a.unit_survei.exists()


def test_deleting_a_unit_recomputes_the_sums(operator_a, lokasi_a):
    u1 = buat_unit(lokasi_a, "001", jumlah_kk=10)
    buat_unit(lokasi_a, "002", jumlah_kk=20)
    hitung_ulang_dari_unit(lokasi_a)
    klien_untuk(operator_a).post(reverse("lokasi:unit_hapus", args=[lokasi_a.pk, u1.pk]))
    lokasi_a.refresh_from_db()
    assert lokasi_a.jumlah_kk == 20
    assert lokasi_a.rt_rw == "RT 002 / RW 002"


def test_kawasan_fields_are_read_only_when_it_has_units(operator_a, lokasi_a):
    buat_unit(lokasi_a, jumlah_kk=90)
    hitung_ulang_dari_unit(lokasi_a)
    form = klien_untuk(operator_a).get(reverse("lokasi:ubah", args=[lokasi_a.pk])).context["form"]
    assert form.fields["jumlah_kk"].disabled
    assert form.fields["luas_verifikasi_ha"].disabled
    assert not form.fields["luas_sk_ha"].disabled


def test_rt_rw_summary_groups_by_rw():
    pasangan = [("003", "002"), ("001", "002"), ("010", "001"), ("001", "002")]
    assert ringkas_rt_rw(pasangan) == "RT 010 / RW 001; RT 001, 003 / RW 002"
