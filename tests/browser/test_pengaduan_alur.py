"""Pengaduan masyarakat in real Chromium: a resident files a complaint with a photo and a pin
on the map, the operator triages it and records a field check, the resident sees the status by
its code, and never the contact (issue 13 items 2 and 5)."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from monev.models import Pengaduan
from tests.browser.test_lokasi_alur import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_files_operator_handles_resident_follows(
    page: Page, live_server, operator_a, operator_b, kota_a, kota_b, tmp_path
):
    cache.clear()
    foto = tmp_path / "genangan.png"
    Image.new("RGB", (120, 90), "navy").save(foto)

    # The resident, not logged in.
    page.goto(f"{live_server.url}/pengaduan/")
    page.get_by_label("Kabupaten/kota").select_option(label=kota_a.nama)
    # Only Kota Alfa's kelurahan stay offered.
    expect(page.locator(f'#id_kelurahan option[data-kota="{kota_b.pk}"]').first).to_be_disabled()
    page.get_by_label("Kelurahan/desa").select_option(label="Kel Alfa Barat 1 — Kota Alfa")
    # A click on the map writes the pin into the coordinate fields.
    peta = page.locator("#peta-pengaduan")
    expect(peta).to_have_attribute("data-siap", "1")
    peta.click(position={"x": 200, "y": 150})
    expect(page.get_by_label("Lintang")).not_to_have_value("")
    expect(page.get_by_label("Bujur")).not_to_have_value("")
    page.get_by_label("Kategori").select_option(label="Kerusakan PSU hasil penanganan")
    page.get_by_label("Uraian").fill("Drainase hasil penanganan jebol, air menggenang di gang.")
    page.get_by_label("Foto (opsional)").set_input_files(str(foto))
    page.get_by_label("Kontak (opsional, tidak ditampilkan)").fill("0812-9999-0000")
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("sudah diterima")
    kode = page.locator("#kode-pengaduan").inner_text().strip()
    p = Pengaduan.objects.get()
    assert kode == p.kode and p.foto and p.lintang is not None

    # The operator triages and records the field check.
    konteks = page.context.browser.new_context()
    dinas = konteks.new_page()
    masuk(dinas, live_server, "operator_a")
    dinas.goto(f"{live_server.url}/monev/pengaduan/")
    dinas.get_by_role("link", name=kode).click()
    expect(dinas.locator("img.foto-pengaduan")).to_be_visible()
    expect(dinas.locator("body")).to_contain_text("0812-9999-0000")
    dinas.get_by_label("Catatan triase").fill("Layak dicek; PSU hasil penanganan 2025.")
    dinas.get_by_role("button", name="Catat Triase").click()
    expect(dinas.locator("body")).to_contain_text("langkah Triase dicatat")
    dinas.get_by_label("Tanggal cek lapangan").fill(timezone.localdate().isoformat())
    dinas.get_by_label("Hasil cek lapangan").fill("Saluran jebol 6 m; genangan 20 cm.")
    dinas.get_by_role("button", name="Catat Cek lapangan").click()
    expect(dinas.locator("body")).to_contain_text("langkah Cek lapangan dicatat")
    konteks.close()

    # The resident looks the status up by code.
    page.goto(f"{live_server.url}/pengaduan/cek/")
    page.get_by_label("Kode pengaduan").fill(kode.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("#status-pengaduan")).to_have_text("Cek lapangan")
    expect(page.locator("body")).not_to_contain_text("0812-9999-0000")
    expect(page.locator("body")).not_to_contain_text("Saluran jebol")
