"""When the Pokja next has to hold its monitoring meeting (one query, then the pure rule)."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from kolaborasi.models import Pertemuan
from kolaborasi.pemangku import jadwal
from lokasi.models import KabupatenKota

JENIS_MONITORING = "pokja_monitoring"


def jadwal_monitoring(kabupaten_kota: KabupatenKota) -> jadwal.JadwalMonitoring:
    """Return when the kab/kota's Pokja next has to hold a monitoring meeting (001:209).

    Counted from the city's last monitoring meeting, whichever Pokja SK held it: a new SK
    does not restart the two-month clock.
    """
    terakhir = Pertemuan.objects.filter(
        kabupaten_kota=kabupaten_kota, jenis=JENIS_MONITORING
    ).aggregate(t=Max("tanggal"))["t"]
    return jadwal.jadwal_monitoring(terakhir, timezone.localdate())
