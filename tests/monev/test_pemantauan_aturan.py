"""Pure rules of monitoring: volumes never go down, spending within a source's funding, what a
kegiatan lacks before selesai. No database."""

import ast
from decimal import Decimal
from pathlib import Path

from monev.pemantauan import aturan
from monev.pemantauan.aturan import BarisDana, BarisEfek


def _efek(volume, sebelumnya=None, rencana=500) -> BarisEfek:
    return BarisEfek(
        nomor=2, kriteria="2a", satuan="m", rencana=Decimal(rencana),
        sebelumnya=None if sebelumnya is None else Decimal(sebelumnya), volume=Decimal(volume),
    )  # fmt: skip


def test_a_volume_lower_than_the_previous_entry_is_an_error_naming_the_row():
    hasil = aturan.periksa_efek([_efek(200, sebelumnya=250)])
    [galat] = hasil.galat
    assert galat.startswith("Efek baris 2 (2a), volume: 200 m lebih kecil dari 250 m")
    assert hasil.peringatan == []


def test_the_same_or_more_is_fine_and_above_the_plan_only_warns():
    assert aturan.periksa_efek([_efek(250, sebelumnya=250)]).galat == []
    hasil = aturan.periksa_efek([_efek("520.5", sebelumnya=250)])
    assert hasil.galat == []
    assert hasil.peringatan == [
        "Efek baris 2 (2a): volume terealisasi 520,5 m melebihi rencana 500 m; periksa kembali "
        "atau perbarui efek kegiatan."
    ]


def test_spending_above_the_source_names_it():
    galat = aturan.periksa_dana(
        [
            BarisDana(label="APBN", rencana=Decimal(100), jumlah=Decimal(100)),
            BarisDana(label="CSR/TJSLP", rencana=Decimal(50_000), jumlah=Decimal(60_000)),
        ]
    )
    assert galat == [
        "Realisasi keuangan CSR/TJSLP: Rp 60.000 melebihi pendanaan sumber itu Rp 50.000."
    ]


def test_what_selesai_needs():
    assert aturan.kurang_untuk_selesai(progres=None, efek_tanpa_volume=[], ada_foto_penuh=False)
    kurang = aturan.kurang_untuk_selesai(
        progres=Decimal("95.5"), efek_tanpa_volume=["2a (Kampung)"], ada_foto_penuh=False
    )
    assert kurang == [
        "progres fisik pemantauan terakhir 95,5 %, belum 100 %",
        "volume terealisasi efek 2a (Kampung)",
        "foto tahap 100 %",
    ]
    assert (
        aturan.kurang_untuk_selesai(progres=Decimal(100), efek_tanpa_volume=[], ada_foto_penuh=True)
        == []
    )


def test_persen():
    assert aturan.persen(Decimal(1), Decimal(3)) == Decimal("33.3")
    assert aturan.persen(None, Decimal(3)) is None and aturan.persen(Decimal(1), Decimal(0)) is None


def test_the_module_has_no_django():
    pohon = ast.parse(Path(aturan.__file__).read_text())
    nama = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(pohon)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in getattr(n, "names", [])
    ]
    assert not [m for m in nama if m and m.startswith("django")]
