"""The workbook side of the survey import: read rows, check and score them, template, report.

Pure: openpyxl and the rules (`rumus`, `kalkulator`, `lokasi.geo`), no Django, so it is tested
without a database. `penilaian/impor.py` matches what is read here with the database (kelurahan,
existing lokasi, RT units and surveys) and writes it.

A workbook has one row per lokasi, or one row per RT unit of a lokasi (penilaian.md §7; the rows
of one lokasi carry `rt` and `rw`). Columns are found by their header, compared without case,
spaces or punctuation, against the template's names and the spellings of KOTAKU baseline files
and of our own priority list (two header rows, title rows above, a total row below). A column
nobody knows is reported, never silently read or dropped.

    bacaan = baca_buku(berkas, tahun_bawaan=2025)   # rows and per-cell problems
    grup, masalah = kelompokkan(bacaan.baris)         # lokasi → surveys, cross-row problems
    nilai_survei(survei, kategori_kota=…, luas_sk_ha=…, kepala=…)  # sheets, result, flags
    tandai(survei, hasil)                             # flags against stored results
    buku_templat(), buku_laporan(berkas, laporan)     # the template, the marked-up report
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kumuh import angka
from lokasi import geo
from penilaian import kalkulator, rumus

# --- the columns -----------------------------------------------------------------------------

IDENTITAS = "Identitas"
DATA_LOKASI = "Data lokasi"
NUMERIK = "Format Numerik (Tabel 2)"
KRITERIA = "Persen atau pilihan per kriteria"
LEGALITAS = "Legalitas lahan (Tabel 3 B)"
PERTIMBANGAN = "Pertimbangan lain (Tabel 3 C)"
HASIL_LAMA = "Hasil lama (untuk diperiksa, tidak disimpan)"


@dataclass(frozen=True)
class Kolom:
    """One column the import understands: its template header and other accepted spellings."""

    kunci: str  # the template's header; a numerik column is named exactly as its numerik key
    kelompok: str
    keterangan: str
    ejaan: tuple[str, ...] = ()
    jenis: str = "teks"
    templat: bool = True  # shown in the template's Data sheet (the others only in Petunjuk)


def _numerik(kunci: str, *ejaan: str) -> Kolom:
    label, satuan = rumus.NUMERIK_FIELDS[kunci], rumus.SATUAN_NUMERIK[kunci]
    jenis = "bulat" if kunci in rumus.NUMERIK_BILANGAN_BULAT else "angka"
    return Kolom(
        kunci, NUMERIK, f"{label} ({satuan})", (label, f"{label} ({satuan})", *ejaan), jenis
    )


# Extra spellings of Format Numerik columns seen in KOTAKU/KAWANKU baseline files.
_EJAAN_NUMERIK: dict[str, tuple[str, ...]] = {
    "luas_verifikasi_ha": ("luas verifikasi (ha)", "luas rt (ha)", "luas rt", "luas wilayah rt"),
    "jumlah_bangunan": ("jumlah bangunan (unit)", "jml bangunan", "jumlah rumah"),
    "jumlah_penduduk": (
        "jumlah penduduk (jiwa)",
        "jml penduduk",
        "penduduk (jiwa)",
        "jumlah jiwa",
        "jumlah (jiwa)",
        "kependudukan jumlah (jiwa)",
    ),
    "jumlah_kk": ("jumlah kk (kk)", "jml kk", "jumlah kepala keluarga", "kk"),
    "bangunan_tidak_teratur": ("bangunan tidak teratur", "jumlah bangunan tidak teratur"),
    "luas_kepadatan_tinggi_ha": ("luas kepadatan tinggi (ha)", "luas kepadatan bangunan tinggi"),
    "bangunan_tidak_sesuai_teknis": (
        "bangunan tidak sesuai persyaratan teknis",
        "jumlah bangunan tidak sesuai teknis",
    ),
    "panjang_jalan_ideal_m": ("panjang jalan lingkungan ideal (m)", "panjang jalan ideal (m)"),
    "panjang_jalan_eksisting_m": (
        "panjang jalan lingkungan eksisting (m)",
        "panjang jalan eksisting (m)",
    ),
    "panjang_jalan_rusak_m": ("panjang jalan rusak (m)", "panjang jalan lingkungan rusak"),
    "kk_tanpa_akses_air_minum_aman": ("kk tanpa akses air minum aman",),
    "kk_kebutuhan_air_minum_tidak_terpenuhi": ("kk kebutuhan air minum tidak terpenuhi",),
    "panjang_drainase_ideal_m": (
        "panjang drainase lingkungan ideal (m)",
        "panjang drainase ideal (m)",
    ),
    "panjang_drainase_eksisting_m": (
        "panjang drainase eksisting (m)",
        "panjang drainase lingkungan eksisting (m)",
    ),
    "luas_genangan_ha": ("luas genangan (ha)", "luas genangan"),
    "panjang_drainase_rusak_m": ("panjang drainase rusak (m)", "panjang drainase rusak"),
    "kk_air_limbah_tidak_sesuai_standar": ("kk air limbah tidak sesuai standar",),
    "kk_sarpras_air_limbah_tidak_sesuai": ("kk sarpras air limbah tidak sesuai",),
    "kk_sarpras_sampah_tidak_sesuai": ("kk sarpras sampah tidak sesuai",),
    "kk_sistem_sampah_tidak_sesuai": ("kk sistem sampah tidak sesuai",),
    "bangunan_tanpa_prasarana_proteksi_kebakaran": ("bangunan tanpa prasarana proteksi kebakaran",),
    "bangunan_tanpa_sarana_proteksi_kebakaran": ("bangunan tanpa sarana proteksi kebakaran",),
}

# Criterion names as KAWANKU Jatim and KOTAKU profiles print them (a column of percentages).
_EJAAN_KRITERIA: dict[str, tuple[str, ...]] = {
    "1a": ("ketidakteraturan bangunan",),
    "1b": ("kepadatan bangunan",),
    "1c": ("ketidaksesuaian dengan persy teknis bangunan", "ketidaksesuaian persyaratan teknis"),
    "2a": ("cakupan pelayanan jalan lingkungan",),
    "2b": ("kualitas permukaan jalan lingkungan",),
    "3a": ("ketidaktersediaan akses aman air minum",),
    "3b": ("tidak terpenuhinya kebutuhan air minum",),
    "4a": ("ketidaktersediaan drainase",),
    "4b": ("ketidakmampuan mengalirkan limpasan air",),
    "4c": ("kualitas konstruksi drainase",),
    "5a": ("sistem pengelolaan air limbah tidak sesuai standar teknis",),
    "5b": ("prasarana dan sarana pengelolaan air limbah tidak sesuai dengan persyaratan teknis",),
    "6a": ("prasarana dan sarana persampahan tidak sesuai dengan persyaratan teknis",),
    "6b": ("sistem pengelolaan persampahan yang tidak sesuai standar teknis",),
    "7a": ("ketidaktersediaan prasarana proteksi kebakaran",),
    "7b": ("ketidaktersediaan sarana proteksi kebakaran",),
}


def _kriteria(k: rumus.Kriteria) -> Kolom:
    return Kolom(
        k.kode,
        KRITERIA,
        f"{k.nama}: persen 0–100 (angka atau sel berformat %), atau pilihan Format Isian "
        f"{', '.join(rumus.PITA_SKOR)}. Kosongkan bila dihitung dari Format Numerik.",
        (
            f"persen {k.kode}",
            f"kriteria {k.kode}",
            f"pita {k.kode}",
            k.nama,
            *_EJAAN_KRITERIA.get(k.kode, ()),
        ),
        "kriteria",
    )


KOLOM: tuple[Kolom, ...] = (
    Kolom("kode_lokasi", IDENTITAS, "Kode lokasi Dinas. Bila diisi, lokasi dicocokkan menurut "
          "kode; bila kosong, menurut nama.",
          ("kode", "kode lokasi", "kode kawasan", "id kawasan", "id lokasi"), "kode"),
    Kolom("nama_lokasi", IDENTITAS, "Nama lokasi (kawasan). Wajib untuk lokasi baru.",
          ("nama lokasi", "nama kawasan", "lokasi", "kawasan", "nama", "nama kawasan kumuh")),
    Kolom("kecamatan", IDENTITAS, "Nama kecamatan; diperlukan bila nama kelurahan ada di "
          "beberapa kecamatan.", ("nama kecamatan",)),
    Kolom("kelurahan", IDENTITAS, "Nama atau kode Kemendagri kelurahan/desa. Baris lokasi boleh "
          "menyebut beberapa, dipisah koma; baris RT menyebut satu.",
          ("kelurahan/desa", "desa/kelurahan", "desa", "kel/desa", "nama kelurahan", "nama desa"),
          "kelurahan"),
    Kolom("kode_kelurahan", IDENTITAS, "Kode Kemendagri kelurahan/desa (33.75.01.1001); bila "
          "diisi, dipakai sebagai ganti kolom kelurahan.",
          ("kode kelurahan", "kode desa", "kode kelurahan/desa", "kode desa/kelurahan"),
          "kelurahan", templat=False),
    Kolom("rt", IDENTITAS, "Nomor RT, untuk baris per unit RT (bersama rw).",
          ("no rt", "nomor rt"), "rt"),
    Kolom("rw", IDENTITAS, "Nomor RW, untuk baris per unit RT (bersama rt).",
          ("no rw", "nomor rw"), "rt"),
    Kolom("tahun", IDENTITAS, "Tahun penilaian. Boleh kosong bila tanggal_survei diisi atau "
          "tahun dipilih saat mengunggah.",
          ("tahun survei", "tahun penilaian", "tahun data", "tahun baseline"), "tahun"),
    Kolom("tanggal_survei", IDENTITAS, "Tanggal survei (tanggal Excel, 25-11-2025 atau "
          "2025-11-25).", ("tanggal", "tgl survei", "tanggal pendataan"), "tanggal"),
    Kolom("surveyor", IDENTITAS, "Nama surveyor.",
          ("nama surveyor", "petugas survei", "petugas", "enumerator", "pendata")),
    Kolom("instansi_surveyor", IDENTITAS, "Instansi surveyor.", ("surveyor instansi",)),
    Kolom("luas_sk_ha", DATA_LOKASI, "Luas lokasi menurut SK (ha), paling banyak 4 desimal.",
          ("luas sk", "luas sk (ha)", "luas (ha)", "luas", "luas kawasan", "luas kawasan (ha)",
           "luas lokasi", "luas lokasi (ha)"), "luas_sk"),
    Kolom("lintang", DATA_LOKASI, "Lintang: derajat desimal (selatan negatif) atau "
          "7° 46' 16,71\" LS.", ("koordinat lintang", "latitude", "lat"), "lintang"),
    Kolom("bujur", DATA_LOKASI, "Bujur: derajat desimal atau 110° 24' 14,19\" BT.",
          ("koordinat bujur", "longitude", "long", "lon", "lng"), "bujur"),
    Kolom("penduduk_laki_laki", DATA_LOKASI, "Penduduk laki-laki (jiwa); wajib untuk unit RT "
          "baru, bersama penduduk_perempuan.",
          ("penduduk laki-laki", "laki-laki", "jumlah laki-laki", "jumlah penduduk laki-laki",
           "penduduk lk"), "bulat"),
    Kolom("penduduk_perempuan", DATA_LOKASI, "Penduduk perempuan (jiwa).",
          ("penduduk perempuan", "perempuan", "jumlah perempuan", "jumlah penduduk perempuan",
           "penduduk pr"), "bulat"),
    *(_numerik(k, *_EJAAN_NUMERIK.get(k, ())) for k in rumus.NUMERIK_FIELDS),
    *(_kriteria(k) for k in rumus.KRITERIA),
    Kolom("status_penguasaan", LEGALITAS, "Kejelasan status penguasaan lahan: + atau − "
          "(juga ya/tidak).",
          ("kejelasan status penguasaan lahan", "status penguasaan lahan", "status lahan",
           "penguasaan lahan"), "plus_minus"),
    Kolom("kesesuaian_rtr", LEGALITAS, "Kesesuaian dengan RTR: + atau − (juga ya/tidak).",
          ("kesesuaian dengan rtr", "kesesuaian rtr", "kesesuaian tata ruang",
           "kesesuaian dengan rencana tata ruang"), "plus_minus"),
    Kolom("strategis", PERTIMBANGAN, "Nilai strategis lokasi: ya/tidak (+/−; skor 5 = ya, "
          "1 = tidak).",
          ("nilai strategis lokasi", "nilai strategis", "lokasi strategis"), "ya_tidak"),
    Kolom("kepadatan_penduduk", PERTIMBANGAN, "Kepadatan penduduk (jiwa/ha). Kosongkan agar "
          "dihitung dari jumlah_penduduk / luas_verifikasi_ha.",
          ("kepadatan penduduk (jiwa/ha)", "kepadatan (jiwa/ha)", "kepadatan",
           "kependudukan kepadatan (jiwa/ha)"), "kepadatan"),
    Kolom("potensi_sosekbud", PERTIMBANGAN, "Potensi sosial, ekonomi dan budaya: ya/tidak "
          "(+/−; skor 5 = ya, 1 = tidak).",
          ("potensi sosial ekonomi budaya", "kondisi sosial ekonomi budaya",
           "kondisi sosial, ekonomi, dan budaya", "potensi sosekbud", "sosekbud"), "ya_tidak"),
    Kolom("nilai_kekumuhan_lama", HASIL_LAMA, "Nilai kekumuhan pada berkas lama (0–80); pada "
          "baris RT dibandingkan dengan nilai RT itu.",
          ("nilai kekumuhan", "nilai kumuh", "total nilai kekumuhan", "total nilai",
           "skor kekumuhan", "kekumuhan nilai"), "nilai_lama"),
    Kolom("tingkat_kekumuhan_lama", HASIL_LAMA, "Tingkat kekumuhan lama (Kumuh Berat/Sedang/"
          "Ringan, Tidak Kumuh).",
          ("tingkat kekumuhan", "tingkat kumuh", "kekumuhan tingk", "kekumuhan tingkat"),
          "tingkat_lama"),
    Kolom("nilai_pertimbangan_lain_lama", HASIL_LAMA, "Nilai pertimbangan lain lama (3–15).",
          ("nilai pertimbangan lain", "pert lain nilai", "pertimbangan lain nilai"),
          "nilai_pl_lama"),
    Kolom("tingkat_pertimbangan_lain_lama", HASIL_LAMA, "Tingkat pertimbangan lain lama "
          "(Tinggi/Sedang/Rendah).",
          ("tingkat pertimbangan lain", "pert lain tingk", "pertimbangan lain tingkat"),
          "tingkat_pl_lama"),
    Kolom("legalitas_lama", HASIL_LAMA, "Legalitas lama (Legal/Tidak Legal).",
          ("legalitas", "legalitas tanah", "legalitas lahan", "status legalitas"),
          "legalitas_lama"),
    Kolom("klasifikasi_lama", HASIL_LAMA, "Klasifikasi lama (A1 … C6).", ("klasifikasi",),
          "klasifikasi_lama"),
    Kolom("prioritas_lama", HASIL_LAMA, "Prioritas lama (1–9), atau klasifikasi/prioritas "
          "seperti B1/ 2.",
          ("prioritas", "skala prioritas", "prioritas penanganan", "klasifikasi/prioritas"),
          "prioritas_lama"),
    # Read when present, left out of the template to keep it narrow.
    Kolom("rt_rw", DATA_LOKASI, "Ringkasan RT/RW lokasi (teks, misalnya RT 01, 02 / RW 03); "
          "diabaikan pada baris RT, yang RT/RW-nya dihitung dari unit.",
          ("rt/rw", "lingkup administratif rt/rw"), templat=False),
    Kolom("permasalahan", DATA_LOKASI, "Permasalahan lokasi (teks).", templat=False),
    Kolom("potensi", DATA_LOKASI, "Potensi lokasi (teks).", templat=False),
    Kolom("pola_penanganan_lama", HASIL_LAMA, "Pola penanganan lama.", ("pola penanganan",),
          "pola_lama", templat=False),
    Kolom("kewenangan_lama", HASIL_LAMA, "Kewenangan lama.",
          ("kewenangan", "kewenangan penanganan"), "kewenangan_lama", templat=False),
    Kolom("no", IDENTITAS, "Nomor urut; tidak dibaca.", ("no urut", "nomor"), "abaikan",
          templat=False),
)  # fmt: skip
KOLOM_PER_KUNCI: dict[str, Kolom] = {k.kunci: k for k in KOLOM}
KOLOM_TEMPLAT: tuple[Kolom, ...] = tuple(k for k in KOLOM if k.templat)

# Survey-level columns: one value per survey, repeated (or given once) on the rows of its RTs.
KOLOM_SURVEI = (
    "status_penguasaan",
    "kesesuaian_rtr",
    "strategis",
    "kepadatan_penduduk",
    "potensi_sosekbud",
    *rumus.KODE_KRITERIA,
)
# Lokasi-level columns: one value per lokasi across all its rows and years.
KOLOM_LOKASI = ("nama_lokasi", "luas_sk_ha", "lintang", "bujur", "rt_rw", "permasalahan", "potensi")
# What a new RT unit must carry (UnitSurvei has no blank header numbers).
WAJIB_UNIT_BARU = (
    "luas_verifikasi_ha",
    "jumlah_bangunan",
    "penduduk_laki_laki",
    "penduduk_perempuan",
    "jumlah_kk",
    "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m",
)
# Sheets a workbook may carry that are not data: the template's own and our report's.
LEMBAR_BUKAN_DATA = {"petunjuk", "contoh", "laporan impor"}
BARIS_JUDUL_MAKS = 20  # the header is looked for in the first rows (title rows above it)
ANGKA_MAKS = Decimal("99999999")  # fits every column it is stored in (luas SK: 12 digits, 4 dp)
TAHUN_MIN, TAHUN_MAKS = 2000, 2100  # Penilaian.tahun validators


def normal_judul(teks: object) -> str:
    """Compare headers without case, spaces or punctuation: `Luas (Ha)` → `luasha`."""
    huruf = unicodedata.normalize("NFKC", str(teks)).casefold()
    return "".join(c for c in huruf if c.isalnum())


def _indeks_ejaan() -> dict[str, str]:
    indeks: dict[str, str] = {}
    for kolom in KOLOM:
        for ejaan in (kolom.kunci, *kolom.ejaan):
            kunci = normal_judul(ejaan)
            lain = indeks.setdefault(kunci, kolom.kunci)
            if lain != kolom.kunci:  # a spelling must name one column only
                raise ValueError(f"ejaan {ejaan!r} dipakai {lain} dan {kolom.kunci}")
    return indeks


EJAAN: dict[str, str] = _indeks_ejaan()


# --- problems, flags and the report ----------------------------------------------------------


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


@dataclass(frozen=True)
class Tanda:
    """An old result of a row that disagrees with what the formula computes from that row."""

    lembar: str
    baris: int
    kolom: str
    judul: str
    jenis: str  # nilai_kekumuhan, tingkat_kekumuhan, …, tidak_kumuh_terdaftar
    lama: str
    dihitung: str
    pesan: str

    def __str__(self) -> str:
        tempat = f"lembar {self.lembar}, baris {self.baris}, kolom {self.kolom} ({self.judul})"
        return f"{tempat}: {self.pesan}"


@dataclass
class Laporan:
    """What a check (or an import) found; plain values so that it can be kept as JSON."""

    nama_berkas: str = ""
    lembar: list[str] = field(default_factory=list)
    jumlah_baris: int = 0
    masalah: list[Masalah] = field(default_factory=list)
    peringatan: list[Masalah] = field(default_factory=list)
    tanda: list[Tanda] = field(default_factory=list)
    # One line per survey: lokasi, kode, tahun, unit, status (baru/diperbarui), results.
    survei: list[dict[str, Any]] = field(default_factory=list)
    # Counts: lokasi/unit/penilaian × baru/diperbarui (before writing) or dibuat/diubah/tetap.
    jumlah: dict[str, int] = field(default_factory=dict)
    tersimpan: bool = False

    @property
    def sah(self) -> bool:
        return not self.masalah

    def ke_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def dari_json(cls, data: Mapping[str, Any]) -> Laporan:
        return cls(
            **{
                **data,
                "masalah": [Masalah(**m) for m in data.get("masalah", [])],
                "peringatan": [Masalah(**m) for m in data.get("peringatan", [])],
                "tanda": [Tanda(**t) for t in data.get("tanda", [])],
            }
        )


# --- reading cells ---------------------------------------------------------------------------

_KOSONG = {"", "-", "–", "—", "−"}  # the priority list writes "–" for an empty value
POLA_KODE_KELURAHAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_POLA_DMS = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)\s*°\s*(?:(\d+(?:[.,]\d+)?)\s*['’′]\s*)?"
    r"(?:(\d+(?:[.,]\d+)?)\s*(?:\"|''|”|″)\s*)?(LU|LS|BT|BB|N|S|E|W)\s*$",
    re.IGNORECASE,
)
_POLA_TANGGAL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_POLA_TANGGAL_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BULAN = {nama.lower(): i for i, nama in enumerate(angka.BULAN, start=1)}
_POLA_TANGGAL_TEKS = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$")
_POLA_LABEL_PRIORITAS = re.compile(r"^([ABC][1-6])\s*/\s*([1-9])$")
_YA = {"+", "(+)", "ya", "y", "yes", "true", "benar", "ada", "jelas", "sesuai", "legal"}
_YA |= {"strategis", "berpotensi", "potensial"}
_TIDAK = {"-", "(-)", "−", "(−)", "–", "(–)", "tidak", "t", "no", "n", "false", "salah"}
_TIDAK |= {"bukan", "ilegal"}


class _TidakTerbaca(ValueError):
    """A cell that cannot be read as its column's kind; the message says why."""


def _teks(nilai: object) -> str:
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, datetime):
        return nilai.date().isoformat()
    return str(nilai).strip()


def _desimal(nilai: object, persen_excel: bool = False) -> Decimal:
    """Read a number: an Excel number, or text written the Indonesian (1.234,5) or plain way."""
    if isinstance(nilai, bool):
        raise _TidakTerbaca(f"bukan angka ({nilai})")
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
        raise _TidakTerbaca(f"bukan angka ({nilai})")
    if persen_excel:  # a cell formatted as % holds 0.8 for 80 %
        d = (d * 100).normalize()
    return d


def _desimal_teks(teks: str) -> Decimal:
    asli = teks
    teks = teks.strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if "," in teks and "." in teks:
        # The separator written last is the decimal one: 1.234,56 or 1,234.56.
        if teks.rfind(",") > teks.rfind("."):
            teks = teks.replace(".", "").replace(",", ".")
        else:
            teks = teks.replace(",", "")
    elif "," in teks:
        if teks.count(",") > 1:
            raise _TidakTerbaca(f"bukan angka ({asli!r})")
        teks = teks.replace(",", ".")  # decimal comma
    elif re.fullmatch(r"-?[1-9]\d{0,2}(\.\d{3})+", teks):
        if teks.count(".") == 1:
            raise _TidakTerbaca(
                f"angka {asli!r} dapat berarti ribuan atau pecahan: tulis sebagai sel angka, "
                "tanpa titik ribuan, atau dengan koma desimal"
            )
        teks = teks.replace(".", "")
    try:
        return Decimal(teks)
    except InvalidOperation:
        raise _TidakTerbaca(f"bukan angka ({asli!r})") from None


def _tampil(d: Decimal) -> str:
    return rumus.tampil_angka(d)


_KELIPATAN = {tempat: Decimal(1).scaleb(-tempat) for tempat in (0, 2, 4)}


def _bukan_negatif(nilai: object, tempat: int | None) -> Decimal:
    if type(nilai) is int and 0 <= nilai <= ANGKA_MAKS:  # most cells: a whole number
        return Decimal(nilai)
    d = _desimal(nilai)
    if d < 0:
        raise _TidakTerbaca(f"tidak boleh negatif ({_tampil(d)})")
    if d > ANGKA_MAKS:
        raise _TidakTerbaca(f"angka terlalu besar ({_tampil(d)})")
    if tempat is None:
        return d
    dibulatkan = d.quantize(_KELIPATAN[tempat], ROUND_HALF_UP)
    if d != dibulatkan:
        if tempat == 0:
            raise _TidakTerbaca(f"harus bilangan bulat ({_tampil(d)})")
        raise _TidakTerbaca(f"paling banyak {tempat} angka di belakang koma ({_tampil(d)})")
    return dibulatkan


def _baca_angka(nilai: object, _: str) -> Decimal:
    return _bukan_negatif(nilai, 2)  # numerik sheets store 2 decimals


def _baca_bulat(nilai: object, _: str) -> int:
    if type(nilai) is int and 0 <= nilai <= ANGKA_MAKS:
        return nilai
    return int(_bukan_negatif(nilai, 0))


def _baca_luas_sk(nilai: object, _: str) -> Decimal:
    return _bukan_negatif(nilai, 4)


def _baca_kepadatan(nilai: object, _: str) -> Decimal:
    # Rounded as the rules round it (§3), so the stored value scores the same.
    return rumus.bulatkan(_bukan_negatif(nilai, None))


def _baca_teks(nilai: object, _: str) -> str:
    return _teks(nilai)


def _baca_kode(nilai: object, _: str) -> str:
    teks = _teks(nilai)
    if len(teks) > 30:
        raise _TidakTerbaca(f"paling panjang 30 karakter ({len(teks)})")
    return teks


def _baca_kelurahan(nilai: object, _: str) -> tuple[str, ...]:
    return tuple(b.strip() for b in re.split(r"[,;\n]", _teks(nilai)) if b.strip() not in _KOSONG)


def _baca_rt(nilai: object, _: str) -> str:
    teks = re.sub(r"^(rt|rw)\.?\s*", "", _teks(nilai), flags=re.IGNORECASE)
    if not teks.isdigit() or len(teks.lstrip("0")) > 3:
        raise _TidakTerbaca(f"harus nomor, misalnya 003 ({_teks(nilai)!r})")
    return teks.lstrip("0").zfill(3)  # as the unit form stores it


def _baca_tahun(nilai: object, _: str) -> int:
    if isinstance(nilai, datetime | date):
        return nilai.year
    d = _desimal(nilai)
    if d != d.to_integral_value() or not TAHUN_MIN <= d <= TAHUN_MAKS:
        raise _TidakTerbaca(f"harus tahun {TAHUN_MIN}–{TAHUN_MAKS} ({_teks(nilai)})")
    return int(d)


def _baca_tanggal(nilai: object, _: str) -> date:
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    teks = _teks(nilai).casefold()
    try:
        if m := _POLA_TANGGAL.match(teks):
            hasil = date(int(m[3]), int(m[2]), int(m[1]))
        elif m := _POLA_TANGGAL_ISO.match(teks):
            hasil = date(int(m[1]), int(m[2]), int(m[3]))
        elif (m := _POLA_TANGGAL_TEKS.match(teks)) and m[2] in _BULAN:
            hasil = date(int(m[3]), _BULAN[m[2]], int(m[1]))
        else:
            raise ValueError
    except ValueError:
        raise _TidakTerbaca(
            f"bukan tanggal ({_teks(nilai)!r}); tulis 25-11-2025, 2025-11-25 atau sel tanggal"
        ) from None
    if not TAHUN_MIN <= hasil.year <= TAHUN_MAKS:
        raise _TidakTerbaca(f"tahun tanggal harus {TAHUN_MIN}–{TAHUN_MAKS} ({hasil.isoformat()})")
    return hasil


def _koordinat(nilai: object, sumbu: str) -> Decimal:
    teks = _teks(nilai)
    if m := _POLA_DMS.match(teks):
        derajat, menit, detik = (Decimal((x or "0").replace(",", ".")) for x in m.group(1, 2, 3))
        d = derajat + menit / 60 + detik / 3600
        arah = m[4].upper()
        if (sumbu == "lintang") != (arah in {"LU", "LS", "N", "S"}):
            raise _TidakTerbaca(f"arah {arah} bukan arah {sumbu}")
        if arah in {"LS", "S", "BB", "W"}:
            d = -d
    else:
        try:
            d = _desimal(nilai)
        except _TidakTerbaca:
            raise _TidakTerbaca(
                f"bukan koordinat ({teks!r}); tulis derajat desimal atau 7° 46' 16,71\" LS"
            ) from None
    return d.quantize(Decimal("0.000001"), ROUND_HALF_UP)  # Lokasi keeps 6 decimals


def _baca_lintang(nilai: object, _: str) -> Decimal:
    return _koordinat(nilai, "lintang")


def _baca_bujur(nilai: object, _: str) -> Decimal:
    return _koordinat(nilai, "bujur")


def _baca_kriteria(nilai: object, format_angka: str) -> tuple[str, Decimal | str]:
    """Return ("persen", 80) or ("pita", "76-100")."""
    if isinstance(nilai, str) and not re.fullmatch(r"\s*[\d.,]+\s*%?\s*", nilai):
        try:
            return "pita", rumus.normalkan_pita(nilai)
        except ValueError:
            raise _TidakTerbaca(
                f"isi persen 0–100 atau pilihan {', '.join(rumus.PITA_SKOR)} ({nilai.strip()!r})"
            ) from None
    d = _desimal(nilai, persen_excel="%" in format_angka)
    if not 0 <= d <= 100:
        raise _TidakTerbaca(f"persen harus antara 0 dan 100 ({_tampil(d)})")
    return "persen", d


def _ya_tidak(nilai: object, skor: bool) -> bool:
    if isinstance(nilai, bool):
        return nilai
    if skor and isinstance(nilai, int | float) and nilai in (5, 1):
        return nilai == 5  # Tabel 3 C scores: 5 yes, 1 no
    teks = " ".join(_teks(nilai).casefold().split())
    if teks in _YA:
        return True
    if teks in _TIDAK or teks.startswith("tidak "):
        return False
    pilihan = "+ atau −, ya atau tidak" + (", 5 atau 1" if skor else "")
    raise _TidakTerbaca(f"isi {pilihan} ({_teks(nilai)!r})")


def _baca_plus_minus(nilai: object, _: str) -> bool:
    return _ya_tidak(nilai, skor=False)


def _baca_ya_tidak(nilai: object, _: str) -> bool:
    return _ya_tidak(nilai, skor=True)


def _pilih(nilai: object, pilihan: Iterable[str], nama: str) -> str:
    kunci = normal_judul(nilai)
    for p in pilihan:
        if kunci in {normal_judul(p), normal_judul(p.removeprefix("Kumuh "))}:
            return p
    raise _TidakTerbaca(f"{nama} lama tidak dikenal ({_teks(nilai)!r})")


def _baca_nilai_lama(nilai: object, _: str) -> int:
    d = _desimal(nilai)
    if d != d.to_integral_value() or not 0 <= d <= rumus.NILAI_KEKUMUHAN_MAKS:
        raise _TidakTerbaca(f"nilai kekumuhan lama harus 0–80 ({_teks(nilai)})")
    return int(d)


def _baca_nilai_pl_lama(nilai: object, _: str) -> int:
    d = _desimal(nilai)
    if d != d.to_integral_value() or not 3 <= d <= rumus.NILAI_PERTIMBANGAN_MAKS:
        raise _TidakTerbaca(f"nilai pertimbangan lain lama harus 3–15 ({_teks(nilai)})")
    return int(d)


def _baca_tingkat_lama(nilai: object, _: str) -> str:
    if normal_judul(nilai) in {"tidak", "bukankumuh"}:
        return rumus.TingkatKekumuhan.TIDAK_KUMUH.value
    return _pilih(nilai, [t.value for t in rumus.TingkatKekumuhan], "tingkat kekumuhan")


def _baca_tingkat_pl_lama(nilai: object, _: str) -> str:
    return _pilih(nilai, [t.value for t in rumus.TingkatPertimbangan], "tingkat pertimbangan")


def _baca_legalitas_lama(nilai: object, _: str) -> str:
    if normal_judul(nilai) in {"ilegal", "illegal"}:
        return rumus.Legalitas.TIDAK_LEGAL.value
    return _pilih(nilai, [x.value for x in rumus.Legalitas], "legalitas")


def _baca_klasifikasi_lama(nilai: object, _: str) -> str:
    teks = _teks(nilai).upper().replace(" ", "")
    if teks not in rumus.PRIORITAS:
        raise _TidakTerbaca(f"klasifikasi lama harus A1 … C6 ({_teks(nilai)!r})")
    return teks


def _baca_prioritas_lama(nilai: object, _: str) -> tuple[str | None, int]:
    """Return (klasifikasi or None, prioritas) from `5` or the list's `B3/ 5`."""
    teks = _teks(nilai).upper()
    if m := _POLA_LABEL_PRIORITAS.match(teks.replace(" ", "")):
        return m[1], int(m[2])
    if teks.isdigit() and 1 <= int(teks) <= 9:
        return None, int(teks)
    raise _TidakTerbaca(f"prioritas lama harus 1–9 atau seperti B1/ 2 ({_teks(nilai)!r})")


def _baca_pola_lama(nilai: object, _: str) -> str:
    return _pilih(nilai, [p.value for p in rumus.PolaPenanganan], "pola penanganan")


def _baca_kewenangan_lama(nilai: object, _: str) -> str:
    return _pilih(nilai, [k.value for k in rumus.Kewenangan], "kewenangan")


_PEMBACA: dict[str, Callable[[object, str], Any]] = {
    "teks": _baca_teks,
    "kode": _baca_kode,
    "kelurahan": _baca_kelurahan,
    "rt": _baca_rt,
    "tahun": _baca_tahun,
    "tanggal": _baca_tanggal,
    "angka": _baca_angka,
    "bulat": _baca_bulat,
    "luas_sk": _baca_luas_sk,
    "lintang": _baca_lintang,
    "bujur": _baca_bujur,
    "kriteria": _baca_kriteria,
    "plus_minus": _baca_plus_minus,
    "ya_tidak": _baca_ya_tidak,
    "kepadatan": _baca_kepadatan,
    "nilai_lama": _baca_nilai_lama,
    "nilai_pl_lama": _baca_nilai_pl_lama,
    "tingkat_lama": _baca_tingkat_lama,
    "tingkat_pl_lama": _baca_tingkat_pl_lama,
    "legalitas_lama": _baca_legalitas_lama,
    "klasifikasi_lama": _baca_klasifikasi_lama,
    "prioritas_lama": _baca_prioritas_lama,
    "pola_lama": _baca_pola_lama,
    "kewenangan_lama": _baca_kewenangan_lama,
}
# An old result that cannot be read is only a warning: it is compared, never imported.
_JENIS_LAMA = {k.jenis for k in KOLOM if k.kelompok == HASIL_LAMA}


# Columns where a dash means (−), not "empty".
_KOLOM_TANDA_MINUS = {k.kunci for k in KOLOM if k.jenis in {"plus_minus", "ya_tidak"}}


# --- reading a workbook ----------------------------------------------------------------------


@dataclass
class Baris:
    """One data row as plain values, keyed by column name (only the cells that were filled)."""

    lembar: str
    nomor: int  # Excel row number
    nilai: dict[str, Any]
    kolom: Mapping[str, tuple[str, str]]  # column name → (letter, header) in its sheet
    rusak: set[str] = field(default_factory=set)  # columns whose cell could not be read

    @property
    def tempat(self) -> tuple[str, int]:
        return (self.lembar, self.nomor)

    @property
    def per_unit(self) -> bool:
        return "rt" in self.nilai or "rw" in self.nilai

    @property
    def kolom_kelurahan(self) -> str:
        """The column naming the row's kelurahan: the Kemendagri code when given."""
        return "kode_kelurahan" if "kode_kelurahan" in self.nilai else "kelurahan"

    @property
    def kelurahan(self) -> tuple[str, ...]:
        return self.nilai.get(self.kolom_kelurahan, ())

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

    baris: list[Baris] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    peringatan: list[Masalah] = field(default_factory=list)
    lembar: list[str] = field(default_factory=list)


def baca_buku(berkas: str | IO[bytes], *, tahun_bawaan: int | None = None) -> Bacaan:
    """Read every data sheet of an .xlsx workbook, read-only and row by row.

    `tahun_bawaan` is the year of rows that give neither tahun nor tanggal_survei.
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
    try:
        for lembar in buku.worksheets:
            if lembar.title.strip().casefold() not in LEMBAR_BUKAN_DATA:
                _baca_lembar(lembar, bacaan, tahun_bawaan)
    finally:
        buku.close()
    if not bacaan.baris and not bacaan.masalah:
        bacaan.masalah.append(Masalah("", None, "", "", "berkas tidak berisi baris data"))
    return bacaan


def _baca_lembar(lembar: Any, bacaan: Bacaan, tahun_bawaan: int | None) -> None:
    nama = lembar.title
    semua = lembar.iter_rows()
    awal: list[tuple] = []
    for sel in semua:
        awal.append(sel)
        if len(awal) >= BARIS_JUDUL_MAKS:
            break
    if not any(_ada_isi(sel) for sel in awal):
        return  # an empty sheet
    judul = _cari_judul([[s.value for s in sel] for sel in awal])
    if judul is None:
        bacaan.masalah.append(
            Masalah(nama, None, "", "", "baris judul kolom tidak ditemukan di 20 baris pertama "
                    "(perlu kolom nama_lokasi atau kode_lokasi dan kolom lain dari templat)")
        )  # fmt: skip
        return
    bacaan.lembar.append(nama)
    mulai, kunci_kolom, teks_judul = judul
    kolom = {k: (get_column_letter(i + 1), teks_judul[i]) for i, k in enumerate(kunci_kolom) if k}
    _periksa_judul(nama, kunci_kolom, teks_judul, bacaan)
    dibaca = [
        (i, k, _PEMBACA[KOLOM_PER_KUNCI[k].jenis], KOLOM_PER_KUNCI[k].jenis == "kriteria")
        for i, k in enumerate(kunci_kolom)
        if k and KOLOM_PER_KUNCI[k].jenis != "abaikan"
    ]
    tanpa_judul = [i for i, teks in enumerate(teks_judul) if not teks]
    tanpa_judul_berisi: set[int] = set()
    for nomor, sel in enumerate(_lanjut(awal[mulai:], semua), start=mulai + 1):
        for i in tanpa_judul:
            if i < len(sel) and sel[i].value not in (None, ""):
                tanpa_judul_berisi.add(i)
        baris = _baca_baris(nama, nomor, sel, dibaca, kolom, bacaan)
        if baris is None:
            continue
        if "tahun" not in baris.nilai and "tahun" not in baris.rusak:
            if "tanggal_survei" in baris.nilai:
                baris.nilai["tahun"] = baris.nilai["tanggal_survei"].year
            elif tahun_bawaan is not None:
                baris.nilai["tahun"] = tahun_bawaan
            else:
                bacaan.masalah.append(
                    baris.masalah("tahun", "tahun wajib diisi (atau isi tanggal_survei, atau "
                                  "pilih tahun saat mengunggah)")
                )  # fmt: skip
        bacaan.baris.append(baris)
    # Beyond the header's width read-only rows are not padded, so only look where it reaches.
    for i in sorted(tanpa_judul_berisi):
        bacaan.peringatan.append(
            Masalah(nama, None, get_column_letter(i + 1), "",
                    "kolom tanpa judul berisi data; tidak dibaca")
        )  # fmt: skip


def _lanjut(awal: list[tuple], sisa: Iterator[tuple]) -> Iterator[tuple]:
    yield from awal
    yield from sisa


def _ada_isi(sel: Iterable[Any]) -> bool:
    return any(getattr(s, "value", None) not in (None, "") for s in sel)


def _cari_judul(awal: list[list[Any]]) -> tuple[int, list[str | None], list[str]] | None:
    """Find the header: one row, or a group row over a row of sub-headers (the priority list).

    Return (index of the first data row, column name per column, header text per column).
    The candidate naming the most known columns wins; it must name the lokasi.
    """
    terbaik: tuple[int, int, list[str | None], list[str]] | None = None
    for i, baris in enumerate(awal):
        calon = [(1, *_judul_satu(baris))]
        if i + 1 < len(awal):
            calon.append((2, *_judul_dua(baris, awal[i + 1])))
        for tinggi, kunci, teks in calon:
            dikenal = [k for k in kunci if k]
            if not {"nama_lokasi", "kode_lokasi"} & set(dikenal) or len(dikenal) < 3:
                continue
            if terbaik is None or len(dikenal) > terbaik[0]:
                terbaik = (len(dikenal), i + tinggi, kunci, teks)
    return None if terbaik is None else terbaik[1:]


def _teks_judul(baris: list[Any], lebar: int) -> list[str]:
    teks = ["" if v is None else str(v).strip() for v in baris[:lebar]]
    return teks + [""] * (lebar - len(teks))


def _judul_satu(baris: list[Any]) -> tuple[list[str | None], list[str]]:
    teks = _teks_judul(baris, len(baris))
    return [EJAAN.get(normal_judul(t)) if t else None for t in teks], teks


def _judul_dua(atas: list[Any], bawah: list[Any]) -> tuple[list[str | None], list[str]]:
    lebar = max(len(atas), len(bawah))
    teks_atas, teks_bawah = _teks_judul(atas, lebar), _teks_judul(bawah, lebar)
    kunci: list[str | None] = []
    teks: list[str] = []
    grup = ""
    for i in range(lebar):
        if teks_atas[i]:
            grup = teks_atas[i]
        elif not teks_bawah[i]:
            grup = ""
        if not teks_bawah[i]:  # a header spanning both rows
            kunci.append(EJAAN.get(normal_judul(teks_atas[i])) if teks_atas[i] else None)
            teks.append(teks_atas[i])
            continue
        # A sub-header under a merged group cell (the group's other cells read as empty).
        gabung = f"{grup} {teks_bawah[i]}".strip()
        kunci.append(EJAAN.get(normal_judul(gabung)) or EJAAN.get(normal_judul(teks_bawah[i])))
        teks.append(gabung)
    return kunci, teks


def _periksa_judul(lembar: str, kunci: list[str | None], teks: list[str], bacaan: Bacaan) -> None:
    pertama: dict[str, int] = {}
    for i, k in enumerate(kunci):
        huruf = get_column_letter(i + 1)
        if k is None:
            if teks[i]:
                bacaan.peringatan.append(
                    Masalah(lembar, None, huruf, teks[i], "kolom tidak dikenal; tidak dibaca "
                            "(nama kolom yang dikenal ada di lembar Petunjuk templat)")
                )  # fmt: skip
        elif k in pertama:
            lain = pertama[k]
            bacaan.masalah.append(
                Masalah(lembar, None, huruf, teks[i], f"kolom ini dan kolom "
                        f"{get_column_letter(lain + 1)} ({teks[lain]}) sama-sama berarti {k}; "
                        "hapus salah satu")
            )  # fmt: skip
        else:
            pertama[k] = i


def _baca_baris(
    lembar: str,
    nomor: int,
    sel: tuple,
    dibaca: list[tuple[int, str, Callable[[object, str], Any], bool]],
    kolom: Mapping[str, tuple[str, str]],
    bacaan: Bacaan,
) -> Baris | None:
    baris = Baris(lembar, nomor, {}, kolom)
    masalah: list[Masalah] = []
    lebar = len(sel)
    for i, kunci, pembaca, perlu_format in dibaca:
        if i >= lebar or (mentah := sel[i].value) is None:
            continue
        if type(mentah) is str:
            mentah = mentah.strip()
            if mentah in _KOSONG and not (mentah and kunci in _KOLOM_TANDA_MINUS):
                continue
        try:
            # Only a criterion reads the cell's format (0.8 formatted as % is 80 %).
            format_angka = (sel[i].number_format or "") if perlu_format else ""
            baris.nilai[kunci] = pembaca(mentah, format_angka)
        except _TidakTerbaca as e:
            if KOLOM_PER_KUNCI[kunci].jenis in _JENIS_LAMA:
                bacaan.peringatan.append(baris.masalah(kunci, f"{e}; tidak dibandingkan"))
            else:
                baris.rusak.add(kunci)
                masalah.append(baris.masalah(kunci, str(e)))
    if not baris.nilai and not baris.rusak:
        return None
    if not {"nama_lokasi", "kode_lokasi"} & (baris.nilai.keys() | baris.rusak):
        if any(isinstance(s.value, str) and _baris_jumlah(s.value) for s in sel):
            return None  # the total row of a list
        masalah.append(baris.masalah("nama_lokasi", "nama_lokasi atau kode_lokasi wajib diisi"))
        baris.rusak.add("nama_lokasi")
    if ("rt" in baris.nilai) != ("rw" in baris.nilai) and not {"rt", "rw"} & baris.rusak:
        kurang = "rw" if "rt" in baris.nilai else "rt"
        masalah.append(baris.masalah(kurang, "baris unit RT perlu rt dan rw sekaligus"))
        baris.rusak.add(kurang)
    if ("lintang" in baris.nilai) != ("bujur" in baris.nilai):
        if not {"lintang", "bujur"} & baris.rusak:
            kurang = "bujur" if "lintang" in baris.nilai else "lintang"
            masalah.append(baris.masalah(kurang, "isi lintang dan bujur bersama-sama"))
            baris.rusak.add(kurang)
    elif "lintang" in baris.nilai:
        try:
            geo.cek_titik(baris.nilai["lintang"], baris.nilai["bujur"], nama="lokasi")
        except geo.GeoTidakValid as e:
            masalah.append(baris.masalah("lintang", str(e)))
            baris.rusak.add("lintang")
    if len(baris.kelurahan) > 1 and baris.per_unit:
        kolom = baris.kolom_kelurahan
        masalah.append(baris.masalah(kolom, "baris unit RT hanya boleh satu kelurahan"))
        baris.rusak.add("kelurahan")
    bacaan.masalah.extend(masalah)
    return baris


def _baris_jumlah(teks: str) -> bool:
    return teks.strip().casefold().startswith(("jumlah", "total"))


# --- rows → lokasi → surveys -----------------------------------------------------------------


def normal_nama(teks: str) -> str:
    """Compare names of lokasi, kelurahan and kecamatan without case or extra spaces."""
    return " ".join(unicodedata.normalize("NFKC", teks).casefold().split())


def kunci_unit(baris: Baris) -> tuple[str, str, str]:
    """(kelurahan as written, RT, RW) of an RT row; impor.py resolves the kelurahan."""
    kelurahan = baris.kelurahan
    return (normal_nama(kelurahan[0]) if kelurahan else "", baris.nilai["rt"], baris.nilai["rw"])


@dataclass
class Survei:
    """The rows of one lokasi in one year: a lokasi row, or one row per RT unit."""

    lokasi: GrupLokasi
    tahun: int
    baris: list[Baris] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # KOLOM_SURVEI values, merged
    # Set by nilai_survei: the numerik sheet of each row, the results and the flags.
    lembar: list[tuple[Baris, dict[str, Decimal]]] = field(default_factory=list)
    hasil: Hasil | None = None
    tanda: list[Tanda] = field(default_factory=list)
    asal: dict[str, tuple[Baris, Any]] = field(default_factory=dict, repr=False)

    @property
    def per_unit(self) -> bool:
        return self.lokasi.per_unit

    @property
    def persen(self) -> dict[str, Decimal]:
        return {
            kode: nilai[1]
            for kode in rumus.KODE_KRITERIA
            if (nilai := self.data.get(kode)) and nilai[0] == "persen"
        }

    @property
    def pita(self) -> dict[str, str]:
        """The Format Isian band stored per criterion: as given, or the band of its persen.

        The model keeps a band, not a percentage; the band's score is the percentage's.
        """
        hasil = {}
        for kode in rumus.KODE_KRITERIA:
            if nilai := self.data.get(kode):
                jenis, isi = nilai
                hasil[kode] = (
                    isi if jenis == "pita" else PITA_SKOR_BALIK[rumus.skor_dari_persen(isi)]
                )
        return hasil

    @property
    def rusak(self) -> bool:
        """A cell of these rows could not be read: already reported, so not scored."""
        return any(b.rusak - {"nama_lokasi"} for b in self.baris)


PITA_SKOR_BALIK: dict[int, str] = {skor: pita for pita, skor in rumus.PITA_SKOR.items()}


@dataclass
class GrupLokasi:
    """All rows naming one lokasi (by kode, else by name), with its surveys by year."""

    kunci: tuple[str, str]
    baris: list[Baris] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # KOLOM_LOKASI values, merged
    survei: dict[int, Survei] = field(default_factory=dict)

    @property
    def kode(self) -> str:
        return self.data.get("kode_lokasi", "")

    @property
    def nama(self) -> str:
        return self.data.get("nama_lokasi", "")

    @property
    def label(self) -> str:
        return f"{self.nama} ({self.kode})" if self.kode and self.nama else self.nama or self.kode

    @property
    def per_unit(self) -> bool:
        return any(b.per_unit for b in self.baris)

    def unit_terakhir(self) -> dict[tuple[str, str, str], Baris]:
        """Each RT unit's row of the latest year (its header numbers win)."""
        hasil: dict[tuple[str, str, str], Baris] = {}
        for tahun in sorted(self.survei):
            for b in self.survei[tahun].baris:
                if b.per_unit:
                    hasil[kunci_unit(b)] = b
        return hasil

    def baris_terakhir(self) -> Baris | None:
        """The lokasi row of the latest year (its header numbers go to the lokasi)."""
        for tahun in sorted(self.survei, reverse=True):
            for b in self.survei[tahun].baris:
                if not b.per_unit:
                    return b
        return None


def _sama(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normal_nama(a) == normal_nama(b)
    return a == b


def _tampil_nilai(nilai: Any) -> str:
    if isinstance(nilai, tuple) and len(nilai) == 2 and nilai[0] in {"persen", "pita"}:
        nilai = nilai[1]
    if isinstance(nilai, bool):
        return "+" if nilai else "−"
    if isinstance(nilai, Decimal):
        return _tampil(nilai)
    if isinstance(nilai, date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai)


def _gabung(
    tujuan: dict[str, Any], asal: dict[str, tuple[Baris, Any]], baris: Baris, kunci: str,
    alasan: str,
) -> Masalah | None:  # fmt: skip
    """Take the row's value unless another row already gave a different one."""
    if kunci not in baris.nilai:
        return None
    nilai = baris.nilai[kunci]
    if kunci not in tujuan:
        tujuan[kunci] = nilai
        asal[kunci] = (baris, nilai)
        return None
    if _sama(tujuan[kunci], nilai):
        return None
    lain = asal[kunci][0]
    di = f"baris {lain.nomor}" + ("" if lain.lembar == baris.lembar else f" lembar {lain.lembar}")
    beda = f"{_tampil_nilai(tujuan[kunci])} / {_tampil_nilai(nilai)}"
    return baris.masalah(kunci, f"berbeda dengan {di} ({beda}): {alasan}")


def kelompokkan(baris: Iterable[Baris]) -> tuple[list[GrupLokasi], list[Masalah]]:
    """Group rows by lokasi and year; report what contradicts across rows.

    Lokasi-level values (nama, luas SK, koordinat …) must agree across a lokasi's rows and
    survey-level values (surveyor, legalitas, pertimbangan lain, persen per criterion) across a
    survey's rows; a blank cell agrees with anything.
    """
    masalah: list[Masalah] = []
    grup: dict[tuple[str, str], GrupLokasi] = {}
    asal_lokasi: dict[tuple[str, str], dict[str, tuple[Baris, Any]]] = {}
    for b in baris:
        if "kode_lokasi" in b.nilai:
            kunci = ("kode", b.nilai["kode_lokasi"].casefold())
        elif "nama_lokasi" in b.nilai:
            kunci = ("nama", normal_nama(b.nilai["nama_lokasi"]))
        else:
            continue  # reported while reading
        g = grup.setdefault(kunci, GrupLokasi(kunci))
        asal = asal_lokasi.setdefault(kunci, {})
        g.baris.append(b)
        for k in ("kode_lokasi", *KOLOM_LOKASI):
            if k == "rt_rw" and b.per_unit:
                continue  # a kawasan of RT units gets its RT/RW from them
            alasan = "satu lokasi satu nilai"
            if k == "luas_sk_ha" and b.per_unit:
                alasan += "; luas tiap RT diisi di kolom luas_verifikasi_ha"
            if m := _gabung(g.data, asal, b, k, alasan):
                masalah.append(m)
                b.rusak.add(k)
    dengan_kode = {normal_nama(g.nama): g for g in grup.values() if g.kunci[0] == "kode" and g.nama}
    for g in grup.values():
        if g.kunci[0] == "nama" and (lain := dengan_kode.get(g.kunci[1])):
            for b in g.baris:
                masalah.append(
                    b.masalah("kode_lokasi", f"lokasi {g.nama} diberi kode {lain.kode} di baris "
                              f"{lain.baris[0].nomor}; isi kode_lokasi di semua barisnya")
                )  # fmt: skip
                b.rusak.add("kode_lokasi")
        if g.per_unit and (lokasi_saja := [b for b in g.baris if not b.per_unit]):
            contoh = next(b for b in g.baris if b.per_unit)
            for b in lokasi_saja:
                masalah.append(
                    b.masalah("rt", f"lokasi {g.label} dinilai per RT (baris {contoh.nomor}); "
                              "baris tanpa rt dan rw tidak boleh dicampur dengannya")
                )  # fmt: skip
                b.rusak.add("rt")
        for b in g.baris:
            if "tahun" in b.nilai:
                _tambah_ke_survei(g, b, masalah)
    return list(grup.values()), masalah


def _tambah_ke_survei(g: GrupLokasi, b: Baris, masalah: list[Masalah]) -> None:
    s = g.survei.get(b.nilai["tahun"])
    if s is None:
        s = g.survei[b.nilai["tahun"]] = Survei(g, b.nilai["tahun"])
    for lain in s.baris:
        if lain.per_unit == b.per_unit and (not b.per_unit or kunci_unit(lain) == kunci_unit(b)):
            apa = f"RT {b.nilai['rt']}/RW {b.nilai['rw']} " if b.per_unit else ""
            masalah.append(
                b.masalah(None, f"baris ganda: {apa}lokasi {g.label} tahun {s.tahun} sudah ada "
                          f"di {lain.label}")
            )  # fmt: skip
            return
    s.baris.append(b)
    for k in KOLOM_SURVEI:
        if m := _gabung(s.data, s.asal, b, k, "satu nilai per survei, bukan per RT"):
            masalah.append(m)
            b.rusak.add(k)
    # RTs are often surveyed on several days by several people: the survey takes the latest
    # date and lists the distinct names (as far as Penilaian's 150 characters go).
    if tanggal := b.nilai.get("tanggal_survei"):
        s.data["tanggal_survei"] = max(tanggal, s.data.get("tanggal_survei", tanggal))
    for k in ("surveyor", "instansi_surveyor"):
        if (nama := b.nilai.get(k)) and nama not in s.data.get(k, "").split(", "):
            gabung = f"{s.data[k]}, {nama}" if k in s.data else nama
            s.data[k] = gabung if len(gabung) <= 150 else s.data[k]


# --- scoring a survey and flagging its old results --------------------------------------------

# The header numbers a sheet starts from (services.angka_kepala).
KEPALA = (
    "luas_verifikasi_ha",
    "jumlah_bangunan",
    "jumlah_penduduk",
    "jumlah_kk",
    "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m",
)
_DUA_DESIMAL = Decimal("0.01")


def nilai_survei(
    survei: Survei,
    *,
    kategori_kota: str,
    luas_sk_ha: Decimal | None,
    kepala: Mapping[tuple[str, int], Mapping[str, Any]],
    hitung: bool = True,
) -> list[Masalah]:
    """Build each row's numerik sheet, score the survey with the rules and flag old results.

    `kepala[row.tempat]` holds the header numbers (with penduduk_laki_laki/perempuan) of the
    existing lokasi or RT unit a row updates: a blank cell keeps them, as a new survey starts
    from them. `luas_sk_ha` is the lokasi's luas SK after the import (kewenangan falls back on
    it, as services.susun_masukan does). Sets survei.lembar, .hasil and .tanda; returns the
    problems, none when it scored. With hitung=False only the sheets are built and checked:
    the import scores what it stored instead (services.hitung_ulang) and flags from that.
    """
    masalah: list[Masalah] = []
    survei.lembar, survei.hasil, survei.tanda = [], None, []
    for b in survei.baris:
        lembar, galat = _lembar_numerik(b, kepala.get(b.tempat))
        survei.lembar.append((b, lembar))
        masalah += galat
    if survei.rusak or masalah:
        return masalah  # the cells themselves are wrong: scoring would only repeat it
    for b, lembar in survei.lembar:
        if b.per_unit:
            masalah += _periksa_bagian(b, lembar)
    if masalah or not hitung:
        return masalah
    hasil = skor(survei, kategori_kota=kategori_kota, luas_sk_ha=luas_sk_ha)
    if isinstance(hasil, list):
        return hasil
    tandai(survei, Hasil.dari_rumus(hasil))
    return []


def skor(
    survei: Survei, *, kategori_kota: str, luas_sk_ha: Decimal | None
) -> rumus.HasilPenilaian | list[Masalah]:
    """Score a survey whose sheets are built: the rules' result, or its problems by cell."""
    try:
        return rumus.hitung(
            masukan_survei(survei, kategori_kota=kategori_kota, luas_sk_ha=luas_sk_ha)
        )
    except rumus.KesalahanMasukan as e:
        return [_masalah_rumus(survei, k) for k in e.kesalahan]


@dataclass(frozen=True)
class Hasil:
    """The results old ones are compared with: from the rules, or as the import stored them."""

    nilai_kekumuhan: int
    tingkat_kekumuhan: str
    nilai_pertimbangan_lain: int
    tingkat_pertimbangan_lain: str
    legalitas: str
    klasifikasi: str | None
    prioritas: int | None
    pola_penanganan: str | None
    kewenangan: str | None

    @property
    def kumuh(self) -> bool:
        return self.tingkat_kekumuhan != rumus.TingkatKekumuhan.TIDAK_KUMUH.value

    @property
    def label_prioritas(self) -> str | None:
        return rumus.label_prioritas(self.klasifikasi, self.prioritas)

    @classmethod
    def dari_rumus(cls, h: rumus.HasilPenilaian) -> Hasil:
        return cls(
            h.nilai_kekumuhan,
            h.tingkat_kekumuhan.value,
            h.nilai_pertimbangan_lain,
            h.tingkat_pertimbangan_lain,
            h.legalitas.value,
            h.klasifikasi,
            h.prioritas,
            h.pola_penanganan.value if h.pola_penanganan else None,
            h.kewenangan.value if h.kewenangan else None,
        )


def masukan_survei(
    survei: Survei, *, kategori_kota: str, luas_sk_ha: Decimal | None
) -> rumus.MasukanPenilaian:
    """The rules' input, built as the batch calculator builds it from a JSON record.

    A kawasan of RT units is scored from the sums of their sheets (§7), as stored surveys are.
    """
    if survei.per_unit:
        numerik = rumus.jumlahkan_unit([lembar for _, lembar in survei.lembar])
    else:
        numerik = survei.lembar[0][1]
    d = survei.data
    rekaman = {
        "kategori_kota": kategori_kota,
        "persen": survei.persen,
        "numerik": numerik,
        "legalitas": {k: d.get(k) for k in kalkulator.KUNCI_LEGALITAS},
        "pertimbangan_lain": {k: d.get(k) for k in kalkulator.KUNCI_PERTIMBANGAN_LAIN},
    }
    pita = {k: v for k, v in survei.pita.items() if k not in survei.persen}
    return replace(kalkulator.masukan_dari_rekaman(rekaman), pita=pita, luas_ha=luas_sk_ha)


def _lembar_numerik(
    b: Baris, kepala: Mapping[str, Any] | None
) -> tuple[dict[str, Decimal], list[Masalah]]:
    masalah: list[Masalah] = []
    lembar: dict[str, Any] = {}
    for k in KEPALA:
        if kepala and (v := kepala.get(k)) is not None:
            lembar[k] = v.quantize(_DUA_DESIMAL, ROUND_HALF_UP) if isinstance(v, Decimal) else v
    lembar.update({k: b.nilai[k] for k in rumus.NUMERIK_FIELDS if k in b.nilai})
    lk, pr = b.nilai.get("penduduk_laki_laki"), b.nilai.get("penduduk_perempuan")
    if (lk is None) != (pr is None):
        kurang = "penduduk_perempuan" if pr is None else "penduduk_laki_laki"
        masalah.append(b.masalah(kurang, "isi penduduk_laki_laki dan penduduk_perempuan bersama"))
    elif lk is not None:
        jumlah = lk + pr
        if "jumlah_penduduk" in b.nilai and b.nilai["jumlah_penduduk"] != jumlah:
            masalah.append(
                b.masalah("jumlah_penduduk", f"({b.nilai['jumlah_penduduk']}) tidak sama dengan "
                          f"penduduk laki-laki + perempuan ({jumlah})")
            )  # fmt: skip
        lembar["jumlah_penduduk"] = jumlah
    if b.per_unit and kepala is None:
        for k in WAJIB_UNIT_BARU:
            if k not in (b.nilai if k.startswith("penduduk_") else lembar):
                masalah.append(b.masalah(k, "wajib diisi untuk unit RT baru"))
    elif b.per_unit and lk is None and "jumlah_penduduk" in b.nilai:
        tersimpan = kepala.get("penduduk_laki_laki", 0) + kepala.get("penduduk_perempuan", 0)
        if b.nilai["jumlah_penduduk"] != tersimpan:
            masalah.append(
                b.masalah("jumlah_penduduk", "unit RT menyimpan penduduk laki-laki dan "
                          "perempuan: isi penduduk_laki_laki dan penduduk_perempuan")
            )  # fmt: skip
    return lembar, masalah


def _periksa_bagian(b: Baris, lembar: Mapping[str, Any]) -> list[Masalah]:
    """A part larger than its whole in one RT (its sum with the others could hide it)."""
    masalah = []
    for k in rumus.KRITERIA:
        batas = k.batas_bagian or (None if k.cara is rumus.CaraHitung.KEKURANGAN else k.pembagi)
        if batas and k.bagian in lembar and batas in lembar and lembar[k.bagian] > lembar[batas]:
            masalah.append(
                b.masalah(k.bagian, f"({_tampil(Decimal(lembar[k.bagian]))}) lebih besar dari "
                          f"{batas} ({_tampil(Decimal(lembar[batas]))}) di RT ini")
            )  # fmt: skip
    return masalah


_AWALAN_RUMUS = re.compile(r"\b(numerik|legalitas|pertimbangan_lain|pita)\.")


def _istilah_berkas(pesan: str) -> str:
    """Say the rules' field paths as the file's column names."""
    pesan = re.sub(r"\bpersen\.(\w+)", r"kolom \1", pesan)
    pesan = _AWALAN_RUMUS.sub("", pesan)
    return pesan.replace("ya (true) atau tidak (false)", "+ atau − (ya atau tidak)")


def _masalah_rumus(survei: Survei, k: rumus.Kesalahan) -> Masalah:
    bagian = k.field.split(".")
    pesan = _istilah_berkas(k.pesan)
    if bagian[0] == "unit" and len(bagian) == 3:
        return survei.lembar[int(bagian[1])][0].masalah(bagian[2], pesan)
    b = survei.baris[0]
    if bagian[0] == "kategori_kota":
        return b.masalah(None, f"kategori kota kabupaten/kota ini belum diatur admin: {pesan}")
    kunci = "luas_sk_ha" if k.field == "luas_ha" else bagian[-1]
    if survei.per_unit and bagian[0] == "numerik":
        pesan += " (jumlah semua RT lokasi ini)"
    return b.masalah(kunci, pesan)


def _teks_hasil(nilai: Any) -> str:
    return "–" if nilai in (None, "") else str(nilai)


def tandai(survei: Survei, hasil: Hasil) -> list[Tanda]:
    """Flag every old result of the survey's rows that `hasil` does not reproduce (item 3)."""
    survei.hasil = hasil
    survei.tanda = []
    for b, lembar in survei.lembar:
        if any(k.endswith("_lama") for k in b.nilai):
            survei.tanda += _Banding(hasil, b, lembar).semua()
    return survei.tanda


class _Banding:
    """Compare one row's old results with the survey's (and, on an RT row, the RT's) result."""

    def __init__(self, hasil: Hasil, b: Baris, lembar: dict[str, Any]) -> None:
        self.h, self.b, self.lama = hasil, b, b.nilai
        self.tanda: list[Tanda] = []
        # nilai and tingkat kekumuhan on an RT row are the RT's own (KOTAKU baselines score
        # each RT); an RT whose criteria are not all in Format Numerik has no score of its own.
        self.kondisi = (hasil.nilai_kekumuhan, hasil.tingkat_kekumuhan)
        self.asal_kondisi = "dari baris ini"
        if b.per_unit:
            self.asal_kondisi = "untuk kawasan (RT ini tidak dapat dinilai sendiri)"
            if {"nilai_kekumuhan_lama", "tingkat_kekumuhan_lama"} & self.lama.keys():
                try:
                    unit = rumus.hitung_unit(lembar)
                except rumus.KesalahanMasukan:
                    pass
                else:
                    self.kondisi = (unit.nilai_kekumuhan, unit.tingkat_kekumuhan.value)
                    self.asal_kondisi = "untuk RT ini"
        self.asal = "untuk kawasan" if b.per_unit else "dari baris ini"

    def semua(self) -> list[Tanda]:
        h, lama = self.h, self.lama
        nilai, tingkat = lama.get("nilai_kekumuhan_lama"), lama.get("tingkat_kekumuhan_lama")
        self.banding("nilai_kekumuhan", nilai, self.kondisi[0], self.asal_kondisi)
        self.banding(
            "tingkat_kekumuhan",
            tingkat,
            self.kondisi[1],
            self.asal_kondisi,
            _catatan_tingkat(nilai, tingkat),
        )
        pl, tingkat_pl = (
            lama.get("nilai_pertimbangan_lain_lama"),
            lama.get("tingkat_pertimbangan_lain_lama"),
        )
        self.banding("nilai_pertimbangan_lain", pl, h.nilai_pertimbangan_lain)
        self.banding(
            "tingkat_pertimbangan_lain",
            tingkat_pl,
            h.tingkat_pertimbangan_lain,
            catatan=_catatan_tingkat_pl(pl, tingkat_pl),
        )
        legal = lama.get("legalitas_lama")
        self.banding("legalitas", legal, h.legalitas)
        klas, kolom_klas = lama.get("klasifikasi_lama"), "klasifikasi_lama"
        prio = None
        if "prioritas_lama" in lama:
            klas_label, prio = lama["prioritas_lama"]  # "B3/ 5" carries both
            if klas is None and klas_label is not None:
                klas, kolom_klas = klas_label, "prioritas_lama"
        if not h.kumuh and (klas or prio):
            self.tidak_kumuh_terdaftar(klas, prio, kolom_klas)
        else:
            catatan = _catatan_klasifikasi(tingkat, tingkat_pl, legal, klas)
            self.banding("klasifikasi", klas, h.klasifikasi, catatan=catatan, kolom=kolom_klas)
            self.banding("prioritas", prio, h.prioritas, catatan=_catatan_prioritas(klas, prio))
        self.banding("pola_penanganan", lama.get("pola_penanganan_lama"), h.pola_penanganan)
        self.banding("kewenangan", lama.get("kewenangan_lama"), h.kewenangan)
        return self.tanda

    def banding(
        self,
        jenis: str,
        lama: Any,
        dihitung: Any,
        asal: str = "",
        catatan: str = "",
        kolom: str = "",
    ) -> None:
        if lama is None or lama == dihitung:
            return
        nama = jenis.replace("_", " ")
        pesan = f"{nama} lama {_teks_hasil(lama)}, dihitung {asal or self.asal} "
        pesan += _teks_hasil(dihitung) + (f" ({catatan})" if catatan else "")
        self.tambah(kolom or f"{jenis}_lama", jenis, lama, dihitung, pesan)

    def tidak_kumuh_terdaftar(self, klas: str | None, prio: int | None, kolom_klas: str) -> None:
        label = rumus.label_prioritas(klas, prio) if klas and prio else klas or f"prioritas {prio}"
        pesan = (
            f"lokasi ini Tidak Kumuh menurut rumus (nilai {self.h.nilai_kekumuhan}) tetapi "
            f"berkas lama memasukkannya ke daftar sebagai {label}"
        )
        kolom = kolom_klas if klas else "prioritas_lama"
        self.tambah(kolom, "tidak_kumuh_terdaftar", label, self.h.tingkat_kekumuhan, pesan)

    def tambah(self, kunci: str, jenis: str, lama: Any, dihitung: Any, pesan: str) -> None:
        huruf, judul = self.b.kolom.get(kunci, ("", kunci))
        self.tanda.append(
            Tanda(
                self.b.lembar,
                self.b.nomor,
                huruf,
                judul,
                jenis,
                _teks_hasil(lama),
                _teks_hasil(dihitung),
                pesan,
            )
        )


# Where an old file contradicts Tabel 4 itself (the source's "Ngropoh" row: 5 is Rendah, not
# Sedang), say so: the old row is wrong whatever its inputs were.
def _catatan_tingkat(nilai: int | None, tingkat: str | None) -> str:
    if nilai is None or tingkat is None or rumus.tingkat_dari_nilai(nilai).value == tingkat:
        return ""
    return (
        f"menurut Tabel 4 nilai lama {nilai} sendiri pun berarti {rumus.tingkat_dari_nilai(nilai)}"
    )


def _catatan_tingkat_pl(nilai: int | None, tingkat: str | None) -> str:
    if nilai is None or tingkat is None:
        return ""
    seharusnya = rumus.tingkat_pertimbangan_dari_nilai(nilai).value
    return "" if seharusnya == tingkat else (
        f"menurut Tabel 4 nilai lama {nilai} sendiri pun berarti {seharusnya}")  # fmt: skip


def _catatan_klasifikasi(
    tingkat: str | None, tingkat_pl: str | None, legal: str | None, klas: str | None
) -> str:
    if None in (tingkat, tingkat_pl, legal, klas):
        return ""
    seharusnya = rumus.klasifikasi(tingkat, tingkat_pl, legal)
    if seharusnya == klas:
        return ""
    lama = f"{tingkat}, {tingkat_pl} dan {legal} pada berkas lama"
    return f"menurut Tabel 4 {lama} sendiri pun {seharusnya or 'tidak berklasifikasi'}"


def _catatan_prioritas(klas: str | None, prioritas: int | None) -> str:
    if klas is None or prioritas is None or rumus.PRIORITAS[klas] == prioritas:
        return ""
    return f"menurut Tabel 4 klasifikasi lama {klas} sendiri pun prioritas {rumus.PRIORITAS[klas]}"


# --- the template and the report workbook -----------------------------------------------------

_WARNA_KELOMPOK = {
    IDENTITAS: "D9E1F2",
    DATA_LOKASI: "DDEBF7",
    NUMERIK: "E2EFDA",
    KRITERIA: "FFF2CC",
    LEGALITAS: "FCE4D6",
    PERTIMBANGAN: "FCE4D6",
    HASIL_LAMA: "EDEDED",
}
_TEBAL = Font(bold=True)
ISI_GALAT = PatternFill("solid", start_color="F4B6B6")
ISI_BEDA = PatternFill("solid", start_color="FFD27F")
ISI_PERINGATAN = PatternFill("solid", start_color="FFF2A8")

_PETUNJUK = (
    "Satu baris per lokasi, atau satu baris per unit RT sebuah lokasi (isi rt dan rw). Nilai "
    "kawasan dari RT dihitung dari JUMLAH angka Format Numerik RT-nya, bukan rata-rata skor.",
    "Tiap kriteria (1a … 7b) diisi dari Format Numerik (kolom bagian dan pembaginya), atau "
    "dari kolom kodenya: persen 0–100 atau pilihan 76-100, 51-75, 25-50, <25. Persen disimpan "
    "sebagai pilihan yang skornya sama.",
    "Legalitas dan pertimbangan lain diisi + atau − (ya atau tidak), sekali per lokasi dan tahun "
    "(pada baris RT boleh diulang atau diisi di satu baris saja).",
    "Kolom hasil lama (…_lama) tidak disimpan: hasilnya dibandingkan dengan hitungan rumus, dan "
    "yang berbeda ditandai di laporan.",
    "Judul kolom dibandingkan tanpa huruf besar/kecil, spasi dan tanda baca; ejaan lain yang "
    "diterima ada di tabel di bawah. Kolom yang tidak dikenal dilaporkan dan tidak dibaca.",
    "Seluruh berkas diperiksa lebih dulu; bila satu baris salah, tidak ada yang disimpan. "
    "Penilaian hasil impor berstatus draf; penilaian yang sudah diajukan atau disetujui tidak "
    "dapat ditimpa.",
    "Lembar bernama Petunjuk, Contoh dan Laporan impor tidak dibaca.",
)


def buku_templat() -> Workbook:
    """The import template: an empty Data sheet with the header, Petunjuk, and Contoh."""
    buku = Workbook()
    data = buku.active
    assert data is not None
    data.title = "Data"
    _tulis_kepala_templat(data)
    petunjuk = buku.create_sheet("Petunjuk")
    petunjuk.column_dimensions["A"].width = 34
    petunjuk.column_dimensions["B"].width = 30
    petunjuk.column_dimensions["C"].width = 70
    petunjuk.column_dimensions["D"].width = 60
    petunjuk.cell(1, 1, "Templat impor penilaian lokasi kumuh").font = Font(bold=True, size=13)
    for i, teks in enumerate(_PETUNJUK, start=2):
        petunjuk.cell(i, 1, f"{i - 1}. {teks}")
    awal = len(_PETUNJUK) + 3
    for j, judul in enumerate(("kolom", "kelompok", "isi", "ejaan lain yang diterima"), start=1):
        petunjuk.cell(awal, j, judul).font = _TEBAL
    for i, k in enumerate(KOLOM, start=awal + 1):
        nilai = (k.kunci, k.kelompok + ("" if k.templat else " (tidak di templat)"), k.keterangan,
                 "; ".join(k.ejaan))  # fmt: skip
        for j, v in enumerate(nilai, start=1):
            petunjuk.cell(i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
    contoh = buku.create_sheet("Contoh")
    _tulis_kepala_templat(contoh)
    for baris in _CONTOH:
        contoh.append([baris.get(k.kunci) for k in KOLOM_TEMPLAT])
    return buku


def _tulis_kepala_templat(lembar: Any) -> None:
    for i, k in enumerate(KOLOM_TEMPLAT, start=1):
        sel = lembar.cell(1, i, k.kunci)
        sel.font = _TEBAL
        sel.fill = PatternFill("solid", start_color=_WARNA_KELOMPOK[k.kelompok])
        sel.comment = Comment(f"{k.kelompok}: {k.keterangan}", "kumuh")
        lembar.column_dimensions[get_column_letter(i)].width = max(10, min(len(k.kunci) + 2, 30))
    lembar.freeze_panes = "C2"


# One lokasi surveyed as a whole (criteria as bands and a percentage) and one made of two RTs.
_CONTOH_LOKASI: dict[str, Any] = {
    "kode_lokasi": "CONTOH-01",
    "nama_lokasi": "Kampung Contoh",
    "kecamatan": "(nama kecamatan)",
    "kelurahan": "(nama kelurahan)",
    "tahun": 2025,
    "tanggal_survei": "15-03-2025",
    "surveyor": "(nama)",
    "luas_sk_ha": 4.5,
    "luas_verifikasi_ha": 4.5,
    "jumlah_penduduk": 1420,
    **dict.fromkeys(rumus.KODE_KRITERIA, "51-75"),
    "1a": 80,
    "status_penguasaan": "+",
    "kesesuaian_rtr": "+",
    "strategis": "tidak",
    "potensi_sosekbud": "tidak",
    "nilai_kekumuhan_lama": 50,
    "tingkat_kekumuhan_lama": "Kumuh Sedang",
    "klasifikasi_lama": "B5",
    "prioritas_lama": 8,
}
_CONTOH_RT: dict[str, Any] = {
    "kode_lokasi": "CONTOH-02",
    "nama_lokasi": "Bantaran Contoh",
    "kelurahan": "(nama kelurahan)",
    "rw": "002",
    "tahun": 2025,
    "penduduk_laki_laki": 150,
    "penduduk_perempuan": 160,
    "luas_verifikasi_ha": 1.25,
    "jumlah_bangunan": 100,
    "jumlah_kk": 90,
    "panjang_jalan_ideal_m": 300,
    "panjang_drainase_ideal_m": 600,
    "bangunan_tidak_teratur": 40,
    "luas_kepadatan_tinggi_ha": 0.5,
    "bangunan_tidak_sesuai_teknis": 30,
    "panjang_jalan_eksisting_m": 250,
    "panjang_jalan_rusak_m": 100,
    "kk_tanpa_akses_air_minum_aman": 20,
    "kk_kebutuhan_air_minum_tidak_terpenuhi": 10,
    "panjang_drainase_eksisting_m": 300,
    "luas_genangan_ha": 0.2,
    "panjang_drainase_rusak_m": 150,
    "kk_air_limbah_tidak_sesuai_standar": 45,
    "kk_sarpras_air_limbah_tidak_sesuai": 45,
    "kk_sarpras_sampah_tidak_sesuai": 60,
    "kk_sistem_sampah_tidak_sesuai": 60,
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 80,
    "bangunan_tanpa_sarana_proteksi_kebakaran": 80,
    "status_penguasaan": "+",
    "kesesuaian_rtr": "−",
    "strategis": "ya",
    "potensi_sosekbud": "ya",
}
_CONTOH = (_CONTOH_LOKASI, {**_CONTOH_RT, "rt": "001"}, {**_CONTOH_RT, "rt": "002"})


def buku_laporan(berkas: str | IO[bytes] | None, laporan: Laporan) -> Workbook:
    """The uploaded workbook with problem cells red and disagreeing old results orange (each
    with a comment), and a first sheet "Laporan impor" listing everything."""
    buku: Workbook | None = None
    if berkas is not None:
        try:
            buku = load_workbook(berkas)
        except Exception:  # unreadable: the report sheet alone still says why
            buku = None
    if buku is None:
        buku = Workbook()
        buku.remove(buku.active)
    if "Laporan impor" in buku.sheetnames:  # a report uploaded again
        buku.remove(buku["Laporan impor"])
    catatan: dict[tuple[str, str], list[tuple[PatternFill, str]]] = {}
    for isi, daftar in (
        (ISI_GALAT, laporan.masalah),
        (ISI_PERINGATAN, laporan.peringatan),
        (ISI_BEDA, laporan.tanda),
    ):
        for m in daftar:
            if m.baris and m.kolom:
                catatan.setdefault((m.lembar, f"{m.kolom}{m.baris}"), []).append((isi, m.pesan))
    for (nama, alamat), isi in catatan.items():
        if nama not in buku.sheetnames:
            continue
        sel = buku[nama][alamat]
        # Red wins over orange over yellow.
        sel.fill = min((f for f, _ in isi), key=[ISI_GALAT, ISI_BEDA, ISI_PERINGATAN].index)
        sel.comment = Comment("\n".join(p for _, p in isi)[:2000], "kumuh")
    _tulis_lembar_laporan(buku.create_sheet("Laporan impor", 0), laporan)
    buku.active = 0
    return buku


def _tulis_lembar_laporan(lembar: Any, laporan: Laporan) -> None:
    lembar.cell(1, 1, f"Laporan impor {laporan.nama_berkas}").font = Font(bold=True, size=13)
    status = (
        "Sudah diimpor." if laporan.tersimpan
        else "Siap diimpor." if laporan.sah
        else f"Tidak dapat diimpor: {len(laporan.masalah)} masalah. Tidak ada yang disimpan."
    )  # fmt: skip
    lembar.cell(2, 1, status)
    lembar.cell(3, 1, f"{laporan.jumlah_baris} baris; " + "; ".join(
        f"{k.replace('_', ' ')}: {v}" for k, v in laporan.jumlah.items()))  # fmt: skip
    lembar.cell(4, 1, "Merah: masalah (harus diperbaiki). Oranye: hasil lama berbeda dengan "
                "hitungan rumus. Kuning: peringatan.")  # fmt: skip
    kepala = ("jenis", "lembar", "baris", "kolom", "judul kolom", "keterangan", "lama", "dihitung")
    for j, judul in enumerate(kepala, start=1):
        lembar.cell(6, j, judul).font = _TEBAL
    baris = 7
    for jenis, isi, daftar in (
        ("masalah", ISI_GALAT, laporan.masalah),
        ("peringatan", ISI_PERINGATAN, laporan.peringatan),
    ):
        for m in daftar:
            lembar.append([jenis, m.lembar, m.baris, m.kolom, m.judul, m.pesan])
            lembar.cell(baris, 1).fill = isi
            baris += 1
    for t in laporan.tanda:
        lembar.append(
            [f"beda: {t.jenis}", t.lembar, t.baris, t.kolom, t.judul, t.pesan, t.lama, t.dihitung]
        )
        lembar.cell(baris, 1).fill = ISI_BEDA
        baris += 1
    for huruf, lebar in zip("ABCDEFGH", (22, 14, 7, 7, 24, 90, 14, 14), strict=True):
        lembar.column_dimensions[huruf].width = lebar
    lembar.freeze_panes = "A7"
