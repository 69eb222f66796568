"""Tables E1–E7 of the annual evaluation (kolaborasi-monev.md §2.2) as pure functions.

They read plain rows (`monev.evaluasi.data` fetches them in constant queries) and return the
rows the page, the PDF and the workbook print; the columns are defined once here (`KOLOM_E*`).
No Django: the tests build the inputs by hand.

Decisions where the seeds are silent (stated on the page):

- E1/E2 realisation is the kegiatan's **latest monitoring entry** (volumes and spending are
  cumulative there); a kegiatan without one reads "belum dipantau", its realisation unknown
  (shown "–", counted 0 in the E2 totals).
- E3 kondisi awal is the latest issued SK up to the year, else the priority list as it stood
  when the year began; capaian is the priority list at the end of the year. Targets are the
  city's recorded `TargetKota` of the year (hectares and lokasi left at the year's end, from
  RPJMD/RP2KPKP); capaian (%) = the reduction achieved over the reduction planned. Without a
  recorded target the column stays "–" and so does capaian (%), never a guessed figure.
  Pemanfaat are counted as the people and KK living in the kumuh lokasi (the SK freezes both);
  men/women and MBR are not recorded per lokasi in the SK, so they are left to the narrative.
- E4 "on the priority list" reads the same baseline as E3's kondisi awal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# Kolaborasi's eight funding sources, in the memorandum's order (kolaborasi.aturan.SUMBER_DANA).
TINGKAT = ("Kumuh Berat", "Kumuh Sedang", "Kumuh Ringan")
RAPAT_MINIMAL = 6  # Pokja monitoring at least every 2 months (001:209): 6 a year
SERATUS = Decimal(100)

KOLOM_E1 = ("No", "Program/Kegiatan", "Lokasi", "Kriteria", "Volume Rencana", "Volume Realisasi",
            "Satuan", "Status", "Kendala", "Keterangan")  # fmt: skip
KOLOM_E2 = ("No", "Sumber Dana", "Alokasi (Rp)", "Realisasi (Rp)", "Realisasi (%)")
KOLOM_E3 = ("No", "Indikator", "Satuan", "Kondisi Awal", "Target Tahun Ini", "Capaian",
            "Capaian (%)", "Perubahan")  # fmt: skip
KOLOM_E4 = ("No", "Kegiatan", "Lokasi", "Lokasi Prioritas (Ya/Tidak)", "Prioritas (1–9)",
            "Pemanfaat Sesuai Sasaran (Ya/Tidak)", "Catatan")  # fmt: skip
KOLOM_E5 = ("No", "Aset/Prasarana", "Lokasi", "Pengelola (KSM/KPP/SKPD)", "Serah Terima",
            "Kondisi", "Berfungsi", "Dimanfaatkan", "Rencana O&P")  # fmt: skip
KOLOM_E6 = ("No", "Tanggal", "Jumlah Hadir", "Temuan Utama")
KOLOM_E7 = ("No", "Jenis", "Uraian", "Ditujukan kepada", "Tembusan")


def persen(bagian: Decimal | None, keseluruhan: Decimal | None) -> Decimal | None:
    """Return bagian / keseluruhan × 100, two decimals half up; None when it cannot be said."""
    if bagian is None or not keseluruhan:
        return None
    return (bagian / keseluruhan * SERATUS).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- inputs (plain rows) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Efek:
    pk: int
    kriteria: str  # "2a Kualitas permukaan jalan"
    lokasi: str
    lokasi_pk: int
    volume: Decimal
    satuan: str


@dataclass(frozen=True)
class Pantau:
    """The kegiatan's latest monitoring entry: cumulative volume per effect and spending."""

    tanggal: date
    progres: Decimal
    kendala: str
    volume: Mapping[int, Decimal]  # efek pk → realised volume
    dana: Mapping[str, Decimal]  # sumber → spent


@dataclass(frozen=True)
class KegiatanTahun:
    pk: int
    program: str
    nama: str
    lokasi: str  # "Skala kota" for a city-wide one
    lokasi_pk: int | None
    status: str  # label
    efek: tuple[Efek, ...]
    dana: Mapping[str, Decimal]  # sumber → allocated
    pantau: Pantau | None = None


@dataclass(frozen=True)
class LokasiKumuh:
    """One lokasi of a baseline or of the list at the end of the year."""

    lokasi_pk: int
    luas_ha: Decimal | None
    tingkat: str  # "Kumuh Sedang"
    prioritas: int | None
    penduduk: int | None = None
    kk: int | None = None


@dataclass(frozen=True)
class Kondisi:
    """A set of kumuh lokasi and where it comes from ("SK 050/12/2024", "daftar prioritas")."""

    sumber: str
    lokasi: tuple[LokasiKumuh, ...]

    @property
    def luas_ha(self) -> Decimal:
        return sum((x.luas_ha or Decimal(0) for x in self.lokasi), Decimal(0))

    @property
    def penduduk(self) -> int:
        return sum(x.penduduk or 0 for x in self.lokasi)

    @property
    def kk(self) -> int:
        return sum(x.kk or 0 for x in self.lokasi)

    def jumlah(self, tingkat: str | None = None) -> int:
        return sum(1 for x in self.lokasi if tingkat is None or x.tingkat == tingkat)

    def per_lokasi(self) -> dict[int, LokasiKumuh]:
        return {x.lokasi_pk: x for x in self.lokasi}


@dataclass(frozen=True)
class AsetTahun:
    nama: str
    lokasi: str
    pengelola: str  # "KSM — KSM Maju Jaya"
    serah_terima: date | None
    pemeliharaan: str  # "Rutin"
    interval_bulan: int
    periksa: date | None = None
    kondisi_baik: bool | None = None
    berfungsi: bool | None = None
    dimanfaatkan: bool | None = None


@dataclass(frozen=True)
class RapatPokja:
    tanggal: date
    hadir: int
    temuan: str


@dataclass(frozen=True)
class RekomendasiBaris:
    pk: int
    jenis: str  # "a. Perubahan rencana tahunan"
    uraian: str
    ditujukan_kepada: str
    tembusan: str


# --- outputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisE1:
    nomor: int | None  # None on a kegiatan's further effects
    kegiatan: str
    lokasi: str
    kriteria: str
    rencana: Decimal | None
    realisasi: Decimal | None
    satuan: str
    status: str
    kendala: str
    keterangan: str


def tabel_e1(kegiatan: Sequence[KegiatanTahun]) -> list[BarisE1]:
    """Plan vs realised kegiatan of the year: one row per effect (one for a kegiatan without)."""
    hasil = []
    for nomor, k in enumerate(kegiatan, start=1):
        p = k.pantau
        if p is None:
            keterangan = "Belum dipantau"
        else:
            keterangan = f"Pemantauan {p.tanggal:%d-%m-%Y}, progres fisik {_angka(p.progres)} %"
        efek: Iterable[Efek | None] = k.efek or (None,)
        for i, e in enumerate(efek):
            realisasi = None
            if e is not None and p is not None:
                realisasi = p.volume.get(e.pk, Decimal(0))
            hasil.append(
                BarisE1(
                    nomor=nomor if i == 0 else None,
                    kegiatan=f"{k.program} — {k.nama}" if i == 0 else "",
                    lokasi=(e.lokasi if e is not None and k.lokasi_pk is None else k.lokasi),
                    kriteria=e.kriteria if e else "",
                    rencana=e.volume if e else None,
                    realisasi=realisasi,
                    satuan=e.satuan if e else "",
                    status=k.status if i == 0 else "",
                    kendala=(p.kendala if p else "") if i == 0 else "",
                    keterangan=keterangan if i == 0 else "",
                )
            )
    return hasil


@dataclass(frozen=True)
class BarisE2:
    sumber: str
    alokasi: Decimal
    realisasi: Decimal
    persen: Decimal | None


def tabel_e2(
    kegiatan: Sequence[KegiatanTahun], sumber: Mapping[str, str]
) -> tuple[list[BarisE2], BarisE2]:
    """Allocation vs realisation per funding source (every source listed), and the total."""
    alokasi = dict.fromkeys(sumber, Decimal(0))
    realisasi = dict.fromkeys(sumber, Decimal(0))
    for k in kegiatan:
        for s, x in k.dana.items():
            alokasi[s] += x
        if k.pantau is not None:
            for s, x in k.pantau.dana.items():
                realisasi[s] += x
    baris = [
        BarisE2(label, alokasi[s], realisasi[s], persen(realisasi[s], alokasi[s]))
        for s, label in sumber.items()
    ]
    a, r = sum(alokasi.values(), Decimal(0)), sum(realisasi.values(), Decimal(0))
    return baris, BarisE2("Jumlah", a, r, persen(r, a))


@dataclass(frozen=True)
class BarisE3:
    indikator: str
    satuan: str
    awal: Decimal | int
    target: Decimal | int | None
    capaian: Decimal | int
    persen: Decimal | None
    perubahan: Decimal | int


def capaian_persen(awal, target, capaian) -> Decimal | None:
    """The reduction achieved over the reduction planned, in %: (awal − capaian) /
    (awal − target) × 100; None without a target or when none was planned (target ≥ awal)."""
    if target is None or awal - target <= 0:
        return None
    return persen(Decimal(awal - capaian), Decimal(awal - target))


def tabel_e3(
    awal: Kondisi,
    akhir: Kondisi,
    target_luas: Decimal | None = None,
    target_lokasi: int | None = None,
) -> list[BarisE3]:
    """Targets vs achievement: luas kumuh, jumlah lokasi, lokasi per tingkat, and the people
    living in kumuh lokasi (jiwa, KK) — the beneficiaries the list can count.

    Targets: the city's recorded hectares and lokasi left at the year's end (see the module's
    note); the other rows have none.
    """
    baris = [("Luas permukiman kumuh", "ha", awal.luas_ha, target_luas, akhir.luas_ha)]
    baris.append(("Jumlah lokasi kumuh", "lokasi", awal.jumlah(), target_lokasi, akhir.jumlah()))
    for t in TINGKAT:
        baris.append((f"Lokasi {t.lower()}", "lokasi", awal.jumlah(t), None, akhir.jumlah(t)))
    baris.append(("Penduduk di lokasi kumuh", "jiwa", awal.penduduk, None, akhir.penduduk))
    baris.append(("Kepala keluarga di lokasi kumuh", "KK", awal.kk, None, akhir.kk))
    return [
        BarisE3(ind, sat, a, tg, c, capaian_persen(a, tg, c), c - a) for ind, sat, a, tg, c in baris
    ]


@dataclass(frozen=True)
class BarisE4:
    kegiatan: str
    lokasi: str
    prioritas_ya: bool | None  # None: city-wide kegiatan without lokasi effects
    prioritas: int | None
    pemanfaat: str
    catatan: str


def tabel_e4(kegiatan: Sequence[KegiatanTahun], dasar: Kondisi) -> list[BarisE4]:
    """Each kegiatan's lokasi (a city-wide one: each effect's lokasi) on the baseline list?"""
    daftar = dasar.per_lokasi()
    hasil = []
    for k in kegiatan:
        if k.lokasi_pk is not None:
            tempat = [(k.lokasi_pk, k.lokasi)]
        else:
            tempat = list(dict.fromkeys((e.lokasi_pk, e.lokasi) for e in k.efek))
        if not tempat:
            hasil.append(BarisE4(k.nama, k.lokasi, None, None, "–", "Skala kota tanpa lokasi"))
        for pk, nama in tempat:
            baris = daftar.get(pk)
            catatan = "" if baris else f"Tidak ada di {dasar.sumber}"
            hasil.append(
                BarisE4(
                    kegiatan=k.nama,
                    lokasi=nama,
                    prioritas_ya=baris is not None,
                    prioritas=baris.prioritas if baris else None,
                    # Beneficiaries are not recorded per kegiatan: the Pokja judges it in d.
                    pemanfaat="–",
                    catatan=catatan,
                )
            )
    return hasil


@dataclass(frozen=True)
class BarisE5:
    aset: str
    lokasi: str
    pengelola: str
    serah_terima: date | None
    kondisi: str
    berfungsi: str
    dimanfaatkan: str
    rencana_op: str


def _ya(nilai: bool | None) -> str:
    return "–" if nilai is None else ("Ya" if nilai else "Tidak")


def tabel_e5(aset: Sequence[AsetTahun]) -> list[BarisE5]:
    """Sustainability: each asset with its manager, handover and last check of the year."""
    hasil = []
    for a in aset:
        if a.periksa is None:
            kondisi = "Belum diperiksa"
        else:
            kondisi = ("Baik" if a.kondisi_baik else "Rusak") + f" ({a.periksa:%d-%m-%Y})"
        hasil.append(
            BarisE5(
                aset=a.nama,
                lokasi=a.lokasi or "–",
                pengelola=a.pengelola,
                serah_terima=a.serah_terima,
                kondisi=kondisi,
                berfungsi=_ya(a.berfungsi),
                dimanfaatkan=_ya(a.dimanfaatkan),
                rencana_op=f"{a.pemeliharaan}, periksa tiap {a.interval_bulan} bulan",
            )
        )
    return hasil


@dataclass(frozen=True)
class TabelE6:
    baris: list[RapatPokja] = field(default_factory=list)

    @property
    def jumlah(self) -> int:
        return len(self.baris)

    @property
    def memenuhi(self) -> bool:
        return self.jumlah >= RAPAT_MINIMAL

    @property
    def catatan(self) -> str:
        if self.memenuhi:
            return f"{self.jumlah} rapat monitoring; memenuhi minimal {RAPAT_MINIMAL} kali setahun."
        return (
            f"{self.jumlah} rapat monitoring; kurang {RAPAT_MINIMAL - self.jumlah} dari minimal "
            f"{RAPAT_MINIMAL} kali setahun (sekurang-kurangnya 2 bulan sekali)."
        )


def tabel_e6(rapat: Iterable[RapatPokja]) -> TabelE6:
    """The Pokja's monitoring meetings of the year, by date, against the 6 a year expected."""
    return TabelE6(sorted(rapat, key=lambda r: r.tanggal))


def _angka(x: Decimal) -> str:
    """Return 12,5 for 12.50 (Indonesian decimal comma, no trailing zeros)."""
    teks = format(x.normalize(), "f") if x == x.to_integral() else format(x, "f").rstrip("0")
    return teks.replace(".", ",").rstrip(",")
