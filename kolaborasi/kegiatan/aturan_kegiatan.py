"""Pure rules of kegiatan: remaining slum volume per (lokasi, criterion), the funding check,
the effects summary (no Django).

Remaining volume (kolaborasi-monev.md §3.1): the latest terverifikasi pusat survey of a lokasi
gives V(c) in the criterion's Format Numerik unit, as the SK reads it; the other kegiatan of that
lokasi that are more than a proposal and fall after the survey's year, (t, …], have already
claimed part of it:

    sisa(c) = V(c) − Σ volumes of the other kegiatan for c

A kegiatan planning more than the remainder is warned about, not refused: the survey may be
out of date, or an earlier kegiatan double-counted; the Pokja decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from kumuh import angka

NOL = Decimal(0)


def tampil_volume(nilai: Decimal) -> str:
    """Show a volume the Indonesian way, keeping up to two visible decimals: 1.000, 0,5."""
    tempat = min(2, max(0, -nilai.normalize().as_tuple().exponent))
    return angka.format_desimal(nilai, tempat)


@dataclass(frozen=True)
class DasarSurvei:
    """What the lokasi's latest terverifikasi pusat survey says of one criterion."""

    tahun: int
    volume: Decimal | None  # None: the criterion was given as a band (or left without numbers)


@dataclass(frozen=True)
class SisaVolume:
    """One (lokasi, criterion) of a kegiatan checked against the survey's remaining volume."""

    lokasi: str
    kode: str
    satuan: str
    rencana: Decimal  # this kegiatan's volume for the criterion at the lokasi
    dasar: DasarSurvei | None
    lain: Decimal  # the other kegiatan's volumes counted against the survey

    @property
    def sisa(self) -> Decimal | None:
        if self.dasar is None or self.dasar.volume is None:
            return None
        return max(self.dasar.volume - self.lain, NOL)

    @property
    def melebihi(self) -> bool:
        return self.sisa is not None and self.rencana > self.sisa

    @property
    def pesan(self) -> str:
        """Return the warning or note in Indonesian, "" when the plan fits."""
        v = f"{tampil_volume(self.rencana)} {self.satuan}"
        if self.dasar is None:
            return (
                f"{self.lokasi}: belum ada penilaian terverifikasi pusat, sehingga volume "
                f"{self.kode} ({v}) tidak dapat dibandingkan dengan sisa volume kumuh."
            )
        if self.dasar.volume is None:
            return (
                f"{self.lokasi}: kriteria {self.kode} pada penilaian {self.dasar.tahun} dinilai "
                f"dengan pita tanpa Format Numerik, sehingga tidak ada volume kumuh untuk "
                f"dibandingkan dengan volume {self.kode} ({v})."
            )
        if not self.melebihi:
            return ""
        sisa = f"{tampil_volume(self.sisa)} {self.satuan}"
        rinci = ""
        if self.lain:
            rinci = (
                f" (volume kumuh {tampil_volume(self.dasar.volume)} {self.satuan} dikurangi "
                f"{tampil_volume(self.lain)} {self.satuan} kegiatan lain)"
            )
        return (
            f"{self.lokasi}: volume {self.kode} ({v}) melebihi sisa volume kumuh {sisa} menurut "
            f"penilaian {self.dasar.tahun}{rinci}."
        )


def periksa_sisa(
    *,
    rencana: Mapping[tuple[int, str], Decimal],
    nama_lokasi: Mapping[int, str],
    satuan: Mapping[str, str],
    dasar: Mapping[tuple[int, str], DasarSurvei],
    lain: Iterable[tuple[int, str, int, Decimal]],
) -> list[SisaVolume]:
    """Check each planned (lokasi id, criterion) → volume against the survey's remainder.

    `dasar` holds the surveys' volumes for the lokasi that have one; `lain` the other
    kegiatan's effects as (lokasi id, criterion, kegiatan year, volume): only those after the
    survey's year count.
    """
    terpakai: dict[tuple[int, str], Decimal] = {}
    for lokasi, kode, tahun, volume in lain:
        d = dasar.get((lokasi, kode))
        if d is not None and tahun > d.tahun:
            terpakai[(lokasi, kode)] = terpakai.get((lokasi, kode), NOL) + volume
    return [
        SisaVolume(
            lokasi=nama_lokasi[lokasi],
            kode=kode,
            satuan=satuan[kode],
            rencana=volume,
            dasar=dasar.get((lokasi, kode)),
            lain=terpakai.get((lokasi, kode), NOL),
        )
        for (lokasi, kode), volume in sorted(
            rencana.items(), key=lambda baris: (nama_lokasi[baris[0][0]], baris[0][1])
        )
    ]


def galat_pendanaan(biaya: Decimal, pendanaan: Mapping[str, Decimal]) -> str:
    """Return why the funding does not sum to the biaya (in Indonesian), "" when it does."""
    selisih = biaya - sum(pendanaan.values(), NOL)
    if selisih == 0:
        return ""
    jumlah = angka.format_rupiah(biaya - selisih)
    if selisih > 0:
        return (
            f"Jumlah pendanaan {jumlah} kurang {angka.format_rupiah(selisih)} dari biaya "
            f"{angka.format_rupiah(biaya)}: sumber dana harus berjumlah sama dengan biaya."
        )
    return (
        f"Jumlah pendanaan {jumlah} lebih {angka.format_rupiah(-selisih)} dari biaya "
        f"{angka.format_rupiah(biaya)}: sumber dana harus berjumlah sama dengan biaya."
    )


def ringkas_efek(efek: Iterable[tuple[str, Decimal, str]]) -> str:
    """Summarise effects as "2a: 500 m; 6a: 90 KK", summing a criterion over its rows."""
    jumlah: dict[str, Decimal] = {}
    satuan: dict[str, str] = {}
    for kode, volume, s in efek:
        jumlah[kode] = jumlah.get(kode, NOL) + volume
        satuan[kode] = s
    return "; ".join(f"{k}: {tampil_volume(jumlah[k])} {satuan[k]}" for k in sorted(jumlah))
