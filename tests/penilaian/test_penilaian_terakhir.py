"""The priority list's narrow table (PenilaianTerakhir) follows every write it copies.

The page counts and pages this table (issue 14 item 2), so a write that leaves it behind
would show the Pokja a wrong list: each kind of write is followed by `ringkasan.selisih()`,
which recomputes every row from the surveys and must find nothing different.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from lokasi.models import Kecamatan
from lokasi.services import lokasi_simpan
from penilaian import ringkasan
from penilaian.models import Penilaian, PenilaianTerakhir
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db

PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")


def _baris(lokasi) -> PenilaianTerakhir | None:
    return PenilaianTerakhir.objects.filter(lokasi=lokasi).first()


def test_an_approved_survey_gets_a_row_a_draft_does_not(kota_a):
    lokasi = buat_lokasi(kota_a, "Tambak")
    draf = buat_penilaian(lokasi, tahun=2025, status="draf")
    assert _baris(lokasi) is None
    draf.status = "disetujui_pokja"
    draf.save()
    baris = _baris(lokasi)
    assert (baris.penilaian_id, baris.prioritas, baris.nama) == (draf.pk, 5, "Tambak")
    assert baris.kabupaten_kota_id == kota_a.pk and baris.berprioritas
    assert ringkasan.selisih() == []


def test_a_returned_survey_gives_way_to_the_previous_approved_one(kota_a):
    lokasi = buat_lokasi(kota_a)
    lama = buat_penilaian(lokasi, tahun=2023, status="terverifikasi_pusat")
    baru = buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja", pita=PITA_BERAT)
    assert _baris(lokasi).penilaian_id == baru.pk
    baru.status = "draf"
    baru.save()
    assert _baris(lokasi).penilaian_id == lama.pk
    lama.status = "draf"
    lama.save()
    assert _baris(lokasi) is None
    assert ringkasan.selisih() == []


def test_deleting_the_latest_survey_brings_back_the_one_before(kota_a):
    lokasi = buat_lokasi(kota_a)
    lama = buat_penilaian(lokasi, tahun=2023, status="disetujui_pokja")
    baru = buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    baru.delete()
    assert _baris(lokasi).penilaian_id == lama.pk
    assert ringkasan.selisih() == []


def test_editing_the_lokasi_updates_its_name_area_population_and_point(kota_a, operator_a):
    lokasi = buat_lokasi(kota_a, "Lama")
    buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    lokasi.nama = "Baru"
    lokasi.luas_verifikasi_ha = Decimal("9.876543")
    lokasi.penduduk_laki_laki = 10
    lokasi.lintang = Decimal("-6.5")
    # Through the service: a compare-and-set update, then save and the kelurahan set.
    lokasi_simpan(
        lokasi=lokasi,
        pengguna=operator_a,
        versi_awal=lokasi.versi,
        kelurahan=list(lokasi.kelurahan.all()),
        tipologi=[],
    )
    baris = _baris(lokasi)
    assert (baris.nama, baris.luas_ha, baris.lintang) == (
        "Baru",
        Decimal("9.876543"),
        Decimal("-6.5"),
    )
    assert baris.jumlah_penduduk == 10 + lokasi.penduduk_perempuan
    assert ringkasan.selisih() == []


def test_the_first_kecamatan_follows_the_kelurahan_and_the_codes(kota_a):
    barat, timur = (k.kelurahan.order_by("kode").first() for k in kota_a.kecamatan.order_by("kode"))
    lokasi = buat_lokasi(kota_a, kelurahan=[timur])
    buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    assert _baris(lokasi).kecamatan_utama_id == timur.kecamatan_id
    lokasi.kelurahan.add(barat)
    assert _baris(lokasi).kecamatan_utama_id == barat.kecamatan_id
    # A kecamatan renumbered after the other: the first by code changes.
    kec = Kecamatan.objects.get(pk=barat.kecamatan_id)
    kec.kode = "99.99.99"
    kec.save()
    assert _baris(lokasi).kecamatan_utama_id == timur.kecamatan_id
    lokasi.kelurahan.remove(timur)
    assert _baris(lokasi).kecamatan_utama_id == barat.kecamatan_id
    assert ringkasan.selisih() == []


def test_tunda_refreshes_once_at_the_end(kota_a, django_assert_max_num_queries):
    lokasi = [buat_lokasi(kota_a, f"L{i}") for i in range(5)]
    penilaian = [buat_penilaian(x, tahun=2025, status="draf") for x in lokasi]
    with ringkasan.tunda():
        for p in penilaian:
            p.status = "disetujui_pokja"
            p.save()
        assert PenilaianTerakhir.objects.count() == 0  # not yet
    assert PenilaianTerakhir.objects.count() == 5
    assert ringkasan.selisih() == []


def test_a_bulk_writer_that_bypasses_signals_is_caught_by_the_check(kota_a):
    lokasi = buat_lokasi(kota_a)
    p = buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    Penilaian.objects.filter(pk=p.pk).update(prioritas=1, klasifikasi="A1")
    assert ringkasan.selisih() == [lokasi.pk]
    call_command("segarkan_daftar_prioritas")
    assert ringkasan.selisih() == []
    assert _baris(lokasi).prioritas == 1


def test_the_page_reads_the_narrow_table_and_a_year_reads_the_surveys(kota_a, operator_a):
    lokasi = buat_lokasi(kota_a, "Terdaftar")
    p = buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    klien = klien_untuk(operator_a)
    assert "Terdaftar" in klien.get(reverse("penilaian:prioritas")).content.decode()
    # A stale row (a writer that forgot to refresh) decides what the page lists...
    PenilaianTerakhir.objects.filter(lokasi=lokasi).update(berprioritas=False)
    assert "Terdaftar" not in klien.get(reverse("penilaian:prioritas")).content.decode()
    # ...but the list as of a year is chosen from the surveys themselves.
    r = klien.get(reverse("penilaian:prioritas"), {"tahun": p.tahun})
    assert "Terdaftar" in r.content.decode()


def test_another_citys_rows_are_not_in_a_city_users_scope(kota_a, kota_b, operator_a):
    buat_penilaian(buat_lokasi(kota_a), tahun=2025, status="disetujui_pokja")
    buat_penilaian(buat_lokasi(kota_b), tahun=2025, status="disetujui_pokja")
    assert {b.kabupaten_kota_id for b in PenilaianTerakhir.objects.untuk(operator_a)} == {kota_a.pk}


def test_the_year_options_are_kept_per_scope(kota_a, kota_b, operator_a, operator_b):
    buat_penilaian(buat_lokasi(kota_a), tahun=2024, status="disetujui_pokja")
    buat_penilaian(buat_lokasi(kota_b), tahun=2019, status="disetujui_pokja")

    def pilihan(pengguna):
        r = klien_untuk(pengguna).get(reverse("penilaian:prioritas"))
        return [v for v, _ in r.context["filter_form"].fields["tahun"].widget.choices if v]

    assert pilihan(operator_a) == ["2024"]
    assert pilihan(operator_b) == ["2019"]  # not city A's cached options
    assert pilihan(operator_a) == ["2024"]
