"""Pure rules of monitoring a kegiatan (no Django): what an entry may report, when a kegiatan
may be called selesai.

Realised volumes and spending are cumulative (kolaborasi-monev.md §1.6): a later entry repeats
what an earlier one reported plus what was done since, so a volume never goes down; spending
from a source may not pass what that source committed (PendanaanKegiatan), while a volume above
the plan is possible (the survey undercounted) and only warned about.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kumuh import angka

# The progress at which the physical work is complete (000:294, "progres fisik 100 %").
PROGRES_SELESAI = Decimal(100)


def tampil(nilai: Decimal) -> str:
    """Show a volume the Indonesian way with up to two visible decimals: 1.000, 0,5."""
    tempat = min(2, max(0, -nilai.normalize().as_tuple().exponent))
    return angka.format_desimal(nilai, tempat)


@dataclass(frozen=True)
class BarisEfek:
    """One effect row of an entry: its plan, the previous entry's volume and the new one."""

    nomor: int
    kriteria: str
    satuan: str
    rencana: Decimal
    sebelumnya: Decimal | None
    volume: Decimal


@dataclass(frozen=True)
class BarisDana:
    """One funding source of an entry: its committed amount and the spending reported."""

    label: str
    rencana: Decimal
    jumlah: Decimal


@dataclass(frozen=True)
class Hasil:
    galat: list[str]
    peringatan: list[str]


def _awalan(b: BarisEfek) -> str:
    return f"Efek baris {b.nomor} ({b.kriteria})"


def periksa_efek(baris: list[BarisEfek]) -> Hasil:
    """Refuse a volume lower than the previous entry's; warn about one above the plan."""
    galat, peringatan = [], []
    for b in baris:
        if b.sebelumnya is not None and b.volume < b.sebelumnya:
            galat.append(
                f"{_awalan(b)}, volume: {tampil(b.volume)} {b.satuan} lebih kecil dari "
                f"{tampil(b.sebelumnya)} {b.satuan} pada pemantauan sebelumnya; volume "
                f"terealisasi dihitung kumulatif sehingga tidak boleh turun."
            )
        elif b.volume > b.rencana:
            peringatan.append(
                f"{_awalan(b)}: volume terealisasi {tampil(b.volume)} {b.satuan} melebihi "
                f"rencana {tampil(b.rencana)} {b.satuan}; periksa kembali atau perbarui efek "
                f"kegiatan."
            )
    return Hasil(galat=galat, peringatan=peringatan)


def periksa_dana(baris: list[BarisDana]) -> list[str]:
    """Refuse spending from a source above what that source committed."""
    return [
        f"Realisasi keuangan {b.label}: {angka.format_rupiah(b.jumlah)} melebihi pendanaan "
        f"sumber itu {angka.format_rupiah(b.rencana)}."
        for b in baris
        if b.jumlah > b.rencana
    ]


def persen(bagian: Decimal | None, keseluruhan: Decimal | None) -> Decimal | None:
    """Return bagian as a percentage of keseluruhan (None when there is nothing to compare)."""
    if bagian is None or not keseluruhan:
        return None
    return (bagian * 100 / keseluruhan).quantize(Decimal("0.1"))


def kurang_untuk_selesai(
    *,
    progres: Decimal | None,
    efek_tanpa_volume: list[str],
    ada_foto_penuh: bool,
) -> list[str]:
    """Return what the latest monitoring still lacks before the kegiatan may be selesai."""
    if progres is None:
        return ["belum ada pemantauan (progres fisik 100 %, volume terealisasi, foto 100 %)"]
    kurang = []
    if progres < PROGRES_SELESAI:
        kurang.append(f"progres fisik pemantauan terakhir {tampil(progres)} %, belum 100 %")
    if efek_tanpa_volume:
        kurang.append("volume terealisasi efek " + ", ".join(efek_tanpa_volume))
    if not ada_foto_penuh:
        kurang.append("foto tahap 100 %")
    return kurang
