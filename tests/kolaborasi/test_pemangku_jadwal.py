"""Pure time rules of the Pokja: calendar months, rencana kerja length and warnings."""

from datetime import date

import pytest

from kolaborasi.pemangku import jadwal


@pytest.mark.parametrize(
    ("awal", "bulan", "hasil"),
    [
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 15), 2, date(2026, 3, 15)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 3, 1), 12, date(2027, 3, 1)),
    ],
)
def test_it_adds_calendar_months_clamping_the_month_end(awal, bulan, hasil):
    assert jadwal.tambah_bulan(awal, bulan) == hasil


def test_the_next_monitoring_is_two_months_after_the_last():
    j = jadwal.jadwal_monitoring(date(2025, 12, 31), date(2026, 2, 28))
    assert j.berikut == date(2026, 2, 28)
    assert not j.terlambat


def test_it_is_late_the_day_after_the_due_date():
    j = jadwal.jadwal_monitoring(date(2025, 12, 31), date(2026, 3, 3))
    assert j.terlambat and j.hari_terlambat == 3


def test_without_a_monitoring_meeting_one_is_due_now():
    j = jadwal.jadwal_monitoring(None, date(2026, 3, 3))
    assert j.terlambat and j.berikut is None


@pytest.mark.parametrize(
    ("mulai", "selesai", "cukup"),
    [
        (date(2026, 1, 1), date(2026, 12, 31), True),
        (date(2026, 1, 1), date(2026, 12, 30), False),
        (date(2026, 3, 1), date(2027, 2, 28), True),
        (date(2024, 2, 29), date(2025, 2, 27), True),  # anniversary clamps to 28 Feb
        (date(2024, 2, 29), date(2025, 2, 26), False),
        (date(2026, 1, 1), date(2030, 12, 31), True),
    ],
)
def test_a_work_plan_spans_at_least_a_year(mulai, selesai, cukup):
    assert jadwal.rencana_cukup(mulai, selesai) is cukup


@pytest.mark.parametrize(
    ("selesai", "kode"),
    [
        (date(2026, 5, 31), "berakhir"),
        (date(2026, 6, 1), "segera"),
        (date(2026, 7, 31), "segera"),  # 60 days
        (date(2026, 8, 1), "berlaku"),
    ],
)
def test_it_warns_when_the_work_plan_ends_within_60_days(selesai, kode):
    assert jadwal.status_rencana(selesai, date(2026, 6, 1)).kode == kode


def test_an_open_decision_past_its_due_date_is_late():
    hari_ini = date(2026, 6, 1)
    assert jadwal.keputusan_terlambat(date(2026, 5, 31), False, hari_ini)
    assert not jadwal.keputusan_terlambat(date(2026, 5, 31), True, hari_ini)
    assert not jadwal.keputusan_terlambat(date(2026, 6, 1), False, hari_ini)
    assert not jadwal.keputusan_terlambat(None, False, hari_ini)
