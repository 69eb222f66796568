"""The annual evaluation report as an A4 portrait PDF (kolaborasi-monev.md §2.2, §1.6).

The content is read once into `IsiLaporan`; `templates/monev/cetak/evaluasi.html` reads only
that, and the workbook (`monev.evaluasi.xlsx`) reads the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from kumuh import pdf
from monev.evaluasi.data import DataEvaluasi
from monev.models import EvaluasiTahunan

NOMOR_HALAMAN = "Halaman {n} dari {total}"
# Routing of 001:253-255: the report goes to the Kepala Daerah with copies to Bappeda and
# DPPKAD; the recommendations also to the SKPD concerned and the provincial/central Pokja.
TEMBUSAN_LAPORAN = ("Kepala Bappeda", "Kepala DPPKAD")
TEMBUSAN_REKOMENDASI = ("SKPD terkait", "Pokja PKP Provinsi", "Pokja PKP Pusat")

# (field, heading, the table printed after it): the narrative's order, the five subjects of
# 001:245-249 between an opening and a closing.
BAGIAN = (
    ("pengantar", "Pendahuluan", ""),
    ("kesesuaian_kegiatan", "a. Kesesuaian program dan kegiatan", "e1"),
    ("anggaran", "b. Alokasi dan realisasi anggaran", "e2"),
    ("pencapaian_target", "c. Pencapaian target dan sasaran", "e3"),
    ("ketepatan_sasaran", "d. Ketepatan sasaran", "e4"),
    ("keberlanjutan", "e. Kesiapan keberlanjutan", "e5"),
)


@dataclass(frozen=True)
class Bagian:
    judul: str
    teks: str
    tabel: str  # "e1" … "e5" or ""


def narasi(evaluasi: EvaluasiTahunan) -> list[Bagian]:
    """Return the narrative's sections in print order with the table each introduces."""
    return [Bagian(judul, getattr(evaluasi, nama), tabel) for nama, judul, tabel in BAGIAN]


@dataclass(frozen=True)
class IsiLaporan:
    kop: str
    judul: str
    tahun: int
    draf: bool
    kabkota: str
    kepala_daerah: str  # "Wali Kota Pekalongan" / "Bupati Magelang"
    bagian: list[Bagian]
    kesimpulan: str
    data: DataEvaluasi
    tembusan: tuple[str, ...]
    tembusan_rekomendasi: tuple[str, ...]
    ketua: str
    kota_ttd: str
    nama_berkas: str  # without extension: the PDF and the workbook share it


def isi_laporan(evaluasi: EvaluasiTahunan, data: DataEvaluasi) -> IsiLaporan:
    """Read what the report prints (no query beyond `data`)."""
    nama = evaluasi.kabupaten_kota.nama
    kabupaten = nama.startswith("Kabupaten")
    singkat = nama.removeprefix("Kota ").removeprefix("Kabupaten ")
    draf = evaluasi.status == EvaluasiTahunan.Status.DRAF
    return IsiLaporan(
        kop=f"PEMERINTAH {nama}".upper(),
        judul=(f"LAPORAN EVALUASI TAHUNAN PENANGANAN PERMUKIMAN KUMUH TAHUN {evaluasi.tahun}"),
        tahun=evaluasi.tahun,
        draf=draf,
        kabkota=nama,
        kepala_daerah=("Bupati " if kabupaten else "Wali Kota ") + singkat,
        bagian=narasi(evaluasi),
        kesimpulan=evaluasi.kesimpulan,
        data=data,
        tembusan=TEMBUSAN_LAPORAN,
        tembusan_rekomendasi=TEMBUSAN_REKOMENDASI,
        ketua=data.ketua_pokja,
        kota_ttd=singkat,
        nama_berkas=f"evaluasi-tahunan-{evaluasi.tahun}" + ("-draf" if draf else ""),
    )


def html_laporan(isi: IsiLaporan) -> str:
    return render_to_string("monev/cetak/evaluasi.html", {"isi": isi})


def pdf_laporan(isi: IsiLaporan) -> bytes:
    """Render the report, pages numbered "Halaman n dari N"."""
    return pdf.beri_nomor_halaman(pdf.render_pdf(html_laporan(isi)), format=NOMOR_HALAMAN)
