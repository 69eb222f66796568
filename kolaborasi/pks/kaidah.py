"""Pure rules of the funding gap, the PKS states, the stages and the Pokja's scores (no Django).

Seeds: 000:250-253 (the Pokja's own priority criteria and its scoring of the lokasi), 000:236-246
(six stages), 000:273-283 (Forum PKP, pledges, PKS reported to the Pokja).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# --- funding gap -------------------------------------------------------------------------------

# The shares nobody has committed to yet. Funding always sums to the biaya (the kegiatan form
# enforces it), so "unfunded" cannot be biaya − Σ shares; it is the non-government shares that
# still lack a pemberi dana:
# - "lainnya" without a pemberi dana, whatever the kegiatan's state (a hole in the plan);
# - CSR/TJSLP and Swadaya without a pemberi dana while the kegiatan is still usulan or
#   direncanakan: once it is dianggarkan the Dinas has secured them some other way.
SUMBER_TERBUKA_SELALU = frozenset({"lainnya"})
SUMBER_TERBUKA_SEBELUM_ANGGARAN = frozenset({"csr", "swadaya"})
STATUS_SEBELUM_ANGGARAN = frozenset({"usulan", "direncanakan"})


@dataclass(frozen=True)
class Bagian:
    """One funding share of a kegiatan: source, amount, whether a pemberi dana is named."""

    sumber: str
    jumlah: Decimal
    ada_pemberi: bool


def bagian_terbuka(status_kegiatan: str, bagian: Bagian) -> bool:
    """Whether a share still counts as not committed (see the rule above)."""
    if bagian.ada_pemberi:
        return False
    if bagian.sumber in SUMBER_TERBUKA_SELALU:
        return True
    return (
        bagian.sumber in SUMBER_TERBUKA_SEBELUM_ANGGARAN
        and status_kegiatan in STATUS_SEBELUM_ANGGARAN
    )


def belum_terikat(status_kegiatan: str, bagian: Iterable[Bagian]) -> Decimal:
    """Return the sum of a kegiatan's shares not yet committed."""
    return sum((b.jumlah for b in bagian if bagian_terbuka(status_kegiatan, b)), Decimal(0))


def kekurangan(terbuka: Decimal, ikrar: Iterable[Decimal | None]) -> Decimal:
    """Return what is still unfunded: the open shares minus the pledged amounts, never < 0.

    A pledge without a value in rupiah (labour, training) does not reduce the gap.
    """
    dijanjikan = sum((n for n in ikrar if n is not None), Decimal(0))
    return max(terbuka - dijanjikan, Decimal(0))


# --- PKS states --------------------------------------------------------------------------------

# draf → ditandatangani → berjalan → selesai, and berakhir (ended early) from a signed or
# running agreement; one step at a time (Proposal on kolaborasi-monev.md §1.6).
TRANSISI_PKS: dict[str, tuple[str, ...]] = {
    "draf": ("ditandatangani",),
    "ditandatangani": ("berjalan", "berakhir"),
    "berjalan": ("selesai", "berakhir"),
    "selesai": (),
    "berakhir": (),
}


def status_pks_berikut(status: str) -> tuple[str, ...]:
    """Return the states a PKS may move to from `status`."""
    return TRANSISI_PKS.get(status, ())


def boleh_pindah_pks(dari: str, ke: str) -> bool:
    """Whether a PKS may go from `dari` to `ke` in one step."""
    return ke in status_pks_berikut(dari)


def boleh_lapor(*, status: str, tanggal_pks: date | None, tanggal_rapat: date) -> bool:
    """Whether a PKS may be reported at a Pokja meeting of `tanggal_rapat`.

    Only a signed agreement is reported, and not at a meeting held before it was signed.
    """
    if status == "draf":
        return False
    return tanggal_pks is None or tanggal_rapat >= tanggal_pks


# --- stages ------------------------------------------------------------------------------------

KEADAAN_TAHAP: dict[str, str] = {
    "belum": "Belum dimulai",
    "dijadwalkan": "Dijadwalkan",
    "berjalan": "Berjalan",
    "selesai": "Selesai",
}


def keadaan_tahap(mulai: date | None, selesai: date | None, hari_ini: date) -> str:
    """Return where a stage stands on `hari_ini` from its start and end dates."""
    if selesai is not None and selesai <= hari_ini:
        return "selesai"
    if mulai is None:
        return "belum"
    return "dijadwalkan" if mulai > hari_ini else "berjalan"


# --- the Pokja's intervention scores -----------------------------------------------------------


@dataclass(frozen=True)
class Skor:
    """One criterion's score of a lokasi; `nilai` None when not scored yet."""

    bobot: Decimal
    nilai_maks: int
    nilai: int | None


@dataclass(frozen=True)
class Total:
    tertimbang: Decimal  # Σ bobot × nilai
    maks: Decimal  # Σ bobot × nilai tertinggi
    lengkap: bool  # every criterion scored

    @property
    def persen(self) -> Decimal | None:
        if not self.maks:
            return None
        return (self.tertimbang * 100 / self.maks).quantize(Decimal("0.1"), ROUND_HALF_UP)


def total_tertimbang(skor: Iterable[Skor]) -> Total:
    """Return the weighted total of a lokasi's scores (an unscored criterion counts 0)."""
    tertimbang = maks = Decimal(0)
    lengkap = True
    for s in skor:
        maks += s.bobot * s.nilai_maks
        if s.nilai is None:
            lengkap = False
        else:
            tertimbang += s.bobot * s.nilai
    return Total(tertimbang=tertimbang, maks=maks, lengkap=lengkap)
