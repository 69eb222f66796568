"""The asset register as an Excel workbook: the columns of the O&P check (spec §2.11), each
asset with its latest check and its next one, as the list page shows them."""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl import Workbook

from kumuh import angka, xlsx
from monev.models import Aset
from monev.op import jadwal
from monev.op.aset import JadwalAset

# (header, width, number format or None)
KOLOM_ASET: list[tuple[str, float, str | None]] = [
    ("No", 5, xlsx.FORMAT_BILANGAN),
    ("Kabupaten/Kota", 20, None),
    ("Aset", 28, None),
    ("Kegiatan Asal", 28, None),
    ("Lokasi", 24, None),
    ("Pengelola (KSM/KPP/SKPD)", 26, None),
    ("Tanggal Serah Terima", 16, None),
    ("Jenis Pemeliharaan", 14, None),
    ("Pemeriksaan Tiap (bulan)", 12, xlsx.FORMAT_BILANGAN),
    ("Tanggal Periksa", 16, None),
    ("Ada", 8, None),
    ("Kondisi Baik", 10, None),
    ("Berfungsi", 10, None),
    ("Dimanfaatkan", 12, None),
    ("Kerusakan", 30, None),
    ("Tindak Lanjut", 30, None),
    ("Pemeriksaan Berikutnya", 16, None),
    ("Status Jadwal", 16, None),
]


def _status(j: JadwalAset) -> str:
    """The list's badge in words: terlambat n hari / jatuh tempo (dalam n hari) / terjadwal."""
    if j.status is None:
        return "belum terjadwal"
    if j.status.kode == jadwal.TERLAMBAT:
        return f"terlambat {j.status.hari} hari" if j.status.hari else "terlambat"
    if j.status.kode == jadwal.JATUH_TEMPO:
        return (
            f"jatuh tempo dalam {j.status.hari} hari" if j.status.hari else "jatuh tempo hari ini"
        )
    return "terjadwal"


def _ya(nilai: bool | None) -> str:
    return "" if nilai is None else ("Ya" if nilai else "Tidak")


def baris_aset(nomor: int, aset: Aset, j: JadwalAset) -> list[object]:
    """One row's values (an asset annotated by `dengan_pemeriksaan_terakhir`)."""
    diperiksa = aset.akhir_tanggal is not None
    pengelola = aset.get_jenis_pengelola_display()
    if aset.pengelola:
        pengelola += f": {aset.pengelola.nama}"
    return [
        nomor,
        str(aset.kabupaten_kota),
        aset.nama,
        f"{aset.kegiatan.nama} ({aset.kegiatan.tahun})" if aset.kegiatan else "",
        aset.lokasi.nama if aset.lokasi else "",
        pengelola,
        angka.tanggal_indonesia(aset.tanggal_serah_terima),
        aset.get_jenis_pemeliharaan_display(),
        aset.interval_bulan,
        angka.tanggal_indonesia(aset.akhir_tanggal) if diperiksa else "Belum diperiksa",
        _ya(aset.akhir_ada),
        _ya(aset.akhir_kondisi_baik),
        _ya(aset.akhir_berfungsi),
        _ya(aset.akhir_dimanfaatkan),
        aset.akhir_kerusakan or "",
        aset.akhir_tindak_lanjut or "",
        angka.tanggal_indonesia(j.berikut),
        _status(j),
    ]


def buku_aset(baris: Iterable[tuple[Aset, JadwalAset]], *, judul: str) -> Workbook:
    """Return the register workbook: a title row, the header, one row per asset."""
    buku = Workbook()
    lembar = buku.active
    lembar.title = "Register Aset"
    xlsx.tulis_register(
        lembar,
        judul=judul,
        kolom=KOLOM_ASET,
        baris=(baris_aset(nomor, a, j) for nomor, (a, j) in enumerate(baris, start=1)),
        beku="D4",
    )
    return buku
