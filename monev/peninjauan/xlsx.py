"""Tabel 5 as Excel: one sheet per lokasi (the city's book holds every lokasi of the review,
each on its own sheet in the SK's order), grouped headers and cells through `kumuh.xlsx`."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kumuh.xlsx import (
    FORMAT_BILANGAN,
    FORMAT_HEKTAR,
    FORMAT_NILAI,
    FORMAT_PERSEN,
    KANAN,
    KIRI,
    TEBAL,
    TENGAH,
    TENGAH_ATAS,
    atur_lebar,
    isi_xlsx,
    jadikan_teks,
    tulis_judul,
    tulis_kepala,
    tulis_sel,
)
from monev.peninjauan.cetak import catatan_kaki
from monev.peninjauan.muat import HasilLokasi, Rekap

JUDUL = ("D. FORMAT PENILAIAN HASIL PENINJAUAN ULANG", "Tabel 5. Formulasi Hasil Peninjauan Ulang")
LEBAR = (22, 30, 40, 7, 11, 7, 9, 8, 11, 7, 11, 7, 9, 8, 24)
FORMAT_VOLUME = "#,##0.00"
KOLOM_REKAP = ("No.", "Lokasi", "Kecamatan", "Luas (Ha)", "Nilai/Tingkat Awal",
               "Nilai/Tingkat Akhir", "Kontribusi Penanganan (%)", "Keputusan")  # fmt: skip
CATATAN_RESMI = (
    "Pengurangan resmi hanya dari lokasi yang keluar dari daftar berdasarkan survei baru "
    "(nilai < 16); angka indikatif bukan dasar keputusan."
)
LEGENDA = (("60 - 80", "KUMUH BERAT"), ("38 - 59", "KUMUH SEDANG"),
           ("16 - 37", "KUMUH RINGAN"), ("< 16", "TIDAK KUMUH"))  # fmt: skip


def _kolom(tahun_awal: int, tahun: int) -> list[tuple[str, str, str]]:
    awal, pen, akhir = (
        f"KONDISI AWAL ({tahun_awal})",
        f"PENANGANAN TAHUN ({tahun})",
        (f"KONDISI AKHIR ({tahun})"),
    )
    infra = "HASIL PENANGANAN INFRASTRUKTUR"
    return [
        ("ASPEK", "", ""), ("KRITERIA", "", ""), ("PARAMETER", "", ""), ("SKOR", "", ""),
        (awal, "", "VOL"), (awal, "", "SAT"), (awal, "", "(%)"), (awal, "", "NILAI"),
        (pen, infra, "VOL"), (pen, infra, "SAT"),
        (akhir, "", "VOL"), (akhir, "", "SAT"), (akhir, "", "(%)"), (akhir, "", "NILAI"),
        ("PERUBAHAN TINGKAT KEKUMUHAN", "", ""),
    ]  # fmt: skip


def _gabung(lembar: Worksheet, baris: int, kolom: int, tinggi: int, lebar: int = 1) -> None:
    if tinggi > 1 or lebar > 1:
        lembar.merge_cells(
            start_row=baris, start_column=kolom, end_row=baris + tinggi - 1,
            end_column=kolom + lebar - 1,
        )  # fmt: skip


def tulis_lembar(lembar: Worksheet, rekap: Rekap, h: HasilLokasi) -> None:
    """Write one lokasi's Tabel 5 on a sheet."""
    p = rekap.peninjauan
    tulis_judul(lembar, JUDUL, len(LEBAR))
    atur_lebar(lembar, LEBAR)
    k = h.kepala
    kepala = (
        ("Provinsi", k.provinsi, None, ""), ("Kab. /Kota", k.kabkota, None, ""),
        ("Kecamatan", k.kecamatan, None, ""), ("Kawasan", k.kawasan, None, ""),
        ("Luas SK", k.luas_sk, FORMAT_HEKTAR, "Ha"),
        ("Luas Verifikasi", k.luas_verifikasi, FORMAT_HEKTAR, "Ha"),
        ("Jumlah Bangunan", k.jumlah_bangunan, FORMAT_BILANGAN, "Unit"),
        ("Jumlah Penduduk", k.jumlah_penduduk, FORMAT_BILANGAN, "Jiwa"),
        ("Jumlah KK", k.jumlah_kk, FORMAT_BILANGAN, "KK"),
    )  # fmt: skip
    r = 4
    for label, nilai, fmt, satuan in kepala:
        lembar.cell(r, 1, label)
        jadikan_teks(lembar.cell(r, 2, "="))  # the "=" between label and value is text
        lembar.cell(r, 2).alignment = TENGAH
        sel = lembar.cell(r, 3, float(nilai) if fmt and nilai is not None else nilai or "")
        jadikan_teks(sel)  # the lokasi's name and kode are typed text
        if fmt:
            sel.number_format, sel.alignment = fmt, KIRI
        lembar.cell(r, 4, satuan)
        r += 1
    r += 1
    atas = r
    r = tulis_kepala(lembar, atas, _kolom(h.tahun_awal, p.tahun), (None, 30, None))
    lembar.print_title_rows = f"{atas}:{r - 1}"
    if h.tabel is None:
        lembar.cell(r, 1, f"Tabel 5 tidak dapat disusun: {h.kesalahan}")
        return
    t = h.tabel
    for a, baris, rentang in h.per_aspek:
        tulis_sel(lembar, r, 1, f"{a.kode}. {a.nama}", None, KIRI)
        for i in range(1, rentang):
            tulis_sel(lembar, r + i, 1, "", None, KIRI)
        _gabung(lembar, r, 1, rentang)
        for x in baris:
            b = x["b"]
            nilai = {
                2: (f"{x['huruf']}. {b.nama}", None, KIRI),
                5: (b.awal.volume, FORMAT_VOLUME, KANAN), 6: (x["satuan"], None, TENGAH_ATAS),
                7: (b.awal.persen, FORMAT_PERSEN, KANAN),
                8: (b.awal.nilai, FORMAT_NILAI, TENGAH_ATAS),
                9: (b.penanganan or None, FORMAT_VOLUME, KANAN),
                10: (x["satuan"] if b.penanganan else "", None, TENGAH_ATAS),
                11: (b.akhir.volume, FORMAT_VOLUME, KANAN), 12: (x["satuan"], None, TENGAH_ATAS),
                13: (b.akhir.persen, FORMAT_PERSEN, KANAN),
                14: (b.akhir.nilai, FORMAT_NILAI, TENGAH_ATAS),
                15: (b.perubahan, None, TENGAH_ATAS),
            }  # fmt: skip
            for kol, (v, fmt, rata) in nilai.items():
                tulis_sel(lembar, r, kol, v, fmt, rata)
                for i in (1, 2):
                    tulis_sel(lembar, r + i, kol, "", None, rata)
                _gabung(lembar, r, kol, 3)
            for i, (teks, skor) in enumerate(b.parameter):
                tulis_sel(lembar, r + i, 3, teks, None, KIRI)
                tulis_sel(lembar, r + i, 4, skor, FORMAT_NILAI, TENGAH_ATAS)
            r += 3
        ubah = f"{a.total_awal} → {a.total_akhir}" if a.total_awal != a.total_akhir else ""
        _baris_jumlah(lembar, r, "TOTAL", {8: a.total_awal, 14: a.total_akhir, 15: ubah})
        _baris_jumlah(lembar, r + 1, "RATA-RATA", {7: a.rata_awal, 13: a.rata_akhir})
        r += 2
    ubah = f"{t.total_awal} → {t.total_akhir}" if t.total_awal != t.total_akhir else ""
    kaki = (
        ("TOTAL NILAI", t.total_awal, t.total_akhir, FORMAT_NILAI, ubah),
        ("Tingkat Kekumuhan", t.tingkat_awal, t.tingkat_akhir, None, ""),
        ("RATA-RATA KEKUMUHAN SEKTORAL (%)", t.sektoral_awal, t.sektoral_akhir, FORMAT_PERSEN, ""),
        ("KONTRIBUSI PENANGANAN (%) *)", None, t.kontribusi, FORMAT_PERSEN, t.perubahan_tingkat),
    )
    for label, awal, akhir, fmt, ubah in kaki:
        tulis_sel(lembar, r, 1, label, None, KIRI)
        for kol in range(2, 16):
            tulis_sel(lembar, r, kol, "", None, TENGAH)
        tulis_sel(lembar, r, 5, awal if awal is not None or not label.startswith("KONTRI")
                  else "", fmt, TENGAH)  # fmt: skip
        tulis_sel(lembar, r, 11, akhir, fmt, TENGAH)
        tulis_sel(lembar, r, 15, ubah, None, TENGAH)
        _gabung(lembar, r, 1, 1, 4)
        _gabung(lembar, r, 5, 1, 4)
        _gabung(lembar, r, 9, 1, 2)
        _gabung(lembar, r, 11, 1, 4)
        for kol in range(1, 16):
            lembar.cell(r, kol).font = TEBAL
        r += 1
    r += 1
    tulis_sel(lembar, r, 1, "JUMLAH NILAI", None, TENGAH)
    tulis_sel(lembar, r, 2, "TINGKAT KEKUMUHAN", None, TENGAH)
    for i, (nilai, tingkat) in enumerate(LEGENDA, start=1):
        tulis_sel(lembar, r + i, 1, nilai, None, TENGAH)
        tulis_sel(lembar, r + i, 2, tingkat, None, KIRI)
    lembar.cell(r, 3, "KONTRIBUSI PENANGANAN = (Rata-rata kekumuhan sektoral awal − Rata-rata "
                "kekumuhan sektoral akhir) / Rata-rata kekumuhan sektoral awal × 100%")  # fmt: skip
    lembar.cell(r + 1, 3, f"*) {catatan_kaki(rekap.pengaturan)}")
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.fitToWidth, lembar.page_setup.fitToHeight = 1, 0
    lembar.sheet_properties.pageSetUpPr.fitToPage = True
    lembar.oddFooter.center.text = "Halaman &P dari &N"


def _baris_jumlah(lembar: Worksheet, r: int, label: str, nilai: dict[int, object]) -> None:
    tulis_sel(lembar, r, 2, label, None, KIRI)
    for kol in range(3, 16):
        v = nilai.get(kol, "")
        fmt = FORMAT_PERSEN if label == "RATA-RATA" else FORMAT_NILAI
        tulis_sel(lembar, r, kol, v if v != "" else None, fmt, TENGAH_ATAS)
        if v == "" or v is None:
            lembar.cell(r, kol).value = None
    _gabung(lembar, r, 2, 1, 3)
    for kol in range(2, 16):
        lembar.cell(r, kol).font = TEBAL


def _nama_lembar(h: HasilLokasi, dipakai: set[str]) -> str:
    """A sheet name Excel accepts (≤ 31 characters, none of []:*?/\\), unique in the book."""
    dasar = f"{h.nomor}. {h.lokasi.nama}"
    for c in "[]:*?/\\":
        dasar = dasar.replace(c, " ")
    nama = dasar[:31]
    n = 2
    while nama in dipakai:
        akhiran = f" ({n})"
        nama, n = dasar[: 31 - len(akhiran)] + akhiran, n + 1
    dipakai.add(nama)
    return nama


def tulis_rekap(lembar: Worksheet, rekap: Rekap) -> None:
    """Write the recap of the review (spec §2.8): one row per lokasi, then the totals."""
    p = rekap.peninjauan
    judul = (f"REKAP HASIL PENINJAUAN ULANG TAHUN {p.tahun}",
             f"{p.kabupaten_kota} — SK {p.sk.nomor}", "")  # fmt: skip
    tulis_judul(lembar, judul, 8)
    atur_lebar(lembar, (6, 32, 20, 11, 20, 20, 14, 20))
    r = tulis_kepala(lembar, 4, [(k,) for k in KOLOM_REKAP])
    for h in rekap.lokasi:
        t = h.tabel
        isi = (
            (h.nomor, FORMAT_NILAI), (h.lokasi.nama, None), (", ".join(h.lokasi.kecamatan), None),
            (h.lokasi.luas_ha, FORMAT_HEKTAR),
            (f"{t.total_awal} · {t.tingkat_awal}" if t else h.kesalahan, None),
            (f"{t.total_akhir} · {t.tingkat_akhir}" if t else "", None),
            (t.kontribusi if t else None, FORMAT_PERSEN),
            (h.keputusan_label + (" (indikatif)" if h.keluar_indikatif else ""), None),
        )  # fmt: skip
        for kol, (v, fmt) in enumerate(isi, start=1):
            tulis_sel(lembar, r, kol, v, fmt, KANAN if fmt else KIRI)
        r += 1
    r += 1
    kepala = ("Kecamatan", "Lokasi sebelum", "Ha sebelum", "Lokasi keluar (resmi)",
              "Ha keluar (resmi)", "Lokasi sesudah (resmi)", "Ha sesudah (resmi)",
              "Lokasi sesudah (indikatif)", "Ha sesudah (indikatif)")  # fmt: skip
    r = tulis_kepala(lembar, r, [(k,) for k in kepala])
    for j in (*rekap.per_kecamatan, rekap.kota):
        isi = (j.kecamatan or "Kabupaten/kota", j.lokasi_awal, j.luas_awal, j.lokasi_keluar,
               j.luas_keluar, j.lokasi_akhir, j.luas_akhir, j.lokasi_akhir_indikatif,
               j.luas_akhir_indikatif)  # fmt: skip
        for kol, v in enumerate(isi, start=1):
            fmt = None if kol == 1 else (FORMAT_HEKTAR if kol % 2 else FORMAT_BILANGAN)
            tulis_sel(lembar, r, kol, v, fmt, KANAN if fmt else KIRI)
        r += 1
    lembar.cell(r + 1, 1, CATATAN_RESMI)
    lembar.cell(r + 2, 1, f"*) {catatan_kaki(rekap.pengaturan)}")


def xlsx_tabel5(rekap: Rekap, lokasi: tuple[HasilLokasi, ...] | None = None) -> bytes:
    """Return the workbook: one sheet per lokasi; the city's book (all lokasi, the default)
    opens with the recap sheet "Rekap"."""
    buku = Workbook()
    buku.remove(buku.active)
    dipakai: set[str] = {"Rekap"}
    if lokasi is None:
        tulis_rekap(buku.create_sheet("Rekap"), rekap)
    for h in rekap.lokasi if lokasi is None else lokasi:
        tulis_lembar(buku.create_sheet(_nama_lembar(h, dipakai)), rekap, h)
    if not buku.sheetnames:
        buku.create_sheet("Tabel 5")
    return isi_xlsx(buku)
