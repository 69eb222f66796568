"""The Excel Lampiran I of an SK: built from IsiSK alone, so no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kumuh import angka
from kumuh.xlsx import isi_xlsx
from penilaian import rumus
from penilaian.sk.isi import JUDUL_STEMPEL, IsiSK, KriteriaSK, LokasiSK, StempelSK
from penilaian.sk.xlsx import (
    BARIS_DATA,
    BARIS_KEPALA,
    BARIS_KEPALA_KRITERIA,
    LEMBAR_KETERANGAN,
    LEMBAR_KRITERIA,
    LEMBAR_LAMPIRAN,
    buku_sk,
)

# --- builders ---------------------------------------------------------------------------------

SATUAN_BULAT = {"unit", "KK"}


def kriteria_lengkap(geser: int = 0, **ganti: KriteriaSK) -> tuple[KriteriaSK, ...]:
    """The 16 criteria with measured values; `ganti` replaces some by kode."""
    hasil = []
    for i, k in enumerate(rumus.KRITERIA):
        if k.kode in ganti:
            hasil.append(ganti[k.kode])
            continue
        bulat = k.satuan in SATUAN_BULAT
        hasil.append(
            KriteriaSK(
                kode=k.kode,
                aspek=k.aspek,
                nama_aspek=k.nama_aspek,
                nama=k.nama,
                satuan=k.satuan,
                volume=Decimal(10 * (i + 1) + geser) if bulat else Decimal(f"{i + 1}.25"),
                persen=Decimal(f"{20 + i + geser}.50"),
                skor=(0, 1, 3, 5)[i % 4],
            )
        )
    return tuple(hasil)


def kriteria_sk(kode: str, **nilai) -> KriteriaSK:
    k = rumus.KRITERIA_PER_KODE[kode]
    return KriteriaSK(
        kode=k.kode,
        aspek=k.aspek,
        nama_aspek=k.nama_aspek,
        nama=k.nama,
        satuan=k.satuan,
        **{"volume": None, "persen": None, "skor": None, **nilai},
    )


def lokasi_sk(nomor: int, **nilai) -> LokasiSK:
    dasar = {
        "nomor": nomor,
        "lokasi_pk": 100 + nomor,
        "penilaian_pk": 200 + nomor,
        "tahun_penilaian": 2026,
        "kode": f"L{nomor:02d}",
        "nama": f"Lokasi {nomor}",
        "luas_ha": Decimal("1.855"),  # printed 1,86 (half up)
        "rt_rw": "05/08",
        "kelurahan": ("Condongcatur",),
        "kecamatan": ("Depok",),
        "jumlah_penduduk": 1234,
        "kepadatan_penduduk": Decimal("663.44"),
        "lintang": Decimal("-7.771308"),
        "bujur": Decimal("110.403942"),
        "nilai_kekumuhan": 46,
        "tingkat_kekumuhan": "Kumuh Sedang",
        "nilai_pertimbangan_lain": 9,
        "tingkat_pertimbangan_lain": "Tinggi",
        "legalitas": "Legal",
        "klasifikasi": "B1",
        "prioritas": 2,
        "pola_penanganan": "Peremajaan",
        "kewenangan": "Pemerintah Kabupaten/Kota",
        "kriteria": kriteria_lengkap(),
    }
    return LokasiSK(**{**dasar, **nilai})


PITA_3A = kriteria_sk("3a", skor=3, pita="51–75 %")

LOKASI = (
    lokasi_sk(1, nama="Dabag"),
    lokasi_sk(
        2,
        nama="Kali Code Utara",
        luas_ha=Decimal("12.3449"),  # 12,34
        rt_rw="01/02, 03/02",
        kelurahan=("Kotabaru", "Terban"),
        kecamatan=("Gondokusumo", "Gondokusuman"),
        jumlah_penduduk=23456,
        kepadatan_penduduk=Decimal("1900.1"),
        nilai_kekumuhan=62,
        tingkat_kekumuhan="Kumuh Berat",
        nilai_pertimbangan_lain=4,
        tingkat_pertimbangan_lain="Rendah",
        legalitas="Tidak Legal",
        klasifikasi="A2",
        prioritas=4,
        kriteria=kriteria_lengkap(geser=1, **{"3a": PITA_3A}),
    ),
    lokasi_sk(
        3,
        nama="Tanpa Data",
        luas_ha=None,
        rt_rw="",
        kelurahan=(),
        kecamatan=(),
        jumlah_penduduk=None,
        kepadatan_penduduk=None,
        lintang=None,
        bujur=None,
        legalitas="",
        kriteria=kriteria_lengkap(**{"1a": kriteria_sk("1a"), "2b": kriteria_sk("2b")}),
    ),
    lokasi_sk(4, nama="Lokasi Empat", luas_ha=Decimal("0.004")),  # 0,00
)

STEMPEL = (
    StempelSK(
        tim="pusat",
        judul=JUDUL_STEMPEL["pusat"],
        nama="Ir. Budi Santoso, M.T.",
        jabatan="Ketua Tim Verifikasi Pusat",
        nip="196801011990031001",
        tanggal=date(2026, 11, 20),
    ),
    StempelSK(tim="kabkota", judul=JUDUL_STEMPEL["kabkota"], nama="Siti Aminah"),
)


def buat_isi(lokasi=LOKASI, **nilai) -> IsiSK:
    dasar = {
        "jenis_daerah": "Kota",
        "nama_daerah": "Pekalongan",
        "provinsi": "Jawa Tengah",
        "nomor": "",
        "tanggal": None,
        "tempat": "Pekalongan",
        "tentang": "Penetapan Lokasi Perumahan Kumuh dan Permukiman Kumuh di Kota Pekalongan",
        "penandatangan_nama": "",
        "penandatangan_jabatan": "WALI KOTA PEKALONGAN",
        "lokasi": tuple(lokasi),
        "stempel": STEMPEL,
        "draf": True,
        "dibuat_pada": "25 November 2026 13.05 WIB",
    }
    return IsiSK(**{**dasar, **nilai})


def muat(isi: IsiSK):
    return load_workbook(BytesIO(isi_xlsx(buku_sk(isi))))


def semua_teks(lembar: Worksheet) -> list[str]:
    return [str(v) for baris in lembar.iter_rows(values_only=True) for v in baris if v is not None]


def gabungan(lembar: Worksheet) -> set[str]:
    return {str(r) for r in lembar.merged_cells.ranges}


def gabungan_dari(lembar: Worksheet, sel: str) -> str | None:
    """The merged range a cell starts, or None."""
    return next((str(r) for r in lembar.merged_cells.ranges if r.coord.startswith(f"{sel}:")), None)


def kepala_lampiran(lembar: Worksheet) -> list[list]:
    """The annex heading, rows 1–5 of columns K…M."""
    return [[lembar.cell(b, k).value for k in (11, 12, 13)] for b in range(1, 6)]


@pytest.fixture(scope="module")
def buku():
    return muat(buat_isi())


@pytest.fixture(scope="module")
def lampiran(buku):
    return buku[LEMBAR_LAMPIRAN]


@pytest.fixture(scope="module")
def nilai(buku):
    return buku[LEMBAR_KRITERIA]


# --- sheet 1: Lampiran I ------------------------------------------------------------------------


def test_the_workbook_has_three_sheets(buku):
    assert buku.sheetnames == [LEMBAR_LAMPIRAN, LEMBAR_KRITERIA, LEMBAR_KETERANGAN]


def test_the_annex_heading_and_title(lampiran):
    teks = semua_teks(lampiran)
    assert "LAMPIRAN I" in teks
    assert "KEPUTUSAN WALI KOTA PEKALONGAN" in teks
    assert kepala_lampiran(lampiran) == [
        ["LAMPIRAN I", None, None],
        ["KEPUTUSAN WALI KOTA PEKALONGAN", None, None],
        ["NOMOR", None, ": ....."],
        ["TANGGAL", None, ": ....."],
        [
            "TENTANG",
            None,
            ": PENETAPAN LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI KOTA PEKALONGAN",
        ],
    ]
    assert {"K1:P1", "K2:P2", "K3:L3", "M3:P3", "K4:L4", "M4:P4", "M5:P5"} <= gabungan(lampiran)
    assert "DAFTAR LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI KOTA PEKALONGAN" in teks


def test_an_issued_sk_prints_its_number_and_date_and_no_draft_line():
    isi = buat_isi(nomor="600/123/2026", tanggal=date(2026, 12, 1), draf=False, dibuat_pada="")
    lembar = muat(isi)[LEMBAR_LAMPIRAN]
    teks = semua_teks(lembar)
    assert kepala_lampiran(lembar)[2:4] == [
        ["NOMOR", None, ": 600/123/2026"],
        ["TANGGAL", None, ": 1 Desember 2026"],
    ]
    assert not any("DRAF" in t for t in teks)
    assert lembar.oddFooter.left.text is None


def test_a_draft_says_so_in_red(lampiran):
    draf = [c for baris in lampiran.iter_rows() for c in baris if "DRAF" in str(c.value or "")]
    assert [c.value for c in draf] == [
        "DRAF — data per 25 November 2026 13.05 WIB, belum ditetapkan"
    ]
    assert draf[0].font.italic and draf[0].font.color.rgb.endswith("C00000")


KEPALA_ATAS = [
    "NO", "NAMA LOKASI", "LUAS (HA)", "LINGKUP ADMINISTRATIF", None, None, "KEPENDUDUKAN", None,
    "KOORDINAT", None, "KEKUMUHAN", None, "PERT. LAIN", None, "LEGALITAS TANAH", "PRIORITAS",
]  # fmt: skip
KEPALA_BAWAH = [
    None, None, None, "RT/RW", "KELURAHAN/ DESA", "KECAMATAN /DISTRIK", "JUMLAH (JIWA)",
    "KEPADATAN (JIWA/HA)", "LINTANG", "BUJUR", "NILAI", "TINGK.", "NILAI", "TINGK.", None, None,
]  # fmt: skip


def test_the_two_header_rows_are_the_templates(lampiran):
    atas, bawah = BARIS_KEPALA, BARIS_KEPALA + 1
    assert [lampiran.cell(atas, k).value for k in range(1, 17)] == KEPALA_ATAS
    assert [lampiran.cell(bawah, k).value for k in range(1, 17)] == KEPALA_BAWAH
    assert [lampiran.cell(bawah + 1, k).value for k in range(1, 17)] == [
        f"({k})" for k in range(1, 17)
    ]
    assert lampiran.cell(atas, 17).value is None


def test_header_groups_are_merged(lampiran):
    a, b = BARIS_KEPALA, BARIS_KEPALA + 1
    harap = {
        f"A{a}:A{b}",  # NO over both rows
        f"B{a}:B{b}",
        f"C{a}:C{b}",
        f"D{a}:F{a}",  # LINGKUP ADMINISTRATIF over exactly 3 columns
        f"G{a}:H{a}",
        f"I{a}:J{a}",
        f"K{a}:L{a}",
        f"M{a}:N{a}",
        f"O{a}:O{b}",
        f"P{a}:P{b}",
    }
    kepala = {str(r) for r in lampiran.merged_cells.ranges if r.min_row == a}
    assert kepala == harap


def test_every_header_cell_is_bold_framed_and_filled():
    # In memory: on loading, openpyxl redraws merged cells from their first cell, so a reloaded
    # file would not show whether the inner cells of a merge were framed.
    lembar = buku_sk(buat_isi())[LEMBAR_LAMPIRAN]
    for baris in (BARIS_KEPALA, BARIS_KEPALA + 1):
        for k in range(1, 17):
            sel = lembar.cell(baris, k)
            assert sel.border.left.style == "thin" and sel.border.bottom.style == "thin"
            assert sel.fill.fill_type == "solid"
            assert sel.font.bold
            assert sel.alignment.horizontal == "center"
    lembar = buku_sk(buat_isi())[LEMBAR_KRITERIA]
    for baris in range(BARIS_KEPALA_KRITERIA, BARIS_KEPALA_KRITERIA + 3):
        for k in range(1, 3 + 16 * 4 + 2):
            sel = lembar.cell(baris, k)
            assert sel.border.left.style == "thin" and sel.border.top.style == "thin"
            assert sel.fill.fill_type == "solid" and sel.font.bold


def test_one_row_per_lokasi_with_values_and_formats(lampiran):
    b = BARIS_DATA
    assert [lampiran.cell(b + i, 1).value for i in range(4)] == [1, 2, 3, 4]
    assert [lampiran.cell(b + i, 2).value for i in range(4)] == [
        "Dabag",
        "Kali Code Utara",
        "Tanpa Data",
        "Lokasi Empat",
    ]
    baris = [lampiran.cell(b, k).value for k in range(1, 17)]
    assert baris == [
        1, "Dabag", 1.86, "05/08", "Condongcatur", "Depok", 1234, 663.44,
        '7° 46\' 16,71" LS', '110° 24\' 14,19" BT', 46, "Sedang", 9, "Tinggi", "Legal", "B1/ 2",
    ]  # fmt: skip
    assert lampiran.cell(b, 3).number_format == "#,##0.00"
    assert lampiran.cell(b, 7).number_format == "#,##0"
    assert lampiran.cell(b, 8).number_format == "#,##0.00"
    for k in range(1, 17):
        assert lampiran.cell(b, k).border.top.style == "thin"

    kedua = [lampiran.cell(b + 1, k).value for k in range(1, 17)]
    assert kedua[2] == 12.34
    assert kedua[3:8] == [
        "01/02, 03/02",
        "Kotabaru, Terban",
        "Gondokusumo, Gondokusuman",
        23456,
        1900.1,
    ]
    assert kedua[10:] == [62, "Berat", 4, "Rendah", "Tidak Legal", "A2/ 4"]
    assert lampiran.cell(b + 1, 5).alignment.wrap_text


def test_missing_values_print_a_dash(lampiran):
    baris = [lampiran.cell(BARIS_DATA + 2, k).value for k in range(1, 17)]
    assert baris[2:10] == [angka.KOSONG] * 8
    assert baris[14] == angka.KOSONG
    assert lampiran.cell(BARIS_DATA + 2, 3).border.left.style == "thin"


def test_the_total_row(lampiran):
    b = BARIS_DATA + len(LOKASI)
    assert lampiran.cell(b, 1).value == "JUMLAH\n4 (empat) lokasi"
    assert f"A{b}:B{b}" in gabungan(lampiran)
    # The sum of the printed 2-decimal areas (1,86 + 12,34 + 0,00), not of the raw ones.
    assert lampiran.cell(b, 3).value == pytest.approx(14.20)
    assert lampiran.cell(b, 3).value == pytest.approx(
        sum(lampiran.cell(BARIS_DATA + i, 3).value for i in (0, 1, 3))
    )
    assert lampiran.cell(b, 3).number_format == "#,##0.00"
    assert lampiran.cell(b, 7).value == 1234 + 23456 + 1234
    assert lampiran.cell(b, 1).font.bold
    assert lampiran.cell(b + 1, 1).value is None


def test_the_three_verification_blocks(lampiran):
    teks = semua_teks(lampiran)
    i = teks.index("Mengetahui,")
    bawah = teks[i:]
    assert bawah[:4] == [
        "Mengetahui,",
        "Tim Verifikasi Pusat",
        "Tim Verifikasi Provinsi",
        "Organisasi Perangkat Daerah Kab/Kota",
    ]
    for judul in (*JUDUL_STEMPEL["provinsi"], *JUDUL_STEMPEL["kabkota"]):
        assert judul in bawah
    # Names on one row, left to right: pusat, provinsi (blank) and kab/kota.
    baris_nama = next(
        r for r in range(1, lampiran.max_row + 1) if lampiran.cell(r, 1).value == STEMPEL[0].nama
    )
    assert [lampiran.cell(baris_nama, k).value for k in (1, 6, 11)] == [
        "Ir. Budi Santoso, M.T.",
        ".....",
        "Siti Aminah",
    ]
    nama = lampiran.cell(baris_nama, 1)
    assert nama.font.bold and nama.font.underline == "single"
    assert not lampiran.cell(baris_nama, 6).font.bold
    assert [lampiran.cell(baris_nama + i, 1).value for i in (1, 2, 3)] == [
        "Ketua Tim Verifikasi Pusat",
        "NIP. 196801011990031001",
        "Tanggal: 20 November 2026",
    ]
    assert lampiran.cell(baris_nama + 1, 11).value is None  # no jabatan given
    assert f"A{baris_nama}:E{baris_nama}" in gabungan(lampiran)
    # The headings sit above the signature space, top aligned.
    baris_judul = teks.index("Tim Verifikasi Pusat")
    assert baris_judul < teks.index("Ir. Budi Santoso, M.T.")


def test_print_setup(lampiran):
    assert lampiran.print_title_rows == f"${BARIS_KEPALA}:${BARIS_KEPALA + 2}"
    assert lampiran.page_setup.orientation == "landscape"
    assert int(lampiran.page_setup.paperSize) == 9  # A4
    assert lampiran.page_setup.fitToWidth == 1
    assert lampiran.page_setup.fitToHeight == 0
    assert lampiran.sheet_properties.pageSetUpPr.fitToPage
    assert lampiran.freeze_panes == f"C{BARIS_DATA}"
    assert lampiran.oddFooter.center.text == "Halaman &P dari &N"
    assert lampiran.oddFooter.left.text == "DRAF — belum ditetapkan"
    assert lampiran.column_dimensions["B"].width > lampiran.column_dimensions["A"].width


def test_no_lokasi_still_makes_a_workbook():
    buku = muat(buat_isi(lokasi=(), stempel=()))
    lembar = buku[LEMBAR_LAMPIRAN]
    assert [lembar.cell(BARIS_KEPALA, k).value for k in range(1, 17)] == KEPALA_ATAS
    b = BARIS_DATA
    assert lembar.cell(b, 1).value == "JUMLAH\n0 (nol) lokasi"
    assert lembar.cell(b, 3).value == 0
    assert lembar.cell(b, 7).value == 0
    teks = semua_teks(lembar)
    assert teks.count(".....") >= 3  # every verification block blank (plus nomor/tanggal)
    nilai = buku[LEMBAR_KRITERIA]
    assert nilai.cell(BARIS_KEPALA_KRITERIA, 1).value == "NO"
    assert nilai.cell(BARIS_KEPALA_KRITERIA + 3, 1).value is None
    assert "0 (nol) lokasi" in semua_teks(buku[LEMBAR_KETERANGAN])


# --- sheet 2: Nilai Kriteria --------------------------------------------------------------------


def kolom_kriteria(kode: str) -> int:
    """First column (VOL) of a criterion on sheet 2."""
    return 3 + 4 * rumus.KODE_KRITERIA.index(kode)


def test_criteria_headers_are_grouped(nilai):
    a = BARIS_KEPALA_KRITERIA
    assert nilai.cell(a, 1).value == "NO"
    assert gabungan_dari(nilai, f"A{a}") == f"A{a}:A{a + 2}"
    assert gabungan_dari(nilai, f"B{a}") == f"B{a}:B{a + 2}"
    # Aspect 1 (3 criteria × 4 columns) over C…N; aspect 2 over O…V.
    assert nilai.cell(a, 3).value == "1. Bangunan Gedung"
    assert gabungan_dari(nilai, f"C{a}") == f"C{a}:N{a}"
    assert nilai.cell(a, 15).value == "2. Jalan Lingkungan"
    assert gabungan_dari(nilai, f"O{a}") == f"O{a}:V{a}"
    assert nilai.cell(a + 1, 3).value == "1a Ketidakteraturan Bangunan"
    assert gabungan_dari(nilai, f"C{a + 1}") == f"C{a + 1}:F{a + 1}"
    assert [nilai.cell(a + 2, k).value for k in range(3, 7)] == ["VOL", "SAT", "%", "NILAI"]
    # Every aspect, in order, each over 4 columns per criterion.
    aspek = [
        (nilai.cell(a, kolom_kriteria(x.kriteria[0])).value, len(x.kriteria)) for x in rumus.ASPEK
    ]
    assert [n for n, _ in aspek] == [f"{x.kode}. {x.nama}" for x in rumus.ASPEK]
    kode = [str(nilai.cell(a + 1, kolom_kriteria(k)).value).split()[0] for k in rumus.KODE_KRITERIA]
    assert kode == list(rumus.KODE_KRITERIA)
    akhir = 3 + 16 * 4
    assert nilai.cell(a, akhir).value == "NILAI KEKUMUHAN"
    assert nilai.cell(a, akhir + 1).value == "TINGKAT"
    assert gabungan_dari(nilai, nilai.cell(a, akhir).coordinate) == (
        f"{nilai.cell(a, akhir).coordinate}:{nilai.cell(a + 2, akhir).coordinate}"
    )


def test_criteria_values_of_one_lokasi(nilai):
    baris = BARIS_KEPALA_KRITERIA + 3
    assert nilai.cell(baris, 1).value == 1
    assert nilai.cell(baris, 2).value == "Dabag"
    for c in LOKASI[0].kriteria:
        k = kolom_kriteria(c.kode)
        vol, sat, persen, skor = (nilai.cell(baris, k + i) for i in range(4))
        assert vol.value == pytest.approx(float(c.volume)), c.kode
        assert vol.number_format == ("#,##0" if c.satuan in SATUAN_BULAT else "#,##0.00")
        assert sat.value == c.satuan
        assert persen.value == pytest.approx(float(c.persen))
        assert persen.number_format == "0.00"
        assert skor.value == c.skor
    akhir = 3 + 16 * 4
    assert nilai.cell(baris, akhir).value == 46
    assert nilai.cell(baris, akhir + 1).value == "Kumuh Sedang"


def test_a_band_scored_criterion_shows_its_band(nilai):
    baris = BARIS_KEPALA_KRITERIA + 3 + 1  # lokasi 2
    k = kolom_kriteria("3a")
    assert [nilai.cell(baris, k + i).value for i in range(4)] == [angka.KOSONG, "KK", "51–75 %", 3]


def test_missing_criterion_values_print_a_dash(nilai):
    baris = BARIS_KEPALA_KRITERIA + 3 + 2  # lokasi 3
    k = kolom_kriteria("2b")
    assert [nilai.cell(baris, k + i).value for i in range(4)] == [
        angka.KOSONG,
        "m",
        angka.KOSONG,
        angka.KOSONG,
    ]


def test_a_lokasi_without_frozen_criteria_gets_dashes():
    isi = buat_isi(lokasi=(replace(LOKASI[0], kriteria=()),))
    nilai = muat(isi)[LEMBAR_KRITERIA]
    baris = BARIS_KEPALA_KRITERIA + 3
    # The headers still come from rumus.
    assert nilai.cell(BARIS_KEPALA_KRITERIA + 1, 3).value == "1a Ketidakteraturan Bangunan"
    assert {nilai.cell(baris, k).value for k in range(3, 3 + 64)} == {angka.KOSONG}


def test_criteria_sheet_print_setup(nilai):
    assert nilai.freeze_panes == f"C{BARIS_KEPALA_KRITERIA + 3}"
    assert nilai.page_setup.orientation == "landscape"
    assert nilai.print_title_cols == "$A:$B"


# --- sheet 3: Keterangan ------------------------------------------------------------------------


def test_the_key_sheet(buku):
    teks = " ".join(semua_teks(buku[LEMBAR_KETERANGAN]))
    assert "25 November 2026 13.05 WIB" in teks
    assert "4 (empat) lokasi" in teks
    assert "14,20 (empat belas koma dua nol) hektar" in teks
    assert "koma untuk desimal" in teks


def test_thirty_lokasi_are_counted_in_words():
    lokasi = [lokasi_sk(n, kriteria=()) for n in range(1, 31)]
    lembar = muat(buat_isi(lokasi=lokasi))[LEMBAR_LAMPIRAN]
    b = BARIS_DATA + 30
    assert lembar.cell(b - 1, 1).value == 30
    assert lembar.cell(b, 1).value == "JUMLAH\n30 (tiga puluh) lokasi"
    assert lembar.cell(b, 3).value == pytest.approx(30 * 1.86)
    assert lembar.cell(b, 7).value == 30 * 1234
