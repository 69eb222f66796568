"""Monitoring on a phone (360 × 740, real Chromium): the list and the entry form fit the width
(no sideways scrolling), touch targets are at least 44 px high, numbers get a decimal keypad;
an operator adds an entry with a photo from the phone."""

import os
from datetime import date

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from monev.models import Pemantauan
from tests.browser.test_lokasi_alur import masuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.monev.pemantauan_bantu import buat_pemantauan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Playwright runs an event loop; Django's ORM then needs this, as `make test-browser` sets.
    pytest.mark.skipif(
        not os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE"),
        reason="alur browser: DJANGO_ALLOW_ASYNC_UNSAFE=true pytest -m browser",
    ),
]
LAYAR = {"width": 360, "height": 740}
LAYAR_DIR = None  # set to a folder to keep screenshots when looking at the layout by hand


def _muat_lebar(page: Page, nama: str) -> None:
    """Fail when anything in the page's own content reaches past the screen's right edge.

    The site header is base.html's (its menu scrolls sideways on a phone), not this page's;
    a wide table scrolls inside its own `.gulir` box, which itself must fit.
    """
    if LAYAR_DIR:
        page.screenshot(path=f"{LAYAR_DIR}/{nama}.png", full_page=True)
    lebar = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')]"
        ".filter(e => !e.parentElement.closest('.gulir'))"
        ".map(e => Math.ceil(e.getBoundingClientRect().right)))"
    )
    assert lebar <= LAYAR["width"], f"{nama}: isi halaman {lebar} px, lebih lebar dari layar"


def test_an_operator_records_progress_from_a_phone(
    page: Page, live_server, operator_a, kota_a, lokasi_a, tmp_path
):
    k = buat_kegiatan(
        kota_a, lokasi_a, efek={"2a": 500, "6a": 120},
        dana={"apbd_kabkota": 80_000_000, "csr": 20_000_000}, status="berjalan",
        nama="Rabat beton gang Kampung Nelayan dan TPS3R",
    )  # fmt: skip
    buat_pemantauan(k, tanggal=date(2026, 5, 1), progres=20, volume={"2a": 100, "6a": 0})
    page.set_viewport_size(LAYAR)
    masuk(page, live_server, "operator_a")
    page.goto(f"{live_server.url}/monev/pemantauan/")
    _muat_lebar(page, "daftar")
    page.get_by_role("link", name=k.nama).click()
    _muat_lebar(page, "kegiatan")
    page.get_by_role("link", name="Tambah pemantauan").click()
    _muat_lebar(page, "form")
    progres = page.get_by_label("Progres fisik (%)")
    assert progres.get_attribute("inputmode") == "decimal"
    assert progres.bounding_box()["height"] >= 44
    assert page.get_by_role("button", name="Simpan pemantauan").bounding_box()["height"] >= 44
    page.get_by_label("Tanggal pemantauan").fill("2026-07-01")
    progres.fill("45")
    page.get_by_label("Efek baris 1 (2a), volume").fill("230,5")
    page.get_by_label("Realisasi keuangan APBD Kab/Kota (Rp)").fill("30.000.000")
    gambar = tmp_path / "gang.png"
    Image.new("RGB", (32, 24), (120, 130, 110)).save(gambar)
    page.locator("#id_foto-0-berkas").set_input_files(str(gambar))
    page.locator("#id_foto-0-tahap").select_option("50")
    _muat_lebar(page, "form-terisi")
    page.get_by_role("button", name="Simpan pemantauan").click()
    expect(page.get_by_text("disimpan")).to_be_visible()
    _muat_lebar(page, "sesudah")
    p = Pemantauan.objects.filter(kegiatan=k).order_by("-tanggal").first()
    assert p.progres_fisik == 45 and p.foto.count() == 1
    assert {r.efek.kriteria: r.volume for r in p.efek.all()}["2a"] == 230.5
