"""Pure due-date rules of O&P checks and the governance calendar (no database)."""

from datetime import date

import pytest

from monev.op import jadwal as j


@pytest.mark.parametrize(
    ("dasar", "bulan", "harapan"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # month end clamps
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year keeps the 29th
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
    ],
)
def test_pemeriksaan_berikut_counts_calendar_months(dasar, bulan, harapan):
    assert j.pemeriksaan_berikut(terakhir=dasar, serah_terima=None, interval_bulan=bulan) == harapan


def test_pemeriksaan_berikut_prefers_last_check_over_handover():
    hasil = j.pemeriksaan_berikut(
        terakhir=date(2026, 3, 1), serah_terima=date(2025, 1, 1), interval_bulan=6
    )
    assert hasil == date(2026, 9, 1)
    assert j.pemeriksaan_berikut(
        terakhir=None, serah_terima=date(2025, 1, 1), interval_bulan=6
    ) == date(2025, 7, 1)
    assert j.pemeriksaan_berikut(terakhir=None, serah_terima=None, interval_bulan=6) is None


def test_status_pemeriksaan_windows():
    tenggat = date(2026, 6, 30)
    assert j.status_pemeriksaan(tenggat, date(2026, 5, 30)) == j.StatusTenggat(j.TERJADWAL, 31)
    assert j.status_pemeriksaan(tenggat, date(2026, 5, 31)) == j.StatusTenggat(j.JATUH_TEMPO, 30)
    assert j.status_pemeriksaan(tenggat, tenggat) == j.StatusTenggat(j.JATUH_TEMPO, 0)
    assert j.status_pemeriksaan(tenggat, date(2026, 7, 1)) == j.StatusTenggat(j.TERLAMBAT, 1)


def test_evaluasi_due_31_march_next_year_warned_from_1_january():
    assert j.tenggat_evaluasi(2025) == date(2026, 3, 31)
    assert j.status_evaluasi(2025, date(2025, 12, 31)).kode == j.TERJADWAL
    assert j.status_evaluasi(2025, date(2026, 1, 1)) == j.StatusTenggat(j.JATUH_TEMPO, 89)
    assert j.status_evaluasi(2025, date(2026, 3, 31)) == j.StatusTenggat(j.JATUH_TEMPO, 0)
    assert j.status_evaluasi(2025, date(2026, 4, 1)) == j.StatusTenggat(j.TERLAMBAT, 1)


def test_peninjauan_five_years_after_sk_leap_day_clamps():
    assert j.tenggat_peninjauan(date(2021, 3, 15)) == date(2026, 3, 15)
    assert j.tenggat_peninjauan(date(2024, 2, 29)) == date(2029, 2, 28)


def test_peninjauan_warned_twelve_months_before():
    sk = date(2021, 3, 15)
    assert j.status_peninjauan(sk, date(2025, 3, 14)).kode == j.TERJADWAL
    assert j.status_peninjauan(sk, date(2025, 3, 15)) == j.StatusTenggat(j.JATUH_TEMPO, 365)
    assert j.status_peninjauan(sk, date(2026, 3, 16)) == j.StatusTenggat(j.TERLAMBAT, 1)
    # Leap day SK: the warning opens on the clamped date too.
    assert j.status_peninjauan(date(2024, 2, 29), date(2028, 2, 29)).kode == j.JATUH_TEMPO
    assert j.status_peninjauan(date(2024, 2, 29), date(2028, 2, 28)).kode == j.TERJADWAL


def test_pks_reported_within_two_months_always_reminded():
    assert j.tenggat_lapor_pks(date(2025, 12, 31)) == date(2026, 2, 28)
    assert j.status_lapor_pks(date(2026, 1, 10), date(2026, 1, 10)).kode == j.JATUH_TEMPO
    assert j.status_lapor_pks(date(2026, 1, 10), date(2026, 3, 11)) == j.StatusTenggat(
        j.TERLAMBAT, 1
    )
