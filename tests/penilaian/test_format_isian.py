"""Issue 10 items 8 and 17 (survey dates): what the Format Isian asks beyond the scores.

The Format Isian of Perwal Pekalongan 50/2022 (seed 002, Tabel 1, following Permen PUPR
14/PRT/M/2018) asks addresses, the date of filling, KDB/KLB, road and drain types, the
genangan question, RDTR/RTBL answers and "yang ada" checklists. They are recorded, shown and
kept in the history; they do not change the score.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lokasi import riwayat
from penilaian import services
from penilaian.models import IsianKriteria
from tests.conftest import klien_untuk
from tests.penilaian.test_survei import NILAI, data_isi

pytestmark = pytest.mark.django_db

ISIAN_LAPANGAN = {
    "surveyor_alamat": "Jl. Merdeka 1, Kota Alfa",
    "responden_alamat": "RT 001/RW 002 Kampung Nelayan",
    "tanggal_survei": "2025-03-14",
    "tanggal_pengisian": "2025-03-15",
    "kesesuaian_rdtr": "51-75",
    "kesesuaian_rtbl": "25-50",
    "dokumen_rdtr_rtbl": "Perda RDTR Kota Alfa 3/2021",
    "kdb_rata_rata": "72.5",
    "klb_rata_rata": "1.4",
    "genangan": "lebih",
    "yang_ada_1c": ["keselamatan", "kesehatan"],
    "yang_ada_2b": ["kaku", "tanpa_perkerasan"],
    "yang_ada_4c": ["tanah", "beton"],
    "yang_ada_5b": ["kloset_septik"],
    "yang_ada_6a": ["tempat_sampah", "tps"],
    "yang_ada_7a": ["pasokan_air", "jalan"],
    # typed out of the form's order: stored in the Format Isian's order
    "yang_ada_7b": ["mobil_tangga", "apar"],
    "catatan_4b": "Genangan tiap musim hujan di RT 001, dekat muara.",
}


@pytest.fixture
def draf(operator_a, lokasi_a):
    return services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)


def simpan(pengguna, penilaian, **ubah):
    return klien_untuk(pengguna).post(
        reverse("penilaian:isi", args=[penilaian.pk]), data_isi(penilaian, **ubah)
    )


# --- item 8 ----------------------------------------------------------------------------------


def test_item8_form_asks_what_the_format_isian_asks(operator_a, draf):
    teks = klien_untuk(operator_a).get(reverse("penilaian:isi", args=[draf.pk])).text
    for kata in [
        "Alamat surveyor",
        "Alamat responden",
        "Tanggal pengisian",
        "Nilai KDB rata-rata",
        "Nilai KLB rata-rata",
        "arahan RDTR",
        "arahan RTBL",
        "jalan perkerasan kombinasi",
        "Saluran pasang batu",
        "tinggi 30 cm, selama 2 jam dan terjadi 2 x setahun",
        "kenyamanan bangunan gedung",
        "Kloset yang terhubung dengan tangki septik",
        "Tempat pengolahan sampah terpadu (TPST) pada skala lingkungan",
        "Pasokan air untuk pemadam kebakaran",
        "Alat Pemadam Api Ringan (APAR)",
        "Mobil tangga",
        'name="catatan_7b"',
    ]:
        assert kata in teks, kata
    # The checklists are plain checkboxes: the form submits without JavaScript.
    assert 'type="checkbox" name="yang_ada_7b" value="apar"' in teks


def test_item8_legalitas_says_part_of_the_lokasi_makes_it_minus(operator_a, draf):
    teks = klien_untuk(operator_a).get(reverse("penilaian:isi", args=[draf.pk])).text
    assert "sebagian atau keseluruhan lokasi tidak memiliki kejelasan status penguasaan" in teks
    assert "sebagian atau keseluruhan lokasi berada bukan pada zona peruntukan" in teks


def test_item8_format_isian_answers_are_saved_and_do_not_change_the_score(operator_a, draf):
    r = simpan(operator_a, draf, **ISIAN_LAPANGAN)
    assert r.status_code == 302, r.context and (
        r.context["form"].errors,
        r.context["isian_form"].errors,
    )
    draf.refresh_from_db()
    assert draf.nilai_kekumuhan == NILAI  # the same score as without these answers
    assert draf.surveyor_alamat == "Jl. Merdeka 1, Kota Alfa"
    assert draf.responden_alamat.startswith("RT 001")
    assert draf.tanggal_pengisian == date(2025, 3, 15)
    assert (draf.kesesuaian_rdtr, draf.kesesuaian_rtbl) == ("51-75", "25-50")
    assert str(draf.kdb_rata_rata) == "72.50" and str(draf.klb_rata_rata) == "1.40"
    assert draf.genangan == "lebih"
    isian = {i.kode: i for i in draf.isian.all()}
    assert isian["7b"].yang_ada == ["apar", "mobil_tangga"]
    assert isian["2b"].yang_ada == ["kaku", "tanpa_perkerasan"]
    assert isian["4c"].yang_ada == ["tanah", "beton"]
    assert isian["1c"].yang_ada == ["keselamatan", "kesehatan"]
    assert isian["4b"].catatan.startswith("Genangan tiap musim hujan")
    assert isian["1a"].yang_ada == [] and isian["1a"].catatan == ""


def test_item8_a_checklist_refuses_an_option_of_another_criterion(operator_a, draf):
    r = simpan(operator_a, draf, yang_ada_7b=["apar", "tps"])
    assert r.status_code == 200
    galat = r.context["isian_form"].errors["yang_ada_7b"]
    assert galat == [
        "7b Sarana proteksi kebakaran lingkungan yang ada: “tps” bukan pilihan Format Isian "
        "untuk kriteria ini."
    ]
    assert "Sarana proteksi kebakaran lingkungan yang ada" in r.text  # the summary names it
    draf.refresh_from_db()
    assert draf.versi == 1 and draf.isian.get(kode="7b").yang_ada == []


def test_item8_model_validates_checklist_keys_against_the_criterion(draf):
    isian = draf.isian.get(kode="7a")
    isian.yang_ada = ["apar"]  # a 7b option
    with pytest.raises(ValidationError) as e:
        isian.full_clean()
    assert "apar" in str(e.value) and "7a" in str(e.value)
    isian.yang_ada = ["pasokan_air", "pasokan_air"]
    with pytest.raises(ValidationError):
        isian.full_clean()
    isian.yang_ada = "pasokan_air"  # not a list
    with pytest.raises(ValidationError):
        isian.full_clean()
    isian.yang_ada = ["pasokan_air", "data"]
    isian.full_clean()
    # A criterion the Format Isian gives no checklist has none.
    isian = draf.isian.get(kode="3a")
    isian.yang_ada = ["pasokan_air"]
    with pytest.raises(ValidationError):
        isian.full_clean()


def test_item8_detail_page_shows_the_answers(operator_a, draf):
    simpan(operator_a, draf, **ISIAN_LAPANGAN)
    teks = klien_untuk(operator_a).get(draf.get_absolute_url()).text
    # In its own section, not only in the change history further down.
    teks = teks.split('id="format-isian"', 1)[1].split("</section>", 1)[0]
    for kata in [
        "Jl. Merdeka 1, Kota Alfa",
        "RT 001/RW 002 Kampung Nelayan",
        "15 Maret 2025",
        "72,50",
        "1,40",
        "51–75 %",
        "Perda RDTR Kota Alfa 3/2021",
        "lebih dari (tinggi 30 cm, selama 2 jam dan terjadi 2 x setahun)",
        "Alat Pemadam Api Ringan (APAR)",
        "Mobil tangga",
        "jalan perkerasan kaku",
        "Saluran beton",
        "Genangan tiap musim hujan di RT 001, dekat muara.",
    ]:
        assert kata in teks, kata


def test_item8_history_keeps_the_answers(operator_a, draf):
    simpan(operator_a, draf, **ISIAN_LAPANGAN)
    draf.refresh_from_db()
    ubah = riwayat.untuk(draf).first().perubahan
    assert ubah["alamat surveyor"] == ["", "Jl. Merdeka 1, Kota Alfa"]
    assert ubah["tanggal pengisian"] == ["", "15 Maret 2025"]
    assert ubah["nilai KDB rata-rata (%)"] == ["", "72,5"]
    assert ubah["7b sarana proteksi kebakaran lingkungan yang ada"] == [
        "",
        "Alat Pemadam Api Ringan (APAR), Mobil tangga",
    ]
    assert ubah["catatan 4b"][1].startswith("Genangan tiap musim hujan")
    # Unticking is a change too.
    simpan(operator_a, draf, **{**ISIAN_LAPANGAN, "yang_ada_7b": ["apar"], "catatan_4b": ""})
    ubah = riwayat.untuk(draf).first().perubahan
    assert ubah["7b sarana proteksi kebakaran lingkungan yang ada"] == [
        "Alat Pemadam Api Ringan (APAR), Mobil tangga",
        "Alat Pemadam Api Ringan (APAR)",
    ]
    assert ubah["catatan 4b"][1] == ""
    assert "alamat surveyor" not in ubah


def test_item8_kdb_above_100_percent_is_refused_naming_the_field(operator_a, draf):
    r = simpan(operator_a, draf, kdb_rata_rata="120")
    assert r.status_code == 200 and "kdb_rata_rata" in r.context["form"].errors
    assert "Nilai KDB rata-rata" in r.text


# --- item 17: survey dates -------------------------------------------------------------------


@pytest.mark.parametrize("field", ["tanggal_survei", "tanggal_pengisian"])
def test_item17_a_date_before_2000_is_refused_naming_the_field(operator_a, draf, field):
    r = simpan(operator_a, draf, **{field: "1925-03-14"})
    assert r.status_code == 200
    galat = " ".join(r.context["form"].errors[field])
    label = field.replace("_", " ").capitalize()
    assert label in galat and "1 Januari 2000" in galat
    draf.refresh_from_db()
    assert draf.versi == 1


@pytest.mark.parametrize("field", ["tanggal_survei", "tanggal_pengisian"])
def test_item17_a_date_after_today_is_refused_naming_the_field(operator_a, draf, field):
    besok = timezone.localdate() + timedelta(days=1)
    r = simpan(operator_a, draf, **{field: besok.isoformat()})
    assert r.status_code == 200
    galat = " ".join(r.context["form"].errors[field])
    assert field.replace("_", " ").capitalize() in galat and "hari ini" in galat


def test_item17_the_ends_of_the_range_are_accepted(operator_a, draf):
    r = simpan(
        operator_a,
        draf,
        tanggal_survei="2000-01-01",
        tanggal_pengisian=timezone.localdate().isoformat(),
    )
    assert r.status_code == 302
    draf.refresh_from_db()
    assert draf.tanggal_survei == date(2000, 1, 1)
    assert draf.tanggal_pengisian == timezone.localdate()


def test_item17_the_model_refuses_the_dates_too(draf):
    draf.tanggal_survei = date(1999, 12, 31)
    with pytest.raises(ValidationError) as e:
        draf.full_clean()
    assert "tanggal_survei" in e.value.message_dict


def test_item8_isian_rows_inserted_without_the_new_columns_get_empty_values(draf):
    """The import inserts IsianKriteria naming only its old columns (kumuh.massal.sisip)."""
    from kumuh import massal

    IsianKriteria.objects.filter(penilaian=draf, kode="1a").delete()
    massal.sisip(
        IsianKriteria, ["penilaian_id", "kode", "pita", "foto", "keterangan"],
        [(draf.pk, "1a", "", "", "")],
    )  # fmt: skip
    isian = IsianKriteria.objects.get(penilaian=draf, kode="1a")
    assert isian.yang_ada == [] and isian.catatan == ""


def test_item8_the_service_refuses_a_checklist_key_of_another_criterion(operator_a, draf):
    """Writers other than the form (a script, a later API) go through the same check."""
    with pytest.raises(ValidationError):
        services.penilaian_simpan(
            penilaian=draf,
            pengguna=operator_a,
            versi_awal=draf.versi,
            isian=services.Isian(data={}, pita={}, numerik={}, lain={"7a": {"yang_ada": ["apar"]}}),
        )
    assert draf.isian.get(kode="7a").yang_ada == []
    draf.refresh_from_db()
    assert draf.versi == 1
