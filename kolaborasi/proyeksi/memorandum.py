"""The memorandum program (kolaborasi-monev.md §2.6): kegiatan × funding source × year.

One row per kegiatan (the spec's second option): its effects are listed in the Kriteria,
Volume and Satuan cells — on the page as lines of one cell, in Excel as continuation rows
under the kegiatan that fill only those three cells — so Biaya, the funding columns and the
year columns hold each kegiatan once and their totals add up. A city-wide kegiatan names the
lokasi of each effect after its criterion.

The columns are defined once here (`KOLOM`) for the page and the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from kolaborasi import aturan
from kolaborasi.models import EfekKegiatan, Kegiatan
from kumuh.xlsx import (
    BINGKAI,
    FORMAT_BILANGAN,
    KANAN,
    KIRI,
    TEBAL,
    TENGAH,
    TENGAH_ATAS,
    atur_lebar,
    tulis_judul,
    tulis_kepala,
    tulis_sel,
)
from lokasi.models import Kecamatan, Kelurahan
from penilaian import rumus

JUMLAH_TAHUN = 5  # t … t+4, the RP2KPKP's five years
FORMAT_RUPIAH = FORMAT_BILANGAN
FORMAT_VOLUME = "#,##0.##"
BARIS_KEPALA = 4  # title, subtitle, note, blank; the two header rows follow


@dataclass(frozen=True)
class EfekBaris:
    kriteria: str  # "2a Kualitas permukaan jalan" (+ " — lokasi" for a city-wide kegiatan)
    volume: Decimal
    satuan: str


@dataclass(frozen=True)
class BarisMemorandum:
    nomor: int
    kegiatan_pk: int
    program: str
    nama: str
    ruang_lingkup: str
    kecamatan: str
    kelurahan: str
    lokasi: str
    efek: tuple[EfekBaris, ...]
    biaya: Decimal
    dana: dict[str, Decimal]  # per SUMBER_DANA code, every code present
    tahun: int
    jangka: str
    pelaksana: str
    penanggung_jawab: str
    dasar: str
    status: str

    @property
    def selisih(self) -> Decimal:
        """Biaya − Σ funding (0 when the funding adds up)."""
        return aturan.selisih_pendanaan(self.biaya, self.dana)

    def per_tahun(self, tahun_awal: int) -> list[Decimal | None]:
        """Return the biaya under its own year among t … t+4, None elsewhere."""
        return [self.biaya if self.tahun == tahun_awal + i else None for i in range(JUMLAH_TAHUN)]


def kolom(tahun_awal: int) -> list[tuple[str, str]]:
    """Return the header path (group, label) of each column; "" where a label spans both."""
    return [
        ("No", ""),
        ("Program", ""),
        ("Kegiatan", ""),
        ("Ruang Lingkup", ""),
        ("Lokasi", "Kecamatan"),
        ("Lokasi", "Kelurahan"),
        ("Lokasi", "Lokasi (Kawasan/RT)"),
        ("Penanganan", "Kriteria yang Ditangani"),
        ("Penanganan", "Volume"),
        ("Penanganan", "Satuan"),
        ("Biaya (Rp)", ""),
        *(("Sumber Dana (Rp)", label) for label in aturan.SUMBER_DANA.values()),
        *(("Tahun Pelaksanaan (Rp)", str(tahun_awal + i)) for i in range(JUMLAH_TAHUN)),
        ("Jangka", ""),
        ("Pelaksana", ""),
        ("Penanggung Jawab", ""),
        ("Dasar", ""),
        ("Status", ""),
    ]


def kegiatan_memorandum(
    kegiatan: QuerySet[Kegiatan],
    *,
    tahun_awal: int,
    status: str = "",
    kecamatan: Kecamatan | None = None,
) -> QuerySet[Kegiatan]:
    """Return the kegiatan of years t … t+4 (filtered), with what a row needs prefetched."""
    qs = kegiatan.filter(tahun__gte=tahun_awal, tahun__lt=tahun_awal + JUMLAH_TAHUN)
    if status:
        qs = qs.filter(status=status)
    if kecamatan is not None:
        # Through a subquery: one row per kegiatan even when several effects match.
        qs = qs.filter(
            pk__in=Kegiatan.objects.filter(
                Q(lokasi__kelurahan__kecamatan=kecamatan)
                | Q(efek__lokasi__kelurahan__kecamatan=kecamatan)
            ).values("pk")
        )
    kelurahan = Kelurahan.objects.select_related("kecamatan").order_by("kode")
    return (
        qs.select_related("lokasi", "unit", "penanggung_jawab")
        .prefetch_related(
            Prefetch("lokasi__kelurahan", queryset=kelurahan),
            Prefetch("efek", queryset=EfekKegiatan.objects.select_related("lokasi")),
            "pendanaan",
        )
        .order_by("tahun", "program", "nama", "pk")
    )


def baris_memorandum(kegiatan: Sequence[Kegiatan] | QuerySet[Kegiatan]) -> list[BarisMemorandum]:
    """Build the rows from kegiatan fetched by `kegiatan_memorandum`."""
    hasil = []
    for nomor, k in enumerate(kegiatan, start=1):
        kelurahan = k.lokasi.daftar_kelurahan if k.lokasi else []
        kecamatan = k.lokasi.daftar_kecamatan if k.lokasi else []
        if k.lokasi is None:
            lokasi = "Skala kota"
        else:
            lokasi = k.lokasi.nama + (f" — {k.unit}" if k.unit else "")
        dana = dict.fromkeys(aturan.SUMBER_DANA, Decimal(0))
        for d in k.pendanaan.all():
            dana[d.sumber] += d.jumlah
        hasil.append(
            BarisMemorandum(
                nomor=nomor,
                kegiatan_pk=k.pk,
                program=k.program,
                nama=k.nama,
                ruang_lingkup=aturan.label(aturan.RUANG_LINGKUP, k.ruang_lingkup),
                kecamatan=", ".join(x.nama for x in kecamatan),
                kelurahan=", ".join(x.nama for x in kelurahan),
                lokasi=lokasi,
                efek=tuple(_efek(e, k.lokasi is None) for e in k.efek.all()),
                biaya=k.biaya,
                dana=dana,
                tahun=k.tahun,
                # The code ("menengah"), capitalised: the column head already says Jangka.
                jangka=k.horizon.capitalize(),
                pelaksana=aturan.label(aturan.PELAKSANA, k.pelaksana),
                penanggung_jawab=str(k.penanggung_jawab or ""),
                dasar=aturan.label(aturan.DASAR, k.dasar)
                + (f" {k.dasar_dokumen}" if k.dasar_dokumen else ""),
                status=aturan.label(aturan.STATUS_KEGIATAN, k.status),
            )
        )
    return hasil


def _efek(e: EfekKegiatan, skala_kota: bool) -> EfekBaris:
    k = rumus.KRITERIA_PER_KODE[e.kriteria]
    teks = f"{k.kode} {k.nama}" + (f" — {e.lokasi.nama}" if skala_kota else "")
    return EfekBaris(kriteria=teks, volume=e.volume, satuan=k.satuan)


@dataclass(frozen=True)
class Jumlah:
    biaya: Decimal
    dana: dict[str, Decimal]
    per_tahun: list[Decimal]


def jumlah(baris: Sequence[BarisMemorandum], tahun_awal: int) -> Jumlah:
    """Return the totals row: biaya, each funding source, each year."""
    per_tahun = [Decimal(0)] * JUMLAH_TAHUN
    for b in baris:
        for i, nilai in enumerate(b.per_tahun(tahun_awal)):
            per_tahun[i] += nilai or 0
    return Jumlah(
        biaya=aturan.jumlah(b.biaya for b in baris),
        dana={s: aturan.jumlah(b.dana[s] for b in baris) for s in aturan.SUMBER_DANA},
        per_tahun=per_tahun,
    )


# --- the workbook ---------------------------------------------------------------------------

LEBAR = [5, 24, 30, 11, 16, 16, 22, 32, 10, 8, 16, *([15] * 8), *([15] * 5), 11, 16, 20, 14, 14]
KOLOM_KRITERIA = 8  # 1-based: Kriteria, Volume, Satuan
KOLOM_BIAYA = 11


def _teks(lembar: Worksheet, baris: int, kolom: int, nilai: str, rata: Alignment) -> None:
    """Write a text cell (tulis_sel keeps a name typed as "=1+1" text, not a formula)."""
    tulis_sel(lembar, baris, kolom, nilai, None, rata)


def buku_memorandum(
    baris: Sequence[BarisMemorandum],
    *,
    tahun_awal: int,
    judul: str,
    subjudul: str = "",
    catatan: str = "",
) -> Workbook:
    """Build the memorandum program workbook: title, grouped headers, rows, totals row."""
    buku = Workbook()
    lembar = buku.active
    assert lembar is not None
    lembar.title = "Memorandum Program"
    kepala = kolom(tahun_awal)
    lebar = len(kepala)
    tulis_judul(lembar, (judul, subjudul, catatan), lebar)
    awal = tulis_kepala(lembar, BARIS_KEPALA + 1, kepala, tinggi=(None, 30))
    atur_lebar(lembar, LEBAR)

    r = awal
    for b in baris:
        efek = b.efek or (None,)
        pertama = efek[0]
        nilai: list[tuple[object, str | None, Alignment]] = [
            (b.nomor, None, TENGAH_ATAS),
            (b.program, None, KIRI),
            (b.nama, None, KIRI),
            (b.ruang_lingkup, None, TENGAH_ATAS),
            (b.kecamatan, None, KIRI),
            (b.kelurahan, None, KIRI),
            (b.lokasi, None, KIRI),
            (pertama.kriteria if pertama else "", None, KIRI),
            (pertama.volume if pertama else None, FORMAT_VOLUME, KANAN),
            (pertama.satuan if pertama else "", None, TENGAH_ATAS),
            (b.biaya, FORMAT_RUPIAH, KANAN),
            *((b.dana[s], FORMAT_RUPIAH, KANAN) for s in aturan.SUMBER_DANA),
            *((x, FORMAT_RUPIAH, KANAN) for x in b.per_tahun(tahun_awal)),
            (b.jangka, None, TENGAH_ATAS),
            (b.pelaksana, None, KIRI),
            (b.penanggung_jawab, None, KIRI),
            (b.dasar, None, KIRI),
            (b.status, None, TENGAH_ATAS),
        ]
        for k, (isi, fmt, rata) in enumerate(nilai, start=1):
            if isinstance(isi, str):
                _teks(lembar, r, k, isi, rata)
            else:
                tulis_sel(lembar, r, k, isi, fmt, rata)
        r += 1
        for e in efek[1:]:
            # A continuation row: the kegiatan's further effects, nothing counted twice.
            for k in range(1, lebar + 1):
                lembar.cell(r, k).border = BINGKAI
            _teks(lembar, r, KOLOM_KRITERIA, e.kriteria, KIRI)
            tulis_sel(lembar, r, KOLOM_KRITERIA + 1, e.volume, FORMAT_VOLUME, KANAN)
            _teks(lembar, r, KOLOM_KRITERIA + 2, e.satuan, TENGAH_ATAS)
            r += 1

    total = jumlah(baris, tahun_awal)
    lembar.cell(r, 1, f"JUMLAH ({len(baris)} KEGIATAN)")
    lembar.merge_cells(start_row=r, start_column=1, end_row=r, end_column=KOLOM_BIAYA - 1)
    angka = [total.biaya, *total.dana.values(), *total.per_tahun]
    for i, x in enumerate(angka):
        lembar.cell(r, KOLOM_BIAYA + i, float(x)).number_format = FORMAT_RUPIAH
    for k in range(1, lebar + 1):
        sel = lembar.cell(r, k)
        sel.font, sel.border = TEBAL, BINGKAI
        sel.alignment = KANAN if KOLOM_BIAYA <= k < KOLOM_BIAYA + len(angka) else TENGAH

    lembar.freeze_panes = f"D{awal}"  # a coordinate: with no rows the cell is merged
    lembar.print_title_rows = f"{BARIS_KEPALA + 1}:{BARIS_KEPALA + 2}"
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.fitToWidth = 1
    lembar.page_setup.fitToHeight = 0
    lembar.sheet_properties.pageSetUpPr.fitToPage = True
    return buku
