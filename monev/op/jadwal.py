"""Pure due-date rules of the governance calendar and the asset checks (no Django).

Calendar months throughout (kolaborasi's `tambah_bulan`): a date that does not exist in the
target month is clamped to its last day, so 31 August + 6 months is 28/29 February and an SK of
29 February 2024 is due for re-review on 28 February 2029.

Rules (spec §1.6 Time rules; where the seeds are silent the choice is written here):
- Asset check (000:299-315): next = last check (or serah terima when none) + interval months;
  warned `HARI_PERINGATAN_PEMERIKSAAN` days before.
- Annual evaluation (001:233-235; the seeds give no deadline): a year with kegiatan needs a
  final EvaluasiTahunan by 31 March of the next year; warned from 1 January of that next year
  (the year has closed and the draft can be assembled).
- Peninjauan ulang (002:526; 003:507): at least once in 5 years, due = tanggal SK + 5 years;
  warned 12 months before.
- PKS reported to the Pokja (000:283; no deadline in the seeds): at the Pokja's next meeting,
  which comes at the latest 2 months after signing (001:209), so due = tanggal PKS + 2 months;
  always shown while unreported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kolaborasi.pemangku.jadwal import BULAN_MONITORING, tambah_bulan

# 002:526, 003:507: "paling sedikit 1 (satu) kali dalam 5 (lima) tahun".
BULAN_PENINJAUAN = 5 * 12
# Spec §1.6: warn 12 months before the re-review is due.
BULAN_PERINGATAN_PENINJAUAN = 12
# Proposal: a month's notice leaves time to plan a field visit with the KSM/KPP.
HARI_PERINGATAN_PEMERIKSAAN = 30
# Proposal (seeds silent): the annual report is final by 31 March of the next year.
BATAS_EVALUASI = (3, 31)

TERLAMBAT = "terlambat"
JATUH_TEMPO = "jatuh_tempo"
TERJADWAL = "terjadwal"


@dataclass(frozen=True)
class StatusTenggat:
    kode: str  # TERLAMBAT, JATUH_TEMPO or TERJADWAL
    hari: int  # days late (terlambat) or days left (otherwise)

    @property
    def terlambat(self) -> bool:
        return self.kode == TERLAMBAT


def status_tenggat(tenggat: date, hari_ini: date, *, peringatan_mulai: date) -> StatusTenggat:
    """Say whether `tenggat` has passed, is within its warning window, or lies ahead.

    Due on the day itself (jatuh tempo, 0 days left); late from the day after.
    """
    sisa = (tenggat - hari_ini).days
    if sisa < 0:
        return StatusTenggat(TERLAMBAT, -sisa)
    if hari_ini >= peringatan_mulai:
        return StatusTenggat(JATUH_TEMPO, sisa)
    return StatusTenggat(TERJADWAL, sisa)


def pemeriksaan_berikut(
    *, terakhir: date | None, serah_terima: date | None, interval_bulan: int
) -> date | None:
    """Return when an asset is next checked; None without a check or a handover date."""
    dasar = terakhir or serah_terima
    if dasar is None:
        return None
    return tambah_bulan(dasar, interval_bulan)


def status_pemeriksaan(tenggat: date, hari_ini: date) -> StatusTenggat:
    return status_tenggat(
        tenggat,
        hari_ini,
        peringatan_mulai=tenggat - timedelta(days=HARI_PERINGATAN_PEMERIKSAAN),
    )


def tenggat_evaluasi(tahun: int) -> date:
    """Return the date by which the evaluation of `tahun` should be final (31 March next)."""
    bulan, hari = BATAS_EVALUASI
    return date(tahun + 1, bulan, hari)


def status_evaluasi(tahun: int, hari_ini: date) -> StatusTenggat:
    return status_tenggat(tenggat_evaluasi(tahun), hari_ini, peringatan_mulai=date(tahun + 1, 1, 1))


def tenggat_peninjauan(tanggal_sk: date) -> date:
    """Return when the SK's lokasi must have been re-reviewed (5 years after the SK)."""
    return tambah_bulan(tanggal_sk, BULAN_PENINJAUAN)


def status_peninjauan(tanggal_sk: date, hari_ini: date) -> StatusTenggat:
    tenggat = tenggat_peninjauan(tanggal_sk)
    mulai = tambah_bulan(tanggal_sk, BULAN_PENINJAUAN - BULAN_PERINGATAN_PENINJAUAN)
    return status_tenggat(tenggat, hari_ini, peringatan_mulai=mulai)


def tenggat_lapor_pks(tanggal_pks: date) -> date:
    """Return by when a signed PKS should have been tabled at a Pokja meeting."""
    return tambah_bulan(tanggal_pks, BULAN_MONITORING)


def status_lapor_pks(tanggal_pks: date, hari_ini: date) -> StatusTenggat:
    # Always a reminder while unreported: the warning window opens at signing.
    return status_tenggat(tenggat_lapor_pks(tanggal_pks), hari_ini, peringatan_mulai=tanggal_pks)
