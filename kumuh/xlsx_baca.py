"""Read Excel workbooks that people fill in: columns by header, cells the Indonesian way, and
every problem named by sheet, row and column.

Pure (openpyxl, no Django, no app), shared by the imports of every app. An import declares its
columns (`Kolom`: template header, accepted spellings, kind) and a reader per kind, and gets
plain rows back:

    KOLOM = (Kolom("nama", ejaan=("nama kegiatan",)), Kolom("biaya", jenis="angka"), …)
    SKEMA = Skema(KOLOM, {**PEMBACA, "rupiah": baca_rupiah}, identitas=("nama",))
    bacaan = baca_buku(berkas, SKEMA)        # bacaan.baris, .masalah, .peringatan

Headers are compared without case, spaces or punctuation (`Luas (Ha)` = `luas_ha`) and may take
two rows: a group cell merged over sub-headers (`KEKUMUHAN` / `NILAI`). The header is looked for
below title rows; blank rows and a total row (`JUMLAH …`) are skipped. A column nobody knows is
a warning, two columns meaning the same a problem. A cell a reader cannot read raises
`TidakTerbaca` with the reason, which becomes a `Masalah` at its cell. `kumuh/xlsx_laporan.py`
writes the template header and the report with the cells marked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kumuh import angka

KOSONG = {"", "-", "–", "—", "−"}  # lists write "–" for an empty value
ANGKA_MAKS = Decimal("99999999")  # fits the columns numbers are stored in
# A number is bounded as soon as it is parsed, before anything is built from it: `1e999999999`
# is a tiny Decimal but a billion-digit int (or "f" string) once written out. Below 10^15 every
# column fits; below 10^-20 nothing anyone measures in ha, m or % is left, so it is rounded.
_DIGIT_BULAT_MAKS = 15
_DESIMAL_MAKS = 20
_KONTEKS_LEBAR = Context(prec=_DIGIT_BULAT_MAKS + _DESIMAL_MAKS + 5)
_KUTIP_MAKS = 20  # characters of a cell quoted in a message
TAHUN_MIN, TAHUN_MAKS = 2000, 2100
_KELIPATAN = {tempat: Decimal(1).scaleb(-tempat) for tempat in range(7)}


# --- columns and headers ---


@dataclass(frozen=True)
class Kolom:
    """One column an import understands: its template header and other accepted spellings."""

    kunci: str  # the template's header and the key of the value in a row
    kelompok: str = ""  # the group the template and its Petunjuk sheet show it under
    keterangan: str = ""
    ejaan: tuple[str, ...] = ()
    jenis: str = "teks"  # the reader of its cells (Skema.pembaca); "abaikan" = not read
    templat: bool = True  # in the template's data sheet (otherwise only in Petunjuk)


def normal_judul(teks: object) -> str:
    """Compare headers without case, spaces or punctuation: `Luas (Ha)` → `luasha`."""
    huruf = unicodedata.normalize("NFKC", str(teks)).casefold()
    return "".join(c for c in huruf if c.isalnum())


def indeks_ejaan(kolom: Iterable[Kolom]) -> dict[str, str]:
    """Map every normalised spelling to its column; a spelling naming two columns raises."""
    indeks: dict[str, str] = {}
    for k in kolom:
        for ejaan in (k.kunci, *k.ejaan):
            lain = indeks.setdefault(normal_judul(ejaan), k.kunci)
            if lain != k.kunci:
                raise ValueError(f"ejaan {ejaan!r} dipakai {lain} dan {k.kunci}")
    return indeks


# --- problems ---


@dataclass(frozen=True)
class Masalah:
    """A problem of the file: where (sheet, Excel row, column letter and header) and why."""

    lembar: str
    baris: int | None  # None: the sheet or its header as a whole
    kolom: str  # column letter, "" when not one cell
    judul: str  # the column's header as written in the file, or the template's name
    pesan: str

    def __str__(self) -> str:
        tempat = [f"lembar {self.lembar}"] if self.lembar else []
        if self.baris is not None:
            tempat.append(f"baris {self.baris}")
        if self.kolom or self.judul:
            tempat.append(f"kolom {self.kolom} ({self.judul})" if self.kolom else self.judul)
        return f"{', '.join(tempat)}: {self.pesan}" if tempat else self.pesan


class TidakTerbaca(ValueError):
    """A cell that cannot be read as its column's kind; the message says why, in Indonesian."""


# --- cell readers ---

Pembaca = Callable[[object, str], Any]  # (cell value, its number format) → value


def teks(nilai: object) -> str:
    """A cell as text: 12.0 is `12`, a date cell its ISO date."""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, datetime):
        return nilai.date().isoformat()
    return str(nilai).strip()


def kutip(nilai: object) -> str:
    """A cell quoted in a message: text in quotes, cut short when long."""
    if not isinstance(nilai, str):
        return str(nilai)
    isi = nilai.strip()
    return repr(isi if len(isi) <= _KUTIP_MAKS else isi[:_KUTIP_MAKS] + "…")


def tampil(d: Decimal) -> str:
    """A number in a message as written, without exponent or trailing zeros (1200, 12.5)."""
    if d and not -_DESIMAL_MAKS <= d.adjusted() < _DIGIT_BULAT_MAKS:
        return format(d, "E")  # never written out digit by digit (see desimal)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def desimal(nilai: object, persen_excel: bool = False) -> Decimal:
    """Read a number: an Excel number, or text written the Indonesian (1.234,5) or plain way.

    `persen_excel`: the cell is formatted as %, so 0.8 means 80.
    """
    if isinstance(nilai, bool):
        raise TidakTerbaca(f"bukan angka ({nilai})")
    if isinstance(nilai, int):
        d = Decimal(nilai)
    elif isinstance(nilai, float):
        # 15 significant digits drop binary noise: 0.1 + 0.2 is 0.3 (as kumuh.angka does).
        d = Decimal(format(nilai, ".15g"))
    elif isinstance(nilai, Decimal):
        d = nilai
    else:
        d = _desimal_teks(str(nilai))
    if not d.is_finite():
        raise TidakTerbaca(f"bukan angka ({kutip(nilai)})")
    if d and d.adjusted() >= _DIGIT_BULAT_MAKS:
        raise TidakTerbaca(f"angka terlalu besar ({kutip(nilai)})")
    if d.as_tuple().exponent < -_DESIMAL_MAKS:  # type: ignore[operator]
        d = d.quantize(Decimal(1).scaleb(-_DESIMAL_MAKS), ROUND_HALF_UP, _KONTEKS_LEBAR)
    if persen_excel:
        d = (d * 100).normalize()
    return d


def _desimal_teks(isi: str) -> Decimal:
    asli = isi
    isi = isi.strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if "," in isi and "." in isi:
        # The separator written last is the decimal one: 1.234,56 or 1,234.56.
        if isi.rfind(",") > isi.rfind("."):
            isi = isi.replace(".", "").replace(",", ".")
        else:
            isi = isi.replace(",", "")
    elif "," in isi:
        if isi.count(",") > 1:
            raise TidakTerbaca(f"bukan angka ({kutip(asli)})")
        isi = isi.replace(",", ".")  # decimal comma
    elif re.fullmatch(r"-?[1-9]\d{0,2}(\.\d{3})+", isi):
        if isi.count(".") == 1:
            raise TidakTerbaca(
                f"angka {asli!r} dapat berarti ribuan atau pecahan: tulis sebagai sel angka, "
                "tanpa titik ribuan, atau dengan koma desimal"
            )
        isi = isi.replace(".", "")
    try:
        return Decimal(isi)
    except InvalidOperation:
        raise TidakTerbaca(f"bukan angka ({kutip(asli)})") from None


def bukan_negatif(
    nilai: object, tempat: int | None, maks: Decimal = ANGKA_MAKS, *, bulatkan: bool = False
) -> Decimal:
    """A number 0 … `maks` with at most `tempat` decimals (None: any), quantized to them.

    `bulatkan`: more decimals are rounded half up to `tempat` instead of refused (a measurement
    whose extra digits are below what is stored, where refusing would only block real files).
    """
    if type(nilai) is int and 0 <= nilai <= maks:  # most cells: a whole number
        return Decimal(nilai)
    d = desimal(nilai)
    if d < 0:
        raise TidakTerbaca(f"tidak boleh negatif ({tampil(d)})")
    if d > maks:
        raise TidakTerbaca(f"angka terlalu besar ({tampil(d)})")
    if tempat is None:
        return d
    dibulatkan = d.quantize(_KELIPATAN[tempat], ROUND_HALF_UP)
    if d != dibulatkan and not bulatkan:
        if tempat == 0:
            raise TidakTerbaca(f"harus bilangan bulat ({tampil(d)})")
        raise TidakTerbaca(f"paling banyak {tempat} angka di belakang koma ({tampil(d)})")
    return dibulatkan


def pembaca_angka(tempat: int | None, *, bulatkan: bool = False) -> Pembaca:
    """A reader of numbers ≥ 0 with at most `tempat` decimals (or rounded to them)."""

    def baca(nilai: object, _: str) -> Decimal:
        return bukan_negatif(nilai, tempat, bulatkan=bulatkan)

    return baca


def baca_bulat(nilai: object, _: str = "") -> int:
    """A whole number ≥ 0."""
    if type(nilai) is int and 0 <= nilai <= ANGKA_MAKS:
        return nilai
    return int(bukan_negatif(nilai, 0))


def baca_persen(nilai: object, format_angka: str = "") -> Decimal:
    """A percentage 0–100: a number, text `80,5` or `80 %`, or a cell formatted as %."""
    d = desimal(nilai, persen_excel="%" in format_angka)
    if not 0 <= d <= 100:
        raise TidakTerbaca(f"persen harus antara 0 dan 100 ({tampil(d)})")
    return d


def baca_teks(nilai: object, _: str = "") -> str:
    """Text, trimmed."""
    return teks(nilai)


def baca_tahun(nilai: object, _: str = "") -> int:
    """A year TAHUN_MIN–TAHUN_MAKS: a number or a date cell."""
    if isinstance(nilai, datetime | date):
        return nilai.year
    d = desimal(nilai)
    if d != d.to_integral_value() or not TAHUN_MIN <= d <= TAHUN_MAKS:
        raise TidakTerbaca(f"harus tahun {TAHUN_MIN}–{TAHUN_MAKS} ({teks(nilai)})")
    return int(d)


_POLA_TANGGAL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_POLA_TANGGAL_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_POLA_TANGGAL_TEKS = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$")
_BULAN = {nama.lower(): i for i, nama in enumerate(angka.BULAN, start=1)}


def baca_tanggal(nilai: object, _: str = "") -> date:
    """A date: a date cell, 25-11-2025, 2025-11-25 or 25 November 2025."""
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    isi = teks(nilai).casefold()
    try:
        if m := _POLA_TANGGAL.match(isi):
            hasil = date(int(m[3]), int(m[2]), int(m[1]))
        elif m := _POLA_TANGGAL_ISO.match(isi):
            hasil = date(int(m[1]), int(m[2]), int(m[3]))
        elif (m := _POLA_TANGGAL_TEKS.match(isi)) and m[2] in _BULAN:
            hasil = date(int(m[3]), _BULAN[m[2]], int(m[1]))
        else:
            raise ValueError
    except ValueError:
        raise TidakTerbaca(
            f"bukan tanggal ({teks(nilai)!r}); tulis 25-11-2025, 2025-11-25 atau sel tanggal"
        ) from None
    if not TAHUN_MIN <= hasil.year <= TAHUN_MAKS:
        raise TidakTerbaca(f"tahun tanggal harus {TAHUN_MIN}–{TAHUN_MAKS} ({hasil.isoformat()})")
    return hasil


YA = {"+", "(+)", "ya", "y", "yes", "true", "benar", "ada", "jelas", "sesuai", "legal"}
YA |= {"strategis", "berpotensi", "potensial"}
TIDAK = {"-", "(-)", "−", "(−)", "–", "(–)", "tidak", "t", "no", "n", "false", "salah"}
TIDAK |= {"bukan", "ilegal"}


def ya_tidak(nilai: object, pilihan_lain: str = "") -> bool:
    """+ / − or ya / tidak (and their usual spellings); `pilihan_lain` extends the message."""
    if isinstance(nilai, bool):
        return nilai
    isi = " ".join(teks(nilai).casefold().split())
    if isi in YA:
        return True
    if isi in TIDAK or isi.startswith("tidak "):
        return False
    raise TidakTerbaca(f"isi + atau −, ya atau tidak{pilihan_lain} ({teks(nilai)!r})")


def baca_ya_tidak(nilai: object, _: str = "") -> bool:
    """+ / − or ya / tidak."""
    return ya_tidak(nilai)


def pilih(nilai: object, pilihan: Iterable[str] | Mapping[str, str], nama: str) -> str:
    """One of `pilihan` (or of a {spelling: choice} map), compared as headers are."""
    ejaan = pilihan if isinstance(pilihan, Mapping) else {p: p for p in pilihan}
    kunci = normal_judul(nilai)
    for tulisan, hasil in ejaan.items():
        if kunci == normal_judul(tulisan):
            return hasil
    raise TidakTerbaca(f"{nama} tidak dikenal ({teks(nilai)!r})")


# The readers of generic kinds; an import adds its own kinds to them.
PEMBACA: dict[str, Pembaca] = {
    "teks": baca_teks,
    "angka": pembaca_angka(2),
    "bulat": baca_bulat,
    "persen": baca_persen,
    "tahun": baca_tahun,
    "tanggal": baca_tanggal,
    "ya_tidak": baca_ya_tidak,
}


# --- reading a workbook ---


@dataclass
class Baris:
    """One data row as plain values, keyed by column (only the cells that were filled)."""

    lembar: str
    nomor: int  # Excel row number
    nilai: dict[str, Any]
    kolom: Mapping[str, tuple[str, str]]  # column key → (letter, header) in its sheet
    rusak: set[str] = field(default_factory=set)  # columns whose cell could not be read

    @property
    def tempat(self) -> tuple[str, int]:
        return (self.lembar, self.nomor)

    @property
    def label(self) -> str:
        return f"lembar {self.lembar} baris {self.nomor}"

    def masalah(self, kunci: str | None, pesan: str) -> Masalah:
        """A problem of this row, in the column `kunci` when the sheet has it."""
        huruf, judul = self.kolom.get(kunci, ("", kunci)) if kunci else ("", "")
        return Masalah(self.lembar, self.nomor, huruf, judul, pesan)


@dataclass
class Bacaan:
    """What `baca_buku` read: the rows, the problems and the warnings."""

    baris: list[Any] = field(default_factory=list)  # Skema.kelas_baris
    masalah: list[Masalah] = field(default_factory=list)
    peringatan: list[Masalah] = field(default_factory=list)
    lembar: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Batas:
    """The most a workbook may hold, over all its data sheets (issue 10 item 15).

    Rows are counted as the sheets report them (Excel rows, blank ones included); cells as rows
    times the sheet's width. Checked from each sheet's <dimension> before anything is read, and
    again while reading (a file may omit or understate it), which stops at the first excess.
    """

    baris: int
    sel: int

    def pesan(self, baris: int, sel: int) -> str:
        if baris > self.baris:
            ada, maks, satuan = baris, self.baris, "baris"
        else:
            ada, maks, satuan = sel, self.sel, "sel"
        return (
            f"berkas terlalu besar: lebih dari {angka.format_bilangan(maks)} {satuan} "
            f"({angka.format_bilangan(ada)} {satuan}"
            f"{' atau lebih' if ada == maks + 1 else ''}); bagi menjadi beberapa berkas"
        )


class _TerlaluBesar(Exception):
    """Reading stopped: the workbook holds more than its Batas."""


@dataclass
class Skema:
    """The columns of an import's data sheets and how their cells are read."""

    kolom: tuple[Kolom, ...]
    pembaca: Mapping[str, Pembaca]  # Kolom.jenis → reader
    # A header must name one of these; a row naming none is a total row, or a problem.
    identitas: tuple[str, ...]
    jenis_peringatan: frozenset[str] = frozenset()  # kinds an unreadable cell only warns about
    akibat_peringatan: str = "tidak dibaca"  # what the warning says happens to such a cell
    jenis_format: frozenset[str] = frozenset({"persen"})  # kinds that read the number format
    jenis_tanda: frozenset[str] = frozenset()  # kinds where a dash is a value (−), not blank
    lembar_bukan_data: frozenset[str] = frozenset()  # sheet names (casefolded) not read
    baris_judul_maks: int = 20  # the header is looked for in the first rows
    dikenal_min: int = 3  # columns a header row must name
    kelas_baris: type[Baris] = Baris
    ejaan: dict[str, str] = field(init=False)
    per_kunci: dict[str, Kolom] = field(init=False)

    def __post_init__(self) -> None:
        self.ejaan = indeks_ejaan(self.kolom)
        self.per_kunci = {k.kunci: k for k in self.kolom}


def baca_buku(
    berkas: str | IO[bytes],
    skema: Skema,
    *,
    periksa_baris: Callable[[Any], list[Masalah]] | None = None,
    batas: Batas | None = None,
) -> Bacaan:
    """Read every data sheet of an .xlsx workbook, read-only and row by row.

    `periksa_baris(baris)` returns the problems of a read row across its cells (it may mark
    `baris.rusak` and fill values in). A workbook over `batas` is refused with one problem and
    nothing of it read (or nothing more, when only reading finds it).
    """
    bacaan = Bacaan()
    try:
        buku = load_workbook(berkas, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises zip, XML and key errors alike for a non-xlsx file
        bacaan.masalah.append(
            Masalah("", None, "", "", "berkas tidak dapat dibaca sebagai .xlsx "
                    f"({e.__class__.__name__}); simpan ulang sebagai Excel Workbook (.xlsx)")
        )  # fmt: skip
        return bacaan
    data = [
        lembar
        for lembar in buku.worksheets
        if lembar.title.strip().casefold() not in skema.lembar_bukan_data
    ]
    hitung = _Hitung(batas)
    try:
        if batas is not None:
            # The sheets' own <dimension>: an over-limit file is refused before a row is parsed.
            baris = sum(getattr(lembar, "max_row", None) or 0 for lembar in data)
            sel = sum(
                (getattr(lembar, "max_row", None) or 0) * (getattr(lembar, "max_column", None) or 0)
                for lembar in data
            )  # a sheet without <dimension> gives None: counted while reading instead
            if baris > batas.baris or sel > batas.sel:
                bacaan.masalah.append(Masalah("", None, "", "", batas.pesan(baris, sel)))
                return bacaan
        for lembar in data:
            try:
                _Lembar(lembar, skema, bacaan, periksa_baris, hitung).baca()
            except _TerlaluBesar as e:
                # Nothing read is kept: the file is refused as a whole, and its rows freed.
                bacaan.baris.clear()
                bacaan.peringatan.clear()
                bacaan.masalah[:] = [Masalah("", None, "", "", str(e))]
                return bacaan
            except _LembarRusak as e:
                bacaan.masalah.append(
                    Masalah(lembar.title, None, "", "", "lembar tidak dapat dibaca sampai "
                            f"habis ({e.sebab.__class__.__name__}); periksa isi selnya atau "
                            "simpan ulang sebagai Excel Workbook (.xlsx)")
                )  # fmt: skip
    finally:
        buku.close()
    if not bacaan.baris and not bacaan.masalah:
        bacaan.masalah.append(Masalah("", None, "", "", "berkas tidak berisi baris data"))
    return bacaan


class _Hitung:
    """Rows and cells read so far across the workbook, against its Batas."""

    def __init__(self, batas: Batas | None) -> None:
        self.batas, self.baris, self.sel = batas, 0, 0

    def baris_dari(self, semua: Iterator[tuple]) -> Iterator[tuple]:
        for sel in semua:
            if self.batas is not None:
                self.baris += 1
                self.sel += len(sel)
                if self.baris > self.batas.baris or self.sel > self.batas.sel:
                    raise _TerlaluBesar(self.batas.pesan(self.baris, self.sel))
            yield sel


class _LembarRusak(Exception):
    """openpyxl failed while parsing a row (a crafted cell such as a 5,000-digit <v>)."""

    def __init__(self, sebab: Exception) -> None:
        self.sebab = sebab


def _baris_aman(baris: Iterator[tuple]) -> Iterator[tuple]:
    """The sheet's rows; a failure of the parser itself (not of our readers) is _LembarRusak."""
    while True:
        try:
            sel = next(baris)
        except StopIteration:
            return
        except Exception as e:  # openpyxl raises ValueError, KeyError, XML errors alike
            raise _LembarRusak(e) from e
        yield sel


class _Lembar:
    """One sheet being read: its header, then its rows."""

    def __init__(
        self,
        lembar: Any,
        skema: Skema,
        bacaan: Bacaan,
        periksa_baris: Callable[[Any], list[Masalah]] | None,
        hitung: _Hitung,
    ) -> None:
        self.lembar, self.nama, self.skema, self.bacaan = lembar, lembar.title, skema, bacaan
        self.periksa_baris = periksa_baris
        self.hitung = hitung

    def baca(self) -> None:
        skema, bacaan, nama = self.skema, self.bacaan, self.nama
        semua = self.hitung.baris_dari(_baris_aman(self.lembar.iter_rows()))
        awal: list[tuple] = []
        for sel in semua:
            awal.append(sel)
            if len(awal) >= skema.baris_judul_maks:
                break
        if not any(_ada_isi(sel) for sel in awal):
            return  # an empty sheet
        judul = cari_judul([[s.value for s in sel] for sel in awal], skema)
        if judul is None:
            perlu = " atau ".join(skema.identitas)
            bacaan.masalah.append(
                Masalah(nama, None, "", "", f"baris judul kolom tidak ditemukan di "
                        f"{skema.baris_judul_maks} baris pertama (perlu kolom {perlu} dan kolom "
                        "lain dari templat)")
            )  # fmt: skip
            return
        bacaan.lembar.append(nama)
        mulai, kunci_kolom, teks_judul = judul
        self.kolom = {
            k: (get_column_letter(i + 1), teks_judul[i]) for i, k in enumerate(kunci_kolom) if k
        }
        self._periksa_judul(kunci_kolom, teks_judul)
        self.dibaca = [
            (i, k, skema.pembaca[jenis], jenis in skema.jenis_format)
            for i, k in enumerate(kunci_kolom)
            if k and (jenis := skema.per_kunci[k].jenis) != "abaikan"
        ]
        tanpa_judul = [i for i, isi in enumerate(teks_judul) if not isi]
        tanpa_judul_berisi: set[int] = set()
        for nomor, sel in enumerate(_lanjut(awal[mulai:], semua), start=mulai + 1):
            for i in tanpa_judul:
                if i < len(sel) and sel[i].value not in (None, ""):
                    tanpa_judul_berisi.add(i)
            baris = self._baca_baris(nomor, sel)
            if baris is None:
                continue
            if self.periksa_baris is not None:
                bacaan.masalah.extend(self.periksa_baris(baris))
            bacaan.baris.append(baris)
        # Beyond the header's width read-only rows are not padded, so only look where it reaches.
        for i in sorted(tanpa_judul_berisi):
            bacaan.peringatan.append(
                Masalah(nama, None, get_column_letter(i + 1), "",
                        "kolom tanpa judul berisi data; tidak dibaca")
            )  # fmt: skip

    def _periksa_judul(self, kunci: list[str | None], isi: list[str]) -> None:
        pertama: dict[str, int] = {}
        for i, k in enumerate(kunci):
            huruf = get_column_letter(i + 1)
            if k is None:
                if isi[i]:
                    self.bacaan.peringatan.append(
                        Masalah(self.nama, None, huruf, isi[i], "kolom tidak dikenal; tidak "
                                "dibaca (nama kolom yang dikenal ada di lembar Petunjuk templat)")
                    )  # fmt: skip
            elif k in pertama:
                lain = pertama[k]
                self.bacaan.masalah.append(
                    Masalah(self.nama, None, huruf, isi[i], f"kolom ini dan kolom "
                            f"{get_column_letter(lain + 1)} ({isi[lain]}) sama-sama berarti "
                            f"{k}; hapus salah satu")
                )  # fmt: skip
            else:
                pertama[k] = i

    def _baca_baris(self, nomor: int, sel: tuple) -> Baris | None:
        skema = self.skema
        baris = skema.kelas_baris(self.nama, nomor, {}, self.kolom)
        masalah: list[Masalah] = []
        lebar = len(sel)
        for i, kunci, pembaca, perlu_format in self.dibaca:
            if i >= lebar or (mentah := sel[i].value) is None:
                continue
            jenis = skema.per_kunci[kunci].jenis
            if type(mentah) is str:
                mentah = mentah.strip()
                if mentah in KOSONG and not (mentah and jenis in skema.jenis_tanda):
                    continue
            try:
                # Only some kinds read the cell's format (0.8 formatted as % is 80 %).
                format_angka = (sel[i].number_format or "") if perlu_format else ""
                baris.nilai[kunci] = pembaca(mentah, format_angka)
            except TidakTerbaca as e:
                if jenis in skema.jenis_peringatan:
                    akibat = skema.akibat_peringatan
                    self.bacaan.peringatan.append(baris.masalah(kunci, f"{e}; {akibat}"))
                else:
                    baris.rusak.add(kunci)
                    masalah.append(baris.masalah(kunci, str(e)))
        if not baris.nilai and not baris.rusak:
            return None
        if not set(skema.identitas) & (baris.nilai.keys() | baris.rusak):
            if any(isinstance(s.value, str) and baris_jumlah(s.value) for s in sel):
                return None  # the total row of a list
            pertama = skema.identitas[0]
            masalah.append(baris.masalah(pertama, f"{' atau '.join(skema.identitas)} wajib diisi"))
            baris.rusak.add(pertama)
        self.bacaan.masalah.extend(masalah)
        return baris


def baris_jumlah(isi: str) -> bool:
    """A list's total row: JUMLAH …, TOTAL …."""
    return isi.strip().casefold().startswith(("jumlah", "total"))


def _lanjut(awal: list[tuple], sisa: Iterator[tuple]) -> Iterator[tuple]:
    yield from awal
    yield from sisa


def _ada_isi(sel: Iterable[Any]) -> bool:
    return any(getattr(s, "value", None) not in (None, "") for s in sel)


def cari_judul(
    awal: list[list[Any]], skema: Skema
) -> tuple[int, list[str | None], list[str]] | None:
    """Find the header: one row, or a group row over a row of sub-headers.

    Return (index of the first data row, column key per column, header text per column). The
    candidate naming the most known columns wins; it must name an identity column.
    """
    terbaik: tuple[int, int, list[str | None], list[str]] | None = None
    for i, baris in enumerate(awal):
        calon = [(1, *_judul_satu(baris, skema.ejaan))]
        if i + 1 < len(awal):
            calon.append((2, *_judul_dua(baris, awal[i + 1], skema.ejaan)))
        for tinggi, kunci, isi in calon:
            dikenal = [k for k in kunci if k]
            if not set(skema.identitas) & set(dikenal) or len(dikenal) < skema.dikenal_min:
                continue
            if terbaik is None or len(dikenal) > terbaik[0]:
                terbaik = (len(dikenal), i + tinggi, kunci, isi)
    return None if terbaik is None else terbaik[1:]


def _teks_judul(baris: list[Any], lebar: int) -> list[str]:
    isi = ["" if v is None else str(v).strip() for v in baris[:lebar]]
    return isi + [""] * (lebar - len(isi))


def _judul_satu(baris: list[Any], ejaan: Mapping[str, str]) -> tuple[list[str | None], list[str]]:
    isi = _teks_judul(baris, len(baris))
    return [ejaan.get(normal_judul(t)) if t else None for t in isi], isi


def _judul_dua(
    atas: list[Any], bawah: list[Any], ejaan: Mapping[str, str]
) -> tuple[list[str | None], list[str]]:
    lebar = max(len(atas), len(bawah))
    teks_atas, teks_bawah = _teks_judul(atas, lebar), _teks_judul(bawah, lebar)
    kunci: list[str | None] = []
    isi: list[str] = []
    grup = ""
    for i in range(lebar):
        if teks_atas[i]:
            grup = teks_atas[i]
        elif not teks_bawah[i]:
            grup = ""
        if not teks_bawah[i]:  # a header spanning both rows
            kunci.append(ejaan.get(normal_judul(teks_atas[i])) if teks_atas[i] else None)
            isi.append(teks_atas[i])
            continue
        # A sub-header under a merged group cell (the group's other cells read as empty).
        gabung = f"{grup} {teks_bawah[i]}".strip()
        kunci.append(ejaan.get(normal_judul(gabung)) or ejaan.get(normal_judul(teks_bawah[i])))
        isi.append(gabung)
    return kunci, isi
