"""SQLite: a request that may write takes the write lock when its transaction begins.

Every request runs in one transaction (ATOMIC_REQUESTS). SQLite begins it as a reader; a
reader that later writes must upgrade its lock, and when another request already holds the
write lock SQLite refuses the upgrade at once ("database is locked", a 500) instead of waiting:
waiting could deadlock. `BEGIN IMMEDIATE` takes the write lock first, so two saves queue on
the lock (up to the connection's timeout) and the second then sees the first's version and is
refused with a message. Only for POST and the like: read-only requests (htmx polling, pages)
stay readers and never wait for one another, which is why this is not the connection-wide
`transaction_mode` option.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

METODE_BACA = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def baca_saja(view: Callable) -> Callable:
    """Mark a POST view that only reads (a live score panel, the calculator): it need not wait
    for, nor hold, the write lock. Put it outermost, above login_required and the like."""
    view.baca_saja = True  # type: ignore[attr-defined]
    return view


class TulisSegeraSQLite:
    """Middleware: BEGIN IMMEDIATE for the transaction of a request that may write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        koneksi = connections[DEFAULT_DB_ALIAS]
        if request.method in METODE_BACA or koneksi.vendor != "sqlite":
            return self.get_response(request)
        # Connecting sets transaction_mode from OPTIONS: connect first, then override it.
        koneksi.ensure_connection()
        semula = koneksi.transaction_mode
        try:
            return self.get_response(request)
        finally:
            koneksi.transaction_mode = semula

    def process_view(self, request: HttpRequest, view_func: Callable, *args: object) -> None:
        # Runs after the URL is resolved and before ATOMIC_REQUESTS opens the view's transaction.
        koneksi = connections[DEFAULT_DB_ALIAS]
        if (
            request.method not in METODE_BACA
            and koneksi.vendor == "sqlite"
            and not getattr(view_func, "baca_saja", False)
            # A class-based view (DRF's as_view keeps the class on the function).
            and not getattr(getattr(view_func, "cls", None), "baca_saja", False)
        ):
            koneksi.ensure_connection()
            koneksi.transaction_mode = "IMMEDIATE"
