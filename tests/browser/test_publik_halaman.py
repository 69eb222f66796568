"""Issue 14: the public city page at scale in a browser: its list in pages with a search kept
by htmx, its map loaded per viewport (clusters, then boundaries zoomed in), without a login."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from monev.publik import views
from tests.conftest import buat_lokasi, buat_penilaian
from tests.monev.test_publik import PUSAT, terbitkan, terbitkan_kota

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_list_pages_search_and_map(page: Page, live_server, kota_a, pokja_a, monkeypatch):
    monkeypatch.setattr(views, "PER_HALAMAN", 3)
    page.route(re.compile(r"https://.*tile\.openstreetmap\.org/.*"), lambda r: r.abort())
    batas = {
        "type": "Polygon",
        "coordinates": [
            [[110.599, -7.601], [110.601, -7.601], [110.601, -7.599], [110.599, -7.601]]
        ],
    }
    for i in range(6):
        lok = buat_lokasi(
            kota_a, f"Kawasan {i}", lintang=Decimal("-6.9") + Decimal(i) / 1000,
            bujur=Decimal("109.6"),
        )  # fmt: skip
        buat_penilaian(lok, tahun=2021, status=PUSAT)
    sendiri = buat_lokasi(
        kota_a, "Tepi Sendiri", lintang=Decimal("-7.6"), bujur=Decimal("110.6"), batas=batas
    )
    buat_penilaian(sendiri, tahun=2021, status=PUSAT)
    terbitkan(pokja_a, tahun=2022, nomor="050/5/2022")
    terbitkan_kota(kota_a)

    page.goto(live_server.url + reverse("publik:kota", args=[kota_a.kode]))
    baris = page.locator("#daftar-lokasi tbody tr")
    expect(baris).to_have_count(3)
    # The whole city: the six close lokasi as one numbered cluster, the lone one as a point.
    expect(page.locator("#peta .klaster-publik")).to_have_count(1)
    expect(page.locator("#peta .klaster-publik")).to_contain_text("6")
    expect(page.locator("#peta")).to_have_attribute("data-jumlah-fitur", "1")

    page.get_by_role("link", name=re.compile("Berikutnya")).click()
    expect(page).to_have_url(re.compile(r"halaman=2"))
    expect(baris.first).to_contain_text("Kawasan")

    page.get_by_label("Cari nama lokasi, kelurahan atau kecamatan").fill("tepi")
    expect(baris).to_have_count(1)
    expect(baris.first).to_contain_text("Tepi Sendiri")
    expect(page).to_have_url(re.compile(r"cari=tepi"))

    # Zoomed in on the lone lokasi (a double click keeps it under the pointer): its boundary,
    # a path, instead of its point, once the map reaches ZOOM_RINCI.
    page.locator("#peta").scroll_into_view_if_needed()
    titik = page.locator("#peta path.leaflet-interactive")
    kotak = titik.bounding_box()
    x, y = kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2
    for _ in range(7):
        page.mouse.dblclick(x, y)
        page.wait_for_timeout(400)
    expect(page.locator("#peta")).to_have_attribute("data-jumlah-fitur", "1")
    bentuk = page.locator("#peta path.leaflet-interactive")
    expect(bentuk).to_have_count(1)
    assert "a" not in (bentuk.get_attribute("d") or "a")  # a polygon's d has no arc
