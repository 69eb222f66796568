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


def _tanggal(nilai) -> str:
    return angka.tanggal_indonesia(nilai) if nilai else ""


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
        _tanggal(aset.tanggal_serah_terima),
        aset.get_jenis_pemeliharaan_display(),
        aset.interval_bulan,
        _tanggal(aset.akhir_tanggal) if diperiksa else "Belum diperiksa",
        _ya(aset.akhir_ada),
        _ya(aset.akhir_kondisi_baik),
        _ya(aset.akhir_berfungsi),
        _ya(aset.akhir_dimanfaatkan),
        aset.akhir_kerusakan or "",
        aset.akhir_tindak_lanjut or "",
        _tanggal(j.berikut),
        _status(j),
    ]


def buku_aset(baris: Iterable[tuple[Aset, JadwalAset]], *, judul: str) -> Workbook:
    """Return the register workbook: a title row, the header, one row per asset."""
    buku = Workbook()
    lembar = buku.active
    lembar.title = "Register Aset"
    lembar.cell(1, 1, judul).font = xlsx.TEBAL
    nomor_baris = xlsx.tulis_kepala(lembar, 3, [(j,) for j, _l, _f in KOLOM_ASET])
    xlsx.atur_lebar(lembar, [lebar for _j, lebar, _f in KOLOM_ASET])
    for nomor, (aset, j) in enumerate(baris, start=1):
        for k, (nilai, (_j, _l, fmt)) in enumerate(
            zip(baris_aset(nomor, aset, j), KOLOM_ASET, strict=True), start=1
        ):
            xlsx.tulis_sel(lembar, nomor_baris, k, nilai, fmt, xlsx.KANAN if fmt else xlsx.KIRI)
        nomor_baris += 1
    lembar.freeze_panes = "D4"
    return buku
