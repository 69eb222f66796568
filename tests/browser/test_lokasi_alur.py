"""The operator's first flow in real headless Chromium: log in, add a location with coordinates
and a photo, find it in the filtered list and on the map."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SANDI, buat_lokasi
from tests.lokasi.test_lokasi_views import png_kecil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def halaman(page: Page) -> Page:
    # No internet here: map tiles fail fast instead of waiting for a timeout.
    page.route(re.compile(r"https://.*tile\.openstreetmap\.org/.*"), lambda r: r.abort())
    return page


def masuk(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")


def test_operator_adds_a_location_and_finds_it(
    halaman: Page, live_server, operator_a, kota_a, tmp_path
):
    buat_lokasi(kota_a, "Bantaran Lama", lintang=-6.9, bujur=109.66)
    page = halaman
    masuk(page, live_server, "operator_a")

    page.get_by_role("link", name="Lokasi", exact=True).click()
    page.get_by_role("link", name="Tambah lokasi").first.click()
    page.get_by_label("Nama lokasi").fill("Kampung Pesisir Uji")
    page.get_by_label("Kelurahan/desa").select_option(label="Kel Alfa Timur 1 (Kec. Alfa Timur)")
    page.get_by_label("Luas SK (ha)").fill("3.75")
    page.get_by_label("Lintang").fill("-6.874321")
    page.get_by_label("Bujur").fill("109.681234")
    page.get_by_label("Di tepi air").check()
    foto = tmp_path / "kampung.png"
    foto.write_bytes(png_kecil())
    page.get_by_label("Foto lokasi").set_input_files(str(foto))
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kampung Pesisir Uji")
    expect(page.get_by_text("6° 52' 27,56\" LS")).to_be_visible()
    expect(page.locator(".galeri img")).to_have_count(1)
    expect(page.locator(".galeri img")).to_have_js_property("naturalWidth", 8)

    page.get_by_role("link", name="Daftar lokasi").click()
    page.wait_for_load_state()  # htmx is deferred: filters work once the page has loaded
    expect(page.locator("#jumlah-lokasi")).to_contain_text("2 (dua) lokasi")
    page.get_by_label("Kecamatan").select_option(label="Alfa Timur")
    expect(page.locator("#jumlah-lokasi")).to_contain_text("1 (satu) lokasi")
    page.get_by_label("Cari nama, kode atau RT/RW").fill("pesisir")
    expect(page.locator("#hasil-lokasi tbody tr")).to_have_count(1)
    expect(page.locator("#hasil-lokasi")).to_contain_text("Kampung Pesisir Uji")
    assert "kecamatan=" in page.url  # filters stay in the address for sharing and reload

    peta = page.locator("#peta")
    expect(peta).to_have_attribute("data-jumlah-fitur", "1")
    page.locator("#peta .leaflet-interactive").first.hover()
    expect(page.locator(".leaflet-tooltip")).to_have_text("Kampung Pesisir Uji")


def test_field_errors_are_shown_in_indonesian(halaman: Page, live_server, operator_a, kota_a):
    page = halaman
    masuk(page, live_server, "operator_a")
    page.goto(f"{live_server.url}/lokasi/tambah/")
    page.get_by_label("Nama lokasi").fill("Tanpa Kelurahan")
    page.get_by_label("Lintang").fill("8.2")
    page.get_by_label("Bujur").fill("109.6")
    page.get_by_role("button", name="Simpan").click()
    galat = page.get_by_role("alert")
    expect(galat).to_contain_text("Data belum disimpan")
    expect(galat).to_contain_text("Pilih sedikitnya satu kelurahan/desa.")
    expect(galat).to_contain_text("di luar wilayah Indonesia")
    expect(page.get_by_label("Nama lokasi")).to_have_value("Tanpa Kelurahan")
