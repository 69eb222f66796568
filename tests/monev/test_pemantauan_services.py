"""Monitoring's reads for other steps: the selesai condition on kolaborasi's status step, and
realised volumes per (lokasi, kriteria) for peninjauan ulang."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kolaborasi.kegiatan import services as kegiatan_services
from monev.pemantauan.services import volume_terealisasi
from tests.conftest import buat_lokasi, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.monev.pemantauan_bantu import buat_pemantauan

pytestmark = pytest.mark.django_db


def _lanjutkan(kegiatan, pengguna):
    return kegiatan_services.kegiatan_lanjutkan(
        kegiatan=kegiatan, pengguna=pengguna, dari="berjalan"
    )


def test_selesai_is_refused_naming_what_the_latest_entry_lacks(pokja_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500, "6a": 120}, status="berjalan")
    with pytest.raises(ValidationError, match="belum ada pemantauan"):
        _lanjutkan(k, pokja_a)
    buat_pemantauan(k, progres=100, volume={"2a": 500}, foto=("50",))
    with pytest.raises(ValidationError) as e:
        _lanjutkan(k, pokja_a)
    [pesan] = e.value.messages
    assert (
        "volume terealisasi efek 6a (Kampung Nelayan Alfa)" in pesan and "foto tahap 100 %" in pesan
    )
    assert "progres fisik" not in pesan
    k.refresh_from_db()
    assert k.status == "berjalan"


def test_an_earlier_complete_entry_does_not_count_when_the_latest_is_not(pokja_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, status="berjalan")
    buat_pemantauan(k, tanggal=date(2026, 5, 1), progres=100, volume={"2a": 500}, foto=("100",))
    buat_pemantauan(k, tanggal=date(2026, 6, 1), progres=90, volume={"2a": 500})
    with pytest.raises(ValidationError, match="90 %, belum 100 %"):
        _lanjutkan(k, pokja_a)


def test_selesai_with_realised_volumes_and_a_100_photo(pokja_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, status="berjalan")
    buat_pemantauan(k, progres=100, volume={"2a": 480}, foto=("100",))
    assert _lanjutkan(k, pokja_a).status == "selesai"


def test_the_kegiatan_page_shows_the_refusal(pokja_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, status="berjalan")
    r = klien_untuk(pokja_a).post(
        reverse("kolaborasi:kegiatan_lanjutkan", args=[k.pk]), {"dari": "berjalan"}, follow=True
    )
    assert "Kegiatan belum dapat dinyatakan selesai" in r.text
    k.refresh_from_db()
    assert k.status == "berjalan"


def test_other_steps_are_not_conditioned(pokja_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, status="dianggarkan")
    k = kegiatan_services.kegiatan_lanjutkan(kegiatan=k, pengguna=pokja_a, dari="dianggarkan")
    assert k.status == "berjalan"


# --- realised volumes --------------------------------------------------------------------------


def test_realised_volumes_come_from_each_kegiatan_latest_entry_within_the_period(
    kota_a, lokasi_a, django_assert_num_queries
):
    lain = buat_lokasi(kota_a, "Kampung Lain")
    k1 = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, status="selesai", tahun=2025)
    buat_pemantauan(k1, tanggal=date(2025, 5, 1), progres=50, volume={"2a": 200})
    buat_pemantauan(k1, tanggal=date(2025, 9, 1), progres=100, volume={"2a": 480})
    k2 = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 100, "6a": 40}, status="berjalan", tahun=2026)
    buat_pemantauan(k2, progres=30, volume={"2a": 30, "6a": 10})
    lama = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 300}, status="selesai", tahun=2023)
    buat_pemantauan(lama, progres=100, volume={"2a": 300})
    buat_kegiatan(kota_a, lokasi_a, efek={"2a": 70}, status="berjalan", tahun=2026)  # no entry
    di_lain = buat_kegiatan(kota_a, lain, efek={"2a": 10}, status="selesai", tahun=2025)
    buat_pemantauan(di_lain, progres=100, volume={"2a": 10})
    with django_assert_num_queries(2):
        hasil = volume_terealisasi([lokasi_a.pk], setelah_tahun=2024, sampai_tahun=2026)
    assert set(hasil) == {lokasi_a.pk}
    assert hasil[lokasi_a.pk]["2a"] == [(k1, Decimal(480)), (k2, Decimal(30))]
    assert hasil[lokasi_a.pk]["6a"] == [(k2, Decimal(10))]
    assert volume_terealisasi([lokasi_a.pk], setelah_tahun=2026, sampai_tahun=2030) == {}


# --- a monitored kegiatan stays editable --------------------------------------------------------


def test_a_monitored_kegiatan_is_edited_keeping_its_effect_rows(operator_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500, "6a": 120}, status="berjalan")
    efek_2a = k.efek.get(kriteria="2a")
    buat_pemantauan(k, volume={"2a": 100})
    k.nama = "Rabat beton diperpanjang"
    kegiatan_services.kegiatan_simpan(
        kegiatan=k, pengguna=operator_a, versi_awal=k.versi,
        efek=[kegiatan_services.Efek(kriteria="2a", volume=Decimal(600), lokasi=lokasi_a)],
        pendanaan=[kegiatan_services.Dana(sumber="apbd_kabkota", jumlah=k.biaya)],
    )  # fmt: skip
    [efek] = k.efek.all()
    assert efek.pk == efek_2a.pk and efek.volume == 600 and efek.realisasi.count() == 1


def test_an_effect_with_realised_volume_may_not_be_taken_off(operator_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, status="berjalan")
    buat_pemantauan(k, volume={"2a": 100})
    with pytest.raises(ValidationError, match="Efek 2a di Kampung Nelayan Alfa sudah dipakai"):
        kegiatan_services.kegiatan_simpan(
            kegiatan=k, pengguna=operator_a, versi_awal=k.versi,
            efek=[kegiatan_services.Efek(kriteria="6a", volume=Decimal(90), lokasi=lokasi_a)],
            pendanaan=[kegiatan_services.Dana(sumber="apbd_kabkota", jumlah=k.biaya)],
        )  # fmt: skip
    assert list(k.efek.values_list("kriteria", flat=True)) == ["2a"]
