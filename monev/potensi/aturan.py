"""Pure rule of the watchlist's alert (no Django): a handled lokasi whose new survey is worse.

A lokasi is flagged "memburuk setelah ditangani" when its newest approved survey is worse than
the one before it — a higher nilai kekumuhan, or a worse tingkat — and a kegiatan was realised
at it in between. "In between" is read by year as Tabel 5 reads the handling window (t, t+n]
(monev.peninjauan.volume): a kegiatan of the older survey's own year is taken to be already in
that survey, one of the newer survey's year to be before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# From better to worse (Permen PUPR 14/2018 Tabel 3 A: < 16, 16–37, 38–59, 60–80).
URUTAN_TINGKAT = {"Tidak Kumuh": 0, "Kumuh Ringan": 1, "Kumuh Sedang": 2, "Kumuh Berat": 3}


@dataclass(frozen=True)
class Survei:
    pk: int
    tahun: int
    tanggal: date | None
    nilai: int
    tingkat: str


@dataclass(frozen=True)
class Penanganan:
    kegiatan_pk: int
    nama: str
    tahun: int


@dataclass(frozen=True)
class Memburuk:
    sebelum: Survei
    sesudah: Survei
    penanganan: tuple[Penanganan, ...]

    @property
    def selisih(self) -> int:
        return self.sesudah.nilai - self.sebelum.nilai


def _urutan(s: Survei) -> tuple:
    # By year, then survey date (an undated survey first within its year), then entry order.
    return (s.tahun, s.tanggal or date.min, s.pk)


def lebih_buruk(sebelum: Survei, sesudah: Survei) -> bool:
    """Whether the later survey scores higher or falls in a worse tingkat."""
    if sesudah.nilai > sebelum.nilai:
        return True
    return URUTAN_TINGKAT.get(sesudah.tingkat, -1) > URUTAN_TINGKAT.get(sebelum.tingkat, -1)


def memburuk(survei: list[Survei], penanganan: list[Penanganan]) -> Memburuk | None:
    """Return the worsening of a lokasi handled between its last two surveys, else None."""
    if len(survei) < 2:
        return None
    sebelum, sesudah = sorted(survei, key=_urutan)[-2:]
    di_antara = tuple(
        sorted(
            (p for p in penanganan if sebelum.tahun < p.tahun <= sesudah.tahun),
            key=lambda p: (p.tahun, p.kegiatan_pk),
        )
    )
    if not di_antara or not lebih_buruk(sebelum, sesudah):
        return None
    return Memburuk(sebelum=sebelum, sesudah=sesudah, penanganan=di_antara)
