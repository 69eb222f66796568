"""Kolaborasi in real Chromium: a Pokja member plans a kegiatan with two effects and split
funding on a lokasi, sees the lokasi's projected tingkat change, records a cooperation
agreement for it and reports the agreement at a Pokja meeting."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_lokasi_alur import masuk
from tests.conftest import buat_lokasi, buat_penilaian
from tests.kolaborasi.conftest import buat_pemangku
from tests.kolaborasi.pemangku_bantu import buat_pertemuan
from tests.penilaian.test_penanganan import NUMERIK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pokja_plans_projects_agrees_and_reports(page: Page, live_server, pokja_a, kota_a):
    # The hand-worked survey of tests/penilaian/test_penanganan.py: 40, Kumuh Sedang. With
    # 500 m of road (2a 60 % → 10 %: 3 → 0) and waste facilities for 90 KK (6a 90 % → 0 %:
    # 5 → 0) it becomes 32, Kumuh Ringan.
    lokasi = buat_lokasi(kota_a, "Kampung Nelayan", kode="KN-01")
    buat_penilaian(lokasi, tahun=2025, status="terverifikasi_pusat", pita={}, numerik=NUMERIK)
    buat_pemangku(kota_a, "PT Pesisir Sejahtera", jenis="perusahaan", kompetensi_psu=True)
    buat_pertemuan(kota_a, "pokja_rutin", tanggal=date(2026, 12, 1), tempat="Bappeda")

    masuk(page, live_server, "pokja_a")
    page.get_by_role("link", name="Kolaborasi", exact=True).click()
    page.get_by_role("heading", name="Kegiatan", exact=True).click()
    page.get_by_role("link", name="Tambah kegiatan").first.click()
    page.get_by_label("Program").fill("Peningkatan kualitas permukiman kumuh")
    page.get_by_label("Nama kegiatan").fill("Jalan paving dan TPS3R Kampung Nelayan")
    page.get_by_label("Ruang lingkup", exact=True).select_option(label="PSU")
    page.get_by_label("Lokasi", exact=True).select_option(label="Kampung Nelayan (KN-01)")
    page.get_by_label("Tahun pelaksanaan").fill("2026")
    page.get_by_label("Tahun awal rencana").fill("2026")
    page.get_by_label("Pelaksana", exact=True).select_option(value="pihak_ketiga")
    page.get_by_label("Kriteria baris 1").select_option(value="2a")
    page.get_by_label("Volume baris 1").fill("500")
    page.get_by_label("Kriteria baris 2").select_option(value="6a")
    page.get_by_label("Volume baris 2").fill("90")
    page.get_by_label("Biaya (Rp)").fill("800.000.000")
    page.get_by_label("APBD Kab/Kota", exact=True).fill("500.000.000")
    page.get_by_label("CSR/TJSLP", exact=True).fill("200.000.000")
    page.get_by_role("button", name="Simpan").click()
    # The funding is Rp 100.000.000 short: refused, named, nothing lost.
    expect(page.locator("body")).to_contain_text("kurang Rp 100.000.000")
    expect(page.get_by_label("Volume baris 2")).to_have_value("90")
    page.get_by_label("CSR/TJSLP", exact=True).fill("300.000.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jalan paving dan TPS3R")
    expect(page.locator("body")).to_contain_text("2a")
    expect(page.locator("body")).to_contain_text("Rp 800.000.000")

    # A proposal counts once the Pokja plans it.
    page.get_by_role("button", name="Tetapkan menjadi Direncanakan").click()
    expect(page.locator("body")).to_contain_text("Direncanakan")

    page.goto(f"{live_server.url}/penilaian/profil/{lokasi.pk}/")
    panel = page.locator("#panel-proyeksi")
    expect(panel).to_contain_text("Survei 2025")
    expect(panel.locator("tr", has_text="Survei 2025")).to_contain_text("Kumuh Sedang")
    expect(panel.locator("tr", has_text="Proyeksi s.d. 2026")).to_contain_text("32")
    expect(panel.locator("tr", has_text="Proyeksi s.d. 2026")).to_contain_text("Kumuh Ringan")

    # The agreement with the company that funds the CSR share.
    page.goto(f"{live_server.url}/kolaborasi/")
    page.get_by_role("heading", name="Perjanjian kerja sama", exact=True).click()
    page.get_by_role("link", name="Tambah PKS").first.click()
    page.get_by_label("Nomor PKS").fill("PKS/07/2026")
    page.get_by_label("Tanggal", exact=True).fill("2026-11-20")
    page.get_by_label("Pihak pertama").fill("Dinas Perkim Kota Alfa")
    pihak = page.locator("#id_pemangku option", has_text="PT Pesisir Sejahtera")
    page.get_by_label("Pihak kedua").select_option(value=pihak.get_attribute("value"))
    page.get_by_label("Ruang lingkup").fill("Pendanaan TPS3R Kampung Nelayan")
    page.get_by_label("Jenis sumber daya").select_option(value="keuangan")
    page.get_by_label("Nilai (Rp)").fill("300000000")
    page.get_by_label("Jalan paving dan TPS3R Kampung Nelayan").check()
    page.get_by_label("Kampung Nelayan", exact=True).check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("PKS/07/2026")

    page.get_by_label("Status baru").select_option(value="ditandatangani")
    page.get_by_role("button", name="Ubah status").click()
    expect(page.locator("body")).to_contain_text("belum dilaporkan ke Pokja PKP")

    rapat = page.locator("#id_pertemuan option", has_text="2026")
    page.get_by_label("Laporkan ke Pokja PKP pada rapat").select_option(
        value=rapat.get_attribute("value")
    )
    page.get_by_role("button", name="Catat pelaporan").click()
    expect(page.locator("body")).not_to_contain_text("belum dilaporkan ke Pokja PKP")
    expect(page.locator("body")).to_contain_text("1 Desember 2026")
