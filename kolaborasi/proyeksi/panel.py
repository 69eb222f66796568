"""The projection panel of the lokasi profile (registered in KolaborasiConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kolaborasi.proyeksi.muat import muat_proyeksi
from lokasi.models import Lokasi

SLOT_PROFIL = "profil_lokasi"


def panel_profil(request: HttpRequest, lokasi: Lokasi) -> tuple[str, dict[str, Any]] | None:
    """Return the projected score of the lokasi, or None when no counted kegiatan touches it."""
    hasil, _survei = muat_proyeksi(request.user, lokasi=lokasi)
    if not hasil.lokasi or not hasil.lokasi[0].efek:
        return None
    return "kolaborasi/proyeksi_panel.html", {
        "lokasi": lokasi,
        "p": hasil.lokasi[0],
        "tahun": hasil.tahun,
    }
