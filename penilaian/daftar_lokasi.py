"""The Daftar Lokasi table, once: its columns, headers and the cells of one row.

The SK's Lampiran I (LAMPIRAN C of the Perwal, "Format Daftar Lokasi yang Terverifikasi")
prints this table, and the priority list shows it on its page and in its Excel, so the Pokja
reviews what the SK will say. Every consumer takes its columns, headers, widths, alignment,
number formats and cell texts from here:

- the priority list's page (`templates/penilaian/prioritas_daftar.html`) and Excel
  (`penilaian.ekspor`): `KOLOM_DAFTAR`, rows of `penilaian.prioritas.BarisPrioritas`;
- the SK's Lampiran I PDF (`penilaian.sk.tata`, `penilaian.sk.cetak`) and Excel
  (`penilaian.sk.xlsx`): `KOLOM_LAMPIRAN`, rows of `penilaian.sk.isi.LokasiSK`.

Both row types provide `BarisDaftar` as they are (same field names), so no row is copied.

Pure: no Django (openpyxl through `kumuh.xlsx` for the Excel cells).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Protocol

from kumuh import angka, xlsx
from penilaian import rumus

if TYPE_CHECKING:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.worksheet import Worksheet


class BarisDaftar(Protocol):
    """What a row of the Daftar Lokasi needs; `BarisPrioritas` and `LokasiSK` provide it."""

    @property
    def nomor(self) -> int: ...
    @property
    def nama(self) -> str: ...
    @property
    def luas_ha(self) -> Decimal | None: ...
    @property
    def rt_rw(self) -> str: ...
    @property
    def kelurahan(self) -> tuple[str, ...]: ...
    @property
    def kecamatan(self) -> tuple[str, ...]: ...
    @property
    def jumlah_penduduk(self) -> int | None: ...
    @property
    def kepadatan_penduduk(self) -> Decimal | None: ...
    @property
    def lintang(self) -> Decimal | None: ...
    @property
    def bujur(self) -> Decimal | None: ...
    @property
    def nilai_kekumuhan(self) -> int: ...
    @property
    def tingkat_kekumuhan(self) -> str: ...
    @property
    def nilai_pertimbangan_lain(self) -> int: ...
    @property
    def tingkat_pertimbangan_lain(self) -> str: ...
    @property
    def legalitas(self) -> str: ...
    @property
    def klasifikasi(self) -> str: ...
    @property
    def prioritas(self) -> int: ...
    @property
    def pola_penanganan(self) -> str: ...
    @property
    def kewenangan(self) -> str: ...


class Jenis(StrEnum):
    """How a column's value is written: as text, or as a number of a given kind."""

    TEKS = "teks"
    NOMOR = "nomor"  # the row number, printed without thousands dot
    BILANGAN = "bilangan"  # whole number, dot thousands
    HEKTAR = "hektar"  # two decimals, half up (penilaian.md §9)
    DESIMAL = "desimal"  # two decimals
    NILAI = "nilai"  # a score, printed as is


class Rata(StrEnum):
    KIRI = "kiri"
    KANAN = "kanan"
    TENGAH = "tengah"


@dataclass(frozen=True)
class Kolom:
    """One column of the Daftar Lokasi."""

    kunci: str
    grup: str  # "" for a column spanning both header rows
    judul: str  # as the priority list writes it
    lebar_xlsx: float  # Excel character widths
    lebar_mm: float  # in the PDF; 0 for a column Lampiran I does not print
    rata: Rata
    jenis: Jenis
    nilai: Callable[[BarisDaftar], object]  # the value; None when missing
    # As the SK template writes it where that differs, with the PDF's break hints (a soft
    # hyphen where a word may break in a narrow column).
    judul_sk_cetak: str = ""
    nowrap: bool = False  # the PDF keeps it on one line (coordinates, "B1/ 2")

    @property
    def judul_sk(self) -> str:
        """Return the header as the SK's Excel writes it (no break hints)."""
        return (self.judul_sk_cetak or self.judul).replace("\u00ad", "")

    @property
    def judul_cetak(self) -> str:
        """Return the header as the SK's PDF prints it."""
        return self.judul_sk_cetak or self.judul

    @property
    def kelas_css(self) -> str:
        """Return the cell's CSS classes in the PDF and on the page ("a" right, "c" centre)."""
        kelas = {Rata.KIRI: "", Rata.KANAN: "a", Rata.TENGAH: "c"}[self.rata]
        return f"{kelas} nowrap".strip() if self.nowrap else kelas

    @property
    def format_xlsx(self) -> str | None:
        return _FORMAT_XLSX.get(self.jenis)

    def teks(self, nilai: object) -> str:
        """Return the printed text of a value of this column ("–" when missing)."""
        if nilai is None or nilai == "":
            return angka.KOSONG
        return _TEKS[self.jenis](nilai)


def _dua_desimal(nilai: Decimal | None) -> Decimal | None:
    # The SK prints hectares to 2 decimals, half up, and totals what it prints (§9).
    return None if nilai is None else nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def tingkat_singkat(tingkat: str) -> str:
    """Return "Sedang" for "Kumuh Sedang", as the narrow TINGK. column prints it."""
    return tingkat.removeprefix("Kumuh ")


_LA, _KP, _KO = "LINGKUP ADMINISTRATIF", "KEPENDUDUKAN", "KOORDINAT"
_KK, _PL = "KEKUMUHAN", "PERT. LAIN"
_KI, _KA, _TE = Rata.KIRI, Rata.KANAN, Rata.TENGAH
_T = Jenis.TEKS

# fmt: off
KOLOM_DAFTAR: tuple[Kolom, ...] = (
    Kolom("nomor", "", "NO", 5, 8, _TE, Jenis.NOMOR, lambda b: b.nomor),
    Kolom("nama", "", "NAMA LOKASI", 24, 33, _KI, _T, lambda b: b.nama),
    Kolom("luas", "", "LUAS (HA)", 10, 13, _KA, Jenis.HEKTAR, lambda b: _dua_desimal(b.luas_ha)),
    Kolom("rt_rw", _LA, "RT/RW", 12, 24, _KI, _T, lambda b: b.rt_rw),
    Kolom("kelurahan", _LA, "KELURAHAN/DESA", 18, 23, _KI, _T,
          lambda b: ", ".join(b.kelurahan), judul_sk_cetak="KELURAHAN/ DESA"),
    Kolom("kecamatan", _LA, "KECAMATAN", 16, 22, _KI, _T,
          lambda b: ", ".join(b.kecamatan), judul_sk_cetak="KECAMATAN /DISTRIK"),
    Kolom("jumlah_penduduk", _KP, "JUMLAH (JIWA)", 11, 14, _KA, Jenis.BILANGAN,
          lambda b: b.jumlah_penduduk),
    Kolom("kepadatan", _KP, "KEPADATAN (JIWA/HA)", 12, 15, _KA, Jenis.DESIMAL,
          lambda b: b.kepadatan_penduduk, judul_sk_cetak="KEPA\u00adDATAN (JIWA/HA)"),
    Kolom("lintang", _KO, "LINTANG", 16, 22, _KI, _T,
          lambda b: angka.dms(b.lintang, "lintang"), nowrap=True),
    Kolom("bujur", _KO, "BUJUR", 18, 23, _KI, _T,
          lambda b: angka.dms(b.bujur, "bujur"), nowrap=True),
    Kolom("nilai_kekumuhan", _KK, "NILAI", 7, 10, _TE, Jenis.NILAI, lambda b: b.nilai_kekumuhan),
    Kolom("tingkat_kekumuhan", _KK, "TINGK.", 9, 14, _TE, _T,
          lambda b: tingkat_singkat(b.tingkat_kekumuhan)),
    Kolom("nilai_pertimbangan_lain", _PL, "NILAI", 7, 10, _TE, Jenis.NILAI,
          lambda b: b.nilai_pertimbangan_lain),
    Kolom("tingkat_pertimbangan_lain", _PL, "TINGK.", 9, 13, _TE, _T,
          lambda b: b.tingkat_pertimbangan_lain),
    Kolom("legalitas", "", "LEGALITAS TANAH", 11, 16, _TE, _T, lambda b: b.legalitas),
    Kolom("prioritas", "", "PRIORITAS", 10, 17, _TE, _T,
          lambda b: rumus.label_prioritas(b.klasifikasi, b.prioritas), nowrap=True),
    Kolom("pola_penanganan", "", "POLA PENANGANAN", 18, 0, _TE, _T, lambda b: b.pola_penanganan),
    Kolom("kewenangan", "", "KEWENANGAN", 15, 0, _TE, _T, lambda b: b.kewenangan),
)
# fmt: on
# The SK's Lampiran I has the template's 16 columns: pola and kewenangan are decided per
# lokasi in Lampiran III, not listed in the decree's table.
KOLOM_LAMPIRAN: tuple[Kolom, ...] = KOLOM_DAFTAR[:16]

_TEKS: dict[Jenis, Callable[[object], str]] = {
    Jenis.TEKS: str,
    Jenis.NOMOR: str,
    Jenis.BILANGAN: angka.format_bilangan,  # type: ignore[dict-item]
    Jenis.HEKTAR: angka.format_hektar,  # type: ignore[dict-item]
    Jenis.DESIMAL: angka.format_desimal,  # type: ignore[dict-item]
    Jenis.NILAI: str,
}
_FORMAT_XLSX = {
    Jenis.NOMOR: xlsx.FORMAT_BILANGAN,
    Jenis.BILANGAN: xlsx.FORMAT_BILANGAN,
    Jenis.HEKTAR: xlsx.FORMAT_HEKTAR,
    Jenis.DESIMAL: xlsx.FORMAT_HEKTAR,
    Jenis.NILAI: xlsx.FORMAT_NILAI,
}


@cache
def _rata_xlsx() -> dict[Rata, Alignment]:
    # On first use: kumuh.xlsx makes its openpyxl styles lazily (start-up time, issue 14).
    return {Rata.KIRI: xlsx.KIRI, Rata.KANAN: xlsx.KANAN, Rata.TENGAH: xlsx.TENGAH_ATAS}


def nilai_baris(baris: BarisDaftar, kolom: Sequence[Kolom] = KOLOM_DAFTAR) -> list[object]:
    """Return the row's values in column order: numbers as numbers, None when missing."""
    return [k.nilai(baris) for k in kolom]


def teks_baris(baris: BarisDaftar, kolom: Sequence[Kolom] = KOLOM_DAFTAR) -> tuple[str, ...]:
    """Return the row's cell texts in column order, exactly as the page and the PDF print them."""
    return tuple(k.teks(k.nilai(baris)) for k in kolom)


def indeks(kolom: Sequence[Kolom], kunci: str) -> int:
    """Return the 1-based position of the column `kunci` (an Excel column number)."""
    return next(i for i, k in enumerate(kolom, start=1) if k.kunci == kunci)


def grup_kolom(kolom: Sequence[Kolom], *, sk: bool = False) -> list[tuple[str, int]]:
    """Return (group, span) in column order; a column without group is its own span of 1."""
    hasil: list[tuple[str, int]] = []
    for k in kolom:
        if k.grup and hasil and hasil[-1][0] == k.grup:
            hasil[-1] = (k.grup, hasil[-1][1] + 1)
        else:
            hasil.append((k.grup or (k.judul_cetak if sk else k.judul), 1))
    return hasil


def kepala(kolom: Sequence[Kolom], *, sk: bool = False) -> list[tuple[str, str]]:
    """Return each column's header path, top row first: ("KOORDINAT", "LINTANG"), ("NO", "")."""
    judul = [k.judul_sk if sk else k.judul for k in kolom]
    return [(k.grup, j) if k.grup else (j, "") for k, j in zip(kolom, judul, strict=True)]


# --- Excel -----------------------------------------------------------------------------------


def tulis_kepala_xlsx(
    lembar: Worksheet,
    atas: int,
    kolom: Sequence[Kolom],
    *,
    sk: bool = False,
    tinggi: Sequence[float | None] = (),
) -> int:
    """Write the two grouped header rows and the column widths; return the row under them."""
    xlsx.atur_lebar(lembar, [k.lebar_xlsx for k in kolom])
    return xlsx.tulis_kepala(lembar, atas, kepala(kolom, sk=sk), tinggi)


def tulis_baris_xlsx(
    lembar: Worksheet, nomor: int, baris: BarisDaftar, kolom: Sequence[Kolom]
) -> None:
    """Write one row at sheet row `nomor`: numbers with their formats, framed cells."""
    for i, k in enumerate(kolom, start=1):
        xlsx.tulis_sel(lembar, nomor, i, k.nilai(baris), k.format_xlsx, _rata_xlsx()[k.rata])
