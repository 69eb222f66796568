"""Figures of the dashboard toward 0 ha (kolaborasi-monev.md §2.9), as plain data.

Pure (standard library, `kumuh.angka` and the SK's frozen shapes only), so the hand-worked
tests run without a database.

- **Official** hectares and lokasi are those of the issued SKs *in force*: an SK counts from
  its tanggal until the tanggal of the issued SK that revokes or amends it, so a revoked SK
  counts for its own years only. A year's figure is the SK(s) in force on 31 December of that
  year (today for the current year). Areas are as the SK prints them (2 decimals each, as
  KEEMPAT adds them); a lokasi is counted in its first kecamatan, as the review recap does.
- **Reconciliation flags** say in Indonesian where an SK does not add up (its KEEMPAT total
  against its rows, a row against its own units or reference area) and where a lokasi of an SK
  in force has a newer, worse approved survey than the one the SK froze.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kumuh import angka
from penilaian.sk.isi import LokasiSK

# Heaviest first, as the SK and Tabel E3 list them.
TINGKAT = ("Kumuh Berat", "Kumuh Sedang", "Kumuh Ringan")
TANPA_KECAMATAN = "–"
# Two printed areas differ when they differ at the printed precision (0,01 ha).
SELISIH_TERCETAK = Decimal("0.005")
NOL = Decimal("0.00")


def luas_tercetak(luas: Decimal | None) -> Decimal:
    """Return the area as the SK prints it: 2 decimals, half up (0 when unknown)."""
    return (luas or Decimal(0)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kelompok:
    """The rows of an SK that share a tingkat and a first kecamatan: how many, and their printed
    areas added up. An SK's figures are these groups, so a city of 15,000 lokasi arrives as a
    few dozen of them (added up by the database, issue 14) instead of one object per row."""

    tingkat: str  # "–" when the row has none
    kecamatan: str  # the first kecamatan; "" when the row names none
    lokasi: int
    luas: Decimal  # the sum of luas_tercetak(row) (0 for a row without area)


def kelompokkan(baris: Iterable[LokasiSK]) -> tuple[Kelompok, ...]:
    """Group frozen rows as the database does for the dashboard (the rule it mirrors)."""
    jumlah: dict[tuple[str, str], Jumlah] = {}
    for lok in baris:
        kunci = (lok.tingkat_kekumuhan or "–", lok.kecamatan_utama)
        jumlah.setdefault(kunci, Jumlah()).tambah(luas_tercetak(lok.luas_ha))
    return tuple(Kelompok(t, k, j.lokasi, j.luas) for (t, k), j in jumlah.items())


@dataclass(frozen=True)
class BarisBeku:
    """What the flags read of a frozen row: its own flags (`periksa_baris`, worked out once,
    since the row never changes) and what the "newer and worse survey" flag compares."""

    lokasi_pk: int
    nomor: int
    nama: str
    tahun_penilaian: int
    tanggal_survei: date | None
    nilai_kekumuhan: int
    tingkat_kekumuhan: str
    tanda: tuple[Tanda, ...] = ()

    @classmethod
    def dari(cls, lok: LokasiSK, judul: str) -> BarisBeku:
        return cls(
            lok.lokasi_pk, lok.nomor, lok.nama, lok.tahun_penilaian, lok.tanggal_survei,
            lok.nilai_kekumuhan, lok.tingkat_kekumuhan, tuple(periksa_baris(lok, judul)),
        )  # fmt: skip


@dataclass(frozen=True)
class SKBeku:
    """An issued SK, its span in force, and its frozen rows as groups.

    `baris` holds the rows the flags are read from: every row when built from the rows
    (`dari_baris`); only those that can raise a flag when the database narrowed them (rows
    with flags of their own, rows whose lokasi has a worse approved survey).
    """

    pk: int
    kota_pk: int
    kota: str  # "Kota Pekalongan"
    judul: str  # "SK Nomor 050/12 Tahun 2024"
    mulai: date
    berakhir: date | None  # the tanggal of the issued SK that replaced it
    kelompok: tuple[Kelompok, ...]
    luas_baris: Decimal = Decimal(0)  # the rows' areas as recorded, before each is rounded
    baris: tuple[BarisBeku, ...] = ()

    @classmethod
    def dari_baris(
        cls,
        pk: int,
        kota_pk: int,
        kota: str,
        judul: str,
        mulai: date,
        berakhir: date | None,
        lokasi: Iterable[LokasiSK],
    ) -> SKBeku:
        lokasi = tuple(lokasi)
        return cls(
            pk, kota_pk, kota, judul, mulai, berakhir, kelompokkan(lokasi),
            sum((lok.luas_ha or Decimal(0) for lok in lokasi), Decimal(0)),
            tuple(BarisBeku.dari(lok, judul) for lok in lokasi),
        )  # fmt: skip

    def berlaku_pada(self, hari: date) -> bool:
        return self.mulai <= hari and (self.berakhir is None or hari < self.berakhir)

    @property
    def luas_keempat(self) -> Decimal:
        """The total KEEMPAT states: the sum of the rows as printed (IsiSK.luas_total_ha)."""
        return sum((k.luas for k in self.kelompok), NOL)


@dataclass(frozen=True)
class SurveiKini:
    """The latest approved survey of a lokasi today (for the "newer and worse" flag)."""

    tahun: int
    tanggal: date | None
    nilai: int
    tingkat: str


# --- official hectares over the years -----------------------------------------------------------


@dataclass
class Jumlah:
    lokasi: int = 0
    luas: Decimal = NOL

    def tambah(self, luas: Decimal, lokasi: int = 1) -> None:
        self.lokasi += lokasi
        self.luas += luas


@dataclass(frozen=True)
class TitikTahun:
    """The SK(s) in force at the end of a year (or today) and what they list."""

    tahun: int
    acuan: date
    sk: tuple[str, ...]
    total: Jumlah
    per_tingkat: dict[str, Jumlah]
    per_kecamatan: dict[str, Jumlah]
    per_kota: dict[str, Jumlah]

    def tingkat(self, nama: str) -> Jumlah:
        return self.per_tingkat.get(nama, Jumlah())

    def kecamatan(self, nama: str) -> Jumlah:
        return self.per_kecamatan.get(nama, Jumlah())


def tanggal_acuan(tahun: int, hari_ini: date) -> date:
    """31 December of the year; today for the current year."""
    return min(date(tahun, 12, 31), hari_ini)


def nama_kecamatan(kecamatan: str, kota: str, *, dengan_kota: bool) -> str:
    nama = kecamatan or TANPA_KECAMATAN
    # Verifiers see several cities, whose kecamatan may share names.
    return f"{nama} ({kota})" if dengan_kota else nama


def titik(
    daftar_sk: Iterable[SKBeku], tahun: int, acuan: date, *, dengan_kota: bool = False
) -> TitikTahun:
    """Count the lokasi and hectares of the SKs in force on `acuan`."""
    berlaku = [s for s in daftar_sk if s.berlaku_pada(acuan)]
    total = Jumlah()
    per_tingkat: dict[str, Jumlah] = {}
    per_kecamatan: dict[str, Jumlah] = {}
    per_kota: dict[str, Jumlah] = {}
    for s in berlaku:
        for k in s.kelompok:
            kecamatan = nama_kecamatan(k.kecamatan, s.kota, dengan_kota=dengan_kota)
            for j in (
                total,
                per_tingkat.setdefault(k.tingkat, Jumlah()),
                per_kecamatan.setdefault(kecamatan, Jumlah()),
                per_kota.setdefault(s.kota, Jumlah()),
            ):
                j.tambah(k.luas, k.lokasi)
    return TitikTahun(
        tahun, acuan, tuple(s.judul for s in berlaku), total, per_tingkat, per_kecamatan, per_kota
    )


def riwayat(
    daftar_sk: Sequence[SKBeku], hari_ini: date, *, dengan_kota: bool = False
) -> list[TitikTahun]:
    """One point per year from the first SK's year to this year (none without an SK)."""
    if not daftar_sk:
        return []
    awal = min(s.mulai.year for s in daftar_sk)
    return [
        titik(daftar_sk, t, tanggal_acuan(t, hari_ini), dengan_kota=dengan_kota)
        for t in range(awal, hari_ini.year + 1)
    ]


def urutan_tingkat(titik_titik: Iterable[TitikTahun]) -> list[str]:
    """The tingkat present in any year: the three of Permen 14/2018 first, then any other."""
    ada = {t for p in titik_titik for t in p.per_tingkat}
    return [t for t in TINGKAT if t in ada] + sorted(ada - set(TINGKAT))


def urutan_kecamatan(titik_titik: Iterable[TitikTahun]) -> list[str]:
    return sorted({k for p in titik_titik for k in p.per_kecamatan})


# --- achievement ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capaian:
    """From the first year an SK was in force to now."""

    tahun_awal: int
    awal: Jumlah
    tahun_kini: int
    kini: Jumlah

    @property
    def berkurang_luas(self) -> Decimal:
        return self.awal.luas - self.kini.luas

    @property
    def berkurang_lokasi(self) -> int:
        return self.awal.lokasi - self.kini.lokasi

    @property
    def perubahan_luas(self) -> Decimal:
        """Now minus then: negative when the area went down (as Tabel E3's Perubahan)."""
        return self.kini.luas - self.awal.luas

    @property
    def perubahan_lokasi(self) -> int:
        return self.kini.lokasi - self.awal.lokasi

    @property
    def persen_berkurang(self) -> Decimal | None:
        if not self.awal.luas:
            return None
        return (self.berkurang_luas / self.awal.luas * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def capaian(titik_titik: Sequence[TitikTahun]) -> Capaian | None:
    """Compare the first year with an SK in force with the latest year."""
    berisi = [p for p in titik_titik if p.sk]
    if not berisi:
        return None
    return Capaian(berisi[0].tahun, berisi[0].total, titik_titik[-1].tahun, titik_titik[-1].total)


# --- targets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A year's target: slum hectares (and lokasi) to be left at the end of the year."""

    tahun: int
    luas: Decimal
    lokasi: int | None = None


@dataclass(frozen=True)
class BarisTarget:
    target: Target
    resmi: Jumlah | None  # in force at the end of the year (today for this year); None: no SK
    status: str  # "tercapai", "belum tercapai", "tahun berjalan", "mendatang", "tanpa SK"

    @property
    def selisih_luas(self) -> Decimal | None:
        """Official minus target: above 0 = still that far from the target."""
        return None if self.resmi is None else self.resmi.luas - self.target.luas


def target_gabungan(per_kota: Sequence[Mapping[int, Target]]) -> dict[int, Target]:
    """The targets of several cities added up, for the years every one of them set."""
    if not per_kota:
        return {}
    tahun = set.intersection(*(set(t) for t in per_kota))
    hasil = {}
    for th in sorted(tahun):
        lokasi = [t[th].lokasi for t in per_kota]
        hasil[th] = Target(
            th,
            sum((t[th].luas for t in per_kota), NOL),
            None if None in lokasi else sum(x for x in lokasi if x is not None),
        )
    return hasil


def banding_target(
    target: Mapping[int, Target], titik_titik: Sequence[TitikTahun], tahun_kini: int
) -> list[BarisTarget]:
    """Each target beside the official figures of its year: reached when the hectares in force
    at the end of the year are at or below it (lokasi too, when a lokasi target is set)."""
    per_tahun = {p.tahun: p for p in titik_titik}
    hasil = []
    for th in sorted(target):
        t = target[th]
        titik = per_tahun.get(th)
        resmi = titik.total if titik is not None and titik.sk else None
        if th > tahun_kini:
            status = "mendatang"
        elif resmi is None:
            status = "tanpa SK"
        elif th == tahun_kini:
            status = "tahun berjalan"
        elif resmi.luas <= t.luas and (t.lokasi is None or resmi.lokasi <= t.lokasi):
            status = "tercapai"
        else:
            status = "belum tercapai"
        hasil.append(BarisTarget(t, resmi, status))
    return hasil


# --- reconciliation flags ---------------------------------------------------------------------


@dataclass(frozen=True)
class Tanda:
    """A place where the figures do not reconcile, said in Indonesian."""

    jenis: str  # "total", "unit", "acuan", "kosong", "kecamatan", "survei"
    sk: str
    pesan: str
    lokasi_pk: int | None = None


def _ha(nilai: Decimal) -> str:
    return f"{angka.format_hektar(nilai)} ha"


def _beda(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) >= SELISIH_TERCETAK


def periksa_sk(sk: SKBeku) -> list[Tanda]:
    """Flag an SK whose KEEMPAT total or whose rows do not add up."""
    tanda: list[Tanda] = []
    keempat, baris = sk.luas_keempat, luas_tercetak(sk.luas_baris)
    if keempat != baris:
        tanda.append(
            Tanda(
                "total",
                sk.judul,
                f"Luas total pada KEEMPAT {sk.judul} ({_ha(keempat)}, jumlah luas baris yang "
                f"sudah dibulatkan) tidak sama dengan jumlah luas baris bekunya sebelum "
                f"dibulatkan ({_ha(baris)}).",
            )
        )
    for b in sk.baris:
        tanda += b.tanda
    return tanda


def periksa_baris(lok: LokasiSK, judul: str) -> list[Tanda]:
    """Flag a frozen row without area or kecamatan, or whose area disagrees with its RT units
    or its reference area."""
    tanda: list[Tanda] = []
    nama = f"Lokasi {lok.nomor}. {lok.nama} pada {judul}"
    if lok.luas_ha is None:
        tanda.append(
            Tanda(
                "kosong",
                judul,
                f"{nama} tidak mempunyai luas; ia tidak terhitung dalam hektar.",
                lok.lokasi_pk,
            )
        )
        return tanda
    if not lok.kecamatan:
        tanda.append(Tanda("kecamatan", judul, f"{nama} tidak menyebut kecamatan.", lok.lokasi_pk))
    luas_unit = [u.luas_ha for u in lok.unit]
    if luas_unit and all(x is not None for x in luas_unit):
        jumlah_unit = sum(luas_unit, Decimal(0))
        if _beda(jumlah_unit, lok.luas_ha):
            tanda.append(
                Tanda(
                    "unit",
                    judul,
                    f"{nama}: luas baris {_ha(lok.luas_ha)} tidak sama dengan jumlah luas "
                    f"{len(luas_unit)} unit RT-nya ({_ha(jumlah_unit)}).",
                    lok.lokasi_pk,
                )
            )
    # The area that counts is the luas verifikasi when surveyed, else the luas SK (§8).
    if lok.luas_verifikasi_ha is not None:
        acuan, label = lok.luas_verifikasi_ha, "luas verifikasi"
    else:
        acuan, label = lok.luas_sk_ha, "luas SK"
    if acuan is not None and _beda(acuan, lok.luas_ha):
        tanda.append(
            Tanda(
                "acuan",
                judul,
                f"{nama}: luas baris {_ha(lok.luas_ha)} tidak sama dengan {label} yang "
                f"tercatat pada baris yang sama ({_ha(acuan)}).",
                lok.lokasi_pk,
            )
        )
    return tanda


def periksa_survei(sk: SKBeku, kini: Mapping[int, SurveiKini]) -> list[Tanda]:
    """Flag each lokasi whose latest approved survey is newer than the frozen one and scores
    higher (more kumuh): the SK in force understates it."""
    tanda = []
    for lok in sk.baris:
        s = kini.get(lok.lokasi_pk)
        if s is None or not _lebih_baru(s, lok) or s.nilai <= lok.nilai_kekumuhan:
            continue
        tanda.append(tanda_survei(sk.judul, lok, s))
    return tanda


def tanda_survei(judul: str, lok: BarisBeku, s: SurveiKini) -> Tanda:
    """The flag of a frozen row whose lokasi's latest survey is newer and worse (the database
    picks those rows for the dashboard; `periksa_survei` is the rule it mirrors)."""
    return Tanda(
        "survei",
        judul,
        f"Lokasi {lok.nomor}. {lok.nama} pada {judul}: survei {s.tahun} (nilai "
        f"{s.nilai}, {s.tingkat}) lebih baru dan lebih buruk daripada survei yang "
        f"dibekukan SK ({lok.tahun_penilaian}, nilai {lok.nilai_kekumuhan}, "
        f"{lok.tingkat_kekumuhan}).",
        lok.lokasi_pk,
    )


def _lebih_baru(s: SurveiKini, lok: BarisBeku) -> bool:
    if s.tanggal is not None and lok.tanggal_survei is not None:
        return s.tanggal > lok.tanggal_survei
    return s.tahun > lok.tahun_penilaian


# --- plan and budget --------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisDana:
    sumber: str
    alokasi: Decimal
    realisasi: Decimal

    @property
    def persen(self) -> Decimal | None:
        if not self.alokasi:
            return None
        return (self.realisasi / self.alokasi * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def dana_per_sumber(
    label: Mapping[str, str], alokasi: Mapping[str, Decimal], realisasi: Mapping[str, Decimal]
) -> tuple[list[BarisDana], BarisDana]:
    """Allocation and realisation per funding source in the memorandum's order (sources with
    neither are left out) and their total."""
    baris = [
        BarisDana(nama, alokasi.get(kode, NOL), realisasi.get(kode, NOL))
        for kode, nama in label.items()
        if alokasi.get(kode) or realisasi.get(kode)
    ]
    jumlah = BarisDana(
        "Jumlah",
        sum((b.alokasi for b in baris), NOL),
        sum((b.realisasi for b in baris), NOL),
    )
    return baris, jumlah
