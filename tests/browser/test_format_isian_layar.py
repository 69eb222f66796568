"""Issue 10 item 8 in real Chromium: on a field laptop the operator ticks a "yang ada" checklist,
writes a criterion note and KDB, saves without any script, and reads them on the detail page."""

import re

import pytest
from playwright.sync_api import Page, expect

from penilaian import services
from penilaian.models import Penilaian
from tests.browser.test_lokasi_alur import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_operator_fills_a_checklist_and_a_note_and_saves(
    page: Page, live_server, operator_a, lokasi_a
):
    page.route(re.compile(r"https://.*tile\.openstreetmap\.org/.*"), lambda r: r.abort())
    page.set_viewport_size({"width": 1366, "height": 768})  # a common field laptop
    draf = services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)
    masuk(page, live_server, "operator_a")
    page.goto(f"{live_server.url}/penilaian/{draf.pk}/isi/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Format Isian")

    kriteria = page.locator("#kriteria-7b")
    kriteria.get_by_label("Alat Pemadam Api Ringan (APAR)").check()
    kriteria.get_by_label("Mobil tangga").check()
    kriteria.get_by_label("Catatan 7b").fill("APAR hanya di balai RW.")
    page.get_by_label("Nilai KDB rata-rata (%)").fill("65")
    page.check("#id_genangan_1")  # lebih dari 30 cm, 2 jam, 2 x setahun
    page.get_by_role("button", name="Simpan draf").click()

    expect(page.get_by_text("Penilaian disimpan sebagai draf.")).to_be_visible()
    bagian = page.locator("#format-isian")
    expect(bagian).to_contain_text("Alat Pemadam Api Ringan (APAR)")
    expect(bagian).to_contain_text("Mobil tangga")
    expect(bagian).to_contain_text("APAR hanya di balai RW.")
    expect(bagian).to_contain_text("65,00 %")
    isian = Penilaian.objects.get(pk=draf.pk).isian.get(kode="7b")
    assert isian.yang_ada == ["apar", "mobil_tangga"]
