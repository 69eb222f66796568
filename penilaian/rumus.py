"""Scoring rules of a slum location (penilaian lokasi): pure, standard library only, no Django.

Source: LAMPIRAN of the Perwal (`../shared/seeds/002…`, following Permen PUPR 14/PRT/M/2018):
Tabel 1 Format Isian, Tabel 2 Format Numerik, Tabel 3 Formulasi Penilaian Lokasi, Tabel 4 Skala
Prioritas. Where the source is silent the project's rule in `../shared/domain/penilaian.md` is
implemented; section numbers (§) below refer to that page.

Entry points: `hitung(MasukanPenilaian) -> HasilPenilaian` for a whole location,
`hitung_unit(numerik)` for one RT unit of a kawasan, `jumlahkan_unit(...)` to build a kawasan's
Format Numerik from its units (§7). Invalid input raises `KesalahanMasukan` listing every problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

# A number as callers hand it over: form fields give Decimal, JSON gives int/float/Decimal,
# spreadsheets sometimes give str. Everything is converted with Decimal(str(x)).
Angka = Decimal | int | float | str

# --- constants from the tables -----------------------------------------------------------------

DUA_DESIMAL = Decimal("0.01")  # §1 Rule (percentage), §3 Rule (density): 2 decimals, half up
SERATUS = Decimal("100")

# Tabel 3 A, written as whole-number bands 76–100 / 51–75 / 25–50; §1 Rule: a rounded value
# between two bands (50.91, 75.81) takes the lower band, and below 25 % scores 0 (Tabel 5).
BATAS_SKOR_5 = Decimal("76")  # Tabel 3: 76–100 % → 5
BATAS_SKOR_3 = Decimal("51")  # Tabel 3: 51–75 % → 3
BATAS_SKOR_1 = Decimal("25")  # Tabel 3: 25–50 % → 1; below → 0

# Format Isian (Tabel 1) band choices and their Tabel 3 scores (§1: "it scores the same").
PITA_SKOR: dict[str, int] = {"76-100": 5, "51-75": 3, "25-50": 1, "<25": 0}

# Tabel 4 / Tabel 5: nilai kekumuhan 60–80 berat, 38–59 sedang, 16–37 ringan, < 16 tidak kumuh.
BATAS_KUMUH_BERAT = 60
BATAS_KUMUH_SEDANG = 38
BATAS_KUMUH_RINGAN = 16
NILAI_KEKUMUHAN_MAKS = 80  # 16 criteria × 5

# Tabel 4: pertimbangan lain 11–15 tinggi, 6–10 sedang, 1–5 rendah.
BATAS_PERTIMBANGAN_TINGGI = 11
BATAS_PERTIMBANGAN_SEDANG = 6
NILAI_PERTIMBANGAN_MAKS = 15

# Tabel 3 C: each pertimbangan criterion scores 5 (yes / dense) or 1 (no / sparse); density 3.
SKOR_PERTIMBANGAN_YA = 5
SKOR_PERTIMBANGAN_TIDAK = 1

# §8 (UU 23/2014, lampiran urusan perumahan): < 10 ha kab/kota, 10 to < 15 ha provinsi, ≥ 15 pusat.
BATAS_LUAS_PROVINSI_HA = Decimal("10")
BATAS_LUAS_PUSAT_HA = Decimal("15")

# Guard against absurd input (1e999999, 1e-999999) that would overflow Decimal arithmetic;
# no survey measures anything beyond these.
ANGKA_MAKS = Decimal("1e15")
ANGKA_MIN = Decimal("1e-9")  # smallest non-zero magnitude accepted


# --- enumerations ------------------------------------------------------------------------------


class KategoriKota(StrEnum):
    """City category (§3): sets the density bands of pertimbangan lain and the 1b hint."""

    METROPOLITAN = "metropolitan"
    BESAR = "besar"
    SEDANG = "sedang"
    KECIL = "kecil"


class TingkatKekumuhan(StrEnum):
    BERAT = "Kumuh Berat"
    SEDANG = "Kumuh Sedang"
    RINGAN = "Kumuh Ringan"
    TIDAK_KUMUH = "Tidak Kumuh"


class TingkatPertimbangan(StrEnum):
    TINGGI = "Tinggi"
    SEDANG = "Sedang"
    RENDAH = "Rendah"


class Legalitas(StrEnum):
    LEGAL = "Legal"
    TIDAK_LEGAL = "Tidak Legal"


class PolaPenanganan(StrEnum):
    PEMUGARAN = "Pemugaran"
    PEREMAJAAN = "Peremajaan"
    PEMUKIMAN_KEMBALI = "Pemukiman Kembali"


class Kewenangan(StrEnum):
    KABUPATEN_KOTA = "Kabupaten/Kota"
    PROVINSI = "Provinsi"
    PUSAT = "Pusat"


class CaraHitung(StrEnum):
    """How a criterion's share is computed from Format Numerik (§1)."""

    BAGIAN = "bagian"  # bagian / pembagi × 100
    KEKURANGAN = "kekurangan"  # (pembagi − bagian) / pembagi × 100, floored at 0 (2a, 4a)


# Tabel 3 C b: kepadatan penduduk (jiwa/ha). 151 and up scores 3 in every category; above the
# category's upper bound scores 5. §3 Rule: a value between written bands takes the lower band.
KEPADATAN_SKOR_3 = Decimal("151")  # Tabel 3 C b: 151–200 (sedang & kecil), 151–400 (§3 Rule)
KEPADATAN_SKOR_5: dict[KategoriKota, Decimal] = {
    KategoriKota.METROPOLITAN: Decimal("400"),  # Tabel 3 C b: > 400 jiwa/ha → 5
    KategoriKota.BESAR: Decimal("400"),
    KategoriKota.SEDANG: Decimal("200"),  # Tabel 3 C b: > 200 jiwa/ha → 5
    KategoriKota.KECIL: Decimal("200"),
}

# Tabel 3 A 1b: high building density is > 250 unit/ha (metropolitan & besar), > 200 (sedang &
# kecil). Only a hint for the surveyor measuring luas_kepadatan_tinggi_ha; not used in scoring.
KEPADATAN_BANGUNAN_TINGGI: dict[KategoriKota, int] = {
    KategoriKota.METROPOLITAN: 250,
    KategoriKota.BESAR: 250,
    KategoriKota.SEDANG: 200,
    KategoriKota.KECIL: 200,
}

# Tabel 4: letter by tingkat kekumuhan, number by pertimbangan lain and legalitas.
HURUF_KLASIFIKASI: dict[TingkatKekumuhan, str] = {
    TingkatKekumuhan.BERAT: "A",
    TingkatKekumuhan.SEDANG: "B",
    TingkatKekumuhan.RINGAN: "C",
}
ANGKA_KLASIFIKASI: dict[tuple[TingkatPertimbangan, Legalitas], int] = {
    (TingkatPertimbangan.TINGGI, Legalitas.LEGAL): 1,
    (TingkatPertimbangan.TINGGI, Legalitas.TIDAK_LEGAL): 2,
    (TingkatPertimbangan.SEDANG, Legalitas.LEGAL): 3,
    (TingkatPertimbangan.SEDANG, Legalitas.TIDAK_LEGAL): 4,
    (TingkatPertimbangan.RENDAH, Legalitas.LEGAL): 5,
    (TingkatPertimbangan.RENDAH, Legalitas.TIDAK_LEGAL): 6,
}
# Tabel 4 "Skala prioritas penanganan", read column by column.
PRIORITAS: dict[str, int] = {
    "A1": 1, "A2": 1, "B1": 2, "B2": 2, "C1": 3, "C2": 3,
    "A3": 4, "A4": 4, "B3": 5, "B4": 5, "C3": 6, "C4": 6,
    "A5": 7, "A6": 7, "B5": 8, "B6": 8, "C5": 9, "C6": 9,
}  # fmt: skip

# §5 (Pasal 47 of 002…): pola penanganan by tingkat kekumuhan and legalitas.
POLA: dict[tuple[TingkatKekumuhan, Legalitas], PolaPenanganan] = {
    (TingkatKekumuhan.BERAT, Legalitas.LEGAL): PolaPenanganan.PEREMAJAAN,
    (TingkatKekumuhan.SEDANG, Legalitas.LEGAL): PolaPenanganan.PEREMAJAAN,
    (TingkatKekumuhan.RINGAN, Legalitas.LEGAL): PolaPenanganan.PEMUGARAN,
    (TingkatKekumuhan.BERAT, Legalitas.TIDAK_LEGAL): PolaPenanganan.PEMUKIMAN_KEMBALI,
    (TingkatKekumuhan.SEDANG, Legalitas.TIDAK_LEGAL): PolaPenanganan.PEMUKIMAN_KEMBALI,
    (TingkatKekumuhan.RINGAN, Legalitas.TIDAK_LEGAL): PolaPenanganan.PEMUKIMAN_KEMBALI,
}


# --- Format Numerik fields (Tabel 2) -----------------------------------------------------------

# Tabel 2 in its order (data umum kawasan first): key, label, unit. The labels serve form fields
# and import columns. Counts (unit, jiwa, KK) must be whole numbers; lengths and areas need not.
_TABEL_2: tuple[tuple[str, str, str], ...] = (
    ("luas_verifikasi_ha", "Luas verifikasi", "ha"),
    ("jumlah_bangunan", "Jumlah bangunan", "unit"),
    ("jumlah_penduduk", "Jumlah penduduk", "jiwa"),
    ("jumlah_kk", "Jumlah KK", "KK"),
    ("bangunan_tidak_teratur", "Jumlah bangunan tidak teratur", "unit"),
    ("luas_kepadatan_tinggi_ha", "Luas kawasan dengan kepadatan > 200/250 unit/ha", "ha"),
    ("bangunan_tidak_sesuai_teknis", "Jumlah bangunan tidak sesuai persyaratan teknis", "unit"),
    ("panjang_jalan_ideal_m", "Panjang jalan ideal (standar minimal)", "m"),
    ("panjang_jalan_eksisting_m", "Panjang jalan eksisting", "m"),
    ("panjang_jalan_rusak_m", "Panjang jalan dengan permukaan retak dan perubahan bentuk", "m"),
    ("kk_tanpa_akses_air_minum_aman", "Jumlah KK tidak terakses air minum berkualitas", "KK"),
    ("kk_kebutuhan_air_minum_tidak_terpenuhi", "Jumlah KK tidak terpenuhi air minum cukup", "KK"),
    ("panjang_drainase_ideal_m", "Panjang drainase ideal (standar minimal)", "m"),
    ("panjang_drainase_eksisting_m", "Panjang saluran drainase eksisting", "m"),
    ("luas_genangan_ha", "Luas kawasan yang terkena genangan", "ha"),
    ("panjang_drainase_rusak_m", "Panjang saluran drainase rusak", "m"),
    (
        "kk_air_limbah_tidak_sesuai_standar",
        "Jumlah KK tidak terakses sistem air limbah standar",
        "KK",
    ),
    (
        "kk_sarpras_air_limbah_tidak_sesuai",
        "Jumlah KK dengan sarana dan prasarana air limbah tidak sesuai standar teknis",
        "KK",
    ),
    (
        "kk_sarpras_sampah_tidak_sesuai",
        "Jumlah KK dengan sarpras pengolahan sampah yang tidak sesuai standar teknis",
        "KK",
    ),
    (
        "kk_sistem_sampah_tidak_sesuai",
        "Jumlah KK dengan sistem pengolahan sampah tidak sesuai standar teknis",
        "KK",
    ),
    (
        "bangunan_tanpa_prasarana_proteksi_kebakaran",
        "Jumlah bangunan tidak terlayani prasarana proteksi kebakaran",
        "unit",
    ),
    (
        "bangunan_tanpa_sarana_proteksi_kebakaran",
        "Jumlah bangunan tidak terlayani sarana proteksi kebakaran",
        "unit",
    ),
)
NUMERIK_FIELDS: dict[str, str] = {kunci: label for kunci, label, _ in _TABEL_2}
SATUAN_NUMERIK: dict[str, str] = {kunci: satuan for kunci, _, satuan in _TABEL_2}
NUMERIK_BILANGAN_BULAT: frozenset[str] = frozenset(
    kunci for kunci, _, satuan in _TABEL_2 if satuan in {"unit", "jiwa", "KK"}
)
# The Tabel 2 values the criteria divide by (a sheet's general data, entered once per sheet and
# prefilled from the lokasi's header numbers).
NUMERIK_UMUM: tuple[str, ...] = (
    "luas_verifikasi_ha",
    "jumlah_bangunan",
    "jumlah_penduduk",
    "jumlah_kk",
    "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m",
)


# --- the criteria table (Tabel 3 A with Tabel 2 inputs) ----------------------------------------


@dataclass(frozen=True)
class Aspek:
    kode: int
    nama: str
    kriteria: tuple[str, ...]


@dataclass(frozen=True)
class Kriteria:
    """One of the 16 criteria of Tabel 3 A and how Tabel 2 measures it (§1)."""

    kode: str  # "1a" … "7b", Tabel 3 order
    aspek: int  # 1 … 7
    nama_aspek: str
    nama: str  # Tabel 3 KRITERIA
    indikator: str  # Tabel 3 INDIKATOR, for the form's help text
    parameter: str  # Tabel 3 PARAMETER after "76% - 100%": what the share describes
    bagian: str  # numerik key of the part (for KEKURANGAN: the existing length)
    pembagi: str  # numerik key of the whole (denominator)
    satuan: str  # unit of the volume (Tabel 5 SAT): unit, m, ha, KK
    ukuran: str  # what the share is of (§1 "share measured")
    cara: CaraHitung = CaraHitung.BAGIAN
    # The part may not exceed this field (2b/4c: damaged ≤ existing). None: the whole itself,
    # except for KEKURANGAN where existing > ideal is allowed (gap 0).
    batas_bagian: str | None = None
    # 2b/4c divide by the ideal length but are checked against the existing one, so a damaged
    # length above the ideal (existing > ideal) is capped at 100 %.
    maks_100: bool = False

    @property
    def isian(self) -> tuple[str, ...]:
        """Numerik keys this criterion needs (the limit field is checked when present)."""
        return (self.bagian, self.pembagi)


_BG, _JL, _AM, _DR, _AL, _PS, _PK = (
    "Bangunan Gedung",
    "Jalan Lingkungan",
    "Penyediaan Air Minum",
    "Drainase Lingkungan",
    "Pengelolaan Air Limbah",
    "Pengelolaan Persampahan",
    "Proteksi Kebakaran",
)
_PERSEN_BANGUNAN = "% bangunan"
_PERSEN_LUAS = "% luas area"
_PERSEN_POPULASI_KK = "% populasi (dihitung dalam KK)"
_PERSEN_AREA_KK = "% area (dihitung dalam KK)"
_PERSEN_AREA_BANGUNAN = "% area (dihitung dalam bangunan)"

# Laid out as a table (positional: kode, aspek, nama_aspek, nama, indikator, parameter, bagian,
# pembagi, satuan, ukuran); tests/penilaian/test_rumus.py checks it against penilaian.md §1.
KRITERIA: tuple[Kriteria, ...] = (
    Kriteria(
        "1a", 1, _BG, "Ketidakteraturan Bangunan",
        "Tidak memenuhi ketentuan tata bangunan dalam RDTR, meliputi pengaturan bentuk, besaran, "
        "perletakan, dan tampilan bangunan pada suatu zona; dan/atau tidak memenuhi ketentuan "
        "tata bangunan dan tata kualitas lingkungan dalam RTBL, meliputi pengaturan blok "
        "lingkungan, kapling, bangunan, ketinggian dan elevasi lantai, konsep identitas "
        "lingkungan, konsep orientasi lingkungan, dan wajah jalan.",
        "bangunan pada lokasi tidak memiliki keteraturan",
        "bangunan_tidak_teratur", "jumlah_bangunan", "unit", _PERSEN_BANGUNAN,
    ),
    Kriteria(
        "1b", 1, _BG, "Tingkat Kepadatan Bangunan",
        "KDB melebihi ketentuan RDTR dan/atau RTBL; KLB melebihi ketentuan dalam RDTR dan/atau "
        "RTBL; dan/atau kepadatan bangunan yang tinggi pada lokasi, yaitu untuk kota "
        "metropolitan dan kota besar > 250 unit/ha, untuk kota sedang dan kota kecil "
        "> 200 unit/ha.",
        "bangunan memiliki kepadatan tidak sesuai ketentuan",
        "luas_kepadatan_tinggi_ha", "luas_verifikasi_ha", "ha", _PERSEN_LUAS,
    ),
    Kriteria(
        "1c", 1, _BG, "Ketidaksesuaian dengan Persyaratan Teknis Bangunan",
        "Kondisi bangunan pada lokasi tidak memenuhi persyaratan: pengendalian dampak "
        "lingkungan; pembangunan bangunan gedung di atas dan/atau di bawah tanah, air dan/atau "
        "prasarana/sarana umum; keselamatan bangunan gedung; kesehatan bangunan gedung; "
        "kenyamanan bangunan gedung; kemudahan bangunan gedung.",
        "bangunan pada lokasi tidak memenuhi persyaratan teknis",
        "bangunan_tidak_sesuai_teknis", "jumlah_bangunan", "unit", _PERSEN_BANGUNAN,
    ),
    Kriteria(
        "2a", 2, _JL,
        "Jaringan jalan lingkungan tidak melayani seluruh lingkungan perumahan atau permukiman",
        "Sebagian lokasi perumahan atau permukiman tidak terlayani dengan jalan lingkungan yang "
        "sesuai dengan ketentuan teknis.",
        "area tidak terlayani oleh jaringan jalan lingkungan",
        "panjang_jalan_eksisting_m", "panjang_jalan_ideal_m", "m", _PERSEN_LUAS,
        cara=CaraHitung.KEKURANGAN,
    ),
    Kriteria(
        "2b", 2, _JL, "Kualitas permukaan jalan lingkungan yang buruk",
        "Sebagian atau seluruh jalan lingkungan terjadi kerusakan permukaan jalan pada lokasi "
        "perumahan atau permukiman.",
        "area memiliki kualitas permukaan jalan yang buruk",
        "panjang_jalan_rusak_m", "panjang_jalan_ideal_m", "m", _PERSEN_LUAS,
        batas_bagian="panjang_jalan_eksisting_m", maks_100=True,
    ),
    Kriteria(
        "3a", 3, _AM, "Akses aman air minum tidak tersedia",
        "Masyarakat pada lokasi perumahan dan permukiman tidak dapat mengakses air minum yang "
        "memiliki kualitas tidak berwarna, tidak berbau, dan tidak berasa.",
        "populasi tidak dapat mengakses air minum yang aman",
        "kk_tanpa_akses_air_minum_aman", "jumlah_kk", "KK", _PERSEN_POPULASI_KK,
    ),
    Kriteria(
        "3b", 3, _AM, "Kebutuhan air minum minimal setiap individu tidak terpenuhi",
        "Kebutuhan air minum masyarakat pada lokasi perumahan atau permukiman tidak mencapai "
        "minimal sebanyak 60 liter/orang/hari.",
        "populasi tidak terpenuhi kebutuhan air minum minimalnya",
        "kk_kebutuhan_air_minum_tidak_terpenuhi", "jumlah_kk", "KK", _PERSEN_POPULASI_KK,
    ),
    Kriteria(
        "4a", 4, _DR, "Drainase lingkungan tidak tersedia",
        "Saluran tersier dan/atau saluran lokal tidak tersedia, dan/atau tidak terhubung dengan "
        "saluran pada hierarki di atasnya sehingga menyebabkan air tidak dapat mengalir dan "
        "menimbulkan genangan.",
        "area tidak tersedia drainase lingkungan dan/atau tidak terhubung dengan hirarki di "
        "atasnya",
        "panjang_drainase_eksisting_m", "panjang_drainase_ideal_m", "m", _PERSEN_LUAS,
        cara=CaraHitung.KEKURANGAN,
    ),
    Kriteria(
        "4b", 4, _DR,
        "Drainase lingkungan tidak mampu mengalirkan limpasan air hujan sehingga menimbulkan "
        "genangan",
        "Jaringan drainase lingkungan tidak mampu mengalirkan limpasan air sehingga menimbulkan "
        "genangan dengan tinggi lebih dari 30 cm selama lebih dari 2 jam dan terjadi lebih dari "
        "2 kali setahun.",
        "area terjadi genangan > 30 cm, > 2 jam dan > 2 x setahun",
        "luas_genangan_ha", "luas_verifikasi_ha", "ha", _PERSEN_LUAS,
    ),
    Kriteria(
        "4c", 4, _DR, "Kualitas konstruksi drainase lingkungan buruk",
        "Kualitas konstruksi drainase buruk karena berupa galian tanah tanpa material pelapis "
        "atau penutup maupun karena telah terjadi kerusakan.",
        "area memiliki kualitas konstruksi drainase lingkungan buruk",
        "panjang_drainase_rusak_m", "panjang_drainase_ideal_m", "m", _PERSEN_LUAS,
        batas_bagian="panjang_drainase_eksisting_m", maks_100=True,
    ),
    Kriteria(
        "5a", 5, _AL, "Sistem pengelolaan air limbah tidak memenuhi persyaratan teknis",
        "Pengelolaan air limbah pada lokasi perumahan atau permukiman tidak memiliki sistem yang "
        "memadai, yaitu kakus/kloset yang tidak terhubung dengan tangki septik baik secara "
        "individual/domestik, komunal maupun terpusat.",
        "area memiliki sistem air limbah yang tidak sesuai standar teknis",
        "kk_air_limbah_tidak_sesuai_standar", "jumlah_kk", "KK", _PERSEN_AREA_KK,
    ),
    Kriteria(
        "5b", 5, _AL,
        "Prasarana dan sarana pengelolaan air limbah tidak memenuhi persyaratan teknis",
        "Kondisi prasarana dan sarana pengelolaan air limbah pada lokasi perumahan atau "
        "permukiman di mana kakus/kloset tidak terhubung dengan tangki septik, atau tidak "
        "tersedia sistem pengolahan limbah setempat atau terpusat.",
        "area memiliki prasarana air limbah tidak sesuai persyaratan teknis",
        "kk_sarpras_air_limbah_tidak_sesuai", "jumlah_kk", "KK", _PERSEN_AREA_KK,
    ),
    Kriteria(
        "6a", 6, _PS, "Prasarana dan sarana persampahan tidak memenuhi persyaratan teknis",
        "Prasarana dan sarana persampahan pada lokasi perumahan atau permukiman tidak sesuai "
        "dengan persyaratan teknis, yaitu: tempat sampah dengan pemilahan sampah pada skala "
        "domestik atau rumah tangga; tempat pengumpulan sampah (TPS) atau TPS 3R (reduce, "
        "reuse, recycle) pada skala lingkungan; sarana pengangkutan sampah pada skala "
        "lingkungan; dan tempat pengolahan sampah terpadu (TPST) pada skala lingkungan.",
        "area memiliki prasarana pengelolaan persampahan yang tidak memenuhi persyaratan teknis",
        "kk_sarpras_sampah_tidak_sesuai", "jumlah_kk", "KK", _PERSEN_AREA_KK,
    ),
    Kriteria(
        "6b", 6, _PS, "Sistem pengelolaan persampahan tidak memenuhi persyaratan teknis",
        "Pengelolaan persampahan pada lingkungan perumahan atau permukiman tidak memenuhi "
        "persyaratan: pewadahan dan pemilahan domestik; pengumpulan lingkungan; pengangkutan "
        "lingkungan; pengolahan lingkungan.",
        "area memiliki sistem persampahan tidak sesuai standar",
        "kk_sistem_sampah_tidak_sesuai", "jumlah_kk", "KK", _PERSEN_AREA_KK,
    ),
    Kriteria(
        "7a", 7, _PK, "Prasarana proteksi kebakaran tidak tersedia",
        "Tidak tersedianya prasarana proteksi kebakaran pada lokasi, yaitu: pasokan air; jalan "
        "lingkungan; sarana komunikasi; dan/atau data sistem proteksi kebakaran lingkungan.",
        "area tidak memiliki prasarana proteksi kebakaran",
        "bangunan_tanpa_prasarana_proteksi_kebakaran", "jumlah_bangunan", "unit",
        _PERSEN_AREA_BANGUNAN,
    ),
    Kriteria(
        "7b", 7, _PK, "Sarana proteksi kebakaran tidak tersedia",
        "Tidak tersedianya sarana proteksi kebakaran pada lokasi, yaitu: Alat Pemadam Api Ringan "
        "(APAR); kendaraan pemadam kebakaran; dan/atau mobil tangga sesuai kebutuhan.",
        "area tidak memiliki sarana proteksi kebakaran",
        "bangunan_tanpa_sarana_proteksi_kebakaran", "jumlah_bangunan", "unit",
        _PERSEN_AREA_BANGUNAN,
    ),
)  # fmt: skip

KRITERIA_PER_KODE: dict[str, Kriteria] = {k.kode: k for k in KRITERIA}
KODE_KRITERIA: tuple[str, ...] = tuple(KRITERIA_PER_KODE)

ASPEK: tuple[Aspek, ...] = tuple(
    Aspek(kode, nama, tuple(k.kode for k in KRITERIA if k.aspek == kode))
    for kode, nama in enumerate((_BG, _JL, _AM, _DR, _AL, _PS, _PK), start=1)
)

# Tabel 3 C: the three pertimbangan lain criteria, keyed as in the JSON contract.
PERTIMBANGAN_LAIN: dict[str, str] = {
    "strategis": "Nilai Strategis Lokasi",
    "kepadatan_penduduk": "Kependudukan",
    "potensi_sosekbud": "Kondisi Sosial, Ekonomi, dan Budaya",
}


# --- errors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kesalahan:
    """One problem of an input: the field path as in the JSON contract and what is wrong."""

    field: str  # e.g. "numerik.jumlah_kk", "persen.1a", "kategori_kota", "unit.2.jumlah_kk"
    pesan: str

    def __str__(self) -> str:
        # A message that starts with the field's value in brackets reads on from the field name:
        # "numerik.panjang_jalan_rusak_m (1200) lebih besar dari …" (kalkulator.md).
        pemisah = " " if self.pesan.startswith("(") else ": "
        return f"{self.field}{pemisah}{self.pesan}"


class KesalahanMasukan(ValueError):
    """Input that cannot be scored; `kesalahan` lists every problem found, not just the first."""

    def __init__(self, kesalahan: Sequence[Kesalahan]) -> None:
        self.kesalahan: list[Kesalahan] = list(kesalahan)
        super().__init__("; ".join(str(k) for k in self.kesalahan))

    def per_field(self) -> dict[str, list[str]]:
        """Group messages by field path (handy for attaching them to form fields)."""
        hasil: dict[str, list[str]] = {}
        for k in self.kesalahan:
            hasil.setdefault(k.field, []).append(k.pesan)
        return hasil


def tampil_angka(nilai: Decimal) -> str:
    """Show a number in a message as written, without exponent or trailing zeros (1200, 12.5)."""
    if nilai == nilai.to_integral_value():
        return str(int(nilai))
    return format(nilai.normalize(), "f")


def _tampil_mentah(nilai: object) -> str:
    """Show a rejected value in a message: JSON-ish, and short even if the value is not."""
    if isinstance(nilai, bool):
        teks = "true" if nilai else "false"
    elif isinstance(nilai, str):
        teks = repr(nilai)
    elif isinstance(nilai, Decimal) and nilai.is_finite():
        teks = tampil_angka(nilai)
    else:
        teks = str(nilai)
    return teks if len(teks) <= 40 else f"{teks[:39]}…"


def _daftar(kata: Sequence[str]) -> str:
    """Join words the Indonesian way: 'a', 'a dan b', 'a, b dan c'."""
    if len(kata) <= 1:
        return "".join(kata)
    return f"{', '.join(kata[:-1])} dan {kata[-1]}"


# --- small public rules ------------------------------------------------------------------------


def ke_decimal(nilai: Angka) -> Decimal:
    """Convert int/float/Decimal/str to a finite Decimal via str(); raise ValueError otherwise.

    bool is refused although Python counts it as int: `true` in a number field is a mistake.
    """
    if type(nilai) is Decimal:
        # Already a number (every value read from the database): the str() round trip gives
        # the same value and exponent, and was a third of rescoring 30,000 surveys.
        hasil = nilai
    elif isinstance(nilai, bool) or not isinstance(nilai, Decimal | int | float | str):
        raise ValueError(f"bukan angka ({_tampil_mentah(nilai)})")
    else:
        try:
            hasil = Decimal(str(nilai).strip())
        except InvalidOperation:
            raise ValueError(f"bukan angka ({_tampil_mentah(nilai)})") from None
    if not hasil.is_finite():
        raise ValueError(f"bukan angka ({_tampil_mentah(nilai)})")
    if abs(hasil) > ANGKA_MAKS:
        raise ValueError(f"angka terlalu besar ({_tampil_mentah(nilai)})")
    if hasil and abs(hasil) < ANGKA_MIN:
        raise ValueError(f"angka terlalu kecil ({_tampil_mentah(nilai)})")
    return hasil


# Quotients and roundings of the rules are worked at 40 digits (the default 28 could round a
# quotient of large volumes before its 2-decimal rounding). One context object passed to each
# operation, not a `localcontext()` block per call: entering those blocks 60 times per survey
# was a tenth of rescoring 30,000 surveys. Its other settings are the default context's.
PRESISI = Context(prec=40)


def bulatkan(nilai: Decimal) -> Decimal:
    """Round to 2 decimals, half up (§1 Rule percentage, §3 Rule density)."""
    return nilai.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP, context=PRESISI)


def hitung_persen(bagian: Decimal, pembagi: Decimal) -> Decimal:
    """Return bagian / pembagi × 100 rounded to 2 decimals half up; pembagi must be > 0."""
    if pembagi <= 0:
        raise ValueError("pembagi harus lebih dari 0")
    return bulatkan(PRESISI.divide(PRESISI.multiply(bagian, SERATUS), pembagi))


def skor_dari_persen(persen: Angka) -> int:
    """Score a percentage (0–100) on Tabel 3: rounded first, then ≥ 76 → 5, ≥ 51 → 3, ≥ 25 → 1."""
    p = ke_decimal(persen)
    if p < 0 or p > SERATUS:
        raise ValueError(f"persentase harus antara 0 dan 100 ({tampil_angka(p)})")
    p = bulatkan(p)
    if p >= BATAS_SKOR_5:
        return 5
    if p >= BATAS_SKOR_3:
        return 3
    if p >= BATAS_SKOR_1:
        return 1
    return 0


def normalkan_pita(pita: str) -> str:
    """Return the canonical band key for `76 - 100`, `76%-100%`, `76–100`, `< 25` …"""
    if not isinstance(pita, str):
        raise ValueError(f"bukan pilihan rentang ({_tampil_mentah(pita)})")
    kunci = "".join(pita.split()).replace("%", "").replace("–", "-").replace("—", "-")
    if kunci not in PITA_SKOR:
        raise ValueError(
            f"pilihan harus salah satu dari {', '.join(PITA_SKOR)} ({_tampil_mentah(pita)})"
        )
    return kunci


def skor_dari_pita(pita: str) -> int:
    """Score a Format Isian band choice (`76-100` → 5, `51-75` → 3, `25-50` → 1, `<25` → 0)."""
    return PITA_SKOR[normalkan_pita(pita)]


def tingkat_dari_nilai(nilai: int) -> TingkatKekumuhan:
    """Tingkat kekumuhan of a nilai kekumuhan 0–80 (Tabel 4)."""
    if not 0 <= nilai <= NILAI_KEKUMUHAN_MAKS:
        raise ValueError(f"nilai kekumuhan harus 0–{NILAI_KEKUMUHAN_MAKS} ({nilai})")
    if nilai >= BATAS_KUMUH_BERAT:
        return TingkatKekumuhan.BERAT
    if nilai >= BATAS_KUMUH_SEDANG:
        return TingkatKekumuhan.SEDANG
    if nilai >= BATAS_KUMUH_RINGAN:
        return TingkatKekumuhan.RINGAN
    return TingkatKekumuhan.TIDAK_KUMUH


def tingkat_pertimbangan_dari_nilai(nilai: int) -> TingkatPertimbangan:
    """Tingkat pertimbangan lain of a nilai 1–15 (Tabel 4)."""
    if not 1 <= nilai <= NILAI_PERTIMBANGAN_MAKS:
        raise ValueError(f"nilai pertimbangan lain harus 1–{NILAI_PERTIMBANGAN_MAKS} ({nilai})")
    if nilai >= BATAS_PERTIMBANGAN_TINGGI:
        return TingkatPertimbangan.TINGGI
    if nilai >= BATAS_PERTIMBANGAN_SEDANG:
        return TingkatPertimbangan.SEDANG
    return TingkatPertimbangan.RENDAH


def kategori_kota(nilai: KategoriKota | str) -> KategoriKota:
    """Read a city category, case-insensitively; raise ValueError naming the allowed values."""
    if isinstance(nilai, str):
        try:
            return KategoriKota(nilai.strip().lower())
        except ValueError:
            pass
    pilihan = ", ".join(KategoriKota)
    raise ValueError(f"harus salah satu dari {pilihan} ({_tampil_mentah(nilai)})")


def skor_kepadatan(kepadatan: Angka, kategori: KategoriKota | str) -> int:
    """Score kepadatan penduduk (jiwa/ha), rounded to 2 decimals first (Tabel 3 C b, §3 Rule)."""
    d = ke_decimal(kepadatan)
    if d < 0:
        raise ValueError(f"kepadatan tidak boleh negatif ({tampil_angka(d)})")
    d = bulatkan(d)
    if d > KEPADATAN_SKOR_5[kategori_kota(kategori)]:
        return 5
    if d >= KEPADATAN_SKOR_3:
        return 3
    return 1


def skor_ya_tidak(ya: bool) -> int:
    """Tabel 3 C a and c: strategic location / socio-economic potential → 5, otherwise 1."""
    return SKOR_PERTIMBANGAN_YA if ya else SKOR_PERTIMBANGAN_TIDAK


def legalitas_dari(status_penguasaan: bool, kesesuaian_rtr: bool) -> Legalitas:
    """§2 Rule: Legal only when both criteria of Tabel 3 B are (+)."""
    return Legalitas.LEGAL if status_penguasaan and kesesuaian_rtr else Legalitas.TIDAK_LEGAL


def klasifikasi(
    tingkat_kekumuhan: TingkatKekumuhan,
    tingkat_pertimbangan: TingkatPertimbangan,
    legalitas: Legalitas,
) -> str | None:
    """Tabel 4 class such as "B3"; None for a Tidak Kumuh location (it is not listed)."""
    huruf = HURUF_KLASIFIKASI.get(TingkatKekumuhan(tingkat_kekumuhan))
    if huruf is None:
        return None
    angka = ANGKA_KLASIFIKASI[(TingkatPertimbangan(tingkat_pertimbangan), Legalitas(legalitas))]
    return f"{huruf}{angka}"


def prioritas(kelas: str | None) -> int | None:
    """Tabel 4 skala prioritas (1–9) of a class; None when there is no class."""
    if kelas is None:
        return None
    try:
        return PRIORITAS[kelas]
    except KeyError:
        raise ValueError(f"klasifikasi tidak dikenal ({kelas!r})") from None


def pola_penanganan(
    tingkat_kekumuhan: TingkatKekumuhan, legalitas: Legalitas
) -> PolaPenanganan | None:
    """§5: Peremajaan / Pemugaran when legal, Pemukiman Kembali when not; None if not kumuh."""
    return POLA.get((TingkatKekumuhan(tingkat_kekumuhan), Legalitas(legalitas)))


def kewenangan(luas_ha: Angka | None) -> Kewenangan | None:
    """§8: who handles a location by its area in ha (rounded to 2 decimals as the SK prints it)."""
    if luas_ha is None:
        return None
    luas = ke_decimal(luas_ha)
    if luas < 0:
        raise ValueError(f"luas tidak boleh negatif ({tampil_angka(luas)})")
    luas = bulatkan(luas)
    if luas >= BATAS_LUAS_PUSAT_HA:
        return Kewenangan.PUSAT
    if luas >= BATAS_LUAS_PROVINSI_HA:
        return Kewenangan.PROVINSI
    return Kewenangan.KABUPATEN_KOTA


def label_prioritas(kelas: str | None, nomor: int | None) -> str | None:
    """Daftar Lokasi style "B1/ 2" (klasifikasi / prioritas); None for Tidak Kumuh."""
    if kelas is None or nomor is None:
        return None
    return f"{kelas}/ {nomor}"


def volume(kriteria: Kriteria | str, numerik: Mapping[str, Angka]) -> Decimal:
    """Tabel 5 volume of a criterion (VOL, in `kriteria.satuan`): the part, or for 2a/4a the
    length lacking (ideal − existing, floored at 0). The numerik keys must be present."""
    k = KRITERIA_PER_KODE[kriteria] if isinstance(kriteria, str) else kriteria
    bagian = ke_decimal(numerik[k.bagian])
    if k.cara is CaraHitung.KEKURANGAN:
        return max(ke_decimal(numerik[k.pembagi]) - bagian, Decimal(0))
    return bagian


# --- input and result --------------------------------------------------------------------------


@dataclass(frozen=True)
class MasukanPenilaian:
    """Everything a survey records about one location.

    Each criterion comes from `persen` (0–100), else `pita` (a Format Isian band), else
    `numerik` (Tabel 2 values). None anywhere means "not filled in", so a form can pass its
    cleaned_data as is. Numbers may be Decimal, int, float or numeric str.
    """

    kategori_kota: KategoriKota | str | None
    persen: Mapping[str, Angka | None] = field(default_factory=dict)
    pita: Mapping[str, str | None] = field(default_factory=dict)
    numerik: Mapping[str, Angka | None] = field(default_factory=dict)
    # Tabel 3 B: (+) is True.
    status_penguasaan: bool | None = None
    kesesuaian_rtr: bool | None = None
    # Tabel 3 C. kepadatan_penduduk None → numerik jumlah_penduduk / luas_verifikasi_ha.
    strategis: bool | None = None
    kepadatan_penduduk: Angka | None = None
    potensi_sosekbud: bool | None = None
    # Area for kewenangan (§8) when numerik has no luas_verifikasi_ha, e.g. the luas SK.
    luas_ha: Angka | None = None


@dataclass(frozen=True)
class HasilKekumuhan:
    """Kondisi kekumuhan (Tabel 3 A) of a location or of one RT unit."""

    persen: dict[str, Decimal | None]  # rounded; None for a criterion given as a band
    skor: dict[str, int]
    sumber: dict[str, str]  # "persen", "pita" or "numerik" per criterion
    skor_aspek: dict[int, int]  # aspect 1–7 → sum of its criteria's scores
    nilai_kekumuhan: int
    tingkat_kekumuhan: TingkatKekumuhan


@dataclass(frozen=True)
class HasilPenilaian:
    """Everything derived from a MasukanPenilaian; never typed in, always recomputed."""

    persen: dict[str, Decimal | None]
    skor: dict[str, int]
    sumber: dict[str, str]
    skor_aspek: dict[int, int]
    nilai_kekumuhan: int
    tingkat_kekumuhan: TingkatKekumuhan
    kepadatan_penduduk: Decimal  # rounded to 2 decimals, as scored
    skor_pertimbangan: dict[str, int]  # keys of PERTIMBANGAN_LAIN
    nilai_pertimbangan_lain: int
    tingkat_pertimbangan_lain: TingkatPertimbangan
    legalitas: Legalitas
    klasifikasi: str | None
    prioritas: int | None
    pola_penanganan: PolaPenanganan | None
    luas_kewenangan_ha: Decimal | None
    kewenangan: Kewenangan | None

    @property
    def label_prioritas(self) -> str | None:
        """Daftar Lokasi style "B1/ 2"; None for a Tidak Kumuh location."""
        return label_prioritas(self.klasifikasi, self.prioritas)

    @property
    def kumuh(self) -> bool:
        return self.tingkat_kekumuhan is not TingkatKekumuhan.TIDAK_KUMUH


# --- validation and computation ----------------------------------------------------------------


class _Catatan:
    """Collects problems so that a record reports all of them at once."""

    def __init__(self) -> None:
        self.daftar: list[Kesalahan] = []

    def tambah(self, field_: str, pesan: str) -> None:
        self.daftar.append(Kesalahan(field_, pesan))

    def periksa(self) -> None:
        if self.daftar:
            raise KesalahanMasukan(self.daftar)


def _isi(peta: Mapping[str, Any] | None) -> dict[str, Any]:
    """Drop the None values: a blank form field or JSON null is "not filled in"."""
    return {k: v for k, v in (peta or {}).items() if v is not None}


def _baca_numerik(
    numerik: Mapping[str, Angka | None] | None, catatan: _Catatan, awalan: str = "numerik"
) -> tuple[dict[str, Decimal], set[str]]:
    """Validate every given numerik value; return the valid ones and the keys that were bad."""
    sah: dict[str, Decimal] = {}
    rusak: set[str] = set()
    for kunci, mentah in _isi(numerik).items():
        nama = f"{awalan}.{kunci}"
        if kunci not in NUMERIK_FIELDS:
            catatan.tambah(nama, "bukan isian Format Numerik yang dikenal")
            continue
        try:
            nilai = ke_decimal(mentah)
        except ValueError as e:
            catatan.tambah(nama, str(e))
            rusak.add(kunci)
            continue
        if nilai < 0:
            catatan.tambah(nama, f"tidak boleh negatif ({tampil_angka(nilai)})")
            rusak.add(kunci)
        elif kunci in NUMERIK_BILANGAN_BULAT and nilai != nilai.to_integral_value():
            satuan = SATUAN_NUMERIK[kunci]
            catatan.tambah(nama, f"harus bilangan bulat {satuan} ({tampil_angka(nilai)})")
            rusak.add(kunci)
        else:
            sah[kunci] = nilai
    return sah, rusak


def _baca_persen(
    persen: Mapping[str, Angka | None] | None, catatan: _Catatan
) -> dict[str, Decimal]:
    sah: dict[str, Decimal] = {}
    for kode, mentah in _isi(persen).items():
        nama = f"persen.{kode}"
        if kode not in KRITERIA_PER_KODE:
            catatan.tambah(nama, f"bukan kode kriteria (yang dikenal: {', '.join(KODE_KRITERIA)})")
            continue
        try:
            nilai = ke_decimal(mentah)
        except ValueError as e:
            catatan.tambah(nama, str(e))
            sah[kode] = Decimal(0)  # given, though wrong: do not also report it as missing
            continue
        if not 0 <= nilai <= SERATUS:
            catatan.tambah(nama, f"harus antara 0 dan 100 ({tampil_angka(nilai)})")
        sah[kode] = nilai
    return sah


def _baca_pita(pita: Mapping[str, str | None] | None, catatan: _Catatan) -> dict[str, int]:
    sah: dict[str, int] = {}
    for kode, mentah in _isi(pita).items():
        nama = f"pita.{kode}"
        if kode not in KRITERIA_PER_KODE:
            catatan.tambah(nama, f"bukan kode kriteria (yang dikenal: {', '.join(KODE_KRITERIA)})")
            continue
        try:
            sah[kode] = skor_dari_pita(mentah)
        except ValueError as e:
            catatan.tambah(nama, str(e))
            sah[kode] = 0
    return sah


def persen_kriteria(kode: str, numerik: Mapping[str, Angka | None]) -> Decimal | None:
    """Return one criterion's percentage from Format Numerik, or None when it cannot be computed
    yet (a value missing or invalid, a zero whole). For live display while typing: it does not
    check a part against its whole; `hitung` does and reports it."""
    k = KRITERIA_PER_KODE[kode]
    try:
        angka = {f: ke_decimal(numerik[f]) for f in (k.bagian, k.pembagi)}
        return _persen_numerik(k, angka)
    except (KeyError, TypeError, ValueError):
        return None


def _persen_numerik(k: Kriteria, angka: Mapping[str, Decimal]) -> Decimal:
    bagian, pembagi = angka[k.bagian], angka[k.pembagi]
    if k.cara is CaraHitung.KEKURANGAN:
        # §1: existing longer than ideal is allowed; the gap is then 0.
        return hitung_persen(max(pembagi - bagian, Decimal(0)), pembagi)
    persen = hitung_persen(bagian, pembagi)
    return min(persen, SERATUS) if k.maks_100 else persen


def _kekumuhan(
    persen: Mapping[str, Angka | None] | None,
    pita: Mapping[str, str | None] | None,
    numerik: Mapping[str, Decimal],
    numerik_rusak: set[str],
    catatan: _Catatan,
    pembagi_dipakai: dict[str, list[str]],
) -> HasilKekumuhan | None:
    """Score the 16 criteria; record problems in `catatan` and return None when there are any.

    `pembagi_dipakai` collects, per divisor field, what it divides (so that a zero divisor is
    reported once, naming every use: "pembagi kriteria 3a, 3b").
    """
    p_masuk = _baca_persen(persen, catatan)
    pita_masuk = _baca_pita(pita, catatan)

    hasil_persen: dict[str, Decimal | None] = {}
    skor: dict[str, int] = {}
    sumber: dict[str, str] = {}
    kurang: dict[str, list[str]] = {}  # missing numerik field → criteria needing it
    dari_numerik: list[Kriteria] = []

    for k in KRITERIA:
        if k.kode in p_masuk:  # kalkulator.md: persen wins for a criterion given both ways
            hasil_persen[k.kode] = bulatkan(p_masuk[k.kode])
            sumber[k.kode] = "persen"
        elif k.kode in pita_masuk:
            hasil_persen[k.kode] = None
            skor[k.kode] = pita_masuk[k.kode]
            sumber[k.kode] = "pita"
        else:
            sumber[k.kode] = "numerik"
            hilang = [f for f in k.isian if f not in numerik and f not in numerik_rusak]
            if len(hilang) == len(k.isian):
                catatan.tambah(
                    f"persen.{k.kode}",
                    f"kriteria {k.kode} ({k.nama}) tidak diisi: isi persen.{k.kode}, atau "
                    f"numerik.{k.bagian} dan numerik.{k.pembagi}",
                )
            else:
                for f in hilang:
                    kurang.setdefault(f, []).append(k.kode)
            if not hilang and not set(k.isian) & numerik_rusak:
                dari_numerik.append(k)
                pembagi_dipakai.setdefault(k.pembagi, []).append(f"kriteria {k.kode}")

    for f, kode in kurang.items():
        catatan.tambah(
            f"numerik.{f}",
            f"harus diisi untuk menghitung kriteria {_daftar(kode)} "
            f"(atau isi {_daftar([f'persen.{x}' for x in kode])})",
        )

    for k in dari_numerik:
        if numerik[k.pembagi] == 0:
            continue  # reported once for the divisor, by the caller
        batas = k.batas_bagian or (None if k.cara is CaraHitung.KEKURANGAN else k.pembagi)
        if batas is not None and batas in numerik and numerik[k.bagian] > numerik[batas]:
            catatan.tambah(
                f"numerik.{k.bagian}",
                f"({tampil_angka(numerik[k.bagian])}) lebih besar dari {batas} "
                f"({tampil_angka(numerik[batas])})",
            )
            continue
        hasil_persen[k.kode] = _persen_numerik(k, numerik)

    if catatan.daftar or any(numerik[k.pembagi] == 0 for k in dari_numerik):
        return None  # something is wrong somewhere in the record: nothing is scored

    for kode, p in hasil_persen.items():
        if p is not None:
            skor[kode] = skor_dari_persen(p)
    return _rangkum_kekumuhan(hasil_persen, skor, sumber)


def _rangkum_kekumuhan(
    persen: dict[str, Decimal | None], skor: dict[str, int], sumber: dict[str, str]
) -> HasilKekumuhan:
    urut = KODE_KRITERIA  # results always in Tabel 3 order
    skor_urut = {kode: skor[kode] for kode in urut}
    skor_aspek = {a.kode: sum(skor_urut[kode] for kode in a.kriteria) for a in ASPEK}
    nilai = sum(skor_urut.values())
    return HasilKekumuhan(
        persen={kode: persen.get(kode) for kode in urut},
        skor=skor_urut,
        sumber={kode: sumber[kode] for kode in urut},
        skor_aspek=skor_aspek,
        nilai_kekumuhan=nilai,
        tingkat_kekumuhan=tingkat_dari_nilai(nilai),
    )


def _laporkan_pembagi_nol(
    pembagi_dipakai: dict[str, list[str]], numerik: Mapping[str, Decimal], catatan: _Catatan
) -> None:
    for f, pemakai in pembagi_dipakai.items():
        if numerik.get(f) == 0:
            kriteria = [p.removeprefix("kriteria ") for p in pemakai if p.startswith("kriteria ")]
            lain = [p for p in pemakai if not p.startswith("kriteria ")]
            bagian = ([f"kriteria {', '.join(kriteria)}"] if kriteria else []) + lain
            catatan.tambah(
                f"numerik.{f}",
                f"harus diisi lebih dari 0 karena menjadi pembagi {_daftar(bagian)}",
            )


def _baca_bool(nilai: object, nama: str, catatan: _Catatan) -> bool | None:
    if isinstance(nilai, bool):
        return nilai
    if nilai is None:
        catatan.tambah(nama, "harus diisi ya (true) atau tidak (false)")
    else:
        catatan.tambah(nama, f"harus ya (true) atau tidak (false) ({_tampil_mentah(nilai)})")
    return None


def hitung_kekumuhan(
    persen: Mapping[str, Angka | None] | None = None,
    pita: Mapping[str, str | None] | None = None,
    numerik: Mapping[str, Angka | None] | None = None,
) -> HasilKekumuhan:
    """Score only the kondisi kekumuhan (Tabel 3 A); raise KesalahanMasukan on bad input."""
    catatan = _Catatan()
    angka, rusak = _baca_numerik(numerik, catatan)
    pembagi: dict[str, list[str]] = {}
    hasil = _kekumuhan(persen, pita, angka, rusak, catatan, pembagi)
    _laporkan_pembagi_nol(pembagi, angka, catatan)
    catatan.periksa()
    assert hasil is not None
    return hasil


def hitung_unit(numerik: Mapping[str, Angka | None]) -> HasilKekumuhan:
    """Score one survey unit (RT) of a kawasan from its own Format Numerik, for the profile (§7).

    A unit is always measured (numerik); its scores are shown, never averaged into the kawasan.
    """
    return hitung_kekumuhan(numerik=numerik)


def hitung(masukan: MasukanPenilaian) -> HasilPenilaian:
    """Score a location: kondisi kekumuhan, legalitas, pertimbangan lain, Tabel 4 and §5, §8.

    Raises KesalahanMasukan listing every problem of the input.
    """
    catatan = _Catatan()

    kategori: KategoriKota | None = None
    if masukan.kategori_kota is None or masukan.kategori_kota == "":
        catatan.tambah("kategori_kota", f"harus diisi ({', '.join(KategoriKota)})")
    else:
        try:
            kategori = kategori_kota(masukan.kategori_kota)
        except ValueError as e:
            catatan.tambah("kategori_kota", str(e))

    angka, rusak = _baca_numerik(masukan.numerik, catatan)
    pembagi: dict[str, list[str]] = {}
    kondisi = _kekumuhan(masukan.persen, masukan.pita, angka, rusak, catatan, pembagi)

    status = _baca_bool(masukan.status_penguasaan, "legalitas.status_penguasaan", catatan)
    rtr = _baca_bool(masukan.kesesuaian_rtr, "legalitas.kesesuaian_rtr", catatan)
    strategis = _baca_bool(masukan.strategis, "pertimbangan_lain.strategis", catatan)
    potensi = _baca_bool(masukan.potensi_sosekbud, "pertimbangan_lain.potensi_sosekbud", catatan)

    kepadatan = _kepadatan(masukan.kepadatan_penduduk, angka, rusak, catatan, pembagi)
    _laporkan_pembagi_nol(pembagi, angka, catatan)

    luas: Decimal | None = angka.get("luas_verifikasi_ha")
    if luas is None and "luas_verifikasi_ha" not in rusak and masukan.luas_ha is not None:
        try:
            luas = ke_decimal(masukan.luas_ha)
        except ValueError as e:
            catatan.tambah("luas_ha", str(e))
        else:
            if luas < 0:
                catatan.tambah("luas_ha", f"tidak boleh negatif ({tampil_angka(luas)})")

    catatan.periksa()
    # Every part is valid from here on (the checks above recorded any problem).
    assert kondisi is not None and kategori is not None and kepadatan is not None
    assert status is not None and rtr is not None and strategis is not None and potensi is not None

    skor_pl = {
        "strategis": skor_ya_tidak(strategis),
        "kepadatan_penduduk": skor_kepadatan(kepadatan, kategori),
        "potensi_sosekbud": skor_ya_tidak(potensi),
    }
    nilai_pl = sum(skor_pl.values())
    tingkat_pl = tingkat_pertimbangan_dari_nilai(nilai_pl)
    legal = legalitas_dari(status, rtr)
    kelas = klasifikasi(kondisi.tingkat_kekumuhan, tingkat_pl, legal)
    return HasilPenilaian(
        persen=kondisi.persen,
        skor=kondisi.skor,
        sumber=kondisi.sumber,
        skor_aspek=kondisi.skor_aspek,
        nilai_kekumuhan=kondisi.nilai_kekumuhan,
        tingkat_kekumuhan=kondisi.tingkat_kekumuhan,
        kepadatan_penduduk=kepadatan,
        skor_pertimbangan=skor_pl,
        nilai_pertimbangan_lain=nilai_pl,
        tingkat_pertimbangan_lain=tingkat_pl,
        legalitas=legal,
        klasifikasi=kelas,
        prioritas=prioritas(kelas),
        pola_penanganan=pola_penanganan(kondisi.tingkat_kekumuhan, legal),
        luas_kewenangan_ha=bulatkan(luas) if luas is not None else None,
        kewenangan=kewenangan(luas),
    )


def _kepadatan(
    diberikan: Angka | None,
    angka: Mapping[str, Decimal],
    rusak: set[str],
    catatan: _Catatan,
    pembagi: dict[str, list[str]],
) -> Decimal | None:
    """Kepadatan penduduk as given, else jumlah_penduduk / luas_verifikasi_ha; rounded (§3)."""
    nama = "pertimbangan_lain.kepadatan_penduduk"
    if diberikan is not None:
        try:
            nilai = ke_decimal(diberikan)
        except ValueError as e:
            catatan.tambah(nama, str(e))
            return None
        if nilai < 0:
            catatan.tambah(nama, f"tidak boleh negatif ({tampil_angka(nilai)})")
            return None
        return bulatkan(nilai)
    if {"jumlah_penduduk", "luas_verifikasi_ha"} & rusak:
        return None  # already reported
    if "jumlah_penduduk" in angka and "luas_verifikasi_ha" in angka:
        pembagi.setdefault("luas_verifikasi_ha", []).append("kepadatan penduduk")
        if angka["luas_verifikasi_ha"] == 0:
            return None  # reported with the other uses of the divisor
        return bulatkan(PRESISI.divide(angka["jumlah_penduduk"], angka["luas_verifikasi_ha"]))
    catatan.tambah(
        nama, "harus diisi, atau isi numerik.jumlah_penduduk dan numerik.luas_verifikasi_ha"
    )
    return None


def jumlahkan_unit(unit: Iterable[Mapping[str, Angka | None]]) -> dict[str, Decimal]:
    """Sum the Format Numerik of a kawasan's survey units (RT), key by key (§7).

    A key filled in no unit stays out of the result; a key filled in some units but not in
    others is an error naming each unit that lacks it (index from 0, as in a formset), because
    silently counting it as 0 would understate the kawasan. Values are validated as in `hitung`.
    """
    catatan = _Catatan()
    daftar: list[dict[str, Decimal]] = []
    ada_rusak: list[set[str]] = []
    for i, numerik in enumerate(unit):
        sah, rusak = _baca_numerik(numerik, catatan, awalan=f"unit.{i}")
        daftar.append(sah)
        ada_rusak.append(rusak)
    jumlah: dict[str, Decimal] = {}
    for kunci in NUMERIK_FIELDS:
        diisi = [i for i, u in enumerate(daftar) if kunci in u or kunci in ada_rusak[i]]
        if not diisi:
            continue
        if len(diisi) < len(daftar):
            nomor_isi = ", ".join(str(i + 1) for i in diisi)
            for i in range(len(daftar)):
                if i not in diisi:
                    catatan.tambah(
                        f"unit.{i}.{kunci}",
                        f"tidak diisi di unit ke-{i + 1}, padahal diisi di unit ke-{nomor_isi}; "
                        "isi 0 bila memang tidak ada",
                    )
            continue
        jumlah[kunci] = sum((u[kunci] for u in daftar if kunci in u), Decimal(0))
    catatan.periksa()
    return jumlah
