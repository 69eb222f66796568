"""The columns of the survey import: template headers, accepted spellings, groups, kinds.

Pure data (no Django). The spellings are those of KOTAKU/KAWANKU baseline files and of our own
priority list; `kumuh.xlsx_baca` matches headers against them.
"""

from __future__ import annotations

from kumuh.xlsx_baca import Kolom, indeks_ejaan
from penilaian import rumus

IDENTITAS = "Identitas"
DATA_LOKASI = "Data lokasi"
NUMERIK = "Format Numerik (Tabel 2)"
KRITERIA = "Persen atau pilihan per kriteria"
LEGALITAS = "Legalitas lahan (Tabel 3 B)"
PERTIMBANGAN = "Pertimbangan lain (Tabel 3 C)"
HASIL_LAMA = "Hasil lama (untuk diperiksa, tidak disimpan)"


# Decimals stored per unit (lokasi.models LUAS and PANJANG; NumerikPenilaian follows them):
# KOTAKU sheets give 4–6. More are rounded to these, never refused (issue 10 item 9).
TEMPAT_DESIMAL = {"ha": 6, "m": 4}
JENIS_SATUAN = {"ha": "luas", "m": "panjang"}


def _numerik(kunci: str, *ejaan: str) -> Kolom:
    label, satuan = rumus.NUMERIK_FIELDS[kunci], rumus.SATUAN_NUMERIK[kunci]
    jenis = "bulat" if kunci in rumus.NUMERIK_BILANGAN_BULAT else JENIS_SATUAN[satuan]
    return Kolom(
        kunci, NUMERIK, f"{label} ({satuan})", (label, f"{label} ({satuan})", *ejaan), jenis
    )


# Extra spellings of Format Numerik columns seen in KOTAKU/KAWANKU baseline files.
_EJAAN_NUMERIK: dict[str, tuple[str, ...]] = {
    "luas_verifikasi_ha": ("luas verifikasi (ha)", "luas rt (ha)", "luas rt", "luas wilayah rt"),
    "jumlah_bangunan": ("jumlah bangunan (unit)", "jml bangunan", "jumlah rumah"),
    "jumlah_penduduk": (
        "jumlah penduduk (jiwa)",
        "jml penduduk",
        "penduduk (jiwa)",
        "jumlah jiwa",
        "jumlah (jiwa)",
        "kependudukan jumlah (jiwa)",
    ),
    "jumlah_kk": ("jumlah kk (kk)", "jml kk", "jumlah kepala keluarga", "kk"),
    "bangunan_tidak_teratur": ("bangunan tidak teratur", "jumlah bangunan tidak teratur"),
    "luas_kepadatan_tinggi_ha": ("luas kepadatan tinggi (ha)", "luas kepadatan bangunan tinggi"),
    "bangunan_tidak_sesuai_teknis": (
        "bangunan tidak sesuai persyaratan teknis",
        "jumlah bangunan tidak sesuai teknis",
    ),
    "panjang_jalan_ideal_m": ("panjang jalan lingkungan ideal (m)", "panjang jalan ideal (m)"),
    "panjang_jalan_eksisting_m": (
        "panjang jalan lingkungan eksisting (m)",
        "panjang jalan eksisting (m)",
    ),
    "panjang_jalan_rusak_m": ("panjang jalan rusak (m)", "panjang jalan lingkungan rusak"),
    "kk_tanpa_akses_air_minum_aman": ("kk tanpa akses air minum aman",),
    "kk_kebutuhan_air_minum_tidak_terpenuhi": ("kk kebutuhan air minum tidak terpenuhi",),
    "panjang_drainase_ideal_m": (
        "panjang drainase lingkungan ideal (m)",
        "panjang drainase ideal (m)",
    ),
    "panjang_drainase_eksisting_m": (
        "panjang drainase eksisting (m)",
        "panjang drainase lingkungan eksisting (m)",
    ),
    "luas_genangan_ha": ("luas genangan (ha)", "luas genangan"),
    "panjang_drainase_rusak_m": ("panjang drainase rusak (m)", "panjang drainase rusak"),
    "kk_air_limbah_tidak_sesuai_standar": ("kk air limbah tidak sesuai standar",),
    "kk_sarpras_air_limbah_tidak_sesuai": ("kk sarpras air limbah tidak sesuai",),
    "kk_sarpras_sampah_tidak_sesuai": ("kk sarpras sampah tidak sesuai",),
    "kk_sistem_sampah_tidak_sesuai": ("kk sistem sampah tidak sesuai",),
    "bangunan_tanpa_prasarana_proteksi_kebakaran": ("bangunan tanpa prasarana proteksi kebakaran",),
    "bangunan_tanpa_sarana_proteksi_kebakaran": ("bangunan tanpa sarana proteksi kebakaran",),
}

# Criterion names as KAWANKU Jatim and KOTAKU profiles print them (a column of percentages).
_EJAAN_KRITERIA: dict[str, tuple[str, ...]] = {
    "1a": ("ketidakteraturan bangunan",),
    "1b": ("kepadatan bangunan",),
    "1c": ("ketidaksesuaian dengan persy teknis bangunan", "ketidaksesuaian persyaratan teknis"),
    "2a": ("cakupan pelayanan jalan lingkungan",),
    "2b": ("kualitas permukaan jalan lingkungan",),
    "3a": ("ketidaktersediaan akses aman air minum",),
    "3b": ("tidak terpenuhinya kebutuhan air minum",),
    "4a": ("ketidaktersediaan drainase",),
    "4b": ("ketidakmampuan mengalirkan limpasan air",),
    "4c": ("kualitas konstruksi drainase",),
    "5a": ("sistem pengelolaan air limbah tidak sesuai standar teknis",),
    "5b": ("prasarana dan sarana pengelolaan air limbah tidak sesuai dengan persyaratan teknis",),
    "6a": ("prasarana dan sarana persampahan tidak sesuai dengan persyaratan teknis",),
    "6b": ("sistem pengelolaan persampahan yang tidak sesuai standar teknis",),
    "7a": ("ketidaktersediaan prasarana proteksi kebakaran",),
    "7b": ("ketidaktersediaan sarana proteksi kebakaran",),
}


def _kriteria(k: rumus.Kriteria) -> Kolom:
    return Kolom(
        k.kode,
        KRITERIA,
        f"{k.nama}: persen 0–100 (angka atau sel berformat %), atau pilihan Format Isian "
        f"{', '.join(rumus.PITA_SKOR)}. Kosongkan bila dihitung dari Format Numerik.",
        (
            f"persen {k.kode}",
            f"kriteria {k.kode}",
            f"pita {k.kode}",
            k.nama,
            *_EJAAN_KRITERIA.get(k.kode, ()),
        ),
        "kriteria",
    )


KOLOM: tuple[Kolom, ...] = (
    Kolom("kode_lokasi", IDENTITAS, "Kode lokasi Dinas. Bila diisi, lokasi dicocokkan menurut "
          "kode; bila kosong, menurut nama.",
          ("kode", "kode lokasi", "kode kawasan", "id kawasan", "id lokasi"), "kode"),
    Kolom("nama_lokasi", IDENTITAS, "Nama lokasi (kawasan). Wajib untuk lokasi baru.",
          ("nama lokasi", "nama kawasan", "lokasi", "kawasan", "nama", "nama kawasan kumuh")),
    Kolom("kecamatan", IDENTITAS, "Nama kecamatan; diperlukan bila nama kelurahan ada di "
          "beberapa kecamatan.", ("nama kecamatan",)),
    Kolom("kelurahan", IDENTITAS, "Nama atau kode Kemendagri kelurahan/desa. Baris lokasi boleh "
          "menyebut beberapa, dipisah koma; baris RT menyebut satu.",
          ("kelurahan/desa", "desa/kelurahan", "desa", "kel/desa", "nama kelurahan", "nama desa"),
          "kelurahan"),
    Kolom("kode_kelurahan", IDENTITAS, "Kode Kemendagri kelurahan/desa (33.75.01.1001); bila "
          "diisi, dipakai sebagai ganti kolom kelurahan.",
          ("kode kelurahan", "kode desa", "kode kelurahan/desa", "kode desa/kelurahan"),
          "kelurahan", templat=False),
    Kolom("rt", IDENTITAS, "Nomor RT, untuk baris per unit RT (bersama rw).",
          ("no rt", "nomor rt"), "rt"),
    Kolom("rw", IDENTITAS, "Nomor RW, untuk baris per unit RT (bersama rt).",
          ("no rw", "nomor rw"), "rt"),
    Kolom("tahun", IDENTITAS, "Tahun penilaian. Boleh kosong bila tanggal_survei diisi atau "
          "tahun dipilih saat mengunggah.",
          ("tahun survei", "tahun penilaian", "tahun data", "tahun baseline"), "tahun"),
    Kolom("tanggal_survei", IDENTITAS, "Tanggal survei (tanggal Excel, 25-11-2025 atau "
          "2025-11-25).", ("tanggal", "tgl survei", "tanggal pendataan"), "tanggal"),
    Kolom("surveyor", IDENTITAS, "Nama surveyor.",
          ("nama surveyor", "petugas survei", "petugas", "enumerator", "pendata")),
    Kolom("instansi_surveyor", IDENTITAS, "Instansi surveyor.", ("surveyor instansi",)),
    Kolom("luas_sk_ha", DATA_LOKASI, "Luas lokasi menurut SK (ha); disimpan sampai 6 desimal.",
          ("luas sk", "luas sk (ha)", "luas (ha)", "luas", "luas kawasan", "luas kawasan (ha)",
           "luas lokasi", "luas lokasi (ha)"), "luas_sk"),
    Kolom("lintang", DATA_LOKASI, "Lintang: derajat desimal (selatan negatif) atau "
          "7° 46' 16,71\" LS.", ("koordinat lintang", "latitude", "lat"), "lintang"),
    Kolom("bujur", DATA_LOKASI, "Bujur: derajat desimal atau 110° 24' 14,19\" BT.",
          ("koordinat bujur", "longitude", "long", "lon", "lng"), "bujur"),
    Kolom("penduduk_laki_laki", DATA_LOKASI, "Penduduk laki-laki (jiwa), bersama "
          "penduduk_perempuan; unit RT baru memerlukan keduanya atau jumlah_penduduk.",
          ("penduduk laki-laki", "laki-laki", "jumlah laki-laki", "jumlah penduduk laki-laki",
           "penduduk lk"), "bulat"),
    Kolom("penduduk_perempuan", DATA_LOKASI, "Penduduk perempuan (jiwa).",
          ("penduduk perempuan", "perempuan", "jumlah perempuan", "jumlah penduduk perempuan",
           "penduduk pr"), "bulat"),
    *(_numerik(k, *_EJAAN_NUMERIK.get(k, ())) for k in rumus.NUMERIK_FIELDS),
    *(_kriteria(k) for k in rumus.KRITERIA),
    Kolom("status_penguasaan", LEGALITAS, "Kejelasan status penguasaan lahan: + atau − "
          "(juga ya/tidak).",
          ("kejelasan status penguasaan lahan", "status penguasaan lahan", "status lahan",
           "penguasaan lahan"), "plus_minus"),
    Kolom("kesesuaian_rtr", LEGALITAS, "Kesesuaian dengan RTR: + atau − (juga ya/tidak).",
          ("kesesuaian dengan rtr", "kesesuaian rtr", "kesesuaian tata ruang",
           "kesesuaian dengan rencana tata ruang"), "plus_minus"),
    Kolom("strategis", PERTIMBANGAN, "Nilai strategis lokasi: ya/tidak (+/−; skor 5 = ya, "
          "1 = tidak).",
          ("nilai strategis lokasi", "nilai strategis", "lokasi strategis"), "ya_tidak"),
    Kolom("kepadatan_penduduk", PERTIMBANGAN, "Kepadatan penduduk (jiwa/ha). Kosongkan agar "
          "dihitung dari jumlah_penduduk / luas_verifikasi_ha.",
          ("kepadatan penduduk (jiwa/ha)", "kepadatan (jiwa/ha)", "kepadatan",
           "kependudukan kepadatan (jiwa/ha)"), "kepadatan"),
    Kolom("potensi_sosekbud", PERTIMBANGAN, "Potensi sosial, ekonomi dan budaya: ya/tidak "
          "(+/−; skor 5 = ya, 1 = tidak).",
          ("potensi sosial ekonomi budaya", "kondisi sosial ekonomi budaya",
           "kondisi sosial, ekonomi, dan budaya", "potensi sosekbud", "sosekbud"), "ya_tidak"),
    Kolom("nilai_kekumuhan_lama", HASIL_LAMA, "Nilai kekumuhan pada berkas lama (0–80); pada "
          "baris RT dibandingkan dengan nilai RT itu.",
          ("nilai kekumuhan", "nilai kumuh", "total nilai kekumuhan", "total nilai",
           "skor kekumuhan", "kekumuhan nilai"), "nilai_lama"),
    Kolom("tingkat_kekumuhan_lama", HASIL_LAMA, "Tingkat kekumuhan lama (Kumuh Berat/Sedang/"
          "Ringan, Tidak Kumuh).",
          ("tingkat kekumuhan", "tingkat kumuh", "kekumuhan tingk", "kekumuhan tingkat"),
          "tingkat_lama"),
    Kolom("nilai_pertimbangan_lain_lama", HASIL_LAMA, "Nilai pertimbangan lain lama (3–15).",
          ("nilai pertimbangan lain", "pert lain nilai", "pertimbangan lain nilai"),
          "nilai_pl_lama"),
    Kolom("tingkat_pertimbangan_lain_lama", HASIL_LAMA, "Tingkat pertimbangan lain lama "
          "(Tinggi/Sedang/Rendah).",
          ("tingkat pertimbangan lain", "pert lain tingk", "pertimbangan lain tingkat"),
          "tingkat_pl_lama"),
    Kolom("legalitas_lama", HASIL_LAMA, "Legalitas lama (Legal/Tidak Legal).",
          ("legalitas", "legalitas tanah", "legalitas lahan", "status legalitas"),
          "legalitas_lama"),
    Kolom("klasifikasi_lama", HASIL_LAMA, "Klasifikasi lama (A1 … C6).", ("klasifikasi",),
          "klasifikasi_lama"),
    Kolom("prioritas_lama", HASIL_LAMA, "Prioritas lama (1–9), atau klasifikasi/prioritas "
          "seperti B1/ 2.",
          ("prioritas", "skala prioritas", "prioritas penanganan", "klasifikasi/prioritas"),
          "prioritas_lama"),
    # Read when present, left out of the template to keep it narrow.
    Kolom("rt_rw", DATA_LOKASI, "Ringkasan RT/RW lokasi (teks, misalnya RT 01, 02 / RW 03); "
          "diabaikan pada baris RT, yang RT/RW-nya dihitung dari unit.",
          ("rt/rw", "lingkup administratif rt/rw"), templat=False),
    Kolom("permasalahan", DATA_LOKASI, "Permasalahan lokasi (teks).", templat=False),
    Kolom("potensi", DATA_LOKASI, "Potensi lokasi (teks).", templat=False),
    Kolom("pola_penanganan_lama", HASIL_LAMA, "Pola penanganan lama.", ("pola penanganan",),
          "pola_lama", templat=False),
    Kolom("kewenangan_lama", HASIL_LAMA, "Kewenangan lama.",
          ("kewenangan", "kewenangan penanganan"), "kewenangan_lama", templat=False),
    Kolom("no", IDENTITAS, "Nomor urut; tidak dibaca.", ("no urut", "nomor"), "abaikan",
          templat=False),
)  # fmt: skip
KOLOM_PER_KUNCI: dict[str, Kolom] = {k.kunci: k for k in KOLOM}
KOLOM_TEMPLAT: tuple[Kolom, ...] = tuple(k for k in KOLOM if k.templat)

# Survey-level columns: one value per survey, repeated (or given once) on the rows of its RTs.
KOLOM_SURVEI = (
    "status_penguasaan",
    "kesesuaian_rtr",
    "strategis",
    "kepadatan_penduduk",
    "potensi_sosekbud",
    *rumus.KODE_KRITERIA,
)
# Lokasi-level columns: one value per lokasi across all its rows and years.
KOLOM_LOKASI = ("nama_lokasi", "luas_sk_ha", "lintang", "bujur", "rt_rw", "permasalahan", "potensi")
# What a new RT unit must carry (UnitSurvei has no blank header numbers); its population as
# jumlah_penduduk or as penduduk_laki_laki with penduduk_perempuan (nilai._lembar_numerik).
WAJIB_UNIT_BARU = (
    "luas_verifikasi_ha",
    "jumlah_bangunan",
    "jumlah_kk",
    "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m",
)
# Sheets a workbook may carry that are not data: the template's own and our report's.
LEMBAR_BUKAN_DATA = frozenset({"petunjuk", "contoh", "laporan impor"})

EJAAN: dict[str, str] = indeks_ejaan(KOLOM)
