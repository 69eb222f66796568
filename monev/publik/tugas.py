"""Background task of the public pages: read a city's published state into the cache.

The first visitor after a new SK or a changed publication setting would otherwise read the
frozen rows (3–9 s for 15,000 lokasi, issue 14): the change itself asks for the read, in the
background, so that anonymous visitors find the cache filled."""

from __future__ import annotations

import logging

from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend

log = logging.getLogger(__name__)


@task
def siapkan_publik(kabkota_pk: int) -> None:
    """Fill the cache of a published city: its state, the map's first answer, the GeoJSON."""
    from monev.publik.data import siapkan

    siapkan(kabkota_pk)


def minta_siapkan(kabkota_pk: int) -> None:
    """Queue `siapkan_publik` in the caller's transaction (a change rolled back queues nothing).

    Only with a background queue: the tests' inline backend would make the issuing request wait
    for the read, which is the very wait this saves visitors. A warm-up must never fail the
    user's change, so a queue that refuses is logged, not raised."""
    if type(siapkan_publik.get_backend()) is ImmediateBackend:
        return
    try:
        siapkan_publik.enqueue(kabkota_pk)
    except Exception:
        log.exception("Cache halaman publik kota %s tidak dapat diantrekan", kabkota_pk)


def sesudah_tetapkan(sk, beku) -> None:
    """Hook of `penilaian.sk.services.sk_tetapkan`: an issued SK changes the published state."""
    minta_siapkan(sk.kabupaten_kota_id)
