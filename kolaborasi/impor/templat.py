"""The kegiatan import's template: a Kegiatan sheet with the header (coloured by group, each
column described), Petunjuk (instructions and accepted spellings) and Contoh.

Pure (openpyxl through `kumuh.xlsx_laporan`, no Django).
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from kolaborasi.impor.baca import DANA, EFEK, KEGIATAN, KOLOM, LAIN
from kumuh.xlsx_laporan import tulis_kepala_templat, tulis_petunjuk

_WARNA = {KEGIATAN: "D9E1F2", EFEK: "E2EFDA", DANA: "FFF2CC", LAIN: "FCE4D6"}
PETUNJUK = (
    "Satu baris per kegiatan. Kegiatan yang menangani lebih dari satu kriteria: isi efek "
    "pertama di baris kegiatan, efek berikutnya di baris bawahnya dengan kolom program dan "
    "kegiatan kosong (hanya kriteria, volume dan, untuk skala kota, kode_lokasi).",
    "Volume ditulis dalam satuan Format Numerik kriterianya: 2a/2b/4a/4c meter, 1b/4b hektar, "
    "3a/3b/5a/5b/6a/6b KK, 1a/1c/7a/7b unit bangunan. Contoh: TPS3R untuk 120 KK → 6a, 120.",
    "Kegiatan skala kota: kode_lokasi kosong di baris kegiatan, dan setiap efek menyebut "
    "kode lokasi tempat volumenya dialokasikan.",
    "Kolom sumber dana (APBN … Lainnya) harus berjumlah sama dengan biaya.",
    "Status selain Usulan hanya boleh diisi oleh anggota Pokja PKP atau admin Dinas.",
    "Judul kolom dibandingkan tanpa huruf besar/kecil, spasi dan tanda baca; ejaan lain yang "
    "diterima ada di tabel di bawah.",
    "Seluruh berkas diperiksa lebih dulu; bila satu baris salah, tidak ada yang disimpan.",
    "Lembar bernama Petunjuk, Contoh dan Laporan impor tidak dibaca.",
)
CONTOH: tuple[dict[str, Any], ...] = (
    {"program": "Peningkatan kualitas permukiman", "kegiatan": "Jalan lingkungan paving",
     "ruang_lingkup": "PSU", "sub_lingkup": "jalan lingkungan", "kode_lokasi": "DEMO-01",
     "tahun": 2026, "tahun_awal_rencana": 2025, "kriteria": "2a", "volume": 450,
     "biaya": 675_000_000, "apbd_kabkota": 500_000_000, "csr": 175_000_000,
     "pelaksana": "Pihak ketiga", "dasar": "RPLP", "status": "Usulan"},
    {"kriteria": "2b", "volume": 120},
    {"program": "Peningkatan kualitas permukiman", "kegiatan": "Hidran skala kota",
     "ruang_lingkup": "PSU", "tahun": 2027, "biaya": 300_000_000, "apbn": 300_000_000,
     "pelaksana": "Pihak ketiga"},
    {"kode_lokasi": "DEMO-02", "kriteria": "7a", "volume": 40},
    {"kode_lokasi": "DEMO-03", "kriteria": "7a", "volume": 40},
)  # fmt: skip


def buku_templat() -> Workbook:
    """The import template: an empty Kegiatan sheet with the header, Petunjuk, and Contoh."""
    buku = Workbook()
    data = buku.active
    assert data is not None
    data.title = "Kegiatan"
    tulis_kepala_templat(data, KOLOM, _WARNA)
    tulis_petunjuk(
        buku.create_sheet("Petunjuk"),
        judul="Templat impor kegiatan (memorandum program)",
        petunjuk=PETUNJUK,
        kolom=KOLOM,
    )
    contoh = buku.create_sheet("Contoh")
    tulis_kepala_templat(contoh, KOLOM, _WARNA)
    for baris in CONTOH:
        contoh.append([baris.get(k.kunci) for k in KOLOM])
    return buku
