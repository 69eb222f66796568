"""The watchlist's alert rule, hand-worked (pure, no database; issue 13 item 3)."""

from __future__ import annotations

from datetime import date

from monev.potensi.aturan import Penanganan, Survei, lebih_buruk, memburuk

S2021 = Survei(1, 2021, date(2021, 5, 1), 42, "Kumuh Sedang")
S2024_BURUK = Survei(2, 2024, date(2024, 6, 1), 50, "Kumuh Sedang")
JALAN_2023 = Penanganan(10, "Jalan lingkungan", 2023)


def test_a_higher_score_after_a_kegiatan_in_between_is_flagged():
    hasil = memburuk([S2024_BURUK, S2021], [JALAN_2023])
    assert hasil is not None
    assert (hasil.sebelum, hasil.sesudah, hasil.selisih) == (S2021, S2024_BURUK, 8)
    assert hasil.penanganan == (JALAN_2023,)


def test_a_worse_tingkat_counts_even_with_an_equal_or_lower_score():
    # Scores come from Tabel 3 bands; a tingkat read from another threshold still alerts.
    sesudah = Survei(2, 2024, None, 42, "Kumuh Berat")
    assert lebih_buruk(S2021, sesudah)
    assert not lebih_buruk(S2021, Survei(2, 2024, None, 42, "Kumuh Sedang"))
    assert not lebih_buruk(S2021, Survei(2, 2024, None, 30, "Kumuh Ringan"))


def test_no_alert_without_handling_in_the_window_t_to_t_plus_n():
    # The older survey's own year is already in that survey; after the newer one is too late.
    for tahun in (2021, 2020, 2025):
        assert memburuk([S2021, S2024_BURUK], [Penanganan(10, "x", tahun)]) is None
    assert memburuk([S2021, S2024_BURUK], []) is None
    # The newer survey's own year counts, as Tabel 5's (t, t+n].
    assert memburuk([S2021, S2024_BURUK], [Penanganan(10, "x", 2024)]) is not None


def test_no_alert_when_better_or_with_a_single_survey():
    membaik = Survei(2, 2024, None, 30, "Kumuh Ringan")
    assert memburuk([S2021, membaik], [JALAN_2023]) is None
    assert memburuk([S2021], [JALAN_2023]) is None


def test_only_the_last_two_surveys_are_compared():
    # 42 (2021) → 60 (2023) → 50 (2024): the newest is better than the one before it.
    s2023 = Survei(3, 2023, date(2023, 1, 1), 60, "Kumuh Berat")
    assert memburuk([S2021, s2023, S2024_BURUK], [Penanganan(10, "x", 2024)]) is None
    # Two surveys in one year: the later date is the newer one; undated sorts first.
    pagi = Survei(4, 2024, None, 40, "Kumuh Sedang")
    hasil = memburuk([S2024_BURUK, pagi], [Penanganan(11, "y", 2024)])
    assert hasil is None  # same year: no kegiatan can lie in (2024, 2024]
    assert memburuk([pagi, S2021], [JALAN_2023]) is None  # 42 → 40
