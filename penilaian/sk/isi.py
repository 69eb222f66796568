"""What an SK penetapan lokasi says, as plain data: the decree, its lokasi and their scores.

Pure (standard library and `kumuh.angka` only). The same shapes serve a draft, computed from
the live data on every render, and an issued SK, whose lokasi were frozen into JSON when it was
made final (`LokasiSK.ke_json` / `dari_json`): the PDF, Excel and map builders read only these
shapes, so an issued SK renders the same whatever happens to the lokasi later.

Texts of the decree follow LAMPIRAN C of the Perwal (seed `002…`, "Contoh Keputusan Kepala
Daerah"); the pola penanganan stages follow its Pasal 50–55 and the tipologi considerations its
Pasal 48.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kumuh import angka

# --- the lokasi of an SK -------------------------------------------------------------------


@dataclass(frozen=True)
class KriteriaSK:
    """One of the 16 criteria of a lokasi as Tabel 5 prints it: volume, satuan, %, nilai."""

    kode: str  # "1a" … "7b"
    aspek: int  # 1 … 7
    nama_aspek: str
    nama: str
    satuan: str  # of the volume: "unit", "m", "KK", "ha"
    volume: Decimal | None
    persen: Decimal | None
    skor: int | None
    pita: str = ""  # the Format Isian band when the score was chosen, not measured
    # 2a/2b/4a/4c: the ideal and existing lengths (m) the % divides by, so a reader can check it.
    ideal: Decimal | None = None
    eksisting: Decimal | None = None


@dataclass(frozen=True)
class UnitSK:
    """One RT unit of a kawasan surveyed per RT: its own numbers and score (§7), for the profile."""

    rt_rw: str  # "RT 001/RW 002"
    kelurahan: str
    luas_ha: Decimal | None
    jumlah_penduduk: int | None
    nilai_kekumuhan: int | None  # None: the unit's sheet has gaps, so it has no score of its own
    tingkat_kekumuhan: str = ""
    skor: dict[str, int] = field(default_factory=dict)  # kode → 0/1/3/5

    @property
    def tingkat_singkat(self) -> str:
        return self.tingkat_kekumuhan.removeprefix("Kumuh ")


@dataclass(frozen=True)
class FotoSK:
    """A photo of the lokasi: a path in the default storage, and its caption."""

    berkas: str
    keterangan: str = ""


@dataclass(frozen=True)
class LokasiSK:
    """One lokasi as the SK lists and profiles it (a row of Lampiran I, a page of Lampiran III)."""

    nomor: int
    lokasi_pk: int
    penilaian_pk: int
    tahun_penilaian: int
    kode: str
    nama: str
    # The area that counts (§8) as the survey recorded it: its luas verifikasi (the sum of its
    # RT sheets, unrounded), else the luas SK it used. The density, % and kewenangan were
    # computed from the same numbers, so the printed row reconciles.
    luas_ha: Decimal | None
    rt_rw: str
    kelurahan: tuple[str, ...]
    kecamatan: tuple[str, ...]
    jumlah_penduduk: int | None  # as the survey's Format Numerik recorded it
    kepadatan_penduduk: Decimal | None  # jiwa/ha as the formula used it
    lintang: Decimal | None
    bujur: Decimal | None
    nilai_kekumuhan: int
    tingkat_kekumuhan: str  # "Kumuh Sedang"
    nilai_pertimbangan_lain: int
    tingkat_pertimbangan_lain: str  # "Tinggi"
    legalitas: str  # "Legal" / "Tidak Legal"
    klasifikasi: str  # "B1"
    prioritas: int  # 1 … 9
    pola_penanganan: str
    kewenangan: str
    tanggal_survei: date | None = None
    jumlah_kk: int | None = None
    jumlah_bangunan: int | None = None
    batas: dict | None = None  # GeoJSON geometry (Polygon / MultiPolygon) or None
    tipologi: tuple[str, ...] = ()
    # Tabel 3 B/C inputs: legalitas (+/−) and pertimbangan lain scores.
    status_penguasaan: bool | None = None
    kesesuaian_rtr: bool | None = None
    skor_strategis: int | None = None
    skor_kepadatan: int | None = None
    skor_sosekbud: int | None = None
    skor_aspek: dict[int, int] = field(default_factory=dict)
    kriteria: tuple[KriteriaSK, ...] = ()
    foto: tuple[FotoSK, ...] = ()
    permasalahan: str = ""
    potensi: str = ""
    # Both areas, labelled in the Buku Profil (None: not recorded).
    luas_sk_ha: Decimal | None = None
    luas_verifikasi_ha: Decimal | None = None
    # The lokasi's split by sex (the survey records only the total).
    penduduk_laki_laki: int | None = None
    penduduk_perempuan: int | None = None
    unit: tuple[UnitSK, ...] = ()

    # -- as printed -----------------------------------------------------------------------

    @property
    def label_prioritas(self) -> str:
        """ "B1/ 2", as the template's PRIORITAS column writes it."""
        return f"{self.klasifikasi}/ {self.prioritas}"

    @property
    def tingkat_singkat(self) -> str:
        """ "Sedang" for "Kumuh Sedang": the narrow TINGK. column."""
        return self.tingkat_kekumuhan.removeprefix("Kumuh ")

    @property
    def kecamatan_utama(self) -> str:
        """The first kecamatan: where the lokasi is counted and labelled on the map."""
        return self.kecamatan[0] if self.kecamatan else ""

    @property
    def luas_ha_sk(self) -> Decimal | None:
        return _dua_desimal(self.luas_ha)

    def ke_json(self) -> dict[str, Any]:
        """Return a JSON-safe dict (Decimals and dates as strings) to freeze into the SK."""
        data = asdict(self)
        for kunci, nilai in data.items():
            data[kunci] = _ke_json(nilai)
        data["kriteria"] = [{k: _ke_json(v) for k, v in c.items()} for c in data["kriteria"]]
        data["unit"] = [{k: _ke_json(v) for k, v in u.items()} for u in data["unit"]]
        data["skor_aspek"] = {str(k): v for k, v in self.skor_aspek.items()}
        return data

    @classmethod
    def dari_json(cls, data: dict[str, Any]) -> LokasiSK:
        d = dict(data)
        # SKs issued before a field existed lack it: the dataclass default stands in.
        for kunci in (
            "luas_ha",
            "kepadatan_penduduk",
            "lintang",
            "bujur",
            "luas_sk_ha",
            "luas_verifikasi_ha",
        ):
            d[kunci] = _desimal(d.get(kunci))
        d["tanggal_survei"] = (
            date.fromisoformat(d["tanggal_survei"]) if d.get("tanggal_survei") else None
        )
        d["kelurahan"] = tuple(d.get("kelurahan", ()))
        d["kecamatan"] = tuple(d.get("kecamatan", ()))
        d["tipologi"] = tuple(d.get("tipologi", ()))
        d["skor_aspek"] = {int(k): v for k, v in d.get("skor_aspek", {}).items()}
        d["kriteria"] = tuple(
            KriteriaSK(
                **{
                    **c,
                    **{k: _desimal(c.get(k)) for k in ("volume", "persen", "ideal", "eksisting")},
                }
            )
            for c in d.get("kriteria", ())
        )
        d["unit"] = tuple(
            UnitSK(**{**u, "luas_ha": _desimal(u.get("luas_ha"))}) for u in d.get("unit", ())
        )
        d["foto"] = tuple(FotoSK(**f) for f in d.get("foto", ()))
        return cls(**d)


def _ke_json(nilai: Any) -> Any:
    if isinstance(nilai, Decimal):
        return str(nilai)
    if isinstance(nilai, date):
        return nilai.isoformat()
    if isinstance(nilai, tuple):
        return list(nilai)
    return nilai


def _desimal(nilai: Any) -> Decimal | None:
    return None if nilai in (None, "") else Decimal(str(nilai))


def _dua_desimal(nilai: Decimal | None) -> Decimal | None:
    if nilai is None:
        return None
    return nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the decree ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StempelSK:
    """A verification block under Lampiran I: who verified for which team, and when."""

    tim: str  # "pusat", "provinsi", "kabkota"
    judul: tuple[str, ...]  # the block's heading lines, as the template prints them
    nama: str = ""
    jabatan: str = ""
    nip: str = ""
    tanggal: date | None = None


# Headings of the three verification blocks (LAMPIRAN C, under the Daftar Lokasi).
JUDUL_STEMPEL: dict[str, tuple[str, ...]] = {
    "pusat": ("Tim Verifikasi Pusat",),
    "provinsi": (
        "Tim Verifikasi Provinsi",
        "Organisasi Perangkat Daerah Provinsi",
        "(Bidang Perumahan dan Kawasan Permukiman)",
    ),
    "kabkota": (
        "Organisasi Perangkat Daerah Kab/Kota",
        "(Bidang Perumahan dan Kawasan Permukiman)",
    ),
}
URUTAN_STEMPEL = ("pusat", "provinsi", "kabkota")

MENIMBANG = (
    "bahwa setiap orang berhak untuk bertempat tinggal dan mendapatkan lingkungan hidup yang "
    "laik dan sehat;",
    "bahwa penyelenggaraan peningkatan kualitas perumahan kumuh dan permukiman kumuh "
    "merupakan tanggung jawab pemerintah kabupaten/kota berdasarkan penetapan lokasi "
    "perumahan kumuh dan permukiman kumuh yang didahului proses pendataan;",
    "bahwa berdasarkan Pasal 98 ayat (2) Undang-Undang Nomor 1 Tahun 2011 tentang Perumahan "
    "dan Kawasan Permukiman, penetapan lokasi perumahan kumuh dan permukiman kumuh wajib "
    "dilakukan pemerintah daerah dengan melibatkan peran masyarakat;",
    # d. names the decree: filled in by IsiSK.menimbang.
)

# What SKs issued before the per-kab/kota settings printed (LAMPIRAN C's three lines): an issued
# SK frozen without settings keeps rendering exactly as it was issued.
MENGINGAT_LAMA = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
    "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587);",
    "Peraturan Pemerintah Nomor 14 Tahun 2016 tentang Penyelenggaraan Perumahan dan Kawasan "
    "Permukiman (Lembaran Negara Republik Indonesia Tahun 2016 Nomor 101, Tambahan Lembaran "
    "Negara Republik Indonesia Nomor 5883);",
    "Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor 14/PRT/M/2018 tentang "
    "Pencegahan dan Peningkatan Kualitas terhadap Perumahan Kumuh dan Permukiman Kumuh;",
)
MENGINGAT = MENGINGAT_LAMA  # the name older callers import

# The national legal bases, in the hierarchy order of UU 12/2011 (undang-undang, peraturan
# pemerintah, peraturan menteri; within a kind by year), each with its Lembaran/Berita Negara
# and the amendments in force. Wording of UU 1/2011, UU 23/2014 and PP 14/2016 as the Perwal
# (seed `002…`) cites them; the Berita Negara number of Permen PUPR 14/PRT/M/2018 as the Perda
# Singkawang (seed `003…`) cites it. The LAMPIRAN C template lists only UU 23/2014, PP 14/2016
# and the Permen, leaving "4. ...." for the region's own regulations.
MENGINGAT_NASIONAL = (
    "Undang-Undang Nomor 1 Tahun 2011 tentang Perumahan dan Kawasan Permukiman (Lembaran Negara "
    "Republik Indonesia Tahun 2011 Nomor 7, Tambahan Lembaran Negara Republik Indonesia Nomor "
    "5188);",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
    "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) "
    "sebagaimana telah diubah beberapa kali, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 "
    "tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang "
    "Cipta Kerja menjadi Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, "
    "Tambahan Lembaran Negara Republik Indonesia Nomor 6856);",
    "Peraturan Pemerintah Nomor 14 Tahun 2016 tentang Penyelenggaraan Perumahan dan Kawasan "
    "Permukiman (Lembaran Negara Republik Indonesia Tahun 2016 Nomor 101, Tambahan Lembaran "
    "Negara Republik Indonesia Nomor 5883) sebagaimana telah diubah dengan Peraturan Pemerintah "
    "Nomor 12 Tahun 2021 tentang Perubahan atas Peraturan Pemerintah Nomor 14 Tahun 2016 tentang "
    "Penyelenggaraan Perumahan dan Kawasan Permukiman (Lembaran Negara Republik Indonesia Tahun "
    "2021 Nomor 20, Tambahan Lembaran Negara Republik Indonesia Nomor 6630);",
    "Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor 14/PRT/M/2018 tentang "
    "Pencegahan dan Peningkatan Kualitas terhadap Perumahan Kumuh dan Permukiman Kumuh (Berita "
    "Negara Republik Indonesia Tahun 2018 Nomor 785);",
)


def mengingat_baku(jenis_daerah: str, nama_daerah: str) -> tuple[str, ...]:
    """The default Mengingat of a kab/kota: the national bases, then the region's own
    regulation on the subject, its number left as the template's dots to be filled in."""
    daerah = f"{jenis_daerah} {nama_daerah}"
    return (
        *MENGINGAT_NASIONAL,
        f"Peraturan Daerah {daerah} Nomor ... Tahun ... tentang Pencegahan dan Peningkatan "
        f"Kualitas terhadap Perumahan Kumuh dan Permukiman Kumuh (Lembaran Daerah {daerah} "
        "Tahun ... Nomor ...);",
    )


def sebutan_kepala_baku(jenis_daerah: str) -> str:
    """ "Wali Kota" (the spelling of UU 23/2014) or "Bupati"."""
    return "Wali Kota" if jenis_daerah.lower() == "kota" else "Bupati"


def nama_opd_baku(jenis_daerah: str, nama_daerah: str) -> str:
    """A first guess at the housing OPD's name; each kab/kota names its own."""
    return f"Dinas Perumahan dan Kawasan Permukiman {jenis_daerah} {nama_daerah}"


@dataclass(frozen=True)
class PengaturanCetak:
    """A kab/kota's texts of its SK (PengaturanSK), as a draft reads them and issuing freezes them.

    The defaults are what SKs printed before these settings existed, so an SK issued then and
    frozen without them renders unchanged.
    """

    mengingat: tuple[str, ...] = MENGINGAT_LAMA
    memperhatikan: tuple[str, ...] = ()
    dengan_rahmat: bool = True
    sebutan_kepala: str = ""  # "Wali Kota" / "Walikota" / "Bupati"; "" → by jenis daerah
    nama_opd: str = ""  # the third verification block's heading; "" → the template's
    # The regulation whose articles the Buku Profil cites for the pola stages and the tipologi
    # considerations, and those articles (per pola; for tipologi); no regulation → no citation.
    peraturan_pola: str = ""
    pasal_pola: dict[str, str] = field(default_factory=dict)
    pasal_tipologi: str = ""

    def ke_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["mengingat"] = list(self.mengingat)
        data["memperhatikan"] = list(self.memperhatikan)
        return data

    @classmethod
    def dari_json(cls, data: dict[str, Any] | None) -> PengaturanCetak:
        if not data:
            return cls()
        d = dict(data)
        d["mengingat"] = tuple(d.get("mengingat", MENGINGAT_LAMA))
        d["memperhatikan"] = tuple(d.get("memperhatikan", ()))
        d["pasal_pola"] = dict(d.get("pasal_pola") or {})
        return cls(**d)

    def kutipan_pola(self, pola: str) -> str:
        """ "Pasal 54–55 Peraturan Wali Kota Pekalongan Nomor 50 Tahun 2022", or ""."""
        return _kutipan(self.pasal_pola.get(pola, ""), self.peraturan_pola)

    @property
    def kutipan_tipologi(self) -> str:
        return _kutipan(self.pasal_tipologi, self.peraturan_pola)


def _kutipan(pasal: str, peraturan: str) -> str:
    # An article without its regulation names nothing a reader can look up: both or none.
    if not peraturan.strip():
        return ""
    return f"{pasal.strip()} {peraturan.strip()}".strip()


@dataclass(frozen=True)
class RujukanSK:
    """An earlier SK as a decree cites it: "Keputusan Wali Kota Pekalongan Nomor 050/12 Tahun
    2024 tentang …"."""

    kepala: str  # "Wali Kota" / "Bupati"
    nama_daerah: str
    nomor: str
    tahun: int
    tentang: str

    @property
    def sebutan(self) -> str:
        return (
            f"Keputusan {self.kepala} {self.nama_daerah} Nomor {self.nomor} Tahun {self.tahun} "
            f"tentang {self.tentang}"
        )


def tentang_pengganti(tentang: str, *, hubungan: str, peninjauan: bool, rujukan: RujukanSK) -> str:
    """The TENTANG of a decree replacing another: "Perubahan atas Keputusan …" when it amends,
    the penetapan's own title "… Hasil Peninjauan Ulang" for the review's result."""
    if hubungan == "mengubah":
        return f"Perubahan atas {rujukan.sebutan}"
    if peninjauan:
        return f"{tentang} Hasil Peninjauan Ulang"
    return tentang


ORDINAL_DIKTUM = (
    "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN",
    "KESEMBILAN", "KESEPULUH",
)  # fmt: skip
HURUF = "abcdefghij"


@dataclass(frozen=True)
class IsiSK:
    """The whole SK: header, decree texts, verification blocks and the lokasi in order."""

    jenis_daerah: str  # "Kota" / "Kabupaten"
    nama_daerah: str  # "Pekalongan" (without "Kota")
    provinsi: str
    nomor: str
    tanggal: date | None
    tempat: str  # "Ditetapkan di"
    tentang: str
    penandatangan_nama: str
    penandatangan_jabatan: str  # "WALI KOTA PEKALONGAN"
    lokasi: tuple[LokasiSK, ...]
    mengingat_tambahan: tuple[str, ...] = ()
    stempel: tuple[StempelSK, ...] = ()
    draf: bool = True
    dibuat_pada: str = ""  # "25 November 2026 13.05 WIB": when a draft's data was read
    pengaturan: PengaturanCetak = field(default_factory=PengaturanCetak)
    # The earlier SK this one revokes ("mencabut") or amends ("mengubah"), if any.
    menggantikan: RujukanSK | None = None
    hubungan: str = ""
    hasil_peninjauan: bool = False  # the Keputusan hasil peninjauan ulang (Perwal Pasal 40 (6))
    # Lampiran III is optional (both regulations' articles name two annexes): without it
    # KELIMA names Lampiran I and II only.
    dengan_buku_profil: bool = True
    # Kecamatan boundaries (GeoJSON) by name, drawn on Lampiran II when the wilayah has them;
    # frozen with the daerah's names when the SK is issued.
    batas_kecamatan: dict[str, dict] = field(default_factory=dict)

    # -- names ---------------------------------------------------------------------------

    @property
    def kepala(self) -> str:
        """ "Wali Kota", "Walikota" or "Bupati": the kab/kota's own spelling."""
        return self.pengaturan.sebutan_kepala.strip() or sebutan_kepala_baku(self.jenis_daerah)

    @property
    def daerah(self) -> str:
        """ "Kota Pekalongan"."""
        return f"{self.jenis_daerah} {self.nama_daerah}"

    @property
    def judul_kepala(self) -> str:
        """ "WALI KOTA PEKALONGAN": the heading and the signing office."""
        return f"{self.kepala} {self.nama_daerah}".upper()

    @property
    def nomor_cetak(self) -> str:
        return self.nomor or "....."

    @property
    def tanggal_cetak(self) -> str:
        return angka.tanggal_indonesia(self.tanggal) if self.tanggal else "....."

    # -- totals (KEEMPAT) -----------------------------------------------------------------

    @property
    def jumlah_lokasi(self) -> int:
        return len(self.lokasi)

    @property
    def daftar_kecamatan(self) -> list[str]:
        """Every kecamatan any lokasi lies in, once, in order of first appearance."""
        return list(dict.fromkeys(k for lok in self.lokasi for k in lok.kecamatan))

    @property
    def jumlah_kecamatan(self) -> int:
        return len(self.daftar_kecamatan)

    @property
    def luas_total_ha(self) -> Decimal:
        """The sum of the areas as printed (2 decimals each), so the column adds up."""
        return sum((lok.luas_ha_sk or Decimal(0) for lok in self.lokasi), Decimal("0.00"))

    @property
    def jumlah_penduduk(self) -> int:
        return sum(lok.jumlah_penduduk or 0 for lok in self.lokasi)

    @property
    def kalimat_keempat(self) -> str:
        """KEEMPAT with the counts and area written with their words (penilaian.md §9)."""
        return (
            f"Lokasi Perumahan Kumuh dan Permukiman Kumuh di {self.daerah} meliputi sejumlah "
            f"{angka.dengan_terbilang(self.jumlah_lokasi)} lokasi, di "
            f"{angka.dengan_terbilang(self.jumlah_kecamatan)} kecamatan, dengan luas total "
            f"sebesar {angka.dengan_terbilang(self.luas_total_ha, 'hektar', tempat=2)};"
        )

    # -- decree texts ---------------------------------------------------------------------

    @property
    def judul_keputusan(self) -> str:
        return f"KEPUTUSAN {self.judul_kepala}"

    @property
    def menimbang(self) -> tuple[str, ...]:
        butir = list(MENIMBANG)
        if self.menggantikan is not None:
            if self.hasil_peninjauan:
                butir.append(
                    "bahwa lokasi perumahan kumuh dan permukiman kumuh yang ditetapkan dengan "
                    f"{self.menggantikan.sebutan} telah ditinjau ulang melalui pendataan ulang "
                    "lokasi untuk menilai pengurangan jumlah lokasi, luasan dan tingkat "
                    "kekumuhan sebagai hasil penanganan yang telah dilakukan, dan hasil "
                    f"peninjauan ulang tersebut ditetapkan dengan keputusan {self.kepala.lower()};"
                )
            else:
                butir.append(
                    f"bahwa {self.menggantikan.sebutan} perlu disesuaikan dengan hasil "
                    "pendataan lokasi perumahan kumuh dan permukiman kumuh yang terbaru;"
                )
        huruf = [f"huruf {h}" for h in HURUF[: len(butir)]]
        acuan = ", ".join(huruf[:-1]) + f" dan {huruf[-1]}"
        return (
            *butir,
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam {acuan} perlu "
            f"menetapkan Keputusan {self.kepala} tentang {self.tentang};",
        )

    @property
    def diktum_penggantian(self) -> str:
        """The clause on the earlier SK: revoked, or amended with the rest still in force."""
        if self.menggantikan is None:
            return ""
        if self.hubungan == "mengubah":
            return (
                f"Daftar, peta sebaran dan profil lokasi dalam {self.menggantikan.sebutan} "
                "diubah sehingga menjadi sebagaimana tercantum dalam Lampiran Keputusan ini; "
                "ketentuan lain dalam Keputusan tersebut dinyatakan tetap berlaku;"
            )
        return (
            f"Pada saat Keputusan ini mulai berlaku, {self.menggantikan.sebutan} dicabut dan "
            "dinyatakan tidak berlaku;"
        )

    @property
    def mengingat(self) -> tuple[str, ...]:
        """The kab/kota's list, then this SK's own extra lines (SK.mengingat_tambahan)."""
        return (*self.pengaturan.mengingat, *self.mengingat_tambahan)

    @property
    def memperhatikan(self) -> tuple[str, ...]:
        return self.pengaturan.memperhatikan

    @property
    def kutipan_pola(self) -> dict[str, str]:
        """Per pola, the articles the Buku Profil cites for its stages ("" when none)."""
        return {pola: self.pengaturan.kutipan_pola(pola) for pola in TAHAPAN_POLA}

    @property
    def diktum(self) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
        """KESATU … KETUJUH (KEDELAPAN with the clause on a replaced SK): (label, text) —
        KELIMA's text is its three items."""
        teks = [t for _label, t in self._diktum_baku()]
        if self.menggantikan is not None:
            teks.insert(len(teks) - 1, self.diktum_penggantian)  # before "mulai berlaku"
        return tuple(zip(ORDINAL_DIKTUM, teks, strict=False))

    def _diktum_baku(self) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
        d = self.daerah
        return (
            (
                "KESATU",
                "Lokasi Perumahan Kumuh dan Permukiman Kumuh merupakan satuan perumahan dan "
                "permukiman dalam lingkup wilayah kabupaten/kota yang dinilai tidak laik huni "
                "karena ketidakteraturan bangunan, tingkat kepadatan bangunan yang tinggi, dan "
                "kualitas bangunan serta sarana dan prasarana yang tidak memenuhi syarat;",
            ),
            (
                "KEDUA",
                "Lokasi Perumahan Kumuh dan Permukiman Kumuh ditetapkan berdasarkan hasil "
                "pendataan yang dilakukan oleh Pemerintah Daerah dengan melibatkan peran "
                "masyarakat menggunakan Ketentuan Tata Cara Penetapan Lokasi sebagaimana diatur "
                "dalam Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor "
                "14/PRT/M/2018 tentang Pencegahan dan Peningkatan Kualitas terhadap Perumahan "
                "Kumuh dan Permukiman Kumuh;",
            ),
            (
                "KETIGA",
                f"Lokasi Perumahan Kumuh dan Permukiman Kumuh di {d} ditetapkan sebagai dasar "
                "penyusunan Rencana Pencegahan dan Peningkatan Kualitas Perumahan Kumuh dan "
                f"Permukiman Kumuh di {d}, yang merupakan komitmen Pemerintah Daerah dalam "
                "mendukung Program Nasional Pengentasan Permukiman Kumuh, termasuk dalam hal "
                "ini Target Nasional Permukiman Tanpa Kumuh;",
            ),
            ("KEEMPAT", self.kalimat_keempat),
            ("KELIMA", self._kelima),
            (
                "KEENAM",
                f"Berdasarkan Penetapan Lokasi Perumahan Kumuh dan Permukiman Kumuh di {d} ini, "
                "maka Pemerintah Daerah berkomitmen untuk melaksanakan Peningkatan Kualitas "
                "Perumahan Kumuh dan Permukiman Kumuh secara tuntas dan berkelanjutan sebagai "
                "prioritas pembangunan daerah dalam bidang perumahan dan permukiman, "
                "bersama-sama Pemerintah Provinsi dan Pemerintah;",
            ),
            ("KETUJUH", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
        )

    @property
    def _kelima(self) -> tuple[str, ...]:
        d = self.daerah
        daftar = (
            f"Daftar Lokasi Perumahan Kumuh dan Permukiman Kumuh di {d} dirinci lebih "
            "lanjut dalam Lampiran I;"
        )
        peta = f"Peta Sebaran Lokasi Perumahan Kumuh dan Permukiman Kumuh di {d} dirinci lebih "
        if not self.dengan_buku_profil:
            return (daftar.removesuffix(";") + "; dan", peta + "lanjut dalam Lampiran II.")
        return (
            daftar,
            peta + "lanjut dalam Lampiran II; dan",
            f"Buku Profil Lokasi Perumahan Kumuh dan Permukiman Kumuh di {d} dirinci "
            "lebih lanjut dalam Lampiran III.",
        )

    @property
    def kelima_penutup(self) -> str:
        jumlah = "ketiga" if self.dengan_buku_profil else "kedua"
        return (
            f"dimana {jumlah} lampiran tersebut merupakan bagian yang tidak terpisahkan dari "
            f"Keputusan {self.kepala} ini;"
        )

    def stempel_urut(self) -> list[StempelSK]:
        """The three verification blocks in the template's order, blank ones included."""
        ada = {s.tim: s for s in self.stempel}
        blok = [ada.get(t) or StempelSK(tim=t, judul=JUDUL_STEMPEL[t]) for t in URUTAN_STEMPEL]
        if self.pengaturan.nama_opd.strip():
            # The OPD signs under its own name, not the template's placeholder heading.
            judul = (self.pengaturan.nama_opd.strip(),)
            blok = [replace(s, judul=judul) if s.tim == "kabkota" else s for s in blok]
        return blok


# A regulation number ("14/PRT/M/2018") is one token: the printers keep it on one line.
POLA_NOMOR_PERATURAN = r"\b\d+/PRT/M/\d{4}\b"


def tentang_baku(jenis_daerah: str, nama_daerah: str) -> str:
    """The template's TENTANG for a daerah."""
    return f"Penetapan Lokasi Perumahan Kumuh dan Permukiman Kumuh di {jenis_daerah} {nama_daerah}"


# --- pola penanganan (Pasal 50–55) and tipologi (Pasal 48) ----------------------------------

# (tahap, kegiatan) per pola. Pasal 55 (2) of the seed splits two items over two letters each
# ("c. proses pelaksanaan konstruksi pembangunan / d. Perumahan dan Permukiman baru" and
# "e. pemantauan dan evaluasi pelaksanaan konstruksi; / f. Pemukiman Kembali;"), typesetting
# slips: the Perda Singkawang (seed `003…`, Pasal 53 (2)) has both items whole, six letters a–f.
TAHAPAN_POLA: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "Pemugaran": (
        (
            "Pra konstruksi",
            (
                "identifikasi permasalahan dan kajian kebutuhan Pemugaran",
                "sosialisasi dan rembuk warga pada masyarakat terdampak",
                "pendataan masyarakat terdampak",
                "penyusunan rencana Pemugaran",
                "musyawarah untuk penyepakatan",
            ),
        ),
        (
            "Konstruksi",
            ("proses pelaksanaan konstruksi", "pemantauan dan evaluasi pelaksanaan konstruksi"),
        ),
        ("Pasca konstruksi", ("pemanfaatan", "pemeliharaan dan perbaikan")),
    ),
    "Peremajaan": (
        (
            "Pra konstruksi",
            (
                "identifikasi permasalahan dan kajian kebutuhan Peremajaan",
                "penghunian sementara untuk masyarakat terdampak",
                "sosialisasi dan rembuk warga pada masyarakat terdampak",
                "pendataan masyarakat terdampak",
                "penyusunan rencana Peremajaan",
                "musyawarah dan diskusi penyepakatan",
            ),
        ),
        (
            "Konstruksi",
            (
                "proses ganti rugi bagi masyarakat terdampak berdasarkan hasil kesepakatan",
                "penghunian sementara masyarakat terdampak pada lokasi lain",
                "proses pelaksanaan konstruksi Peremajaan pada lokasi Permukiman eksisting",
                "pemantauan dan evaluasi pelaksanaan konstruksi Peremajaan",
                "proses penghunian kembali masyarakat terdampak",
            ),
        ),
        ("Pasca konstruksi", ("pemanfaatan", "pemeliharaan dan perbaikan")),
    ),
    "Pemukiman Kembali": (
        (
            "Pra konstruksi",
            (
                "kajian pemanfaatan ruang dan/atau kajian legalitas tanah",
                "penghunian sementara untuk masyarakat di Perumahan dan Permukiman Kumuh pada "
                "lokasi rawan bencana",
                "sosialisasi dan rembuk warga pada masyarakat terdampak",
                "pendataan masyarakat terdampak",
                "penyusunan rencana Permukiman baru, rencana pembongkaran Permukiman eksisting "
                "dan rencana pelaksanaan Pemukiman Kembali",
                "musyawarah dan diskusi penyepakatan",
            ),
        ),
        (
            "Konstruksi",
            (
                "proses ganti rugi bagi masyarakat terdampak sesuai dengan ketentuan peraturan "
                "perundang-undangan",
                "proses legalisasi tanah pada lokasi pemukiman baru",
                "proses pelaksanaan konstruksi pembangunan Perumahan dan Permukiman baru",
                "pemantauan dan evaluasi pelaksanaan konstruksi Pemukiman Kembali",
                "proses penghunian kembali masyarakat terdampak",
                "proses pembongkaran pada lokasi pemukiman eksisting",
            ),
        ),
        ("Pasca konstruksi", ("pemanfaatan", "pemeliharaan dan perbaikan")),
    ),
}
PASAL_POLA = {
    "Pemugaran": "Pasal 50–51",
    "Peremajaan": "Pasal 52–53",
    "Pemukiman Kembali": "Pasal 54–55",
}

# Pasal 48: what the handling must consider for each tipologi, by the lokasi's tipologi label.
PERTIMBANGAN_TIPOLOGI: dict[str, str] = {
    "di atas air": "karakteristik daya guna, daya dukung, daya rusak air serta kelestarian air",
    "di tepi air": "karakteristik daya dukung tanah tepi air, pasang surut air serta "
    "kelestarian air dan tanah",
    "dataran rendah": "karakteristik daya dukung tanah, jenis tanah serta kelestarian tanah",
    "perbukitan": "karakteristik kelerengan, daya dukung tanah, jenis tanah serta "
    "kelestarian tanah",
    "daerah rawan bencana": "karakteristik kebencanaan, daya dukung tanah, jenis tanah serta "
    "kelestarian tanah",
}


def pertimbangan_tipologi(tipologi: str) -> str:
    """Return Pasal 48's consideration for a tipologi label ("Di tepi air" → …), or ""."""
    return PERTIMBANGAN_TIPOLOGI.get(tipologi.strip().lower(), "")
