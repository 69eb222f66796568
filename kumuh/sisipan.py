"""Page slots a higher app may fill: a lower app's page renders what is registered for it.

Apps depend one way (lokasi ← penilaian ← kolaborasi ← monev), yet the lokasi profile (in
penilaian) should show the plan's projection (kolaborasi). The higher app registers a panel
for a named slot in its `AppConfig.ready()`; the page renders `render_sisipan(slot, …)` and
never names the higher app. A leaf helper: Django only, no app.

A panel is a callable (request, obj) → (template name, context), or None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

type Panel = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]

_PANEL: dict[str, list[Panel]] = {}


def daftarkan(slot: str, panel: Panel) -> None:
    """Register `panel` for `slot` (once: a second call with the same panel is ignored)."""
    daftar = _PANEL.setdefault(slot, [])
    if panel not in daftar:
        daftar.append(panel)


def cabut(slot: str, panel: Panel) -> None:
    """Unregister `panel` from `slot` (for tests)."""
    if panel in _PANEL.get(slot, []):
        _PANEL[slot].remove(panel)


def panel_untuk(slot: str) -> tuple[Panel, ...]:
    return tuple(_PANEL.get(slot, ()))


def render_sisipan(slot: str, request: HttpRequest, obj: Any) -> list[SafeString]:
    """Render the panels registered for `slot` about `obj`, in registration order."""
    hasil = []
    for panel in panel_untuk(slot):
        isi = panel(request, obj)
        if isi is not None:
            templat, konteks = isi
            hasil.append(render_to_string(templat, konteks, request=request))
    return hasil
