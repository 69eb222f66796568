"""The draft SK in real Chromium: the Pokja member makes it from the verified surveys, leaves a
lokasi out, downloads Lampiran I as PDF, completes the decree and issues it."""

import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_lokasi_alur import masuk
from tests.conftest import buat_lokasi, buat_penilaian

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pokja_makes_downloads_and_issues_the_sk(
    page: Page, live_server, pokja_a, kota_a, tmp_path
):
    for nama in ("Kampung Satu", "Kampung Dua", "Kampung Tiga"):
        buat_penilaian(buat_lokasi(kota_a, nama), status="terverifikasi_pusat")

    masuk(page, live_server, "pokja_a")
    page.get_by_role("link", name="Penilaian", exact=True).click()
    page.get_by_role("link", name="SK penetapan lokasi").click()
    page.get_by_label("Tahun").fill("2026")
    page.get_by_role("button", name="Buat draf SK").click()
    page.wait_for_load_state()
    expect(page.locator("#keempat")).to_contain_text(
        "sejumlah 3 (tiga) lokasi, di 1 (satu) kecamatan, dengan luas total sebesar 13,50 "
        "(tiga belas koma lima nol) hektar"
    )

    # Leave one out, with the reason.
    baris = page.locator("#lokasi tr", has_text="Kampung Dua")
    baris.get_by_label("Alasan").fill("Sudah ditangani 2026")
    baris.get_by_role("button", name="Kecualikan").click()
    page.wait_for_load_state()
    expect(page.locator("#keempat")).to_contain_text("sejumlah 2 (dua) lokasi")
    expect(page.locator("#lokasi")).to_contain_text("Sudah ditangani 2026")

    # Ask for Lampiran I; the panel shows it ready and the file downloads.
    page.get_by_role("button", name=re.compile("PDF Lampiran I —")).click()
    unduh = page.locator("#berkas").get_by_role("link", name="Unduh")
    expect(unduh).to_be_visible()
    with page.expect_download() as info:
        unduh.click()
    berkas = tmp_path / "lampiran1.pdf"
    info.value.save_as(berkas)
    teks = subprocess.run(
        ["pdftotext", "-raw", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kampung Satu" in teks and "Kampung Tiga" in teks and "Kampung Dua" not in teks
    assert "DAFTAR LOKASI PERUMAHAN KUMUH" in teks.upper()

    # Complete the decree and issue it.
    page.get_by_label("Nomor").fill("100.3.3.2/45/2026")
    page.get_by_label("Tanggal ditetapkan").fill("2026-11-20")
    page.get_by_label("Nama penandatangan").fill("A. Contoh")
    page.get_by_role("button", name="Simpan data SK").click()
    page.wait_for_load_state()
    expect(page.locator(".pesan")).to_contain_text("Data SK disimpan")
    # Refused while a verification block is empty, naming it (issue 10 item 4).
    page.get_by_role("button", name=re.compile("Tetapkan SK")).click()
    page.wait_for_load_state()
    expect(page.locator(".pesan")).to_contain_text("Tim Verifikasi Pusat")
    for blok in ("Tim Verifikasi Pusat", "Tim Verifikasi Provinsi", "OPD Kabupaten/Kota"):
        form = page.locator("form.form-verifikasi", has_text=blok)
        form.get_by_label("Nama", exact=True).fill(f"Nama {blok}")
        form.get_by_label("Jabatan", exact=True).fill("Ketua")
        form.get_by_role("button", name=re.compile("Simpan")).click()
        page.wait_for_load_state()
        expect(page.locator(".pesan")).to_contain_text("Blok verifikasi disimpan")
    page.get_by_role("button", name=re.compile("Tetapkan SK")).click()
    page.wait_for_load_state()
    expect(page.locator(".pesan")).to_contain_text("SK ditetapkan")
    expect(page.locator(".status-sk-ditetapkan")).to_have_text("Ditetapkan")
    expect(page.get_by_role("button", name="Simpan data SK")).to_have_count(0)
