"""The plan's projected score per lokasi, per year and for the whole plan (pure, no Django).

The rule, also stated on the page:

- Baseline: each lokasi's latest **terverifikasi pusat** survey (what the SK uses).
- Counted kegiatan: status direncanakan, dianggarkan, berjalan, selesai or diserahterimakan
  (`STATUS_DIHITUNG`; usulan only when the user asks for it as a scenario), with a tahun
  **later than the survey's tahun** — work of the survey's year or before is already in what
  the surveyor saw (`dihitung`).
- An effect counts at the lokasi it names, so a city-wide kegiatan counts where its effects
  are allocated. Effects on an RT unit count at its kawasan (whose volumes are the units' sums).
- Year Y's projection applies every counted effect of tahun ≤ Y (cumulative); the whole plan
  applies all of them up to the chosen last year.
- Volumes go through `penilaian.penanganan.terapkan` (kolaborasi-monev.md §3.1): denominators,
  legalitas and pertimbangan lain stay at baseline, so the klasifikasi keeps its number and
  takes the letter of the projected tingkat. Everything here is a projection ("proyeksi").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from penilaian import rumus
from penilaian.penanganan import BarisPenanganan, HasilPenanganan, terapkan

# Kegiatan whose effects a projection applies: decided, whether or not already done (a survey
# older than the work does not show it yet). "usulan" is a scenario the user may add.
STATUS_DIHITUNG = ("direncanakan", "dianggarkan", "berjalan", "selesai", "diserahterimakan")
STATUS_SKENARIO = "usulan"

TINGKAT_URUT = (
    rumus.TingkatKekumuhan.BERAT,
    rumus.TingkatKekumuhan.SEDANG,
    rumus.TingkatKekumuhan.RINGAN,
    rumus.TingkatKekumuhan.TIDAK_KUMUH,
)


def status_dihitung(dengan_usulan: bool = False) -> tuple[str, ...]:
    """Return the kegiatan statuses a projection applies (usulan only as a scenario)."""
    return (STATUS_SKENARIO, *STATUS_DIHITUNG) if dengan_usulan else STATUS_DIHITUNG


def dihitung(tahun_efek: int, tahun_survei: int) -> bool:
    """Whether work of `tahun_efek` is still to show on a survey of `tahun_survei`."""
    return tahun_efek > tahun_survei


@dataclass(frozen=True)
class Dasar:
    """One lokasi's baseline: its latest verified survey as the rules' input."""

    lokasi_pk: int
    nama: str
    tahun: int  # of the survey
    masukan: rumus.MasukanPenilaian
    luas_ha: Decimal | None  # the survey's luas verifikasi, else the lokasi's luas SK
    kecamatan: tuple[str, str] | None = None  # (kode, nama) where the lokasi counts
    penilaian_pk: int | None = None


@dataclass(frozen=True)
class Efek:
    """A planned volume: criterion `kriteria` handled at a lokasi in a year, by a kegiatan."""

    lokasi_pk: int
    tahun: int
    kriteria: str
    volume: Decimal
    kegiatan_pk: int = 0
    kegiatan_nama: str = ""
    status: str = ""


@dataclass(frozen=True)
class ProyeksiLokasi:
    dasar: Dasar
    per_tahun: dict[int, HasilPenanganan]  # cumulative, for each year column
    akhir: HasilPenanganan  # the whole plan
    efek: tuple[Efek, ...]  # the counted effects, by year

    @property
    def awal(self) -> rumus.HasilPenilaian:
        return self.akhir.awal

    @property
    def berubah(self) -> bool:
        return self.akhir.akhir.nilai_kekumuhan != self.awal.nilai_kekumuhan

    @property
    def arah(self) -> str:
        """ "keluar" (leaves the list), "turun" (lower tingkat), "membaik" (lower nilai), ""."""
        if self.akhir.keluar_daftar:
            return "keluar"
        if self.akhir.turun_tingkat:
            return "turun"
        return "membaik" if self.berubah else ""

    def efek_kriteria(self, kode: str) -> list[Efek]:
        """Return the counted effects behind one criterion's handled volume."""
        return [e for e in self.efek if e.kriteria == kode]


@dataclass
class Rekap:
    """How many lokasi and hectares."""

    label: str
    jumlah: int = 0
    luas_ha: Decimal = Decimal(0)

    def tambah(self, luas: Decimal | None) -> None:
        self.jumlah += 1
        self.luas_ha += luas or 0


@dataclass
class RekapKecamatan:
    """One kecamatan: in the list now, in the list after the plan, leaving it."""

    kode: str
    nama: str
    awal: Rekap = field(default_factory=lambda: Rekap(""))
    akhir: Rekap = field(default_factory=lambda: Rekap(""))
    keluar: Rekap = field(default_factory=lambda: Rekap(""))


@dataclass(frozen=True)
class Proyeksi:
    lokasi: tuple[ProyeksiLokasi, ...]
    tahun: tuple[int, ...]  # the year columns
    tidak_terhitung: tuple[tuple[Dasar, str], ...] = ()  # baseline not scorable, and why

    def rekap_tingkat(self) -> list[tuple[str, Rekap, Rekap]]:
        """Return (tingkat, before, after) for Berat, Sedang, Ringan, Tidak Kumuh."""
        awal = {t: Rekap(t.value) for t in TINGKAT_URUT}
        akhir = {t: Rekap(t.value) for t in TINGKAT_URUT}
        for p in self.lokasi:
            awal[p.awal.tingkat_kekumuhan].tambah(p.dasar.luas_ha)
            akhir[p.akhir.akhir.tingkat_kekumuhan].tambah(p.dasar.luas_ha)
        return [(t.value, awal[t], akhir[t]) for t in TINGKAT_URUT]

    def rekap_kecamatan(self) -> list[RekapKecamatan]:
        """Return one line per kecamatan (by code): kumuh now, kumuh after, leaving the list."""
        rekap: dict[str, RekapKecamatan] = {}
        for p in self.lokasi:
            kode, nama = p.dasar.kecamatan or ("", "–")
            r = rekap.setdefault(kode, RekapKecamatan(kode, nama))
            if p.awal.kumuh:
                r.awal.tambah(p.dasar.luas_ha)
            if p.akhir.akhir.kumuh:
                r.akhir.tambah(p.dasar.luas_ha)
            if p.akhir.keluar_daftar:
                r.keluar.tambah(p.dasar.luas_ha)
        return [rekap[k] for k in sorted(rekap)]

    def jumlah(self) -> RekapKecamatan:
        """Return the city's line: the kecamatan lines added up."""
        total = RekapKecamatan("", "Jumlah")
        for r in self.rekap_kecamatan():
            for bagian in ("awal", "akhir", "keluar"):
                t, x = getattr(total, bagian), getattr(r, bagian)
                t.jumlah += x.jumlah
                t.luas_ha += x.luas_ha
        return total


def proyeksikan(
    dasar: Iterable[Dasar], efek: Iterable[Efek], *, tahun_akhir: int | None = None
) -> Proyeksi:
    """Apply the counted effects to each baseline, per year (cumulative) and for the whole plan.

    An effect counts when its year is after its lokasi's survey year (`dihitung`) and not after
    `tahun_akhir`; effects at a lokasi without a baseline are ignored.
    """
    dasar = list(dasar)
    tahun_survei = {d.lokasi_pk: d.tahun for d in dasar}
    per_lokasi: dict[int, list[Efek]] = defaultdict(list)
    for e in efek:
        if e.lokasi_pk not in tahun_survei or not dihitung(e.tahun, tahun_survei[e.lokasi_pk]):
            continue
        if tahun_akhir is not None and e.tahun > tahun_akhir:
            continue
        per_lokasi[e.lokasi_pk].append(e)
    tahun = tuple(sorted({e.tahun for daftar in per_lokasi.values() for e in daftar}))

    hasil: list[ProyeksiLokasi] = []
    gagal: list[tuple[Dasar, str]] = []
    for d in dasar:
        milik = sorted(per_lokasi.get(d.lokasi_pk, []), key=lambda e: (e.tahun, e.kegiatan_pk))
        try:
            akhir = terapkan(d.masukan, _jumlahkan(milik))
            per_tahun = _per_tahun(d, milik, tahun, akhir)
        except rumus.KesalahanMasukan as galat:
            gagal.append((d, str(galat)))
            continue
        hasil.append(ProyeksiLokasi(dasar=d, per_tahun=per_tahun, akhir=akhir, efek=tuple(milik)))
    return Proyeksi(lokasi=tuple(hasil), tahun=tahun, tidak_terhitung=tuple(gagal))


def _per_tahun(
    d: Dasar, efek: Sequence[Efek], tahun: Sequence[int], akhir: HasilPenanganan
) -> dict[int, HasilPenanganan]:
    """Return the cumulative result at each year column, reusing one result while nothing
    changes (most lokasi have work in one or two years)."""
    per_tahun: dict[int, HasilPenanganan] = {}
    sebelumnya: HasilPenanganan | None = None
    jumlah_sebelumnya = -1
    for y in tahun:
        sampai = [e for e in efek if e.tahun <= y]
        if len(sampai) == len(efek):
            per_tahun[y] = akhir
            continue
        if len(sampai) != jumlah_sebelumnya or sebelumnya is None:
            sebelumnya = terapkan(d.masukan, _jumlahkan(sampai))
            jumlah_sebelumnya = len(sampai)
        per_tahun[y] = sebelumnya
    return per_tahun


def _jumlahkan(efek: Iterable[Efek]) -> dict[str, Decimal]:
    jumlah: dict[str, Decimal] = defaultdict(Decimal)
    for e in efek:
        jumlah[e.kriteria] += e.volume
    return dict(jumlah)


@dataclass(frozen=True)
class BarisRinci:
    """One criterion of a lokasi's before/after table, with the effects behind its volume."""

    kriteria: rumus.Kriteria
    baris: BarisPenanganan
    efek: tuple[Efek, ...]


@dataclass(frozen=True)
class AspekRinci:
    aspek: rumus.Aspek
    baris: tuple[BarisRinci, ...]
    nilai_awal: int
    nilai_akhir: int


def rinci(p: ProyeksiLokasi) -> list[AspekRinci]:
    """Return the 16 criteria grouped by aspect with aspect totals (the Tabel 5 layout)."""
    per_kode = {b.kode: b for b in p.akhir.baris}
    return [
        AspekRinci(
            aspek=a,
            baris=tuple(
                BarisRinci(rumus.KRITERIA_PER_KODE[k], per_kode[k], tuple(p.efek_kriteria(k)))
                for k in a.kriteria
            ),
            nilai_awal=p.awal.skor_aspek[a.kode],
            nilai_akhir=p.akhir.akhir.skor_aspek[a.kode],
        )
        for a in rumus.ASPEK
    ]
