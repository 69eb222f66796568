"""Lampiran I of an SK penetapan lokasi as an Excel workbook, built from `IsiSK` alone.

Sheet "Lampiran I" follows LAMPIRAN C of the Perwal ("Format Daftar Lokasi yang
Terverifikasi"): the annex heading, the 16-column Daftar Lokasi with its grouped headers, a
total row and the three verification blocks. Sheet "Nilai Kriteria" gives the 16 criteria of
every lokasi (volume, satuan, %, nilai, as Tabel 5 prints them); sheet "Keterangan" says what
the workbook is and how its numbers are written.

Pure: no Django, so the draft (live data) and an issued SK (frozen JSON) render alike and the
tests need no database. The look (borders, fill, number formats, grouped headers) is
`kumuh.xlsx`'s, shared with the priority list's Excel; the Daftar Lokasi's columns and cells are
`penilaian.daftar_lokasi`'s. Save with `kumuh.xlsx.isi_xlsx(buku_sk(isi))`.

Figures are written as numbers with Excel number formats, so Excel or LibreOffice shows them
with the reader's locale (decimal comma on an Indonesian system); totals are values, not
formulas, so a reader that does not recalculate still sees them. Coordinates are text in
degrees-minutes-seconds, as the SK prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kumuh import angka
from kumuh.xlsx import (
    BINGKAI,
    FORMAT_BILANGAN,
    FORMAT_HEKTAR,
    FORMAT_NILAI,
    FORMAT_PERSEN,
    ISI_KEPALA,
    KANAN,
    KANAN_TENGAH,
    KIRI,
    TEBAL,
    TENGAH,
    TENGAH_ATAS,
    angka_xlsx,
    atur_lebar,
    jadikan_teks,
    tulis_kepala,
    tulis_sel,
)
from penilaian import rumus
from penilaian.daftar_lokasi import (
    KOLOM_LAMPIRAN,
    indeks,
    tulis_baris_xlsx,
    tulis_kepala_xlsx,
)
from penilaian.sk.isi import IsiSK, KriteriaSK, StempelSK

_MERAH_MIRING = Font(italic=True, color="C00000")
_KECIL_MIRING = Font(italic=True, size=9)
_NAMA = Font(bold=True, underline="single")

TINGGI_BARIS = 15.0  # points per line of 11-point text

SATUAN_BULAT = frozenset({"unit", "KK", "jiwa"})  # volumes counted, not measured

# --- sheet 1: Lampiran I -----------------------------------------------------------------------

LEMBAR_LAMPIRAN = "Lampiran I"
LEMBAR_KRITERIA = "Nilai Kriteria"
LEMBAR_KETERANGAN = "Keterangan"

JUMLAH_KOLOM = len(KOLOM_LAMPIRAN)

# Rows of sheet 1: annex heading 1–4, title 6, draft note 7, headers 9–10, column numbers 11.
BARIS_TITEL = 6
BARIS_DRAF = 7
BARIS_KEPALA = 9
BARIS_NOMOR_KOLOM = BARIS_KEPALA + 2
BARIS_DATA = BARIS_NOMOR_KOLOM + 1
KOLOM_BLOK_LAMPIRAN = 11  # the annex heading sits over K…P, on the right

# The three verification blocks under the table (pusat, provinsi, kab/kota): first…last column.
BLOK_STEMPEL = ((1, 5), (6, 10), (11, 16))
BARIS_TANDA_TANGAN = 3  # blank rows left for the signature


def buku_sk(isi: IsiSK) -> Workbook:
    """Build the Excel version of the SK's Lampiran I, its criteria scores and a key."""
    buku = Workbook()
    lembar = buku.active
    assert lembar is not None
    lembar.title = LEMBAR_LAMPIRAN
    _lembar_lampiran(lembar, isi)
    _lembar_kriteria(buku.create_sheet(LEMBAR_KRITERIA), isi)
    _lembar_keterangan(buku.create_sheet(LEMBAR_KETERANGAN), isi)
    buku.properties.title = f"Lampiran I Keputusan {isi.kepala} {isi.nama_daerah}"
    buku.properties.subject = _judul_daftar(isi)
    return buku


def _judul_daftar(isi: IsiSK) -> str:
    return f"DAFTAR LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI {isi.daerah.upper()}"


def _teks_draf(isi: IsiSK) -> str:
    if isi.dibuat_pada:
        return f"DRAF — data per {isi.dibuat_pada}, belum ditetapkan"
    return "DRAF — belum ditetapkan"


def _lembar_lampiran(lembar: Worksheet, isi: IsiSK) -> None:
    # Annex heading, top right: "LAMPIRAN I / KEPUTUSAN … / NOMOR : … / TANGGAL : …", the
    # labels in their own merged cell so the colons line up whatever the font.
    kiri, label_akhir = KOLOM_BLOK_LAMPIRAN, KOLOM_BLOK_LAMPIRAN + 1
    kepala_lampiran = (
        ("LAMPIRAN I", ""),
        (f"KEPUTUSAN {isi.judul_kepala}", ""),
        ("NOMOR", f": {isi.nomor_cetak}"),
        ("TANGGAL", f": {isi.tanggal_cetak}"),
        ("TENTANG", f": {isi.tentang.upper()}"),
    )
    for baris, (label, teks) in enumerate(kepala_lampiran, start=1):
        # TENTANG wraps in its merged cell, as in the PDF's annex heading.
        rata = Alignment(horizontal="left", vertical="top", wrap_text=label == "TENTANG")
        lembar.cell(baris, kiri, label).alignment = rata
        if teks:
            lembar.merge_cells(
                start_row=baris, start_column=kiri, end_row=baris, end_column=label_akhir
            )
            lembar.cell(baris, label_akhir + 1, teks).alignment = rata
            kiri_teks = label_akhir + 1
        else:
            kiri_teks = kiri
        lembar.merge_cells(
            start_row=baris, start_column=kiri_teks, end_row=baris, end_column=JUMLAH_KOLOM
        )

    lembar.row_dimensions[len(kepala_lampiran)].height = 30  # TENTANG takes two lines

    sel = lembar.cell(BARIS_TITEL, 1, _judul_daftar(isi))
    sel.font = Font(bold=True, size=12)
    sel.alignment = TENGAH
    lembar.merge_cells(
        start_row=BARIS_TITEL, start_column=1, end_row=BARIS_TITEL, end_column=JUMLAH_KOLOM
    )
    if isi.draf:
        sel = lembar.cell(BARIS_DRAF, 1, _teks_draf(isi))
        sel.font = _MERAH_MIRING
        sel.alignment = TENGAH
        lembar.merge_cells(
            start_row=BARIS_DRAF, start_column=1, end_row=BARIS_DRAF, end_column=JUMLAH_KOLOM
        )

    tulis_kepala_xlsx(lembar, BARIS_KEPALA, KOLOM_LAMPIRAN, sk=True, tinggi=(20, 32))
    for k in range(1, JUMLAH_KOLOM + 1):
        sel = lembar.cell(BARIS_NOMOR_KOLOM, k, f"({k})")
        sel.font, sel.alignment, sel.border, sel.fill = _KECIL_MIRING, TENGAH, BINGKAI, ISI_KEPALA

    for i, lok in enumerate(isi.lokasi):
        tulis_baris_xlsx(lembar, BARIS_DATA + i, lok, KOLOM_LAMPIRAN)

    baris_jumlah = BARIS_DATA + len(isi.lokasi)
    _tulis_jumlah(lembar, baris_jumlah, isi)
    _tulis_stempel(lembar, baris_jumlah + 2, isi.stempel_urut())

    lembar.freeze_panes = lembar.cell(BARIS_DATA, 3)
    lembar.print_title_rows = f"{BARIS_KEPALA}:{BARIS_NOMOR_KOLOM}"
    _atur_cetak(lembar, isi, muat_lebar=True)


def _tulis_jumlah(lembar: Worksheet, baris: int, isi: IsiSK) -> None:
    """The total row: the count of lokasi and of kecamatan with their words (as KEEMPAT and
    the PDF's total row state them), the hectares and the population."""
    teks = f"JUMLAH\n{angka.dengan_terbilang(isi.jumlah_lokasi)} lokasi"
    lembar.cell(baris, 1, teks)
    lembar.merge_cells(start_row=baris, start_column=1, end_row=baris, end_column=2)
    luas, penduduk = indeks(KOLOM_LAMPIRAN, "luas"), indeks(KOLOM_LAMPIRAN, "jumlah_penduduk")
    # Under RT/RW … KECAMATAN, as the PDF's total row spans them.
    rt_rw, kecamatan = indeks(KOLOM_LAMPIRAN, "rt_rw"), indeks(KOLOM_LAMPIRAN, "kecamatan")
    lembar.cell(baris, rt_rw, f"{angka.dengan_terbilang(isi.jumlah_kecamatan)} kecamatan")
    lembar.merge_cells(start_row=baris, start_column=rt_rw, end_row=baris, end_column=kecamatan)
    lembar.cell(baris, luas, angka_xlsx(isi.luas_total_ha)).number_format = FORMAT_HEKTAR
    lembar.cell(baris, penduduk, isi.jumlah_penduduk).number_format = FORMAT_BILANGAN
    for k in range(1, JUMLAH_KOLOM + 1):
        sel = lembar.cell(baris, k)
        sel.font, sel.border = TEBAL, BINGKAI
        sel.alignment = KANAN_TENGAH if k in (luas, penduduk) else TENGAH
    lebar = sum(k.lebar_xlsx for k in KOLOM_LAMPIRAN[:2])
    lembar.row_dimensions[baris].height = _tinggi(teks, lebar)


def _tulis_stempel(lembar: Worksheet, atas: int, stempel: Sequence[StempelSK]) -> None:
    """'Mengetahui,' and the three verification blocks side by side, as under the template."""
    lembar.cell(atas, 1, "Mengetahui,").alignment = Alignment(horizontal="left")
    atas += 1
    baris_judul = max((len(s.judul) for s in stempel), default=0)
    baris_nama = atas + baris_judul + BARIS_TANDA_TANGAN
    for (kiri, kanan), s in zip(BLOK_STEMPEL, stempel, strict=True):
        isian: list[tuple[int, str, Font | None]] = [
            (atas + i, teks, None) for i, teks in enumerate(s.judul)
        ]
        isian.append((baris_nama, s.nama or ".....", _NAMA if s.nama else None))
        bawah = [s.jabatan, f"NIP. {s.nip}" if s.nip else ""]
        if s.tanggal:
            bawah.append(f"Tanggal: {angka.tanggal_indonesia(s.tanggal)}")
        isian += [(baris_nama + 1 + i, teks, None) for i, teks in enumerate(bawah) if teks]
        for baris, teks, font in isian:
            sel = lembar.cell(baris, kiri, teks)
            jadikan_teks(sel)  # a verifier's name is typed text
            sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if font is not None:
                sel.font = font
            lembar.merge_cells(start_row=baris, start_column=kiri, end_row=baris, end_column=kanan)


# --- sheet 2: Nilai Kriteria ---------------------------------------------------------------------

SUB_KRITERIA: tuple[tuple[str, float], ...] = (("VOL", 10), ("SAT", 6), ("%", 8), ("NILAI", 7))
BARIS_KEPALA_KRITERIA = 5  # title, SK reference, draft note, blank; three header rows follow


def _lembar_kriteria(lembar: Worksheet, isi: IsiSK) -> None:
    nama_kriteria, nama_aspek = _nama_kriteria(isi)
    judul = "NILAI KRITERIA KEKUMUHAN LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI "
    sel = lembar.cell(1, 1, judul + isi.daerah.upper())
    sel.font = Font(bold=True, size=12)
    lembar.cell(
        2,
        1,
        f"Pelengkap Lampiran I Keputusan {isi.kepala} {isi.nama_daerah} "
        f"Nomor {isi.nomor_cetak} Tanggal {isi.tanggal_cetak}",
    )
    if isi.draf:
        lembar.cell(3, 1, _teks_draf(isi)).font = _MERAH_MIRING

    kolom: list[tuple[str, str, str]] = [("NO", "", ""), ("NAMA LOKASI", "", "")]
    lebar: list[float] = [5, 24]
    for k in rumus.KRITERIA:
        aspek = f"{k.aspek}. {nama_aspek[k.aspek]}"
        kriteria = f"{k.kode} {nama_kriteria[k.kode]}"
        for sub, lebar_sub in SUB_KRITERIA:
            kolom.append((aspek, kriteria, sub))
            lebar.append(lebar_sub)
    kolom += [("NILAI KEKUMUHAN", "", ""), ("TINGKAT", "", "")]
    lebar += [11, 14]
    atur_lebar(lembar, lebar)
    awal = tulis_kepala(lembar, BARIS_KEPALA_KRITERIA, kolom, tinggi=(32, 80, 18))

    for i, lok in enumerate(isi.lokasi):
        baris = awal + i
        tulis_sel(lembar, baris, 1, lok.nomor, FORMAT_BILANGAN, TENGAH_ATAS)
        tulis_sel(lembar, baris, 2, lok.nama, None, KIRI)
        per_kode = {c.kode: c for c in lok.kriteria}
        k = 3
        for kode in rumus.KODE_KRITERIA:
            for nilai, fmt, rata in _sel_kriteria(per_kode.get(kode)):
                tulis_sel(lembar, baris, k, nilai, fmt, rata)
                k += 1
        tulis_sel(lembar, baris, k, lok.nilai_kekumuhan, FORMAT_NILAI, TENGAH_ATAS)
        tulis_sel(lembar, baris, k + 1, lok.tingkat_kekumuhan, None, TENGAH_ATAS)

    lembar.freeze_panes = lembar.cell(awal, 3)
    lembar.print_title_rows = f"{BARIS_KEPALA_KRITERIA}:{awal - 1}"
    lembar.print_title_cols = "A:B"
    _atur_cetak(lembar, isi, muat_lebar=False)


def _nama_kriteria(isi: IsiSK) -> tuple[dict[str, str], dict[int, str]]:
    """Criterion and aspect names as the SK froze them, falling back on `rumus`."""
    kriteria = {k.kode: k.nama for k in rumus.KRITERIA}
    aspek = {a.kode: a.nama for a in rumus.ASPEK}
    beku: dict[str, KriteriaSK] = {}
    for lok in isi.lokasi:
        for c in lok.kriteria:
            beku.setdefault(c.kode, c)
    for kode, c in beku.items():
        if kode in kriteria and c.nama:
            kriteria[kode] = c.nama
        if c.aspek in aspek and c.nama_aspek:
            aspek[c.aspek] = c.nama_aspek
    return kriteria, aspek


def _sel_kriteria(c: KriteriaSK | None) -> list[tuple[object, str | None, Alignment]]:
    """VOL, SAT, %, NILAI of one criterion: (value, number format, alignment)."""
    if c is None:
        return [(None, None, TENGAH_ATAS)] * len(SUB_KRITERIA)
    format_volume = FORMAT_BILANGAN if c.satuan in SATUAN_BULAT else FORMAT_HEKTAR
    if c.pita and c.volume is None:
        # Scored from a Format Isian band: the band explains the score, not a share.
        persen: tuple[object, str | None, Alignment] = (c.pita, None, TENGAH_ATAS)
    else:
        persen = (c.persen, FORMAT_PERSEN, KANAN)
    return [
        (c.volume, format_volume, KANAN),
        (c.satuan, None, TENGAH_ATAS),
        persen,
        (c.skor, FORMAT_NILAI, TENGAH_ATAS),
    ]


# --- sheet 3: Keterangan -----------------------------------------------------------------------


def _lembar_keterangan(lembar: Worksheet, isi: IsiSK) -> None:
    lembar.column_dimensions["A"].width = 22
    lembar.column_dimensions["B"].width = 95
    lembar.cell(1, 1, "KETERANGAN").font = Font(bold=True, size=12)
    status = (
        f"Draf, belum ditetapkan; data dibaca {isi.dibuat_pada or angka.KOSONG}. Angka dapat "
        "berubah sampai keputusan ditetapkan."
        if isi.draf
        else "Ditetapkan; data dibekukan saat keputusan ditetapkan."
    )
    baris = (
        (
            "Isi",
            f"Lampiran I Keputusan {isi.kepala} {isi.nama_daerah} tentang {isi.tentang}: "
            f"daftar lokasi perumahan kumuh dan permukiman kumuh di {isi.daerah} (lembar "
            f'"{LEMBAR_LAMPIRAN}", format LAMPIRAN C "Daftar Lokasi yang Terverifikasi"), '
            f'dengan nilai ke-16 kriteria kekumuhan tiap lokasi (lembar "{LEMBAR_KRITERIA}").',
        ),
        ("Nomor", isi.nomor_cetak),
        ("Tanggal", isi.tanggal_cetak),
        ("Status", status),
        ("Jumlah lokasi", f"{angka.dengan_terbilang(isi.jumlah_lokasi)} lokasi"),
        ("Luas total", angka.dengan_terbilang(isi.luas_total_ha, "hektar", tempat=2)),
        (
            "Angka",
            "Angka disimpan sebagai bilangan dengan format tampilan Excel, sehingga pemisah "
            "ribuan dan desimal mengikuti pengaturan wilayah komputer pembaca (pengaturan "
            "Indonesia: titik untuk ribuan, koma untuk desimal). Baris JUMLAH berisi nilai, "
            "bukan rumus.",
        ),
        (
            "Luas",
            "Hektar, dibulatkan dua desimal (setengah ke atas); luas total adalah jumlah luas "
            "yang tercetak, sehingga kolom LUAS (HA) tepat terjumlah.",
        ),
        (
            "Kependudukan",
            "JUMLAH dalam jiwa; KEPADATAN dalam jiwa/ha seperti dipakai dalam perhitungan "
            "nilai pertimbangan lain. Jumlah penduduk total tidak menghitung lokasi tanpa data.",
        ),
        (
            "Koordinat",
            "Teks derajat, menit, detik (dua desimal): LU/LS untuk lintang, BT/BB untuk bujur, "
            "mis. 7° 46' 16,71\" LS.",
        ),
        (
            "Nilai dan tingkat",
            "KEKUMUHAN: nilai 0–80 dari 16 kriteria dan tingkatnya (Ringan, Sedang, Berat). "
            "PERT. LAIN: nilai pertimbangan lain dan tingkatnya (Rendah, Sedang, Tinggi). "
            "PRIORITAS: klasifikasi/ urutan prioritas, mis. B1/ 2.",
        ),
        (
            "Nilai kriteria",
            "VOL dan SAT: volume yang tidak memenuhi kriteria dan satuannya; %: persentase "
            "terhadap keseluruhan; NILAI: 0, 1, 3 atau 5. Bila nilai dipilih dari rentang "
            "Format Isian, kolom % berisi rentang tersebut (mis. 51–75 %) dan VOL kosong.",
        ),
        ("Tanda –", "Data tidak tersedia."),
    )
    for i, (label, teks) in enumerate(baris, start=3):
        lembar.cell(i, 1, label).font = TEBAL
        lembar.cell(i, 1).alignment = KIRI
        lembar.cell(i, 2, teks).alignment = KIRI
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.orientation = "portrait"


# --- shared helpers ------------------------------------------------------------------------------


def _tinggi(teks: str, lebar: float) -> float:
    """Estimate the height of a merged, wrapped cell (Excel does not autofit merged cells)."""
    per_baris = max(1.0, lebar * 1.1 - 1)
    baris = sum(max(1, ceil(len(bagian) / per_baris)) for bagian in teks.split("\n"))
    return TINGGI_BARIS * baris


def _atur_cetak(lembar: Worksheet, isi: IsiSK, *, muat_lebar: bool) -> None:
    """A4 landscape, page numbers in the footer, and for a draft "DRAF" in its corner."""
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.orientation = "landscape"
    if muat_lebar:
        lembar.page_setup.fitToWidth = 1
        lembar.page_setup.fitToHeight = 0
        lembar.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        lembar.page_setup.scale = 70
    lembar.page_margins.left = lembar.page_margins.right = 0.4
    lembar.page_margins.top = 0.5
    lembar.page_margins.bottom = 0.6
    lembar.print_options.horizontalCentered = True
    lembar.oddFooter.center.text = "Halaman &P dari &N"
    if isi.draf:
        lembar.oddFooter.left.text = "DRAF — belum ditetapkan"
