"""Issue 10 item 18: a lokasi's name is text in the map tooltips, never HTML.

Leaflet's bindTooltip(string) sets innerHTML, so a name like `<img src=x onerror=…>` typed by a
user would create an element and run its handler on every map that shows the lokasi.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_lokasi_alur import masuk
from tests.conftest import buat_lokasi, buat_penilaian

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMA_JAHAT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def halaman(page: Page) -> Page:
    page.route(re.compile(r"https://.*tile\.openstreetmap\.org/.*"), lambda r: r.abort())
    dialog: list[str] = []
    page.on("dialog", lambda d: (dialog.append(d.message), d.dismiss()))
    page.dialog_terbuka = dialog  # type: ignore[attr-defined]
    return page


def _tooltip_harfiah(page: Page, teks: str) -> None:
    page.wait_for_load_state()
    expect(page.locator("#peta")).to_have_attribute("data-jumlah-fitur", "1")
    page.locator("#peta .leaflet-interactive").first.hover()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(teks)
    expect(tooltip.locator("img")).to_have_count(0)
    expect(page.locator("#peta img[src='x']")).to_have_count(0)
    assert page.dialog_terbuka == []  # type: ignore[attr-defined]


def test_lokasi_map_tooltip_shows_the_name_as_text(halaman: Page, live_server, operator_a, kota_a):
    buat_lokasi(kota_a, NAMA_JAHAT, lintang=-6.9, bujur=109.66)
    masuk(halaman, live_server, "operator_a")
    halaman.goto(f"{live_server.url}/lokasi/")
    _tooltip_harfiah(halaman, NAMA_JAHAT)


def test_priority_map_tooltip_shows_the_name_as_text(
    halaman: Page, live_server, operator_a, kota_a
):
    lokasi = buat_lokasi(kota_a, NAMA_JAHAT, lintang=-6.9, bujur=109.66)
    penilaian = buat_penilaian(lokasi, 2025, "disetujui_pokja")
    masuk(halaman, live_server, "operator_a")
    halaman.goto(f"{live_server.url}/penilaian/prioritas/")
    _tooltip_harfiah(halaman, f"{NAMA_JAHAT} ({penilaian.klasifikasi}/ {penilaian.prioritas})")
