"""The survey import's template: a Data sheet with every template column (coloured by group,
each with its description), the Petunjuk sheet listing every column and its accepted spellings,
and a Contoh sheet with one lokasi surveyed as a whole and one made of two RT units.

Pure (openpyxl through `kumuh.xlsx_laporan`, no Django).
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from kumuh.xlsx_laporan import tulis_kepala_templat, tulis_petunjuk
from penilaian import rumus
from penilaian.impor.kolom import (
    DATA_LOKASI,
    HASIL_LAMA,
    IDENTITAS,
    KOLOM,
    KOLOM_TEMPLAT,
    KRITERIA,
    LEGALITAS,
    NUMERIK,
    PERTIMBANGAN,
)

_WARNA_KELOMPOK = {
    IDENTITAS: "D9E1F2",
    DATA_LOKASI: "DDEBF7",
    NUMERIK: "E2EFDA",
    KRITERIA: "FFF2CC",
    LEGALITAS: "FCE4D6",
    PERTIMBANGAN: "FCE4D6",
    HASIL_LAMA: "EDEDED",
}

_PETUNJUK = (
    "Satu baris per lokasi, atau satu baris per unit RT sebuah lokasi (isi rt dan rw). Nilai "
    "kawasan dari RT dihitung dari JUMLAH angka Format Numerik RT-nya, bukan rata-rata skor.",
    "Tiap kriteria (1a … 7b) diisi dari Format Numerik (kolom bagian dan pembaginya), atau "
    "dari kolom kodenya: persen 0–100 atau pilihan 76-100, 51-75, 25-50, <25. Persen disimpan "
    "sebagai pilihan yang skornya sama.",
    "Legalitas dan pertimbangan lain diisi + atau − (ya atau tidak), sekali per lokasi dan tahun "
    "(pada baris RT boleh diulang atau diisi di satu baris saja).",
    "Kolom hasil lama (…_lama) tidak disimpan: hasilnya dibandingkan dengan hitungan rumus, dan "
    "yang berbeda ditandai di laporan.",
    "Judul kolom dibandingkan tanpa huruf besar/kecil, spasi dan tanda baca; ejaan lain yang "
    "diterima ada di tabel di bawah. Kolom yang tidak dikenal dilaporkan dan tidak dibaca.",
    "Seluruh berkas diperiksa lebih dulu; bila satu baris salah, tidak ada yang disimpan. "
    "Penilaian hasil impor berstatus draf; penilaian yang sudah diajukan atau disetujui tidak "
    "dapat ditimpa.",
    "Lembar bernama Petunjuk, Contoh dan Laporan impor tidak dibaca.",
)


def buku_templat() -> Workbook:
    """The import template: an empty Data sheet with the header, Petunjuk, and Contoh."""
    buku = Workbook()
    data = buku.active
    assert data is not None
    data.title = "Data"
    tulis_kepala_templat(data, KOLOM_TEMPLAT, _WARNA_KELOMPOK)
    tulis_petunjuk(
        buku.create_sheet("Petunjuk"),
        judul="Templat impor penilaian lokasi kumuh",
        petunjuk=_PETUNJUK,
        kolom=KOLOM,
    )
    contoh = buku.create_sheet("Contoh")
    tulis_kepala_templat(contoh, KOLOM_TEMPLAT, _WARNA_KELOMPOK)
    for baris in _CONTOH:
        contoh.append([baris.get(k.kunci) for k in KOLOM_TEMPLAT])
    return buku


# One lokasi surveyed as a whole (criteria as bands and a percentage) and one made of two RTs.
_CONTOH_LOKASI: dict[str, Any] = {
    "kode_lokasi": "CONTOH-01",
    "nama_lokasi": "Kampung Contoh",
    "kecamatan": "(nama kecamatan)",
    "kelurahan": "(nama kelurahan)",
    "tahun": 2025,
    "tanggal_survei": "15-03-2025",
    "surveyor": "(nama)",
    "luas_sk_ha": 4.5,
    "luas_verifikasi_ha": 4.5,
    "jumlah_penduduk": 1420,
    **dict.fromkeys(rumus.KODE_KRITERIA, "51-75"),
    "1a": 80,
    "status_penguasaan": "+",
    "kesesuaian_rtr": "+",
    "strategis": "tidak",
    "potensi_sosekbud": "tidak",
    "nilai_kekumuhan_lama": 50,
    "tingkat_kekumuhan_lama": "Kumuh Sedang",
    "klasifikasi_lama": "B5",
    "prioritas_lama": 8,
}
_CONTOH_RT: dict[str, Any] = {
    "kode_lokasi": "CONTOH-02",
    "nama_lokasi": "Bantaran Contoh",
    "kelurahan": "(nama kelurahan)",
    "rw": "002",
    "tahun": 2025,
    "penduduk_laki_laki": 150,
    "penduduk_perempuan": 160,
    "luas_verifikasi_ha": 1.25,
    "jumlah_bangunan": 100,
    "jumlah_kk": 90,
    "panjang_jalan_ideal_m": 300,
    "panjang_drainase_ideal_m": 600,
    "bangunan_tidak_teratur": 40,
    "luas_kepadatan_tinggi_ha": 0.5,
    "bangunan_tidak_sesuai_teknis": 30,
    "panjang_jalan_eksisting_m": 250,
    "panjang_jalan_rusak_m": 100,
    "kk_tanpa_akses_air_minum_aman": 20,
    "kk_kebutuhan_air_minum_tidak_terpenuhi": 10,
    "panjang_drainase_eksisting_m": 300,
    "luas_genangan_ha": 0.2,
    "panjang_drainase_rusak_m": 150,
    "kk_air_limbah_tidak_sesuai_standar": 45,
    "kk_sarpras_air_limbah_tidak_sesuai": 45,
    "kk_sarpras_sampah_tidak_sesuai": 60,
    "kk_sistem_sampah_tidak_sesuai": 60,
    "bangunan_tanpa_prasarana_proteksi_kebakaran": 80,
    "bangunan_tanpa_sarana_proteksi_kebakaran": 80,
    "status_penguasaan": "+",
    "kesesuaian_rtr": "−",
    "strategis": "ya",
    "potensi_sosekbud": "ya",
}
_CONTOH = (_CONTOH_LOKASI, {**_CONTOH_RT, "rt": "001"}, {**_CONTOH_RT, "rt": "002"})
