"""The API docs page renders in Chromium from our own static files, with no CSP violation."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_lokasi_alur import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_offline_under_the_csp(page: Page, live_server, operator_a):
    pesan: list[str] = []
    page.on("console", lambda m: pesan.append(m.text) if m.type == "error" else None)
    luar: list[str] = []
    page.on(
        "request", lambda r: luar.append(r.url) if not r.url.startswith(live_server.url) else None
    )
    masuk(page, live_server, "operator_a")
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .title")).to_contain_text("kumuh API")
    expect(page.get_by_text("/api/v1/lokasi/", exact=True).first).to_be_visible()
    assert not [p for p in pesan if "Content Security Policy" in p], pesan
    assert not luar, luar  # nothing from a CDN
