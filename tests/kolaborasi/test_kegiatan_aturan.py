"""Pure rules of kegiatan: remaining volume, funding check, effects summary (no database)."""

import ast
from decimal import Decimal
from pathlib import Path

from kolaborasi.kegiatan import aturan_kegiatan as a
from kolaborasi.kegiatan.aturan_kegiatan import DasarSurvei

D = Decimal
SATUAN = {"2a": "m", "6a": "KK", "1a": "unit"}


def periksa(rencana, dasar, lain=()):
    return a.periksa_sisa(
        rencana=rencana, nama_lokasi={1: "Kampung A", 2: "Kampung B"}, satuan=SATUAN,
        dasar=dasar, lain=lain,
    )  # fmt: skip


def test_it_warns_when_the_plan_exceeds_the_remainder_after_other_kegiatan():
    [s] = periksa(
        {(1, "2a"): D(700)},
        {(1, "2a"): DasarSurvei(2025, D(1000))},
        # counted: 2026 and 2027; not counted: 2025 (the survey already saw it)
        [(1, "2a", 2026, D(300)), (1, "2a", 2027, D(100)), (1, "2a", 2025, D(500))],
    )
    assert s.sisa == D(600) and s.melebihi
    assert s.pesan == (
        "Kampung A: volume 2a (700 m) melebihi sisa volume kumuh 600 m menurut penilaian 2025 "
        "(volume kumuh 1.000 m dikurangi 400 m kegiatan lain)."
    )


def test_a_plan_within_the_remainder_says_nothing():
    [s] = periksa({(1, "6a"): D(90)}, {(1, "6a"): DasarSurvei(2025, D(90))})
    assert not s.melebihi and s.pesan == ""


def test_the_remainder_never_goes_below_zero():
    [s] = periksa(
        {(1, "2a"): D("0.5")}, {(1, "2a"): DasarSurvei(2025, D(100))}, [(1, "2a", 2026, D(150))]
    )
    assert s.sisa == 0 and s.melebihi
    assert "volume 2a (0,5 m) melebihi sisa volume kumuh 0 m" in s.pesan


def test_a_band_or_a_missing_survey_is_said_not_guessed():
    pita, tanpa = periksa({(1, "1a"): D(3), (2, "1a"): D(4)}, {(1, "1a"): DasarSurvei(2024, None)})
    assert not pita.melebihi and "dinilai dengan pita" in pita.pesan and "2024" in pita.pesan
    assert tanpa.dasar is None and "belum ada penilaian terverifikasi pusat" in tanpa.pesan


def test_other_lokasi_and_criteria_do_not_count():
    [s] = periksa(
        {(1, "2a"): D(100)},
        {(1, "2a"): DasarSurvei(2025, D(100)), (2, "2a"): DasarSurvei(2025, D(100))},
        [(2, "2a", 2026, D(100)), (1, "6a", 2026, D(100))],
    )
    assert s.lain == 0 and not s.melebihi


def test_funding_must_sum_to_the_biaya_naming_the_difference():
    assert (
        a.galat_pendanaan(D(100_000_000), {"apbd_kabkota": D(60_000_000), "csr": D(40_000_000)})
        == ""
    )
    assert a.galat_pendanaan(D(100_000_000), {"apbd_kabkota": D(60_000_000)}) == (
        "Jumlah pendanaan Rp 60.000.000 kurang Rp 40.000.000 dari biaya Rp 100.000.000: sumber "
        "dana harus berjumlah sama dengan biaya."
    )
    assert "lebih Rp 5.000.000" in a.galat_pendanaan(D(10_000_000), {"dak": D(15_000_000)})


def test_effects_summary_sums_a_criterion_over_its_rows():
    teks = a.ringkas_efek([("6a", D(90), "KK"), ("2a", D(300), "m"), ("2a", D("200.50"), "m")])
    assert teks == "2a: 500,5 m; 6a: 90 KK"
    assert a.ringkas_efek([]) == ""


def test_the_rules_module_imports_no_django():
    pohon = ast.parse(Path(a.__file__).read_text())
    modul = {
        n.module if isinstance(n, ast.ImportFrom) else alias.name
        for n in ast.walk(pohon)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for alias in n.names
    }
    assert not any(m and m.split(".")[0] in {"django", "rest_framework"} for m in modul)
    assert {
        m for m in modul if m and m.split(".")[0] in {"kolaborasi", "lokasi", "penilaian"}
    } == set()
