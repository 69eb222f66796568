"""Rate limit of the public pages per client IP, counted in Django's cache.

Fixed windows of settings.KUMUH_PENGADUAN_BATAS["detik"]: enough against a script filing
hundreds of complaints or walking the code space, and no state outside the cache. Behind a
proxy, REMOTE_ADDR must be set to the client's address by the server (not read from a header
the client can forge).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def lewat_batas(request: HttpRequest, jenis: str) -> bool:
    """Count this request against the IP's limit for `jenis` ("kirim"/"cek"); True if over."""
    batas = settings.KUMUH_PENGADUAN_BATAS
    kunci = f"pengaduan:{jenis}:{request.META.get('REMOTE_ADDR', '')}"
    # add() starts the window only once; incr() keeps its expiry.
    cache.add(kunci, 0, timeout=batas["detik"])
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, timeout=batas["detik"])
        jumlah = 1
    return jumlah > batas[jenis]
