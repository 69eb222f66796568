"""A whole survey in real Chromium: the operator fills Format Numerik and watches the live score,
submits; the Pokja member approves; the lokasi is on the priority list with its klasifikasi."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_lokasi_alur import masuk
from tests.penilaian.test_survei import NUMERIK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def halaman(page: Page) -> Page:
    page.route(re.compile(r"https://.*tile\.openstreetmap\.org/.*"), lambda r: r.abort())
    return page


def keluar(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


def test_survey_from_entry_to_priority_list(
    halaman: Page, live_server, operator_a, pokja_a, lokasi_a
):
    page = halaman
    masuk(page, live_server, "operator_a")
    page.get_by_role("link", name="Penilaian", exact=True).click()
    page.locator("#id_lokasi").select_option(label=lokasi_a.nama)
    page.locator("#id_tahun").fill("2025")
    page.get_by_role("button", name="Mulai penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Format Isian")
    page.wait_for_load_state()

    panel = page.locator("#panel")
    expect(panel).to_contain_text("Belum dapat dihitung")
    page.get_by_label("Nama surveyor").fill("Sinta Rahayu")
    for kunci, nilai in NUMERIK.items():
        page.locator(f"#id_n0_{kunci}").fill(nilai)
    page.check("#id_status_penguasaan_1")  # (+)
    page.check("#id_kesesuaian_rtr_2")  # (−)
    page.check("#id_strategis_1")
    page.check("#id_potensi_sosekbud_1")
    expect(page.locator("#panel-nilai")).to_have_text("32")
    expect(page.locator("#skor-1a")).to_have_text("80,00 % → 5")  # each criterion as typed
    expect(page.locator("#skor-5a")).to_have_text("76,92 % → 5")
    expect(page.locator("#panel-tingkat")).to_have_text("Kumuh Ringan")
    expect(page.locator("#panel-prioritas")).to_have_text("C2/ 3")

    # the score follows the typing: 320 → 100 irregular buildings is 25 % (score 1, not 5)
    page.locator("#id_n0_bangunan_tidak_teratur").fill("100")
    expect(page.locator("#panel-nilai")).to_have_text("28")
    expect(page.locator("#skor-1a")).to_have_text("25,00 % → 1")
    page.locator("#id_n0_bangunan_tidak_teratur").fill("320")
    expect(page.locator("#panel-nilai")).to_have_text("32")

    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_text("Penilaian disimpan sebagai draf.")).to_be_visible()
    expect(page.locator("#label-prioritas")).to_have_text("C2/ 3")
    page.get_by_role("button", name="Ajukan ke Pokja PKP").click()
    expect(page.get_by_text("Status penilaian: Diajukan ke Pokja PKP.")).to_be_visible()
    url_penilaian = page.url
    keluar(page)

    masuk(page, live_server, "pokja_a")
    page.goto(url_penilaian)
    expect(page.get_by_role("button", name="Ajukan ke Pokja PKP")).to_have_count(0)
    page.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text("Status penilaian: Disetujui Pokja PKP.")).to_be_visible()

    page.goto(f"{live_server.url}/penilaian/prioritas/")
    baris = page.locator("tr", has_text=lokasi_a.nama)
    expect(baris).to_have_count(1)
    expect(baris).to_contain_text("C2/ 3")
    expect(baris).to_contain_text("Pemukiman Kembali")
    # The map draws the lokasi in the colour of its prioritas (peta.js + peta_prioritas.js).
    page.wait_for_load_state()
    expect(page.locator("#peta")).to_have_attribute("data-jumlah-fitur", "1")
    expect(page.locator("#peta .fitur-prioritas.prioritas-3")).to_have_count(1)
