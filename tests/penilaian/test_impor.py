"""Import of surveys from Excel (issue 5): template, checks, all-or-nothing writes, flags of old
results, the report, the command line, the pages, and the priority list's round trip."""

from __future__ import annotations

import ast
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from bench.bench_impor import tulis_berkas
from kumuh.xlsx_baca import Masalah, normal_judul
from lokasi.models import Kelurahan, Lokasi, RiwayatPerubahan, UnitSurvei
from penilaian import rumus, services
from penilaian.impor import kolom as impor_kolom
from penilaian.impor.baca import baca_buku
from penilaian.impor.kolom import KOLOM_TEMPLAT
from penilaian.impor.laporan import buku_laporan
from penilaian.impor.rencana import impor_periksa
from penilaian.impor.simpan import impor_simpan
from penilaian.impor.templat import buku_templat
from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian
from tests.conftest import (
    PITA_SEDANG,
    buat_lokasi,
    buat_penilaian,
    buat_unit,
    klien_untuk,
)

ROOT = Path(__file__).resolve().parents[2]

# One RT's Format Numerik (every part within its whole). Alone it scores 1a 1, 1b 1, 1c 0,
# 2a 0, 2b 1, 3a 0, 3b 0, 4a 3, 4b 0, 4c 1, 5a 1, 5b 1, 6a 3, 6b 3, 7a 5, 7b 5 = 23.
NUMERIK = {
    "luas_verifikasi_ha": 1.25, "jumlah_bangunan": 100, "jumlah_kk": 90,
    "panjang_jalan_ideal_m": 300, "panjang_drainase_ideal_m": 600, "bangunan_tidak_teratur": 40,
    "luas_kepadatan_tinggi_ha": 0.5, "bangunan_tidak_sesuai_teknis": 20,
    "panjang_jalan_eksisting_m": 250, "panjang_jalan_rusak_m": 100,
    "kk_tanpa_akses_air_minum_aman": 20, "kk_kebutuhan_air_minum_tidak_terpenuhi": 10,
    "panjang_drainase_eksisting_m": 300, "luas_genangan_ha": 0.2, "panjang_drainase_rusak_m": 150,
    "kk_air_limbah_tidak_sesuai_standar": 45, "kk_sarpras_air_limbah_tidak_sesuai": 45,
    "kk_sarpras_sampah_tidak_sesuai": 60, "kk_sistem_sampah_tidak_sesuai": 60,
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 80,
    "bangunan_tanpa_sarana_proteksi_kebakaran": 80,
}  # fmt: skip
LEGAL = {"status_penguasaan": "+", "kesesuaian_rtr": "+", "strategis": "tidak",
         "potensi_sosekbud": "tidak"}  # fmt: skip
KEL_1 = "Kel Alfa Barat 1"  # the first kelurahan of Kota Alfa (conftest.buat_kabkota)
KEL_2 = "Kel Alfa Barat 2"


def buku(baris: list[dict], *, lembar: str = "Data", kolom: list[str] | None = None) -> io.BytesIO:
    """A workbook of one sheet: the header (the keys of all rows, or `kolom`) and the rows."""
    kolom = kolom or list(dict.fromkeys(k for b in baris for k in b))
    wb = Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(kolom)
    for b in baris:
        ws.append([b.get(k) for k in kolom])
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    return berkas


def lokasi_baris(nama="Kampung Satu", kode="K-01", **lain) -> dict:
    """A lokasi surveyed as a whole in 2025, from Format Numerik: 23 Kumuh Ringan; 310 jiwa on
    1,25 ha is 248 jiwa/ha (5), not strategic (1), no potential (1): Sedang, Legal → C3/ 6."""
    return {"kode_lokasi": kode, "nama_lokasi": nama, "kelurahan": KEL_1, "tahun": 2025,
            "jumlah_penduduk": 310, **NUMERIK, **LEGAL, **lain}  # fmt: skip


def rt_baris(rt: str, nama="Bantaran Dua", kode="K-02", **lain) -> dict:
    """One RT of a kawasan (its header numbers included, as a new unit needs them)."""
    return {"kode_lokasi": kode, "nama_lokasi": nama, "kelurahan": KEL_1, "rt": rt, "rw": "2",
            "tahun": 2025, "penduduk_laki_laki": 150, "penduduk_perempuan": 160, **NUMERIK,
            **LEGAL, **lain}  # fmt: skip


def huruf(baris: list[dict], kunci: str) -> str:
    """The column letter `buku` gives `kunci`."""
    return get_column_letter(list(dict.fromkeys(k for b in baris for k in b)).index(kunci) + 1)


def jumlah_data() -> tuple[int, ...]:
    return (
        Lokasi.objects.count(),
        UnitSurvei.objects.count(),
        Penilaian.objects.count(),
        IsianKriteria.objects.count(),
        NumerikPenilaian.objects.count(),
        RiwayatPerubahan.objects.count(),
    )


def pesan(laporan) -> list[str]:
    return [str(m) for m in laporan.masalah]


# --- the pure side: no database ------------------------------------------------------------------


def test_the_reading_module_imports_no_django():
    pohon = ast.parse((ROOT / "penilaian/impor/baca.py").read_text(encoding="utf-8"))
    modul = {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    modul |= {n.module or "" for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom)}
    assert not {m for m in modul if m.split(".")[0] == "django"}


def test_template_has_every_numerik_key_and_criterion_and_reads_back():
    wb = buku_templat()
    assert wb.sheetnames == ["Data", "Petunjuk", "Contoh"]
    kepala = [c.value for c in wb["Data"][1]]
    assert kepala == [k.kunci for k in KOLOM_TEMPLAT]
    assert set(rumus.NUMERIK_FIELDS) <= set(kepala)
    assert set(rumus.KODE_KRITERIA) <= set(kepala)
    for kolom in ("kode_lokasi", "nama_lokasi", "kelurahan", "rt", "rw", "tahun",
                  "tanggal_survei", "surveyor", "status_penguasaan", "kesesuaian_rtr",
                  "strategis", "kepadatan_penduduk", "potensi_sosekbud", "nilai_kekumuhan_lama",
                  "tingkat_kekumuhan_lama", "nilai_pertimbangan_lain_lama", "legalitas_lama",
                  "klasifikasi_lama", "prioritas_lama"):  # fmt: skip
        assert kolom in kepala
    # The empty template is "no rows"; its example sheet, named as data, reads cleanly.
    berkas = io.BytesIO()
    wb.save(berkas)
    assert "tidak berisi baris data" in str(baca_buku(io.BytesIO(berkas.getvalue())).masalah[0])
    wb["Contoh"].title = "Data 2025"
    berkas = io.BytesIO()
    wb.save(berkas)
    bacaan = baca_buku(io.BytesIO(berkas.getvalue()))
    assert not bacaan.masalah and not bacaan.peringatan
    assert len(bacaan.baris) == 3
    assert bacaan.baris[0].nilai["1a"] == ("persen", Decimal(80))
    assert bacaan.baris[1].nilai["rt"] == "001"


def test_every_spelling_names_one_column():
    # Built at import time; a spelling claimed by two columns raises there.
    assert impor_kolom.EJAAN["luasverifikasiha"] == "luas_verifikasi_ha"
    assert all(impor_kolom.EJAAN[normal_judul(k.kunci)] == k.kunci for k in impor_kolom.KOLOM)


def test_headers_match_without_case_spaces_or_punctuation_and_kotaku_spellings():
    kepala = ["Kode Lokasi", "NAMA  LOKASI", "Kelurahan/Desa", "Tahun Survei",
              "Luas Verifikasi (Ha)", "Jumlah Bangunan (Unit)", "Jumlah Penduduk (Jiwa)",
              "Jumlah KK (KK)", "Panjang Jalan Lingkungan Ideal (m)", "Ketidakteraturan Bangunan",
              "1.b", "Kejelasan Status Penguasaan Lahan", "Keterangan"]  # fmt: skip
    nilai = ["K-01", "Kampung", KEL_1, 2025, 4.5, 400, 1420, 390, 800, 80, "51 - 75 %", "+", "x"]
    wb = Workbook()
    wb.active.append(kepala)
    wb.active.append(nilai)
    berkas = io.BytesIO()
    wb.save(berkas)
    bacaan = baca_buku(io.BytesIO(berkas.getvalue()))
    b = bacaan.baris[0].nilai
    assert b["kode_lokasi"] == "K-01" and b["nama_lokasi"] == "Kampung"
    assert b["kelurahan"] == (KEL_1,) and b["tahun"] == 2025
    assert b["luas_verifikasi_ha"] == Decimal("4.50") and b["jumlah_kk"] == 390
    assert b["panjang_jalan_ideal_m"] == Decimal(800)
    assert b["1a"] == ("persen", Decimal(80)) and b["1b"] == ("pita", "51-75")
    assert b["status_penguasaan"] is True
    # The unknown column is reported, not silently dropped.
    assert [str(p) for p in bacaan.peringatan] == [
        "lembar Sheet, kolom M (Keterangan): kolom tidak dikenal; tidak dibaca (nama kolom yang "
        "dikenal ada di lembar Petunjuk templat)"
    ]


# The generic kinds (numbers, years, dates) are tested in tests/kumuh/test_xlsx_baca.py.
@pytest.mark.parametrize(
    ("kolom", "isi", "harapan"),
    [
        ("1a", 120, "persen harus antara 0 dan 100 (120)"),
        ("1a", "sedang", "isi persen 0–100 atau pilihan 76-100, 51-75, 25-50, <25"),
        ("status_penguasaan", "mungkin", "isi + atau −, ya atau tidak ('mungkin')"),
        ("rt", "A1", "harus nomor, misalnya 003 ('A1')"),
    ],
)
def test_a_cell_that_cannot_be_read_names_sheet_row_column_and_reason(kolom, isi, harapan):
    bacaan = baca_buku(buku([{"nama_lokasi": "A", "tahun": 2025, "rw": "1", kolom: isi}]))
    masalah = [m for m in bacaan.masalah if m.judul == kolom]
    assert len(masalah) == 1, bacaan.masalah
    assert (masalah[0].lembar, masalah[0].baris) == ("Data", 2)
    assert harapan in masalah[0].pesan


def test_a_survey_date_after_today_is_refused_by_name(kota_a):
    """As the survey form refuses it (issue 10 item 17): a survey records what was seen."""
    laporan = impor_periksa(
        berkas=buku([lokasi_baris(tanggal_survei="15-03-2099", tahun=2099)]), kabupaten_kota=kota_a
    )
    assert len(laporan.masalah) == 1, laporan.masalah
    assert "tanggal survei 15-03-2099 belum lewat" in str(laporan.masalah[0])


def test_cells_are_read_the_indonesian_and_the_excel_way():
    wb = Workbook()
    ws = wb.active
    ws.append(["nama_lokasi", "tahun", "tanggal_survei", "panjang_jalan_ideal_m", "luas_sk_ha",
               "1a", "1b", "status_penguasaan", "strategis", "lintang", "bujur", "rt", "rw",
               "prioritas_lama"])  # fmt: skip
    ws.append(["A", None, "5 Maret 2024", "1.234,5", "4,5", 0.8, "<25", "−", 5,
               "7° 46' 16,71\" LS", "110° 24' 14,19\" BT", "RT 4", 2, "B3/ 5"])  # fmt: skip
    ws["F2"].number_format = "0%"  # 0.8 shown as 80 %
    berkas = io.BytesIO()
    wb.save(berkas)
    bacaan = baca_buku(io.BytesIO(berkas.getvalue()))
    assert not bacaan.masalah, bacaan.masalah
    b = bacaan.baris[0].nilai
    assert b["tanggal_survei"] == date(2024, 3, 5) and b["tahun"] == 2024  # year from the date
    assert b["panjang_jalan_ideal_m"] == Decimal("1234.50")
    assert b["luas_sk_ha"] == Decimal("4.5000")
    assert b["1a"] == ("persen", Decimal(80)) and b["1b"] == ("pita", "<25")
    assert b["status_penguasaan"] is False and b["strategis"] is True  # − and the score 5
    assert b["lintang"] == Decimal("-7.771308") and b["bujur"] == Decimal("110.403942")
    assert (b["rt"], b["rw"]) == ("004", "002")
    assert b["prioritas_lama"] == ("B3", 5)


def test_a_year_chosen_at_upload_fills_rows_without_one():
    baris = [{"nama_lokasi": "A", "kelurahan": KEL_1, "jumlah_kk": 3}]
    bacaan = baca_buku(buku(baris), tahun_bawaan=2023)
    assert bacaan.baris[0].nilai["tahun"] == 2023
    bacaan = baca_buku(buku(baris))
    assert "tahun wajib diisi" in pesan(bacaan)[0]


# --- importing: what is created ----------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_a_valid_file_creates_lokasi_units_and_draft_surveys(kota_a, operator_a):
    berkas = buku(
        [lokasi_baris(surveyor="Budi", tanggal_survei="15-03-2025", luas_sk_ha=4.5),
         rt_baris("1", surveyor="Ani"), rt_baris("2", surveyor="Budi", kelurahan=KEL_2)]
    )  # fmt: skip
    laporan = impor_periksa(berkas=berkas, kabupaten_kota=kota_a)
    assert laporan.sah, pesan(laporan)
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)  # a check writes nothing
    assert laporan.jumlah["lokasi_baru"] == 2 and laporan.jumlah["unit_baru"] == 2
    berkas.seek(0)
    laporan = impor_simpan(berkas=berkas, kabupaten_kota=kota_a, pengguna=operator_a,
                           nama_berkas="baseline.xlsx")  # fmt: skip
    assert laporan.tersimpan
    assert laporan.jumlah["lokasi_dibuat"] == 2
    assert laporan.jumlah["unit_dibuat"] == 2
    assert laporan.jumlah["penilaian_dibuat"] == 2

    satu = Lokasi.objects.get(kode="K-01")
    assert satu.nama == "Kampung Satu" and satu.luas_sk_ha == Decimal("4.5")
    assert satu.luas_verifikasi_ha == Decimal("1.25") and satu.jumlah_kk == 90
    assert [k.nama for k in satu.kelurahan.all()] == [KEL_1]
    assert satu.dibuat_oleh == operator_a and satu.diubah_oleh == operator_a
    p = Penilaian.objects.get(lokasi=satu)
    assert p.status == "draf" and p.tahun == 2025 and p.dibuat_oleh == operator_a
    assert p.surveyor_nama == "Budi" and p.tanggal_survei == date(2025, 3, 15)
    assert (p.nilai_kekumuhan, p.tingkat_kekumuhan, p.label_prioritas) == (
        23,
        "Kumuh Ringan",
        "C3/ 6",
    )
    assert p.isian.count() == 16 and not p.isian.exclude(pita="").exists()
    assert p.numerik.get().unit is None

    # A kawasan of RT units: the units, their sheets, the sums (§7) and the RT/RW summary.
    dua = Lokasi.objects.get(kode="K-02")
    assert dua.unit_survei.count() == 2
    assert dua.jumlah_kk == 180 and dua.luas_verifikasi_ha == Decimal("2.5")
    assert dua.penduduk_laki_laki == 300 and dua.rt_rw == "RT 001, 002 / RW 002"
    assert {k.nama for k in dua.kelurahan.all()} == {KEL_1, KEL_2}
    p2 = Penilaian.objects.get(lokasi=dua)
    assert p2.numerik.filter(unit__isnull=False).count() == 2
    assert p2.surveyor_nama == "Ani, Budi"  # RTs surveyed by several people
    assert set(p2.hasil["unit"]) == {str(u.pk) for u in dua.unit_survei.all()}

    # The stored results are what the survey's own rows give (hitung_ulang), as shown.
    for penilaian in (p, p2):
        nilai = penilaian.nilai_kekumuhan
        services.hitung_ulang(penilaian)
        assert penilaian.nilai_kekumuhan == nilai and not penilaian.kekurangan
    assert [s["nilai_kekumuhan"] for s in laporan.survei] == [23, p2.nilai_kekumuhan]

    # History: one entry per created lokasi and survey, naming the file.
    for obj in (satu, dua, p, p2):
        entri = RiwayatPerubahan.objects.get(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        assert entri.tindakan == "dibuat lewat impor baseline.xlsx"
        assert entri.pengguna == operator_a


def test_band_and_percentage_columns_are_stored_as_bands(kota_a, operator_a):
    baris = {"nama_lokasi": "Kampung Pita", "kelurahan": KEL_1, "tahun": 2025,
             "kepadatan_penduduk": 230.5, **LEGAL, **PITA_SEDANG, "1a": 80,
             "1b": 50.91}  # fmt: skip
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    p = Penilaian.objects.get()
    pita = dict(p.isian.values_list("kode", "pita"))
    assert pita["1a"] == "76-100" and pita["1b"] == "25-50"  # 50.91 % takes the lower band
    # 42 of PITA_SEDANG with 1b 3 → 1; density 230,5 > 200 → 5; B3 → 40 … computed, not typed.
    assert p.nilai_kekumuhan == 40 and p.kepadatan_penduduk == Decimal("230.50")
    assert p.label_prioritas == "B3/ 5"


def test_an_existing_lokasi_is_matched_by_kode_then_by_name(kota_a, operator_a):
    lama = buat_lokasi(kota_a, "Kampung Nelayan", kode="KN")
    tanpa_kode = buat_lokasi(kota_a, "Kampung Tanpa Kode")
    berkas = buku([lokasi_baris(nama="Kampung Nelayan (baru)", kode="kn"),
                   lokasi_baris(nama="kampung  tanpa kode", kode=None)])  # fmt: skip
    laporan = impor_simpan(berkas=berkas, kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    assert Lokasi.objects.count() == 2
    lama.refresh_from_db()
    assert lama.nama == "Kampung Nelayan (baru)" and lama.versi == 2
    assert Penilaian.objects.filter(lokasi__in=[lama, tanpa_kode]).count() == 2
    assert laporan.jumlah["lokasi_diubah"] == 2 and laporan.jumlah["lokasi_dibuat"] == 0


def test_kelurahan_are_added_never_removed_and_recorded(kota_a, operator_a):
    lokasi = buat_lokasi(kota_a, "Kampung Satu", kode="K-01")  # in KEL_1
    baris = lokasi_baris(kelurahan=KEL_2)
    impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert sorted(k.nama for k in lokasi.kelurahan.all()) == [KEL_1, KEL_2]
    entri = RiwayatPerubahan.objects.get(
        content_type=ContentType.objects.get_for_model(Lokasi), object_id=lokasi.pk
    )
    assert entri.tindakan == "diubah lewat impor"
    assert entri.perubahan["kelurahan/desa"] == [KEL_1, f"{KEL_1}, {KEL_2}"]
    assert entri.perubahan["jumlah KK"] == ["390", "90"]


def test_a_draft_is_overwritten_and_history_says_what_changed(kota_a, operator_a):
    impor_simpan(berkas=buku([lokasi_baris()]), kabupaten_kota=kota_a, pengguna=operator_a)
    p = Penilaian.objects.get()
    IsianKriteria.objects.filter(penilaian=p, kode="7b").update(keterangan="foto menyusul")
    # The same file again: nothing changes, nothing is recorded.
    laporan = impor_simpan(
        berkas=buku([lokasi_baris()]), kabupaten_kota=kota_a, pengguna=operator_a
    )
    assert laporan.jumlah["penilaian_tetap"] == 1 and laporan.jumlah["lokasi_tetap"] == 1
    assert RiwayatPerubahan.objects.count() == 2
    # Now with more KK lacking safe water and 1a given as a band.
    baris = lokasi_baris(kk_tanpa_akses_air_minum_aman=80, **{"1a": "76-100"})
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.jumlah["penilaian_diubah"] == 1, pesan(laporan)
    p.refresh_from_db()
    assert p.versi == 2 and p.status == "draf"
    assert p.nilai_kekumuhan == 23 - 1 + 5 + 5  # 1a 1 → 5, 3a 0 → 5
    assert p.isian.get(kode="1a").pita == "76-100"
    assert p.isian.get(kode="7b").keterangan == "foto menyusul"  # other Format Isian kept
    entri = RiwayatPerubahan.objects.filter(object_id=p.pk, tindakan__startswith="diubah").get()
    assert entri.perubahan["pilihan 1a"] == ["", "76-100"]
    assert entri.perubahan["nilai kekumuhan"] == ["23", "32"]


def test_several_years_of_one_lokasi_are_several_surveys(kota_a, operator_a):
    baris = [lokasi_baris(tahun=2024, jumlah_kk=100), lokasi_baris(tahun=2025)]
    laporan = impor_simpan(berkas=buku(baris), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.jumlah["lokasi_dibuat"] == 1 and laporan.jumlah["penilaian_dibuat"] == 2
    assert sorted(Penilaian.objects.values_list("tahun", flat=True)) == [2024, 2025]
    assert Lokasi.objects.get().jumlah_kk == 90  # the header numbers of the latest year


def test_a_lokasi_written_with_and_without_its_kode_is_refused(kota_a):
    baris = [lokasi_baris(tahun=2024), lokasi_baris(kode=None)]
    laporan = impor_periksa(berkas=buku(baris), kabupaten_kota=kota_a)
    assert [m.pesan for m in laporan.masalah] == [
        "lokasi Kampung Satu diberi kode K-01 di baris 2; isi kode_lokasi di semua barisnya"
    ]


def test_a_kawasan_with_units_gets_new_units_and_updated_sums(kota_a, operator_a):
    lokasi = buat_lokasi(kota_a, "Bantaran Dua", kode="K-02")
    unit = buat_unit(lokasi, rt="001", rw="002")
    berkas = buku([rt_baris("1", jumlah_kk=95), rt_baris("3")])
    laporan = impor_simpan(berkas=berkas, kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    assert laporan.jumlah["unit_dibuat"] == 1 and laporan.jumlah["unit_diperbarui"] == 1
    # The updated unit's version moves on: a unit form opened before the import is stale.
    versi = unit.versi
    unit.refresh_from_db()
    assert unit.versi == versi + 1
    lokasi.refresh_from_db()
    assert lokasi.jumlah_kk == 95 + 90 and lokasi.rt_rw == "RT 001, 003 / RW 002"


# --- all or nothing and each kind of problem ----------------------------------------------------


def test_one_bad_row_leaves_the_database_unchanged(kota_a, operator_a):
    lokasi = buat_lokasi(kota_a, "Kampung Lama", kode="KL")
    sebelum = jumlah_data()
    baris = [lokasi_baris(), lokasi_baris(nama="Kampung Lama", kode="KL"), rt_baris("1"),
             lokasi_baris(nama="Kampung Rusak", kode="K-09", panjang_jalan_rusak_m=-5)]  # fmt: skip
    laporan = impor_simpan(berkas=buku(baris), kabupaten_kota=kota_a, pengguna=operator_a)
    assert not laporan.tersimpan
    kolom = huruf(baris, "panjang_jalan_rusak_m")
    assert pesan(laporan) == [
        f"lembar Data, baris 5, kolom {kolom} (panjang_jalan_rusak_m): tidak boleh negatif (-5)"
    ]
    assert jumlah_data() == sebelum
    lokasi.refresh_from_db()
    assert lokasi.versi == 1


def test_a_problem_found_only_when_scoring_also_leaves_nothing(kota_a, operator_a):
    # Part larger than its whole at lokasi level is found by the rules, after the rows are
    # written: everything is rolled back and the cell named.
    baris = [lokasi_baris(), lokasi_baris(nama="Kampung Rusak", kode="K-09",
                                          panjang_jalan_rusak_m=280)]  # fmt: skip
    laporan = impor_simpan(berkas=buku(baris), kabupaten_kota=kota_a, pengguna=operator_a)
    assert not laporan.tersimpan
    assert pesan(laporan) == [
        f"lembar Data, baris 3, kolom {huruf(baris, 'panjang_jalan_rusak_m')} "
        "(panjang_jalan_rusak_m): (280) lebih besar dari panjang_jalan_eksisting_m (250)"
    ]
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)


PITA_TANPA_4B = {k: v for k, v in PITA_SEDANG.items() if k != "4b"}


@pytest.mark.parametrize(
    ("baris", "tempat", "harapan"),
    [
        pytest.param([lokasi_baris(kk_tanpa_akses_air_minum_aman=-1)],
                     (2, "kk_tanpa_akses_air_minum_aman"), "tidak boleh negatif (-1)",
                     id="volume-negatif"),
        pytest.param([lokasi_baris(kk_sarpras_sampah_tidak_sesuai=91)],
                     (2, "kk_sarpras_sampah_tidak_sesuai"), "(91) lebih besar dari jumlah_kk (90)",
                     id="bagian-lebih-besar"),
        pytest.param([rt_baris("1"), rt_baris("2", bangunan_tidak_teratur=101)],
                     (3, "bangunan_tidak_teratur"),
                     "(101) lebih besar dari jumlah_bangunan (100) di RT ini",
                     id="bagian-lebih-besar-di-rt"),
        pytest.param([lokasi_baris(kelurahan="Kel Tidak Ada")], (2, "kelurahan"),
                     "kelurahan Kel Tidak Ada tidak ada di Kota Alfa",
                     id="kelurahan-tidak-dikenal"),
        pytest.param([lokasi_baris(kelurahan="91.72.01.1001")], (2, "kelurahan"),
                     "kode kelurahan 91.72.01.1001 tidak ada di Kota Alfa",
                     id="kelurahan-kota-lain"),
        pytest.param([lokasi_baris(kecamatan="Alfa Timur")], (2, "kelurahan"),
                     "kelurahan Kel Alfa Barat 1 tidak ada di kecamatan Alfa Timur",
                     id="kelurahan-di-kecamatan-lain"),
        pytest.param([lokasi_baris(kecamatan="Alfa Selatan")], (2, "kecamatan"),
                     "kecamatan Alfa Selatan tidak ada di Kota Alfa", id="kecamatan-tidak-dikenal"),
        pytest.param([lokasi_baris(), lokasi_baris()], (3, ""),
                     "baris ganda: lokasi Kampung Satu (K-01) tahun 2025 sudah ada di lembar Data "
                     "baris 2", id="baris-ganda"),
        pytest.param([rt_baris("1"), rt_baris("001")], (3, ""),
                     "baris ganda: RT 001/RW 002 lokasi Bantaran Dua (K-02) tahun 2025 sudah ada "
                     "di lembar Data baris 2", id="rt-ganda"),
        pytest.param([{"nama_lokasi": "Kampung Pita", "kelurahan": KEL_1, "tahun": 2025,
                       "kepadatan_penduduk": 100, **LEGAL, **PITA_TANPA_4B}], (2, "4b"),
                     "kriteria 4b (Drainase lingkungan tidak mampu mengalirkan limpasan air hujan "
                     "sehingga menimbulkan genangan) tidak diisi: isi kolom 4b, atau "
                     "luas_genangan_ha dan luas_verifikasi_ha", id="kriteria-tidak-diisi"),
        pytest.param([{**lokasi_baris(), "kk_kebutuhan_air_minum_tidak_terpenuhi": None}],
                     (2, "kk_kebutuhan_air_minum_tidak_terpenuhi"),
                     "harus diisi untuk menghitung kriteria 3b (atau isi kolom 3b)",
                     id="bagian-kriteria-tidak-diisi"),
        pytest.param([{**lokasi_baris(), "status_penguasaan": None}], (2, "status_penguasaan"),
                     "harus diisi + atau − (ya atau tidak)", id="legalitas-tidak-diisi"),
        pytest.param([rt_baris("1"), {**rt_baris("2"), "jumlah_kk": None}], (3, "jumlah_kk"),
                     "wajib diisi untuk unit RT baru", id="unit-baru-tanpa-angka"),
        pytest.param([rt_baris("1"), rt_baris("2", status_penguasaan="-")],
                     (3, "status_penguasaan"),
                     "berbeda dengan baris 2 (+ / −): satu nilai per survei, bukan per RT",
                     id="legalitas-berbeda-antar-rt"),
        pytest.param([lokasi_baris(), rt_baris("1", nama="Kampung Satu", kode="K-01")],
                     (2, "rt"), "lokasi Kampung Satu (K-01) dinilai per RT (baris 3); baris tanpa "
                     "rt dan rw tidak boleh dicampur dengannya", id="lokasi-dan-rt-dicampur"),
        pytest.param([{**lokasi_baris(kode=None), "kelurahan": None}], (2, "kelurahan"),
                     "lokasi baru perlu kelurahan", id="lokasi-baru-tanpa-kelurahan"),
        pytest.param([lokasi_baris(lintang=-6.9)], (2, "bujur"),
                     "isi lintang dan bujur bersama-sama", id="koordinat-separuh"),
    ],
)  # fmt: skip
def test_each_kind_of_problem(kota_a, operator_a, baris, tempat, harapan):
    """Each problem names sheet, row, column (letter and header) and the reason in Indonesian."""
    kolom = list(dict.fromkeys(k for b in baris for k in b))
    kolom += [k for k in ("rt", "rw", "kecamatan", "bujur") if k not in kolom]
    nomor, judul = tempat
    huruf_kolom = get_column_letter(kolom.index(judul) + 1) if judul in kolom else ""
    diharapkan = Masalah("Data", nomor, huruf_kolom, judul, harapan)
    laporan = impor_periksa(berkas=buku(baris, kolom=kolom), kabupaten_kota=kota_a)
    assert laporan.masalah == [diharapkan]
    # The import finds the same and writes nothing.
    laporan = impor_simpan(
        berkas=buku(baris, kolom=kolom), kabupaten_kota=kota_a, pengguna=operator_a
    )
    assert laporan.masalah == [diharapkan]
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)


def test_a_survey_that_is_no_longer_a_draft_is_refused(kota_a, operator_a):
    lokasi = buat_lokasi(kota_a, "Kampung Satu", kode="K-01")
    buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    sebelum = jumlah_data()
    laporan = impor_simpan(
        berkas=buku([lokasi_baris()]), kabupaten_kota=kota_a, pengguna=operator_a
    )
    assert pesan(laporan) == [
        "lembar Data, baris 2, kolom D (tahun): penilaian Kampung Satu tahun 2025 berstatus "
        "Disetujui Pokja PKP; hanya penilaian draf yang boleh ditimpa impor. Kembalikan ke draf "
        "lebih dulu, atau impor dengan tahun lain"
    ]
    assert jumlah_data() == sebelum
    # Another year is a new survey.
    laporan = impor_simpan(berkas=buku([lokasi_baris(tahun=2026)]), kabupaten_kota=kota_a,
                           pengguna=operator_a)  # fmt: skip
    assert laporan.tersimpan and laporan.jumlah["penilaian_dibuat"] == 1


def test_two_lokasi_of_the_same_name_need_a_kode(kota_a):
    buat_lokasi(kota_a, "Kampung Kembar")
    buat_lokasi(kota_a, "Kampung Kembar")
    laporan = impor_periksa(berkas=buku([lokasi_baris(nama="Kampung Kembar", kode=None)]),
                            kabupaten_kota=kota_a)  # fmt: skip
    assert "ada 2 lokasi bernama Kampung Kembar" in pesan(laporan)[0]


def test_a_unit_missing_from_the_file_is_reported(kota_a):
    lokasi = buat_lokasi(kota_a, "Bantaran Dua", kode="K-02")
    buat_unit(lokasi, rt="001", rw="002")
    buat_unit(lokasi, rt="005", rw="002")
    laporan = impor_periksa(berkas=buku([rt_baris("1")]), kabupaten_kota=kota_a)
    assert pesan(laporan) == [
        "lembar Data, baris 2, kolom D (rt): RT 005/RW 002 Kel Alfa Barat 1 adalah unit lokasi "
        "Bantaran Dua (K-02) tetapi tidak ada barisnya untuk tahun 2025; tambahkan barisnya "
        "(impor tidak menghapus unit RT)"
    ]
    laporan = impor_periksa(berkas=buku([lokasi_baris(nama="Bantaran Dua", kode="K-02")]),
                            kabupaten_kota=kota_a)  # fmt: skip
    assert "punya 2 unit RT; nilainya diisi per RT" in pesan(laporan)[0]


def test_a_kelurahan_code_column_wins_over_the_name(kota_a, operator_a):
    baris = lokasi_baris(kelurahan="nama lama yang salah", kode_kelurahan="91.71.01.1002")
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    assert Lokasi.objects.get().kelurahan.get().nama == KEL_2


def test_an_ambiguous_kelurahan_name_needs_its_kecamatan(kota_a, operator_a):
    kec_timur = kota_a.kecamatan.get(kode="91.71.02")
    Kelurahan.objects.create(kecamatan=kec_timur, kode="91.71.02.1009", nama=KEL_1, jenis="desa")
    laporan = impor_periksa(berkas=buku([lokasi_baris()]), kabupaten_kota=kota_a)
    assert "ada di 2 kecamatan (Alfa Barat, Alfa Timur); isi kolom kecamatan" in pesan(laporan)[0]
    baris = lokasi_baris(kecamatan="alfa timur")
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan
    assert Lokasi.objects.get().kelurahan.get().kode == "91.71.02.1009"


# --- consistency flags of old results ------------------------------------------------------------

# Bands giving 35 (Kumuh Ringan): 5 × 5 + 3 × 3 + 1 × 1.
PITA_35 = dict(zip(rumus.KODE_KRITERIA, ["76-100"] * 5 + ["51-75"] * 3 + ["25-50"] + ["<25"] * 7,
                   strict=True))  # fmt: skip
LAMA = ["nilai_kekumuhan_lama", "tingkat_kekumuhan_lama", "nilai_pertimbangan_lain_lama",
        "tingkat_pertimbangan_lain_lama", "legalitas_lama", "klasifikasi_lama",
        "prioritas_lama"]  # fmt: skip


def berkas_lama() -> io.BytesIO:
    """Ngropoh as the source's Daftar Lokasi prints it (35 Ringan, 5 "Sedang", C3/6), a row
    whose old results agree, and a Tidak Kumuh location that the old list still carried."""
    dasar = {"kelurahan": KEL_1, "tahun": 2025, **LEGAL, "kepadatan_penduduk": 160}
    baris = [
        {"nama_lokasi": "Ngropoh", **dasar, **PITA_35,
         **dict(zip(LAMA, [35, "Ringan", 5, "Sedang", "Legal", "C3", 6], strict=True))},
        {"nama_lokasi": "Sesuai", **dasar, **PITA_35,
         **dict(zip(LAMA, [35, "Kumuh Ringan", 5, "Rendah", "Legal", "C5", 9], strict=True))},
        {"nama_lokasi": "Sudah Tertata", **dasar, **dict.fromkeys(rumus.KODE_KRITERIA, "<25"),
         "nilai_kekumuhan_lama": 12, "prioritas_lama": "B3/ 5"},
    ]  # fmt: skip
    return buku(baris)


def test_old_results_that_the_formula_does_not_reproduce_are_flagged(kota_a):
    laporan = impor_periksa(berkas=berkas_lama(), kabupaten_kota=kota_a)
    assert laporan.sah, pesan(laporan)
    tanda = {(t.baris, t.jenis): t for t in laporan.tanda}
    assert set(tanda) == {
        (2, "tingkat_pertimbangan_lain"),
        (2, "klasifikasi"),
        (2, "prioritas"),
        (4, "nilai_kekumuhan"),
        (4, "tidak_kumuh_terdaftar"),
    }
    ngropoh = tanda[(2, "tingkat_pertimbangan_lain")]
    assert (ngropoh.lama, ngropoh.dihitung) == ("Sedang", "Rendah")
    assert "menurut Tabel 4 nilai lama 5 sendiri pun berarti Rendah" in ngropoh.pesan
    assert ngropoh.judul == "tingkat_pertimbangan_lain_lama"
    assert (tanda[(2, "klasifikasi")].lama, tanda[(2, "klasifikasi")].dihitung) == ("C3", "C5")
    assert (tanda[(2, "prioritas")].lama, tanda[(2, "prioritas")].dihitung) == ("6", "9")
    tidak_kumuh = tanda[(4, "tidak_kumuh_terdaftar")]
    assert tidak_kumuh.lama == "B3/ 5" and tidak_kumuh.dihitung == "Tidak Kumuh"
    assert "Tidak Kumuh menurut rumus (nilai 0)" in tidak_kumuh.pesan
    assert (tanda[(4, "nilai_kekumuhan")].lama, tanda[(4, "nilai_kekumuhan")].dihitung) == (
        "12",
        "0",
    )
    assert laporan.jumlah["baris_berbeda_dengan_hasil_lama"] == 2


def test_flags_after_import_compare_with_what_was_stored(kota_a, operator_a):
    laporan = impor_simpan(berkas=berkas_lama(), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan
    assert {(t.baris, t.jenis) for t in laporan.tanda} == {
        (2, "tingkat_pertimbangan_lain"), (2, "klasifikasi"), (2, "prioritas"),
        (4, "nilai_kekumuhan"), (4, "tidak_kumuh_terdaftar"),
    }  # fmt: skip
    # The old values are never copied: the formula's results are stored.
    ngropoh = Penilaian.objects.get(lokasi__nama="Ngropoh")
    assert (ngropoh.nilai_kekumuhan, ngropoh.tingkat_pertimbangan_lain) == (35, "Rendah")
    assert ngropoh.label_prioritas == "C5/ 9"
    assert Penilaian.objects.get(lokasi__nama="Sudah Tertata").label_prioritas == ""


def test_flags_on_rt_rows_compare_with_the_rt(kota_a):
    laporan = impor_periksa(
        berkas=buku(
            [rt_baris("1", nilai_kekumuhan_lama=24), rt_baris("2", nilai_kekumuhan_lama=23)]
        ),
        kabupaten_kota=kota_a,
    )  # fmt: skip
    assert [(t.baris, t.pesan) for t in laporan.tanda] == [
        (2, "nilai kekumuhan lama 24, dihitung untuk RT ini 23"),
    ]


def test_an_old_row_that_contradicts_table_4_itself_says_so(kota_a):
    baris = {"nama_lokasi": "Kampung Berat", "kelurahan": KEL_1, "tahun": 2025, **LEGAL,
             "kepadatan_penduduk": 160, **dict.fromkeys(rumus.KODE_KRITERIA, "51-75"),
             "tingkat_kekumuhan_lama": "Kumuh Berat", "tingkat_pertimbangan_lain_lama": "Tinggi",
             "legalitas_lama": "Legal", "klasifikasi_lama": "B1"}  # fmt: skip
    laporan = impor_periksa(berkas=buku([baris]), kabupaten_kota=kota_a)
    klasifikasi = next(t for t in laporan.tanda if t.jenis == "klasifikasi")
    assert klasifikasi.pesan == (
        "klasifikasi lama B1, dihitung dari baris ini B5 (menurut Tabel 4 Kumuh Berat, Tinggi "
        "dan Legal pada berkas lama sendiri pun A1)"
    )


def test_the_report_workbook_marks_the_disagreeing_and_the_wrong_cells(kota_a):
    laporan = impor_periksa(berkas=berkas_lama(), kabupaten_kota=kota_a)
    wb = buku_laporan(berkas_lama(), laporan)
    assert wb.sheetnames[0] == "Laporan impor"
    data = wb["Data"]
    kolom = {c.value: c.column_letter for c in data[1]}
    sel = data[f"{kolom['tingkat_pertimbangan_lain_lama']}2"]
    assert sel.fill.start_color.rgb.endswith("FFD27F")
    assert "dihitung dari baris ini Rendah" in sel.comment.text
    assert data[f"{kolom['prioritas_lama']}4"].fill.start_color.rgb.endswith("FFD27F")
    assert data[f"{kolom['nilai_kekumuhan_lama']}2"].comment is None  # 35 agrees
    isi = [[c for c in r if c is not None] for r in wb["Laporan impor"].iter_rows(values_only=True)]
    assert ["beda: klasifikasi", "Data", 2, kolom["klasifikasi_lama"], "klasifikasi_lama",
            "klasifikasi lama C3, dihitung dari baris ini C5", "C3", "C5"] in isi  # fmt: skip
    # A problem cell is red, and the report can be uploaded again (its sheet is skipped).
    salah = buku([lokasi_baris(jumlah_kk=-1)])
    laporan = impor_periksa(berkas=salah, kabupaten_kota=kota_a)
    salah.seek(0)
    wb = buku_laporan(salah, laporan)
    sel = wb["Data"][f"{huruf([lokasi_baris()], 'jumlah_kk')}2"]
    assert sel.fill.start_color.rgb.endswith("F4B6B6") and "negatif" in sel.comment.text
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    assert [m.pesan for m in baca_buku(berkas).masalah] == ["tidak boleh negatif (-1)"]


# --- round trip through the priority list's Excel ------------------------------------------------


def test_the_priority_list_excel_round_trips(kota_a, operator_a, pokja_a):
    """Export the priority list, import it back into an empty city, same results.

    The list carries no criterion inputs, no legalitas parts and no tahun (nor do the SK's
    Daftar Lokasi it copies), so they are added as columns, as an operator completing an old
    SK file would; everything the list does carry is read from its own layout (title rows,
    two header rows, "B3/ 5", "Sedang", "–", coordinates in DMS, the total row).
    """
    kel_timur = kota_a.kecamatan.get(kode="91.71.02").kelurahan.order_by("kode").first()
    pita_berat = dict.fromkeys(PITA_SEDANG, "76-100")
    contoh = [
        (buat_lokasi(kota_a, "Kampung Nelayan", rt_rw="RT 01, 02 / RW 03"), {}, {}),
        (buat_lokasi(kota_a, "Bantaran Kali", kelurahan=[kel_timur],
                     luas_verifikasi_ha=Decimal("12.5"), lintang=None, bujur=None),
         {"pita": pita_berat}, {"strategis": True}),
        (buat_lokasi(kota_a, "Pesisir Utara", luas_verifikasi_ha=Decimal("16")),
         {"pita": dict.fromkeys(PITA_SEDANG, "25-50")}, {"kesesuaian_rtr": False}),
    ]  # fmt: skip
    masukan = {}
    for lokasi, pita, nilai in contoh:
        p = buat_penilaian(lokasi, status="disetujui_pokja", **pita, **nilai)
        masukan[lokasi.nama] = (
            dict(p.isian.values_list("kode", "pita")),
            p.status_penguasaan, p.kesesuaian_rtr, p.strategis, p.potensi_sosekbud,
        )  # fmt: skip
    url = reverse("penilaian:prioritas_excel")
    ekspor = klien_untuk(pokja_a).get(url).content
    hasil_awal = _baris_prioritas(ekspor)
    assert len(hasil_awal) == 3

    # Complete the exported list with what it does not carry, in new columns on the right.
    wb = load_workbook(io.BytesIO(ekspor))
    ws = wb.active
    tambahan = ["tahun", *rumus.KODE_KRITERIA, "status_penguasaan", "kesesuaian_rtr",
                "strategis", "potensi_sosekbud"]  # fmt: skip
    awal = ws.max_column + 1
    for j, judul in enumerate(tambahan):
        ws.cell(5, awal + j, judul)
    for baris in ws.iter_rows(min_row=7):
        nama = baris[1].value
        if nama not in masukan:
            continue
        pita, *legal = masukan[nama]
        nilai = [2025, *(pita[k] for k in rumus.KODE_KRITERIA),
                 *("+" if x else "-" for x in legal)]  # fmt: skip
        for j, isi in enumerate(nilai):
            ws.cell(baris[0].row, awal + j, isi)
    berkas = io.BytesIO()
    wb.save(berkas)

    # An empty city: the old surveys and lokasi go.
    Penilaian.objects.all().delete()
    Lokasi.objects.all().delete()
    berkas.seek(0)
    laporan = impor_simpan(berkas=berkas, kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    assert not laporan.peringatan and not laporan.tanda  # every old result reproduced
    assert laporan.jumlah["lokasi_dibuat"] == 3 and laporan.jumlah["penilaian_dibuat"] == 3
    Penilaian.objects.update(status="disetujui_pokja")
    hasil_akhir = _baris_prioritas(klien_untuk(pokja_a).get(url).content)
    assert hasil_akhir == hasil_awal


def _baris_prioritas(isi: bytes) -> list[tuple]:
    """The list's rows without NO and JUMLAH (JIWA): the population is kept in the survey's
    sheet, since the list gives no split into laki-laki and perempuan for the lokasi."""
    ws = load_workbook(io.BytesIO(isi)).active
    return [
        tuple(v for j, v in enumerate(r) if j not in (0, 6))
        for r in ws.iter_rows(min_row=7, values_only=True)
        if isinstance(r[0], int)
    ]


def test_the_priority_list_alone_is_read_but_lacks_the_inputs(kota_a, pokja_a):
    """An old SK list has results but no inputs: every column is understood, and the report
    says what must be added rather than copying the old results."""
    buat_penilaian(buat_lokasi(kota_a, "Kampung Nelayan"), status="disetujui_pokja")
    ekspor = klien_untuk(pokja_a).get(reverse("penilaian:prioritas_excel")).content
    laporan = impor_periksa(berkas=io.BytesIO(ekspor), kabupaten_kota=kota_a, tahun_bawaan=2026)
    assert not laporan.peringatan  # NO, NAMA LOKASI, … KEWENANGAN: all known
    assert laporan.jumlah_baris == 1  # the total row is not a lokasi
    masalah = pesan(laporan)
    assert any(
        "kriteria 2a (Jaringan jalan lingkungan" in m and "tidak diisi" in m for m in masalah
    )
    assert any("status_penguasaan: harus diisi + atau −" in m for m in masalah)


# --- command line ------------------------------------------------------------------------------


def test_command_writes_the_template(tmp_path):
    tujuan = tmp_path / "templat.xlsx"
    call_command("impor_penilaian", "--template", str(tujuan))
    kepala = [c.value for c in load_workbook(tujuan)["Data"][1]]
    assert kepala == [k.kunci for k in KOLOM_TEMPLAT]


def test_command_imports_and_dry_run_writes_nothing(tmp_path, kota_a, operator_a):
    berkas = tmp_path / "baseline.xlsx"
    berkas.write_bytes(buku([lokasi_baris(), rt_baris("1")]).getvalue())
    keluar = io.StringIO()
    call_command("impor_penilaian", str(berkas), "--kab-kota", "91.71", "--dry-run", stdout=keluar)
    assert "siap diimpor" in keluar.getvalue()
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)
    call_command("impor_penilaian", str(berkas), "--kab-kota", "91.71", "--pengguna",
                 "operator_a", stdout=keluar)  # fmt: skip
    assert "penilaian dibuat: 2" in keluar.getvalue()
    assert Penilaian.objects.filter(status="draf", dibuat_oleh=operator_a).count() == 2


def test_command_exits_1_and_lists_problems_when_a_row_is_bad(tmp_path, kota_a):
    berkas = tmp_path / "baseline.xlsx"
    baris = [lokasi_baris(), lokasi_baris(kode="K-03", jumlah_kk=-2)]
    berkas.write_bytes(buku(baris).getvalue())
    galat = io.StringIO()
    with pytest.raises(CommandError, match="Tidak ada yang diimpor: 1 masalah"):
        call_command("impor_penilaian", str(berkas), "--kab-kota", "91.71", stderr=galat)
    kolom = huruf(baris, "jumlah_kk")
    assert (
        f"lembar Data, baris 3, kolom {kolom} (jumlah_kk): tidak boleh negatif (-2)"
        in galat.getvalue()
    )
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)
    with pytest.raises(CommandError, match="--kab-kota wajib"):
        call_command("impor_penilaian", str(berkas))
    with pytest.raises(CommandError, match=r"berkode 99\.99 tidak ada"):
        call_command("impor_penilaian", str(berkas), "--kab-kota", "99.99")


# --- pages -----------------------------------------------------------------------------------

URL = reverse("penilaian:impor")


def unggah(klien, berkas: io.BytesIO, nama: str = "baseline.xlsx", **data):
    berkas.name = nama
    return klien.post(URL, {"berkas": berkas, **data})


@pytest.mark.parametrize("url", [URL, reverse("penilaian:impor_templat")])
def test_anonymous_is_sent_to_login(url):
    r = klien_untuk(None).get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("peran", ["pokja_a", "verifikator_p"])
def test_only_operators_and_admins_may_import(request, peran):
    klien = klien_untuk(request.getfixturevalue(peran))
    assert klien.get(URL).status_code == 403
    assert unggah(klien, buku([lokasi_baris()])).status_code == 403
    assert klien.get(reverse("penilaian:impor_templat")).status_code == 200


def test_upload_preview_confirm(kota_a, operator_a):
    klien = klien_untuk(operator_a)
    assert klien.get(URL).status_code == 200
    r = unggah(klien, buku([lokasi_baris(), rt_baris("1")]))
    assert r.status_code == 302
    kunci = r["Location"].rstrip("/").split("/")[-1]
    assert r["Location"] == reverse("penilaian:impor_pratinjau", args=[kunci])
    halaman = klien.get(r["Location"])
    assert "Berkas siap diimpor." in halaman.text and "Impor sekarang" in halaman.text
    assert "Kampung Satu" in halaman.text and "Bantaran Dua" in halaman.text
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)
    # The upload is kept under MEDIA_ROOT/impor/<user>/.
    from django.conf import settings

    assert (Path(settings.MEDIA_ROOT) / "impor" / str(operator_a.pk) / f"{kunci}.xlsx").exists()
    r = klien.post(reverse("penilaian:impor_pratinjau", args=[kunci]))
    assert r.status_code == 302
    assert Penilaian.objects.filter(status="draf").count() == 2
    halaman = klien.get(reverse("penilaian:impor_pratinjau", args=[kunci]))
    assert "Sudah diimpor." in halaman.text and "Impor sekarang" not in halaman.text
    assert "Impor selesai" in halaman.text
    # A second confirmation imports nothing more.
    klien.post(reverse("penilaian:impor_pratinjau", args=[kunci]))
    assert Penilaian.objects.count() == 2
    laporan = klien.get(reverse("penilaian:impor_laporan", args=[kunci]))
    assert laporan["Content-Disposition"] == 'attachment; filename="laporan-baseline.xlsx"'
    assert load_workbook(io.BytesIO(laporan.content)).sheetnames == ["Laporan impor", "Data"]


def test_a_bad_file_shows_its_problems_and_cannot_be_confirmed(kota_a, operator_a):
    klien = klien_untuk(operator_a)
    r = unggah(klien, buku([lokasi_baris(), lokasi_baris(kode="K-03", kelurahan="Entah")]))
    halaman = klien.get(r["Location"])
    assert "Tidak dapat diimpor: 1 masalah." in halaman.text
    assert "kelurahan Entah tidak ada di Kota Alfa" in halaman.text
    assert "Impor sekarang" not in halaman.text
    klien.post(r["Location"])
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)


def test_the_upload_form_refuses_other_files(operator_a):
    klien = klien_untuk(operator_a)
    r = unggah(klien, io.BytesIO(b"a,b\n1,2\n"), nama="data.csv")
    assert r.status_code == 200 and "Unggah berkas .xlsx" in r.text
    r = unggah(klien, io.BytesIO(b"bukan zip"), nama="data.xlsx")
    assert "bukan berkas .xlsx" in r.text


def test_another_users_upload_is_not_found(kota_a, operator_a, admin_a, operator_b):
    r = unggah(klien_untuk(operator_a), buku([lokasi_baris()]))
    kunci = r["Location"].rstrip("/").split("/")[-1]
    for pengguna in (admin_a, operator_b):
        klien = klien_untuk(pengguna)
        assert klien.get(reverse("penilaian:impor_pratinjau", args=[kunci])).status_code == 404
        assert klien.post(reverse("penilaian:impor_pratinjau", args=[kunci])).status_code == 404
        assert klien.get(reverse("penilaian:impor_laporan", args=[kunci])).status_code == 404
    for kunci_aneh in ("..", "a.b", "x" * 80):
        url = reverse("penilaian:impor_pratinjau", args=[kunci_aneh])
        assert klien_untuk(operator_a).get(url).status_code == 404
    assert jumlah_data() == (0, 0, 0, 0, 0, 0)


def test_the_template_download(operator_a):
    r = klien_untuk(operator_a).get(reverse("penilaian:impor_templat"))
    assert r["Content-Disposition"] == 'attachment; filename="templat-impor-penilaian.xlsx"'
    assert load_workbook(io.BytesIO(r.content)).sheetnames == ["Data", "Petunjuk", "Contoh"]


def test_history_snapshots_read_like_the_services_ones(kota_a, operator_a):
    """The import snapshots raw values with the functions the forms use; formatted, they equal
    riwayat.potret and services.potret_penilaian, or entries would read differently."""
    from lokasi import riwayat
    from lokasi import services as lokasi_services
    from penilaian.impor.simpan import _potret_lokasi

    baris = [rt_baris("1", **{"1a": "76-100"}), rt_baris("2", **{"1a": "76-100"})]
    impor_simpan(berkas=buku(baris), kabupaten_kota=kota_a, pengguna=operator_a)
    p = Penilaian.objects.prefetch_related("isian", "numerik__unit").get()
    pita = {i.kode: i.pita for i in p.isian.all() if i.pita}
    lembar = [(n.unit, n.nilai()) for n in p.numerik.all()]
    nilai = services.nilai_potret_penilaian(p, pita=pita, lembar=lembar)
    assert {k: riwayat.teks(v) for k, v in nilai.items()} == services.potret_penilaian(p)
    # A stored draft is read as a values() row: the same snapshot.
    baris_nilai = Penilaian.objects.filter(pk=p.pk).values().get()
    assert services.nilai_potret_penilaian(baris_nilai, pita=pita, lembar=lembar) == nilai
    lokasi = p.lokasi
    kelurahan = ", ".join(sorted(k.nama for k in lokasi.kelurahan.all()))
    teks = {k: riwayat.teks(v) for k, v in _potret_lokasi(lokasi, kelurahan).items()}
    assert teks == {
        k: v for k, v in lokasi_services.potret_lokasi(lokasi).items() if k != "tipologi"
    }


def test_an_imported_change_is_recorded_as_the_form_records_it(kota_a, operator_a):
    """The same change to two drafts, one through the form's service and one through the
    import: both history entries list the same fields with the same texts."""
    satu, dua = lokasi_baris(), lokasi_baris(nama="Kampung Dua", kode="K-03")
    impor_simpan(berkas=buku([satu, dua]), kabupaten_kota=kota_a, pengguna=operator_a)
    lewat_form = Penilaian.objects.get(lokasi__kode="K-03")
    services.penilaian_simpan(
        penilaian=lewat_form,
        pengguna=operator_a,
        versi_awal=lewat_form.versi,
        isian=services.Isian(
            data={}, pita={"1a": "76-100"}, numerik={None: {"kk_tanpa_akses_air_minum_aman": 80}}
        ),
    )
    baris = lokasi_baris(kk_tanpa_akses_air_minum_aman=80, **{"1a": "76-100"})
    impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    lewat_impor = Penilaian.objects.get(lokasi__kode="K-01")

    def entri(p: Penilaian) -> RiwayatPerubahan:
        return RiwayatPerubahan.objects.get(
            content_type=ContentType.objects.get_for_model(Penilaian),
            object_id=p.pk,
            tindakan__startswith="diubah",
        )

    form, impor = entri(lewat_form), entri(lewat_impor)
    assert (form.tindakan, impor.tindakan) == ("diubah", "diubah lewat impor")
    assert impor.perubahan == form.perubahan
    assert form.perubahan["pilihan 1a"] == ["", "76-100"]
    assert form.perubahan["nilai kekumuhan"] == ["23", "32"]


# --- scale: the benchmark's generator, small ----------------------------------------------------


@pytest.mark.parametrize("rt_per_lokasi", [0, 4])
def test_benchmark_file_imports_correctly_in_a_constant_number_of_queries(
    tmp_path, kota_a, operator_a, rt_per_lokasi, django_assert_max_num_queries
):
    kelurahan = [(k.kecamatan.nama, k.nama) for k in Kelurahan.objects.select_related("kecamatan")]
    for baris in (8, 40):
        Penilaian.objects.all().delete()
        UnitSurvei.objects.all().delete()
        Lokasi.objects.all().delete()
        berkas = tmp_path / f"bench-{baris}.xlsx"
        tulis_berkas(berkas, baris=baris, kelurahan=kelurahan, rt_per_lokasi=rt_per_lokasi)
        with django_assert_max_num_queries(40):
            laporan = impor_simpan(berkas=str(berkas), kabupaten_kota=kota_a, pengguna=operator_a)
        assert laporan.tersimpan, pesan(laporan)
        lokasi = baris // (rt_per_lokasi or 1)
        assert laporan.jumlah["lokasi_dibuat"] == lokasi
        assert laporan.jumlah["unit_dibuat"] == (baris if rt_per_lokasi else 0)
        assert (
            Penilaian.objects.filter(kekurangan=[], nilai_kekumuhan__isnull=False).count() == lokasi
        )
        assert IsianKriteria.objects.count() == 16 * lokasi


def test_importing_for_another_city_is_not_possible(kota_a, kota_b, operator_b):
    # The service imports into the kab/kota it is given; the views give the user's own.
    r = unggah(klien_untuk(operator_b), buku([lokasi_baris()]))
    halaman = klien_untuk(operator_b).get(r["Location"])
    assert "kelurahan Kel Alfa Barat 1 tidak ada di Kota Beta" in halaman.text


# --- issue 10 item 12: bounded numbers, nothing left behind -----------------------------------

_ANGKA_GANJIL = ["1e999999999", "1e5000"]


@pytest.mark.parametrize("isi", _ANGKA_GANJIL)
@pytest.mark.parametrize(
    "kolom",
    ["luas_sk_ha", "jumlah_bangunan", "luas_verifikasi_ha", "kepadatan_penduduk", "1a",
     "nilai_kekumuhan_lama", "lintang"],
)  # fmt: skip
def test_a_huge_number_in_any_number_column_is_a_named_problem(kota_a, kolom, isi):
    baris = [lokasi_baris(**{kolom: isi, "bujur": 110.4} if kolom == "lintang" else {kolom: isi})]
    laporan = impor_periksa(berkas=buku(baris), kabupaten_kota=kota_a)
    tempat = f"lembar Data, baris 2, kolom {huruf(baris, kolom)} ({kolom}): "
    semua = [*pesan(laporan), *(str(p) for p in laporan.peringatan)]
    # 1a reads text as a band and lintang as a coordinate: their own messages say what to write.
    alasan = {"1a": "isi persen 0–100", "lintang": "bukan koordinat"}.get(kolom, "terlalu besar")
    assert any(p.startswith(tempat) and alasan in p for p in semua), semua
    assert all(len(p) < 300 for p in semua)


def test_a_huge_dms_coordinate_is_a_named_problem(kota_a):
    baris = [lokasi_baris(lintang="9" * 400 + "° LS", bujur="110° BT")]
    laporan = impor_periksa(berkas=buku(baris), kabupaten_kota=kota_a)
    assert any("kolom" in p and "(lintang)" in p for p in pesan(laporan)), pesan(laporan)


@pytest.mark.parametrize("isi", _ANGKA_GANJIL)
def test_uploading_a_huge_number_shows_the_problem_not_a_500(kota_a, operator_a, isi):
    klien = klien_untuk(operator_a)
    r = unggah(klien, buku([lokasi_baris(jumlah_bangunan=isi)]))
    assert r.status_code == 302
    halaman = klien.get(r["Location"])
    assert "angka terlalu besar" in halaman.text and "Impor sekarang" not in halaman.text


def test_an_upload_whose_check_fails_is_not_left_behind(kota_a, operator_a, monkeypatch):
    from django.conf import settings

    from penilaian.impor import views

    def gagal(**_):
        raise RuntimeError("pemeriksaan gagal")

    monkeypatch.setattr(views, "impor_periksa", gagal)
    klien = klien_untuk(operator_a)
    klien.raise_request_exception = False
    r = unggah(klien, buku([lokasi_baris()]))
    assert r.status_code == 500
    folder = Path(settings.MEDIA_ROOT) / "impor" / str(operator_a.pk)
    assert not list(folder.glob("*"))


# --- issue 10 item 9: the precision real KOTAKU files carry ---------------------------------


def test_kotaku_hectares_with_six_decimals_are_stored_and_scored_as_the_calculator_does(
    kota_a, operator_a
):
    from penilaian import kalkulator

    presisi = {"luas_sk_ha": "11,579299", "luas_verifikasi_ha": "11,579299",
               "luas_kepadatan_tinggi_ha": "0,736296", "luas_genangan_ha": "0,123457",
               "panjang_jalan_ideal_m": "1234,5678",
               "panjang_jalan_eksisting_m": "1000,1234"}  # fmt: skip
    baris = lokasi_baris(**presisi)
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    lokasi = Lokasi.objects.get()
    assert lokasi.luas_sk_ha == Decimal("11.579299")
    assert lokasi.luas_verifikasi_ha == Decimal("11.579299")
    assert lokasi.panjang_jalan_ideal_m == Decimal("1234.5678")
    p = Penilaian.objects.get()
    lembar = p.numerik.get()
    for kunci, isi in presisi.items():
        if kunci != "luas_sk_ha":
            assert getattr(lembar, kunci) == Decimal(isi.replace(",", ".")), kunci

    # The calculator, given the file's numbers as they are, gives the stored results.
    numerik = {k: v for k, v in baris.items() if k in rumus.NUMERIK_FIELDS}
    numerik |= {k: Decimal(v.replace(",", ".")) for k, v in presisi.items() if k in numerik}
    rekaman = {
        "kategori_kota": kota_a.kategori,
        "numerik": numerik,
        "legalitas": {"status_penguasaan": True, "kesesuaian_rtr": True},
        "pertimbangan_lain": {"strategis": False, "potensi_sosekbud": False},
    }
    hasil = kalkulator.hitung_rekaman(rekaman)
    assert "error" not in hasil, hasil
    # 0,736296 / 11,579299 = 6,36 % (6,39 % had the areas been cut to 2 decimals).
    assert p.hasil["persen"]["1b"] == "6.36" and hasil["persen"]["1b"] == 6.36
    assert {k: float(v) for k, v in p.hasil["persen"].items() if v is not None} == {
        k: v for k, v in hasil["persen"].items() if v is not None
    }
    assert p.nilai_kekumuhan == hasil["nilai_kekumuhan"]
    assert p.label_prioritas == f"{hasil['klasifikasi']}/ {hasil['prioritas']}"


def test_rt_areas_keep_their_decimals_through_the_kawasan_sum(kota_a, operator_a):
    baris = [rt_baris("1", luas_verifikasi_ha="1,123456"), rt_baris("2", luas_verifikasi_ha=1.5)]
    laporan = impor_simpan(berkas=buku(baris), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    lokasi = Lokasi.objects.get()
    assert sorted(u.luas_ha for u in lokasi.unit_survei.all()) == [
        Decimal("1.123456"),
        Decimal("1.5"),
    ]
    assert lokasi.luas_verifikasi_ha == Decimal("2.623456")


def test_a_number_with_more_decimals_than_stored_is_rounded_not_refused(kota_a):
    # The calculator accepts any number of decimals: so does the import (rounded to storage).
    baris = [lokasi_baris(luas_verifikasi_ha="1,2500004", panjang_jalan_ideal_m="300,00004")]
    bacaan = baca_buku(buku(baris))
    assert not bacaan.masalah, bacaan.masalah
    nilai = bacaan.baris[0].nilai
    assert nilai["luas_verifikasi_ha"] == Decimal("1.250000")
    assert nilai["panjang_jalan_ideal_m"] == Decimal("300.0000")


def test_the_import_precision_is_the_stored_precision():
    from lokasi.models import LUAS, PANJANG

    tersimpan = impor_kolom.TEMPAT_DESIMAL
    assert tersimpan == {
        "ha": LUAS["decimal_places"],
        "m": PANJANG["decimal_places"],
    }
    for kunci, satuan in rumus.SATUAN_NUMERIK.items():
        field = NumerikPenilaian._meta.get_field(kunci)
        assert field.decimal_places == impor_kolom.TEMPAT_DESIMAL.get(satuan, 0), kunci
    assert LUAS["decimal_places"] >= 4 and PANJANG["decimal_places"] >= 4


# --- issue 10 item 10: an imported percentage is kept beside its band --------------------------


def test_an_imported_percentage_is_stored_with_its_band(kota_a, operator_a):
    baris = {"nama_lokasi": "Kampung Pita", "kelurahan": KEL_1, "tahun": 2025,
             "kepadatan_penduduk": 230.5, **LEGAL, **PITA_SEDANG, "1a": 80,
             "1b": 50.91, "2a": "33,3333"}  # fmt: skip
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    p = Penilaian.objects.get()
    isian = {i.kode: (i.pita, i.persen) for i in p.isian.all()}
    assert isian["1a"] == ("76-100", Decimal(80))
    assert isian["1b"] == ("25-50", Decimal("50.91"))
    assert isian["2a"] == ("25-50", Decimal("33.3333"))
    assert isian["1c"] == (PITA_SEDANG["1c"], None)  # given as a band: no percentage
    # The same file again changes nothing; another percentage in the same band is stored.
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.jumlah["penilaian_tetap"] == 1
    baris["1a"] = 95
    laporan = impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    assert p.isian.get(kode="1a").persen == Decimal(95)
    # Given as a band now: the old percentage no longer describes it.
    baris["1a"] = "51-75"
    impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    assert (p.isian.get(kode="1a").pita, p.isian.get(kode="1a").persen) == ("51-75", None)


def test_a_band_changed_in_the_form_drops_the_imported_percentage(kota_a, operator_a):
    baris = {"nama_lokasi": "Kampung Pita", "kelurahan": KEL_1, "tahun": 2025,
             "kepadatan_penduduk": 230.5, **LEGAL, **PITA_SEDANG, "1a": 80, "1b": 30}  # fmt: skip
    impor_simpan(berkas=buku([baris]), kabupaten_kota=kota_a, pengguna=operator_a)
    p = Penilaian.objects.get()
    pita = {i.kode: i.pita for i in p.isian.all()} | {"1a": "<25"}
    services.penilaian_simpan(
        penilaian=p,
        pengguna=operator_a,
        versi_awal=p.versi,
        isian=services.Isian(data={}, pita=pita, numerik={}),
    )
    assert (p.isian.get(kode="1a").pita, p.isian.get(kode="1a").persen) == ("<25", None)
    assert p.isian.get(kode="1b").persen == Decimal(30)  # its band kept: so is its percentage


# --- issue 10 item 15: the import's row and cell limits are settings ---------------------------


def test_an_import_over_the_row_limit_is_refused_with_a_clear_message(kota_a, settings):
    settings.IMPOR_BARIS_MAKS = 2
    laporan = impor_periksa(berkas=buku([lokasi_baris(kode=f"K-{i}") for i in range(3)]),
                            kabupaten_kota=kota_a)  # fmt: skip
    assert pesan(laporan) == [
        "berkas terlalu besar: lebih dari 2 baris (4 baris); bagi menjadi beberapa berkas"
    ]
    settings.IMPOR_BARIS_MAKS = 4
    settings.IMPOR_SEL_MAKS = 100
    laporan = impor_periksa(berkas=buku([lokasi_baris(kode=f"K-{i}") for i in range(3)]),
                            kabupaten_kota=kota_a)  # fmt: skip
    assert len(pesan(laporan)) == 1 and "lebih dari 100 sel" in pesan(laporan)[0]


def test_the_default_limits_take_a_city_of_a_thousand_lokasi_with_their_rts(settings):
    kolom = len(impor_kolom.KOLOM_TEMPLAT)
    assert settings.IMPOR_BARIS_MAKS >= 1_000 * 10
    assert settings.IMPOR_BARIS_MAKS * kolom <= settings.IMPOR_SEL_MAKS


# --- issue 10 item 11: new RT units with only a total population -------------------------------


def test_new_rt_units_with_only_a_total_population_are_accepted(kota_a, operator_a):
    tanpa_rincian = {"penduduk_laki_laki": None, "penduduk_perempuan": None}
    baris = [rt_baris("1", jumlah_penduduk=310, **tanpa_rincian),
             rt_baris("2", jumlah_penduduk=200, **tanpa_rincian)]  # fmt: skip
    kolom = [k for k in dict.fromkeys(k for b in baris for k in b) if not k.startswith("pend")]
    laporan = impor_simpan(
        berkas=buku(baris, kolom=kolom), kabupaten_kota=kota_a, pengguna=operator_a
    )
    assert laporan.tersimpan, pesan(laporan)
    lokasi = Lokasi.objects.get()
    unit = sorted(lokasi.unit_survei.all(), key=lambda u: u.rt)
    assert [(u.penduduk_laki_laki, u.penduduk_perempuan, u.jumlah_penduduk) for u in unit] == [
        (None, None, 310),
        (None, None, 200),
    ]
    # The kawasan: a total without a split it does not have.
    assert (lokasi.penduduk_laki_laki, lokasi.penduduk_perempuan) == (None, None)
    assert lokasi.jumlah_penduduk == 510
    p = Penilaian.objects.get()
    assert sorted(n.jumlah_penduduk for n in p.numerik.all()) == [200, 310]
    assert p.lengkap and not p.kekurangan
    # A later file with the split: it replaces the bare total.
    baris = [rt_baris("1", penduduk_laki_laki=150, penduduk_perempuan=160),
             rt_baris("2", jumlah_penduduk=200, **tanpa_rincian)]  # fmt: skip
    laporan = impor_simpan(berkas=buku(baris), kabupaten_kota=kota_a, pengguna=operator_a)
    assert laporan.tersimpan, pesan(laporan)
    u1 = lokasi.unit_survei.get(rt="001")
    assert (u1.penduduk_laki_laki, u1.penduduk_perempuan, u1.jumlah_penduduk) == (150, 160, 310)
    lokasi.refresh_from_db()
    assert lokasi.jumlah_penduduk == 510 and lokasi.penduduk_laki_laki is None


def test_a_new_rt_unit_needs_some_population(kota_a):
    tanpa = {"penduduk_laki_laki": None, "penduduk_perempuan": None}
    baris = [rt_baris("1", **tanpa)]
    kolom = [k for k in baris[0] if not k.startswith("pend")]
    laporan = impor_periksa(berkas=buku(baris, kolom=kolom), kabupaten_kota=kota_a)
    assert any(
        "jumlah_penduduk: wajib diisi untuk unit RT baru (atau penduduk_laki_laki dan "
        "penduduk_perempuan)" in p
        for p in pesan(laporan)
    ), pesan(laporan)


def test_a_kawasan_with_a_unit_without_split_sums_to_a_total_only(kota_a):
    from django.db import IntegrityError, transaction

    from lokasi import services as lokasi_services

    lokasi = buat_lokasi(kota_a, "Kawasan Campur")
    buat_unit(lokasi, "001")
    buat_unit(lokasi, "002", penduduk_laki_laki=None, penduduk_perempuan=None,
              penduduk_tanpa_rincian=250)  # fmt: skip
    lokasi_services.hitung_ulang_dari_unit(lokasi)
    lokasi.refresh_from_db()
    # 150 + 160 from the first unit and 250 from the second: no split for the kawasan.
    assert (lokasi.penduduk_laki_laki, lokasi.penduduk_perempuan) == (None, None)
    assert lokasi.jumlah_penduduk == 560
    with pytest.raises(IntegrityError), transaction.atomic():
        buat_unit(lokasi, "003", penduduk_laki_laki=None, penduduk_perempuan=None)
