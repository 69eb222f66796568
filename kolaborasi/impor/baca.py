"""Read a kegiatan workbook: one row per kegiatan, continuation rows for more effects.

Pure (openpyxl through `kumuh.xlsx_baca`, no Django). A row with a `kegiatan` name starts a
kegiatan; a following row whose `kegiatan` and `program` are blank adds one more effect
(kriteria, volume, and the lokasi it is allocated to for a city-wide kegiatan). Funding columns
must add up to biaya (kolaborasi-monev.md §2.6); the problem is named at the biaya cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from kolaborasi import aturan
from kumuh import angka, xlsx_baca
from kumuh.xlsx_baca import PEMBACA, Baris, Kolom, Masalah, Skema, TidakTerbaca
from penilaian import rumus

KEGIATAN, EFEK, DANA, LAIN = "Kegiatan", "Efek (yang ditangani)", "Sumber dana", "Lainnya"

KOLOM: tuple[Kolom, ...] = (
    Kolom("program", KEGIATAN, "nama program", ("nama program",)),
    Kolom("kegiatan", KEGIATAN, "nama kegiatan; kosong = baris efek tambahan kegiatan di atasnya",
          ("nama kegiatan",)),
    Kolom("ruang_lingkup", KEGIATAN, "PSU, Sosial atau Ekonomi", ("lingkup",), "ruang_lingkup"),
    Kolom("sub_lingkup", KEGIATAN, "misalnya jalan lingkungan", ("sub ruang lingkup",)),
    Kolom("kode_lokasi", KEGIATAN, "kode lokasi (kosong = skala kota; efeknya lalu menyebut "
          "kode lokasinya sendiri)", ("kode lokasi", "lokasi")),
    Kolom("tahun", KEGIATAN, "tahun pelaksanaan", ("tahun pelaksanaan",), "tahun"),
    Kolom("tahun_awal_rencana", KEGIATAN, "tahun pertama RP2KPKP/RPLP (kosong = tahun)",
          ("tahun awal", "tahun awal rencana"), "tahun"),
    Kolom("kriteria", EFEK, "kode kriteria yang ditangani: 1a … 7b",
          ("kriteria yang ditangani", "kode kriteria"), "kriteria"),
    Kolom("volume", EFEK, "volume dalam satuan Format Numerik kriteria itu (m, KK, unit, ha)",
          ("vol",), "volume"),
    Kolom("biaya", DANA, "biaya kegiatan (Rp); sama dengan jumlah kolom sumber dana",
          ("biaya (rp)", "biaya rp", "nilai"), "rupiah"),
    *(Kolom(kode, DANA, f"bagian {label} (Rp)", (label,), "rupiah")
      for kode, label in aturan.SUMBER_DANA.items()),
    Kolom("pelaksana", LAIN, "Swakelola, Pihak ketiga atau TJSLP", (), "pelaksana"),
    Kolom("penanggung_jawab", LAIN, "nama pemangku kepentingan (sesuai daftar)",
          ("penanggung jawab",)),
    Kolom("dasar", LAIN, "RP2KPKP, RPLP, PKS atau Lainnya", ("dasar",), "dasar"),
    Kolom("dasar_dokumen", LAIN, "nomor/judul dokumen dasar", ("dokumen dasar",)),
    Kolom("status", LAIN, "Usulan (bawaan), Direncanakan, Dianggarkan, Berjalan, Selesai, "
          "Diserahterimakan", (), "status"),
    Kolom("catatan", LAIN, "", ()),
)  # fmt: skip
SUMBER = tuple(aturan.SUMBER_DANA)
WAJIB = ("program", "ruang_lingkup", "tahun", "biaya", "pelaksana")
RUPIAH_MAKS = Decimal("99999999999999.99")
MILIK_KEGIATAN = frozenset(k.kunci for k in KOLOM) - {"kriteria", "volume"}


def _pilihan(kamus: dict[str, str], nama: str, lain: dict[str, str] | None = None):
    ejaan = {**{kode: kode for kode in kamus}, **{v: k for k, v in kamus.items()}, **(lain or {})}

    def baca(nilai: object, _: str = "") -> str:
        return xlsx_baca.pilih(nilai, ejaan, nama)

    return baca


def _kriteria(nilai: object, _: str = "") -> str:
    kode = xlsx_baca.teks(nilai).strip().lower()
    if kode not in rumus.KRITERIA_PER_KODE:
        raise TidakTerbaca(f"kode kriteria tidak dikenal ({xlsx_baca.teks(nilai)!r}); isi 1a … 7b")
    return kode


def _rupiah(nilai: object, _: str = "") -> Decimal:
    # Up to the model's 14 whole digits (Rp 99 triliun), sen allowed.
    return xlsx_baca.bukan_negatif(nilai, 2, maks=RUPIAH_MAKS)


def _volume(nilai: object, _: str = "") -> Decimal:
    d = xlsx_baca.bukan_negatif(nilai, 2)
    if d == 0:
        raise TidakTerbaca("volume harus lebih dari 0")
    return d


SKEMA = Skema(
    KOLOM,
    {
        **PEMBACA,
        "rupiah": _rupiah,
        "volume": _volume,
        "kriteria": _kriteria,
        "ruang_lingkup": _pilihan(aturan.RUANG_LINGKUP, "ruang lingkup"),
        "pelaksana": _pilihan(
            aturan.PELAKSANA,
            "pelaksana",
            {
                "swakelola ksm": "swakelola",
                "ksm": "swakelola",
                "perusahaan": "tjslp",
                "csr": "tjslp",
            },
        ),
        "dasar": _pilihan(aturan.DASAR, "dasar"),
        "status": _pilihan(aturan.STATUS_KEGIATAN, "status"),
    },
    identitas=("kegiatan", "kriteria"),
    lembar_bukan_data=frozenset({"petunjuk", "contoh", "laporan impor"}),
)


@dataclass
class EfekImpor:
    kriteria: str
    volume: Decimal
    kode_lokasi: str  # "" = the kegiatan's own lokasi
    baris: Baris


@dataclass
class KegiatanImpor:
    """One kegiatan as read, with the rows it came from (for problems found later)."""

    baris: Baris
    nilai: dict
    efek: list[EfekImpor] = field(default_factory=list)

    @property
    def dana(self) -> dict[str, Decimal]:
        return {s: self.nilai[s] for s in SUMBER if self.nilai.get(s)}


@dataclass
class HasilBaca:
    kegiatan: list[KegiatanImpor]
    masalah: list[Masalah]
    peringatan: list[Masalah]


def baca(berkas: str | IO[bytes], *, batas: xlsx_baca.Batas | None = None) -> HasilBaca:
    """Read and check a workbook without the database: kegiatan, problems, warnings.

    A workbook over `batas` (rows, cells) is refused unread, with one problem that says so."""
    bacaan = xlsx_baca.baca_buku(berkas, SKEMA, batas=batas)
    masalah = list(bacaan.masalah)
    kegiatan: list[KegiatanImpor] = []
    for b in bacaan.baris:
        if b.nilai.get("kegiatan") or b.nilai.get("program") or "kegiatan" in b.rusak:
            kegiatan.append(KegiatanImpor(b, dict(b.nilai)))
            if "kriteria" in b.nilai or "volume" in b.nilai:
                _efek(kegiatan[-1], b, masalah)
            continue
        lebih = sorted(k for k in b.nilai if k in MILIK_KEGIATAN - {"kode_lokasi"})
        if not kegiatan or kegiatan[-1].baris.lembar != b.lembar:
            masalah.append(b.masalah("kegiatan", "baris efek tanpa kegiatan di atasnya"))
            continue
        if lebih:
            masalah.append(
                b.masalah(
                    lebih[0],
                    "baris efek tambahan hanya berisi kriteria, "
                    "volume dan kode lokasi; isi kegiatan untuk kegiatan baru",
                )
            )
        _efek(kegiatan[-1], b, masalah)
    for k in kegiatan:
        masalah.extend(_periksa(k))
    return HasilBaca(kegiatan, masalah, list(bacaan.peringatan))


def _efek(k: KegiatanImpor, b: Baris, masalah: list[Masalah]) -> None:
    if b.rusak & {"kriteria", "volume"}:
        return  # already reported at the cell
    if "kriteria" not in b.nilai or "volume" not in b.nilai:
        kurang = "kriteria" if "kriteria" not in b.nilai else "volume"
        masalah.append(b.masalah(kurang, "efek perlu kriteria dan volume"))
        return
    kode_lokasi = b.nilai.get("kode_lokasi", "") if b is not k.baris else ""
    k.efek.append(EfekImpor(b.nilai["kriteria"], b.nilai["volume"], kode_lokasi, b))


def _periksa(k: KegiatanImpor) -> list[Masalah]:
    b, n = k.baris, k.nilai
    hasil = [b.masalah(f, "wajib diisi") for f in ("kegiatan", *WAJIB)
             if f not in n and f not in b.rusak]  # fmt: skip
    if "biaya" in n and not b.rusak & {"biaya", *SUMBER}:
        selisih = aturan.selisih_pendanaan(n["biaya"], k.dana)
        if selisih:
            arah = "kurang" if selisih > 0 else "lebih"
            hasil.append(b.masalah("biaya", f"jumlah sumber dana {arah} "
                                   f"{angka.format_rupiah(abs(selisih))} dari biaya "
                                   f"({angka.format_rupiah(n['biaya'])})"))  # fmt: skip
    if "tahun_awal_rencana" in n and "tahun" in n and n["tahun_awal_rencana"] > n["tahun"]:
        hasil.append(b.masalah("tahun_awal_rencana", "tidak boleh sesudah tahun pelaksanaan"))
    if not n.get("kode_lokasi") and k.efek and any(not e.kode_lokasi for e in k.efek):
        e = next(e for e in k.efek if not e.kode_lokasi)
        hasil.append(e.baris.masalah("kode_lokasi", "kegiatan skala kota: tiap efek menyebut "
                                     "kode lokasinya"))  # fmt: skip
    kunci = [(e.kode_lokasi, e.kriteria) for e in k.efek]
    for i, e in enumerate(k.efek):
        if (e.kode_lokasi, e.kriteria) in kunci[:i]:
            hasil.append(e.baris.masalah("kriteria", f"kriteria {e.kriteria} sudah disebut "
                                         "untuk lokasi yang sama pada kegiatan ini"))  # fmt: skip
    return hasil
