"""kumuh.sqlite: write requests take the write lock first; read-only POSTs (the live score
panel, the calculator) do not, so a panel refresh never blocks the save typed next to it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from kumuh.sqlite import TulisSegeraSQLite, baca_saja
from penilaian.api import HitungView
from penilaian.views import panel

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def _mode_saat_view(view, metode: str = "post") -> str | None:
    dilihat = {}

    def get_response(request):
        mw.process_view(request, view, (), {})
        dilihat["mode"] = connection.transaction_mode
        return HttpResponse()

    mw = TulisSegeraSQLite(get_response)
    mw(getattr(RequestFactory(), metode)("/"))
    return dilihat["mode"]


@pytest.mark.django_db
def test_a_write_request_begins_immediate_and_the_mode_is_restored():
    semula = connection.transaction_mode

    def simpan(request):
        return HttpResponse()

    assert _mode_saat_view(simpan) == "IMMEDIATE"
    assert connection.transaction_mode == semula
    assert _mode_saat_view(simpan, "get") == semula


@pytest.mark.django_db
def test_read_only_posts_do_not_take_the_write_lock():
    semula = connection.transaction_mode
    assert _mode_saat_view(baca_saja(lambda request: HttpResponse())) == semula
    assert _mode_saat_view(panel) == semula
    assert _mode_saat_view(HitungView.as_view()) == semula
