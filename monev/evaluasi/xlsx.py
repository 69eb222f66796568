"""The annual evaluation's workbook: one sheet per table E1–E7, columns from `tabel.KOLOM_E*`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment

from kumuh.xlsx import (
    FORMAT_BILANGAN,
    FORMAT_HEKTAR,
    FORMAT_PERSEN,
    KANAN,
    KIRI,
    TEBAL,
    TENGAH_ATAS,
    atur_lebar,
    tulis_judul,
    tulis_kepala,
    tulis_sel,
)
from monev.evaluasi import tabel
from monev.evaluasi.cetak import IsiLaporan

FORMAT_VOLUME = "#,##0.##"
BARIS_KEPALA = 4  # title, subtitle, note, blank

Sel = tuple[object, str | None, Alignment]


def _t(x: object) -> Sel:
    return ("" if x is None else x, None, KIRI)


def _n(x: Decimal | int | None, fmt: str = FORMAT_BILANGAN) -> Sel:
    return (x, fmt, KANAN)


def _tgl(x: date | None) -> Sel:
    return (f"{x:%d-%m-%Y}" if x else "", None, TENGAH_ATAS)


def _lembar(
    buku: Workbook,
    nama: str,
    judul: str,
    isi: IsiLaporan,
    kolom: Sequence[str],
    baris: Sequence[Sequence[Sel]],
    lebar: Sequence[float],
    catatan: str = "",
    jumlah: Sequence[Sel] | None = None,
) -> None:
    lembar = buku.create_sheet(nama)
    tulis_judul(lembar, (judul, f"{isi.kabkota} — Tahun {isi.tahun}", catatan), len(kolom))
    r = tulis_kepala(lembar, BARIS_KEPALA + 1, [(k,) for k in kolom])
    atur_lebar(lembar, lebar)
    for sel in [*baris, *([jumlah] if jumlah else [])]:
        for k, (nilai, fmt, rata) in enumerate(sel, start=1):
            tulis_sel(lembar, r, k, nilai, fmt, rata)
        r += 1
    if jumlah:
        for k in range(1, len(kolom) + 1):
            lembar.cell(r - 1, k).font = TEBAL
    lembar.freeze_panes = f"A{BARIS_KEPALA + 2}"
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.fitToWidth = 1
    lembar.page_setup.fitToHeight = 0
    lembar.sheet_properties.pageSetUpPr.fitToPage = True


def buku_evaluasi(isi: IsiLaporan) -> Workbook:
    """Build the workbook of tables E1–E7."""
    d = isi.data
    buku = Workbook()
    buku.remove(buku.active)
    _lembar(
        buku,
        "E1",
        "Tabel E1. Kesesuaian Daftar Program dan Kegiatan Tahun Berjalan",
        isi,
        tabel.KOLOM_E1,
        [
            [
                _n(b.nomor),
                _t(b.kegiatan),
                _t(b.lokasi),
                _t(b.kriteria),
                _n(b.rencana, FORMAT_VOLUME),
                _n(b.realisasi, FORMAT_VOLUME),
                _t(b.satuan),
                _t(b.status),
                _t(b.kendala),
                _t(b.keterangan),
            ]
            for b in d.e1
        ],
        [5, 40, 24, 28, 12, 12, 10, 14, 30, 30],
        "Volume realisasi: pemantauan terakhir kegiatan (kumulatif); – bila belum dipantau.",
    )
    _lembar(
        buku,
        "E2",
        "Tabel E2. Alokasi dan Realisasi Anggaran menurut Sumber Dana",
        isi,
        tabel.KOLOM_E2,
        [
            [_n(i), _t(b.sumber), _n(b.alokasi), _n(b.realisasi), _n(b.persen, FORMAT_PERSEN)]
            for i, b in enumerate(d.e2, start=1)
        ],
        [5, 24, 18, 18, 12],
        "Realisasi: pemantauan terakhir tiap kegiatan; kegiatan belum dipantau dihitung 0 "
        f"({d.belum_dipantau} dari {d.jumlah_kegiatan} kegiatan belum dipantau).",
        jumlah=[
            ("", None, KIRI),
            _t("Jumlah"),
            _n(d.e2_jumlah.alokasi),
            _n(d.e2_jumlah.realisasi),
            _n(d.e2_jumlah.persen, FORMAT_PERSEN),
        ],
    )
    _lembar(
        buku,
        "E3",
        "Tabel E3. Pencapaian Target dan Sasaran",
        isi,
        tabel.KOLOM_E3,
        [
            [
                _n(i),
                _t(b.indikator),
                _t(b.satuan),
                _n(b.awal, FORMAT_HEKTAR if b.satuan == "ha" else FORMAT_BILANGAN),
                _n(b.target),
                _n(b.capaian, FORMAT_HEKTAR if b.satuan == "ha" else FORMAT_BILANGAN),
                _n(b.persen, FORMAT_PERSEN),
                _n(b.perubahan, FORMAT_HEKTAR if b.satuan == "ha" else FORMAT_BILANGAN),
            ]
            for i, b in enumerate(d.e3, start=1)
        ],
        [5, 30, 9, 14, 14, 14, 12, 12],
        f"Kondisi awal: {d.e3_awal}; capaian: {d.e3_akhir}. Target tahunan belum tercatat "
        "di aplikasi (RPJMD/RP2KPKP).",
    )
    _lembar(
        buku,
        "E4",
        "Tabel E4. Ketepatan Sasaran",
        isi,
        tabel.KOLOM_E4,
        [
            [
                _n(i),
                _t(b.kegiatan),
                _t(b.lokasi),
                _t("–" if b.prioritas_ya is None else ("Ya" if b.prioritas_ya else "Tidak")),
                _n(b.prioritas),
                _t(b.pemanfaat),
                _t(b.catatan),
            ]
            for i, b in enumerate(d.e4, start=1)
        ],
        [5, 36, 24, 14, 12, 16, 30],
        f"Lokasi prioritas menurut {d.e3_awal}.",
    )
    _lembar(
        buku,
        "E5",
        "Tabel E5. Kesiapan Keberlanjutan",
        isi,
        tabel.KOLOM_E5,
        [
            [
                _n(i),
                _t(b.aset),
                _t(b.lokasi),
                _t(b.pengelola),
                _tgl(b.serah_terima),
                _t(b.kondisi),
                _t(b.berfungsi),
                _t(b.dimanfaatkan),
                _t(b.rencana_op),
            ]
            for i, b in enumerate(d.e5, start=1)
        ],
        [5, 30, 22, 26, 13, 20, 11, 12, 26],
    )
    _lembar(
        buku,
        "E6",
        "Tabel E6. Pemantauan Pokja PKP",
        isi,
        tabel.KOLOM_E6,
        [
            [_n(i), _tgl(b.tanggal), _n(b.hadir), _t(b.temuan)]
            for i, b in enumerate(d.e6.baris, start=1)
        ],
        [5, 13, 12, 70],
        d.e6.catatan,
    )
    _lembar(
        buku,
        "E7",
        "Tabel E7. Rekomendasi",
        isi,
        tabel.KOLOM_E7,
        [
            [_n(i), _t(b.jenis), _t(b.uraian), _t(b.ditujukan_kepada), _t(b.tembusan)]
            for i, b in enumerate(d.e7, start=1)
        ],
        [5, 30, 50, 24, 30],
    )
    return buku
