"""Tabel 5 as PDF and Excel: the hand-worked numbers of test_tabel5 read back from the files."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from monev.models import PeninjauanUlang
from monev.peninjauan import cetak
from monev.peninjauan.muat import muat_peninjauan
from monev.peninjauan.xlsx import xlsx_tabel5
from tests.conftest import buat_lokasi, klien_untuk
from tests.monev.test_peninjauan_muat import buat_peninjauan, tangani, terbitkan_sk

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext tidak ada")


@pytest.fixture
def peninjauan(kota_a, pokja_a, lokasi_a) -> PeninjauanUlang:
    return buat_peninjauan(kota_a, pokja_a, lokasi_a)


def teks_pdf(data: bytes, tmp_path) -> str:
    berkas = tmp_path / "t.pdf"
    berkas.write_bytes(data)
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(berkas), "-"],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return hasil.stdout


def test_the_pdf_of_one_lokasi_prints_the_hand_worked_table(peninjauan, pokja_a, tmp_path):
    url = reverse("monev:peninjauan_lokasi_pdf", args=[peninjauan.pk, peninjauan.lokasi.get().pk])
    r = klien_untuk(pokja_a).get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "tabel5-2026-kampung-nelayan-alfa.pdf" in r["Content-Disposition"]
    halaman = PdfReader(BytesIO(r.content)).pages
    assert all(h.mediabox.width > h.mediabox.height for h in halaman)  # A4 landscape
    teks = teks_pdf(r.content, tmp_path)
    for t in ("D. FORMAT PENILAIAN HASIL PENINJAUAN ULANG",
              "Tabel 5. Formulasi Hasil Peninjauan Ulang", "Kota Alfa", "Kampung Nelayan Alfa",
              "Luas Verifikasi", "2,00 Ha", "KONDISI AWAL (2021)", "KONDISI AKHIR (2026)",
              "TAHUN (2026)", "TOTAL NILAI", "RATA-RATA KEKUMUHAN SEKTORAL",
              "56,55%", "39,41%", "30,31%", "Kumuh Sedang →", "Kumuh Ringan",
              "500,00", "600,00", "100,00", "60 - 80", "KUMUH BERAT", "< 16",
              "Halaman 1 dari"):  # fmt: skip
        assert t in teks, t
    rapat = teks.replace(" ", "")  # pdftotext spaces the arrows as it likes
    assert "3→0" in rapat and "40→27" in rapat  # road row 2a; TOTAL NILAI
    # The header rows repeat on every page.
    assert teks.count("PERUBAHAN TINGKAT") == len(halaman) >= 2


def test_the_book_joins_every_lokasi(kota_a, pokja_a, tmp_path):
    lokasi = [buat_lokasi(kota_a, f"Kawasan {i}") for i in range(2)]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    tangani(kota_a, lokasi[0])
    from monev.peninjauan import services

    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    r = klien_untuk(pokja_a).get(reverse("monev:peninjauan_buku_pdf", args=[p.pk]))
    assert r.status_code == 200
    teks = teks_pdf(r.content, tmp_path)
    assert "Kawasan 0" in teks and "Kawasan 1" in teks
    assert teks.count("Tabel 5. Formulasi Hasil Peninjauan Ulang") == 2
    n = len(PdfReader(BytesIO(r.content)).pages)
    assert f"Halaman {n} dari {n}" in teks
    buku = load_workbook(BytesIO(xlsx_tabel5(muat_peninjauan(p))))
    assert buku.sheetnames == ["Rekap", "1. Kawasan 0", "2. Kawasan 1"]
    rekap = [r for r in buku["Rekap"].iter_rows(values_only=True) if r[0] == "Kabupaten/kota"]
    # The SK prints the luas its survey verified (NUMERIK: 2 ha), not the lokasi's 4,5 ha.
    assert rekap[0][1:3] == (2, 2 * 2)


def test_the_excel_holds_numbers_as_numbers(peninjauan, pokja_a):
    url = reverse("monev:peninjauan_lokasi_xlsx", args=[peninjauan.pk, peninjauan.lokasi.get().pk])
    r = klien_untuk(pokja_a).get(url)
    assert r.status_code == 200
    lembar = load_workbook(BytesIO(r.content)).active
    sel = {c.coordinate: c.value for baris in lembar.iter_rows() for c in baris}
    assert sel["A1"] == "D. FORMAT PENILAIAN HASIL PENINJAUAN ULANG"
    assert sel["A2"] == "Tabel 5. Formulasi Hasil Peninjauan Ulang"
    nilai = list(sel.values())
    for t in ("KONDISI AWAL (2021)", "HASIL PENANGANAN INFRASTRUKTUR", "KONDISI AKHIR (2026)",
              "PERUBAHAN TINGKAT KEKUMUHAN", "Kumuh Sedang → Kumuh Ringan", "3 → 0"):  # fmt: skip
        assert t in nilai, t
    # The road row: 600 m' lacking, 500 handled, 100 left; 60 % → 10 %.
    jalan = next(r for r in lembar.iter_rows(values_only=True) if r[1] == "a. " + _nama("2a"))
    assert jalan[4:14] == (600, "m'", 60, 3, 500, "m'", 100, "m'", 10, 0)
    kaki = {r[0]: r for r in lembar.iter_rows(values_only=True) if r[0]}
    assert kaki["TOTAL NILAI"][4] == 40 and kaki["TOTAL NILAI"][10] == 27
    assert kaki["RATA-RATA KEKUMUHAN SEKTORAL (%)"][4] == pytest.approx(56.55)
    assert kaki["RATA-RATA KEKUMUHAN SEKTORAL (%)"][10] == pytest.approx(39.41)
    assert kaki["KONTRIBUSI PENANGANAN (%) *)"][10] == pytest.approx(30.31)
    assert lembar.print_title_rows and lembar.page_setup.orientation == "landscape"


def _nama(kode: str) -> str:
    from penilaian import rumus

    return rumus.KRITERIA_PER_KODE[kode].nama


def test_the_footnote_is_the_citys_own_or_its_readings(peninjauan):
    rekap = muat_peninjauan(peninjauan)
    assert cetak.catatan_kaki(rekap.pengaturan) == cetak.CATATAN_BAKU["a"]
    rekap.pengaturan.catatan_kaki = "Sesuai Perwal."
    assert cetak.catatan_kaki(rekap.pengaturan) == "Sesuai Perwal."
