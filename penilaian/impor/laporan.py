"""What a check or an import found (`Laporan`, kept as JSON between preview and confirm), the
old results flagged (`Tanda`), and the report workbook: the upload with problem cells red,
disagreeing old results orange and warnings yellow, and a first sheet "Laporan impor" listing
everything. That sheet is not read when the report is uploaded again.

Pure (openpyxl through `kumuh.xlsx_laporan`, no Django).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from openpyxl import Workbook

from kumuh.xlsx_baca import Masalah
from kumuh.xlsx_laporan import ISI_BEDA, ISI_GALAT, ISI_PERINGATAN, tulis_daftar
from kumuh.xlsx_laporan import buku_laporan as _buku_laporan

NAMA_LEMBAR = "Laporan impor"


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


def buku_laporan(berkas: str | IO[bytes] | None, laporan: Laporan) -> Workbook:
    """The uploaded workbook with problem cells red and disagreeing old results orange (each
    with a comment), and a first sheet "Laporan impor" listing everything."""
    buku, lembar = _buku_laporan(
        berkas,
        [
            (ISI_GALAT, laporan.masalah),
            (ISI_PERINGATAN, laporan.peringatan),
            (ISI_BEDA, laporan.tanda),
        ],
        NAMA_LEMBAR,
    )
    status = (
        "Sudah diimpor." if laporan.tersimpan
        else "Siap diimpor." if laporan.sah
        else f"Tidak dapat diimpor: {len(laporan.masalah)} masalah. Tidak ada yang disimpan."
    )  # fmt: skip
    jumlah = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in laporan.jumlah.items())
    baris: list[tuple[Any, list[Any]]] = [
        (isi, [jenis, m.lembar, m.baris, m.kolom, m.judul, m.pesan])
        for jenis, isi, daftar in (
            ("masalah", ISI_GALAT, laporan.masalah),
            ("peringatan", ISI_PERINGATAN, laporan.peringatan),
        )
        for m in daftar
    ]
    baris += [
        (ISI_BEDA, [f"beda: {t.jenis}", t.lembar, t.baris, t.kolom, t.judul, t.pesan, t.lama,
                    t.dihitung])
        for t in laporan.tanda
    ]  # fmt: skip
    tulis_daftar(
        lembar,
        judul=f"{NAMA_LEMBAR} {laporan.nama_berkas}",
        keterangan=[
            status,
            f"{laporan.jumlah_baris} baris; {jumlah}",
            "Merah: masalah (harus diperbaiki). Oranye: hasil lama berbeda dengan hitungan "
            "rumus. Kuning: peringatan.",
        ],
        kepala=("jenis", "lembar", "baris", "kolom", "judul kolom", "keterangan", "lama",
                "dihitung"),
        baris=baris,
        lebar=(22, 14, 7, 7, 24, 90, 14, 14),
    )  # fmt: skip
    return buku
