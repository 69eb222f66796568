"""Demo rows of this part (called by monev_demo; idempotent, synthetic, labelled demo).

The Pokja's evaluation of 2025, still a draft: a narrative per subject and three
recommendations, written through the real services (so they carry history).
"""

from __future__ import annotations

from lokasi.models import KabupatenKota, Pengguna
from monev.evaluasi import services
from monev.models import EvaluasiTahunan, Rekomendasi

TAHUN = 2025
NARASI = {
    "pengantar": (
        "[Demo] Evaluasi tahunan ini disusun Pokja PKP berdasarkan laporan SKPD tentang program, "
        "kegiatan dan anggaran, laporan masyarakat, serta hasil pemeriksaan APIP tahun 2025."
    ),
    "kesesuaian_kegiatan": (
        "[Demo] Sebagian besar kegiatan berjalan sesuai daftar program; kegiatan yang belum "
        "dipantau perlu segera dilaporkan oleh SKPD pelaksana."
    ),
    "anggaran": (
        "[Demo] Realisasi APBD Kab/Kota mendekati alokasi; dana CSR/TJSLP belum seluruhnya "
        "tersalurkan."
    ),
    "pencapaian_target": (
        "[Demo] Target RPJMD: pengurangan luas kumuh 10 ha per tahun. Capaian dibandingkan "
        "dengan kondisi awal pada Tabel E3."
    ),
    "ketepatan_sasaran": "[Demo] Seluruh kegiatan berada di lokasi pada SK penetapan lokasi.",
    "keberlanjutan": (
        "[Demo] Aset yang diserahterimakan telah memiliki KSM pengelola; pemeriksaan "
        "keberfungsian perlu dijadwalkan tiap enam bulan."
    ),
    "kesimpulan": (
        "[Demo] Penanganan berjalan sesuai rencana dengan catatan pada pemantauan rutin Pokja "
        "yang belum mencapai enam kali setahun."
    ),
}
REKOMENDASI = (
    ("a", "[Demo] Menambahkan kegiatan drainase lingkungan pada rencana tahunan 2026.",
     "Wali Kota Pekalongan", "Dinas Perkim; Bappeda"),
    ("b", "[Demo] Mengalihkan sisa alokasi CSR ke kegiatan pengelolaan persampahan.",
     "Wali Kota Pekalongan", "DPPKAD; SKPD terkait"),
    ("d", "[Demo] Menetapkan jadwal rapat monitoring Pokja PKP dua bulanan.",
     "Wali Kota Pekalongan", "Pokja PKP Provinsi"),
)  # fmt: skip


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    if EvaluasiTahunan.objects.filter(kabupaten_kota=kabkota, tahun=TAHUN).exists():
        return ""
    pokja = pengguna["pokja"]
    evaluasi = services.evaluasi_buat(kabupaten_kota=kabkota, tahun=TAHUN, pengguna=pokja)
    services.narasi_simpan(
        evaluasi=evaluasi, pengguna=pokja, versi_awal=evaluasi.versi, narasi=NARASI
    )
    for jenis, uraian, kepada, tembusan in REKOMENDASI:
        services.rekomendasi_simpan(
            rekomendasi=Rekomendasi(
                evaluasi=evaluasi,
                jenis=jenis,
                uraian=uraian,
                ditujukan_kepada=kepada,
                tembusan=tembusan,
            ),
            pengguna=pokja,
            versi_awal=evaluasi.versi,
        )
    return f"Evaluasi tahunan {TAHUN} (draf) dengan {len(REKOMENDASI)} rekomendasi."
