"""manage.py peninjauan_ulang: the list, the city book, and its errors in Indonesian."""

from __future__ import annotations

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from monev.models import PeninjauanUlang
from tests.monev.test_peninjauan_muat import buat_peninjauan


@pytest.fixture
def peninjauan(kota_a, pokja_a, lokasi_a) -> PeninjauanUlang:
    return buat_peninjauan(kota_a, pokja_a, lokasi_a)


def jalankan(*args: str) -> str:
    keluar = StringIO()
    call_command("peninjauan_ulang", *args, stdout=keluar)
    return keluar.getvalue()


def test_without_arguments_it_lists_issued_sks_and_their_reviews(peninjauan):
    teks = jalankan()
    assert "91.71" in teks and "1 Maret 2027" in teks and "2026 (Draf)" in teks


def test_it_says_so_when_no_sk_is_issued(db):
    assert "Belum ada SK yang ditetapkan." in jalankan()


def test_it_writes_the_city_book_as_excel(peninjauan, tmp_path):
    berkas = tmp_path / "buku.xlsx"
    teks = jalankan(
        "--kab-kota", "91.71", "--tahun", "2026", "--format", "xlsx", "--out", str(berkas)
    )
    assert "1 lokasi" in teks
    buku = load_workbook(BytesIO(berkas.read_bytes()))
    assert buku.sheetnames == ["Rekap", "1. Kampung Nelayan Alfa"]


def test_it_writes_the_city_book_as_pdf(peninjauan, tmp_path):
    berkas = tmp_path / "buku.pdf"
    jalankan("--kab-kota", "91.71", "--tahun", "2026", "--out", str(berkas))
    assert berkas.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (("--kab-kota", "99.99", "--tahun", "2026"), "tidak dikenal"),
        (("--kab-kota", "91.71", "--tahun", "2030"), "belum punya peninjauan ulang tahun 2030"),
        (("--kab-kota", "91.71"), "bersama-sama"),
    ],
)
def test_clear_errors(peninjauan, args, pesan):
    with pytest.raises(CommandError, match=pesan):
        jalankan(*args)
