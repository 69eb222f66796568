"""Pure rules of the funding gap, PKS states, stages and scores (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kolaborasi.pks import kaidah
from kolaborasi.pks.kaidah import Bagian, Skor

D = Decimal


@pytest.mark.parametrize(
    ("status", "sumber", "ada_pemberi", "terbuka"),
    [
        ("usulan", "lainnya", False, True),
        ("dianggarkan", "lainnya", False, True),
        ("usulan", "csr", False, True),
        ("direncanakan", "swadaya", False, True),
        ("dianggarkan", "csr", False, False),
        ("berjalan", "swadaya", False, False),
        ("usulan", "csr", True, False),
        ("usulan", "lainnya", True, False),
        ("usulan", "apbd_kabkota", False, False),
        ("usulan", "apbn", False, False),
    ],
)
def test_which_shares_are_open(status, sumber, ada_pemberi, terbuka):
    assert kaidah.bagian_terbuka(status, Bagian(sumber, D(1), ada_pemberi)) is terbuka


def test_open_shares_sum_and_pledges_reduce_them_never_below_zero():
    bagian = [Bagian("apbd_kabkota", D(100), False), Bagian("csr", D(60), False),
              Bagian("lainnya", D(40), False)]  # fmt: skip
    terbuka = kaidah.belum_terikat("usulan", bagian)
    assert terbuka == D(100)
    assert kaidah.kekurangan(terbuka, [D(30), None]) == D(70)
    assert kaidah.kekurangan(terbuka, [D(80), D(50)]) == D(0)
    assert kaidah.belum_terikat("dianggarkan", bagian) == D(40)


@pytest.mark.parametrize(
    ("dari", "ke", "boleh"),
    [
        ("draf", "ditandatangani", True),
        ("draf", "berjalan", False),
        ("ditandatangani", "berjalan", True),
        ("ditandatangani", "berakhir", True),
        ("ditandatangani", "selesai", False),
        ("berjalan", "selesai", True),
        ("berjalan", "berakhir", True),
        ("selesai", "berakhir", False),
        ("berakhir", "berjalan", False),
        ("berjalan", "draf", False),
    ],
)
def test_pks_moves_one_step_at_a_time(dari, ke, boleh):
    assert kaidah.boleh_pindah_pks(dari, ke) is boleh


def test_a_pks_is_reported_after_signing_at_a_later_meeting():
    ttd = date(2026, 3, 10)
    assert not kaidah.boleh_lapor(status="draf", tanggal_pks=ttd, tanggal_rapat=date(2026, 4, 1))
    assert not kaidah.boleh_lapor(
        status="ditandatangani", tanggal_pks=ttd, tanggal_rapat=date(2026, 3, 9)
    )
    assert kaidah.boleh_lapor(status="ditandatangani", tanggal_pks=ttd, tanggal_rapat=ttd)
    assert kaidah.boleh_lapor(status="berjalan", tanggal_pks=None, tanggal_rapat=ttd)


@pytest.mark.parametrize(
    ("mulai", "selesai", "keadaan"),
    [
        (None, None, "belum"),
        (date(2026, 7, 1), None, "dijadwalkan"),
        (date(2026, 5, 1), None, "berjalan"),
        (date(2026, 5, 1), date(2026, 7, 1), "berjalan"),
        (date(2026, 5, 1), date(2026, 6, 1), "selesai"),
        (None, date(2026, 5, 1), "selesai"),
    ],
)
def test_stage_state_from_dates(mulai, selesai, keadaan):
    assert kaidah.keadaan_tahap(mulai, selesai, date(2026, 6, 1)) == keadaan


def test_weighted_total_counts_missing_scores_as_zero_and_says_so():
    total = kaidah.total_tertimbang([Skor(D(2), 5, 4), Skor(D("1.5"), 5, None), Skor(D(1), 3, 3)])
    assert total.tertimbang == D(11)
    assert total.maks == D("20.5")
    assert total.persen == D("53.7")
    assert not total.lengkap
    assert kaidah.total_tertimbang([]).persen is None
    assert kaidah.total_tertimbang([Skor(D(1), 5, 5)]).lengkap
