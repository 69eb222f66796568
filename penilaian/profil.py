"""The profile of a lokasi: every survey's criterion results side by side (issue 3 item 7).

Pure shaping of already-fetched rows: `susun_profil` reads the surveys (with their `isian`
prefetched) and the lokasi's RT units and runs no query of its own, so the page costs the same
number of queries for two surveys or twenty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lokasi.models import UnitSurvei
from penilaian import rumus
from penilaian.models import PITA_PILIHAN, Penilaian

NAIK = "naik"  # the score went up: the condition got worse
TURUN = "turun"  # the score went down: the condition improved
TETAP = "tetap"

# Volume, %, skor, foto: the criteria table's columns for one survey.
KOLOM_PER_PENILAIAN = 4
# Volumes counted in whole things (buildings, households) print without decimals.
SATUAN_BULAT = {"unit", "KK"}
LABEL_PITA = dict(PITA_PILIHAN)


@dataclass(frozen=True)
class Perubahan:
    """How a score moved since the nearest earlier survey that has one."""

    arah: str  # NAIK, TURUN or TETAP
    selisih: int  # now − before
    sebelum: int
    tahun_sebelum: int

    @property
    def tanda(self) -> str:
        """The difference as printed next to the score: +2, −2, ±0."""
        if self.selisih > 0:
            return f"+{self.selisih}"
        return f"−{-self.selisih}" if self.selisih < 0 else "±0"

    @property
    def keterangan(self) -> str:
        if self.arah == TETAP:
            return f"tetap {self.sebelum} sejak {self.tahun_sebelum}"
        return f"{self.arah} dari {self.sebelum} ({self.tahun_sebelum})"


@dataclass(frozen=True)
class SelAngka:
    """One score in one survey, with its change."""

    nilai: int | None
    perubahan: Perubahan | None = None


@dataclass(frozen=True)
class SelKriteria:
    """One criterion in one survey: Tabel 5 volume, share, score and the photo taken."""

    penilaian_pk: int
    volume: Decimal | None
    persen: Decimal | None
    pita: str  # Format Isian band ("51–75 %") when the score was chosen rather than measured
    skor: int | None
    perubahan: Perubahan | None
    ada_foto: bool
    keterangan: str


@dataclass(frozen=True)
class BarisKriteria:
    kode: str
    nama: str
    satuan: str
    bulat: bool
    sel: list[SelKriteria]


@dataclass(frozen=True)
class GrupAspek:
    kode: int
    nama: str
    kriteria: list[BarisKriteria]
    subtotal: list[SelAngka]


@dataclass(frozen=True)
class Kolom:
    """One survey's column: the survey itself and how its nilai kekumuhan moved."""

    penilaian: Penilaian
    nilai_kekumuhan: SelAngka


@dataclass(frozen=True)
class SelUnit:
    nilai: int | None
    tingkat: str
    perubahan: Perubahan | None


@dataclass(frozen=True)
class BarisUnit:
    unit: UnitSurvei
    sel: list[SelUnit]


@dataclass(frozen=True)
class Profil:
    kolom: list[Kolom]
    aspek: list[GrupAspek]
    unit: list[BarisUnit]

    @property
    def ada_penilaian(self) -> bool:
        return bool(self.kolom)

    @property
    def lebar_tabel(self) -> int:
        """Columns of the criteria table: kriteria, satuan, then 4 per survey."""
        return 2 + KOLOM_PER_PENILAIAN * len(self.kolom)


def perubahan_berurutan(
    nilai: Sequence[int | None], tahun: Sequence[int]
) -> list[Perubahan | None]:
    """Compare each value with the nearest earlier one that exists (oldest first).

    A survey without a value (incomplete) has no change, and does not hide the change between
    the surveys on either side of it.
    """
    hasil: list[Perubahan | None] = []
    terakhir: tuple[int, int] | None = None  # (value, year)
    for n, t in zip(nilai, tahun, strict=True):
        if n is None:
            hasil.append(None)
            continue
        if terakhir is None:
            hasil.append(None)
        else:
            sebelum, tahun_sebelum = terakhir
            arah = NAIK if n > sebelum else TURUN if n < sebelum else TETAP
            hasil.append(Perubahan(arah, n - sebelum, sebelum, tahun_sebelum))
        terakhir = (n, t)
    return hasil


def _desimal(teks: str | None) -> Decimal | None:
    return None if teks is None else Decimal(teks)


def _sel_angka(nilai: list[int | None], tahun: list[int]) -> list[SelAngka]:
    return [SelAngka(n, p) for n, p in zip(nilai, perubahan_berurutan(nilai, tahun), strict=True)]


def _baris_kriteria(
    k: rumus.Kriteria, daftar: Sequence[Penilaian], tahun: list[int]
) -> BarisKriteria:
    skor: list[int | None] = [p.hasil.get("skor", {}).get(k.kode) for p in daftar]
    sel = []
    for p, s, ubah in zip(daftar, skor, perubahan_berurutan(skor, tahun), strict=True):
        isian = next((i for i in p.isian.all() if i.kode == k.kode), None)
        sumber = p.hasil.get("sumber", {}).get(k.kode)
        # A band chosen on the Format Isian overrides the measurement: its volume (if the
        # numerik sheet happens to hold one) would not explain the score, so it is not shown.
        volume = None if sumber == "pita" else _desimal(p.hasil.get("volume", {}).get(k.kode))
        sel.append(
            SelKriteria(
                penilaian_pk=p.pk,
                volume=volume,
                persen=_desimal(p.hasil.get("persen", {}).get(k.kode)),
                pita=LABEL_PITA.get(isian.pita, isian.pita) if isian and sumber == "pita" else "",
                skor=s,
                perubahan=ubah,
                ada_foto=bool(isian and isian.foto),
                keterangan=isian.keterangan if isian else "",
            )
        )
    return BarisKriteria(k.kode, k.nama, k.satuan, k.satuan in SATUAN_BULAT, sel)


def _baris_unit(unit: UnitSurvei, daftar: Sequence[Penilaian], tahun: list[int]) -> BarisUnit:
    hasil = [p.hasil.get("unit", {}).get(str(unit.pk)) for p in daftar]
    nilai: list[int | None] = [h["nilai_kekumuhan"] if h else None for h in hasil]
    sel = [
        SelUnit(n, h["tingkat_kekumuhan"] if h else "", ubah)
        for n, h, ubah in zip(nilai, hasil, perubahan_berurutan(nilai, tahun), strict=True)
    ]
    return BarisUnit(unit, sel)


def susun_profil(penilaian: Sequence[Penilaian], unit: Sequence[UnitSurvei]) -> Profil:
    """Shape the surveys of one lokasi (oldest first, `isian` prefetched) into the profile.

    Rows: the 16 criteria grouped by aspect with each aspect's subtotal; columns: the surveys.
    Each score carries its change since the nearest earlier survey that was scored. RT units get
    their own row of nilai kekumuhan per survey (§7).
    """
    daftar = list(penilaian)
    tahun = [p.tahun for p in daftar]
    aspek = [
        GrupAspek(
            kode=a.kode,
            nama=a.nama,
            kriteria=[
                _baris_kriteria(rumus.KRITERIA_PER_KODE[kode], daftar, tahun) for kode in a.kriteria
            ],
            subtotal=_sel_angka(
                [p.hasil.get("skor_aspek", {}).get(str(a.kode)) for p in daftar], tahun
            ),
        )
        for a in rumus.ASPEK
    ]
    nilai = _sel_angka([p.nilai_kekumuhan for p in daftar], tahun)
    return Profil(
        kolom=[Kolom(p, n) for p, n in zip(daftar, nilai, strict=True)],
        aspek=aspek,
        unit=[_baris_unit(u, daftar, tahun) for u in unit] if daftar else [],
    )
