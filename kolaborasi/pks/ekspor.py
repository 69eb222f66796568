"""The PKS register as an Excel workbook, with the columns of the spec §2.7."""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl import Workbook

from kolaborasi.models import PerjanjianKerjaSama
from kumuh import angka, xlsx

# (header, width, number format or None)
KOLOM_REGISTER: list[tuple[str, float, str | None]] = [
    ("No", 5, xlsx.FORMAT_BILANGAN),
    ("Nomor PKS", 18, None),
    ("Tanggal", 14, None),
    ("Pihak Pertama (Dinas)", 24, None),
    ("Pihak Kedua (Pemangku Kepentingan Eksternal)", 28, None),
    ("Ruang Lingkup", 36, None),
    ("Jenis Sumberdaya", 14, None),
    ("Nilai (Rp)", 18, xlsx.FORMAT_BILANGAN),
    ("Volume", 20, None),
    ("Kegiatan", 30, None),
    ("Lokasi", 24, None),
    ("Jangka Waktu", 26, None),
    ("Status", 14, None),
    ("Dilaporkan ke Pokja (tanggal/rapat)", 26, None),
    ("Dokumen", 10, None),
]


def _tanggal(nilai) -> str:
    return angka.tanggal_indonesia(nilai) if nilai else ""


def baris_register(nomor: int, pks: PerjanjianKerjaSama) -> list[object]:
    """Return one row's values (kegiatan and lokasi prefetched)."""
    lapor = pks.dilaporkan_pada
    return [
        nomor,
        pks.nomor,
        _tanggal(pks.tanggal),
        pks.pihak_pertama,
        pks.pemangku.nama,
        pks.ruang_lingkup,
        pks.get_jenis_sumberdaya_display(),
        pks.nilai,
        pks.volume,
        "; ".join(k.nama for k in pks.kegiatan.all()),
        ", ".join(lok.nama for lok in pks.lokasi.all()),
        f"{_tanggal(pks.mulai)} – {_tanggal(pks.selesai)}" if pks.mulai or pks.selesai else "",
        pks.get_status_display(),
        (f"{_tanggal(lapor.tanggal)}, {lapor.get_jenis_display()}" if lapor
         else ("BELUM DILAPORKAN" if pks.belum_dilaporkan else "")),
        "ada" if pks.dokumen else "",
    ]  # fmt: skip


def buku_register(daftar: Iterable[PerjanjianKerjaSama]) -> Workbook:
    """Return the register workbook: a title row, the header, one row per PKS."""
    buku = Workbook()
    lembar = buku.active
    lembar.title = "Register PKS"
    xlsx.tulis_register(
        lembar,
        judul="REGISTER PERJANJIAN KERJA SAMA",
        kolom=KOLOM_REGISTER,
        baris=(baris_register(nomor, pks) for nomor, pks in enumerate(daftar, start=1)),
        beku="C4",
    )
    return buku
