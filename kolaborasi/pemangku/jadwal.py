"""Pure time rules of the Pokja and Forum PKP (no Django).

Seeds: 001:71 (rencana kerja of at least one year), 001:209 (the Pokja monitors at least every
2 months). Calendar months, not 60 days: a meeting on 31 December is next due on the last day
of February.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

# 001:209: "paling sedikit 2 (dua) bulan sekali".
BULAN_MONITORING = 2
# 001:71: the rencana kerja covers at least one year.
BULAN_RENCANA_MINIMUM = 12
# How early the page warns that the rencana kerja runs out (time to draft the next one).
HARI_PERINGATAN_RENCANA = 60


def tambah_bulan(tanggal: date, bulan: int) -> date:
    """Return the same day `bulan` calendar months later, clamped to the month's last day."""
    indeks = tanggal.month - 1 + bulan
    tahun, bulan_baru = tanggal.year + indeks // 12, indeks % 12 + 1
    hari = min(tanggal.day, calendar.monthrange(tahun, bulan_baru)[1])
    return date(tahun, bulan_baru, hari)


def rencana_cukup(mulai: date, selesai: date) -> bool:
    """Whether a rencana kerja from `mulai` to `selesai` (both inclusive) spans ≥ 1 year.

    1 January–31 December is one year: the end may be the day before the anniversary.
    """
    return selesai >= date.fromordinal(tambah_bulan(mulai, BULAN_RENCANA_MINIMUM).toordinal() - 1)


@dataclass(frozen=True)
class StatusRencana:
    kode: str  # "berakhir", "segera" or "berlaku"
    sisa_hari: int


def status_rencana(selesai: date, hari_ini: date) -> StatusRencana:
    """Say whether a rencana kerja has ended, ends within the warning window, or runs."""
    sisa = (selesai - hari_ini).days
    if sisa < 0:
        return StatusRencana("berakhir", sisa)
    if sisa <= HARI_PERINGATAN_RENCANA:
        return StatusRencana("segera", sisa)
    return StatusRencana("berlaku", sisa)


@dataclass(frozen=True)
class JadwalMonitoring:
    terakhir: date | None
    berikut: date | None  # None: no monitoring meeting yet, so one is due now
    terlambat: bool
    hari_terlambat: int


def jadwal_monitoring(terakhir: date | None, hari_ini: date) -> JadwalMonitoring:
    """Return when the next monitoring meeting is due after the last one, and if it is late.

    Due on the day two calendar months after the last meeting; late from the day after.
    Without any monitoring meeting the Pokja is late already (hari_terlambat 0).
    """
    if terakhir is None:
        return JadwalMonitoring(None, None, True, 0)
    berikut = tambah_bulan(terakhir, BULAN_MONITORING)
    telat = (hari_ini - berikut).days
    return JadwalMonitoring(terakhir, berikut, telat > 0, max(telat, 0))


def keputusan_terlambat(tenggat: date | None, selesai: bool, hari_ini: date) -> bool:
    """Whether an open decision is past its due date."""
    return tenggat is not None and not selesai and tenggat < hari_ini
