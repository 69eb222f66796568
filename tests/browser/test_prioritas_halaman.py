"""Issue 14 item 2: the priority list in pages, its map loaded per viewport, in a browser."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_lokasi_alur import masuk
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")


def test_filter_page_two_and_map(page: Page, live_server, operator_a, kota_a):
    page.route(re.compile(r"https://.*tile\.openstreetmap\.org/.*"), lambda r: r.abort())
    for i in range(52):
        lokasi = buat_lokasi(
            kota_a,
            f"Sedang {i:02d}",
            lintang=Decimal("-6.9") + Decimal(i % 8) / 100,
            bujur=Decimal("109.6") + Decimal(i // 8) / 100,
        )
        buat_penilaian(lokasi, status="disetujui_pokja")
    berat = buat_lokasi(kota_a, "Berat Sendiri", lintang=Decimal("-7.6"), bujur=Decimal("110.6"))
    buat_penilaian(berat, status="disetujui_pokja", pita=PITA_BERAT)

    masuk(page, live_server, "operator_a")
    page.goto(f"{live_server.url}/penilaian/prioritas/")
    expect(page.locator("#jumlah-prioritas")).to_contain_text("53 (lima puluh tiga) lokasi")
    expect(page.locator("#tabel-prioritas tbody tr")).to_have_count(50)
    # The whole city at a low zoom: numbered clusters, and the lone Berat lokasi as a point.
    expect(page.locator("#peta .klaster-prioritas").first).to_be_visible()
    expect(page.locator("#peta .fitur-prioritas.prioritas-4")).to_have_count(1)

    page.get_by_role("link", name=re.compile("Berikutnya")).click()
    expect(page.locator("#tabel-prioritas tbody tr")).to_have_count(3)
    expect(page.locator("#tabel-prioritas tbody tr").first).to_contain_text("51")
    expect(page).to_have_url(re.compile(r"halaman=2"))

    page.get_by_label("Tingkat kekumuhan").select_option("Kumuh Berat")
    expect(page.locator("#tabel-prioritas tbody tr")).to_have_count(1)
    expect(page.locator("#halaman-prioritas")).to_have_count(0)
    expect(page.locator("#peta")).to_have_attribute("data-jumlah-fitur", "1")
    expect(page.locator("#peta")).to_have_attribute("data-jumlah-klaster", "0")
    expect(page.locator("#peta .fitur-prioritas.prioritas-4")).to_have_count(1)
