"""Models of monev (../shared/domain/kolaborasi-monev.md §1.6, §2.1–2.2, §2.11, §3).

`pemantauan`: monitoring of a kegiatan (progress, realised spending per source, **realised
volume per effect**, photos at 0/50/100 %), APIP findings. `op`: assets handed over and their
periodic checks. `evaluasi`: the Pokja's annual evaluation and its recommendations.
`peninjauan`: the city's monev settings and the peninjauan ulang of an issued SK.
"""

from monev.models.dasbor import BarisSKBeku
from monev.models.evaluasi import EvaluasiTahunan, Rekomendasi
from monev.models.op import Aset, PemeriksaanAset
from monev.models.pemantauan import (
    FotoPemantauan,
    Pemantauan,
    RealisasiDana,
    RealisasiEfek,
    TemuanAPIP,
)
from monev.models.pengaduan import LangkahPengaduan, Pengaduan  # noqa: F401
from monev.models.peninjauan import PengaturanMonev, PeninjauanLokasi, PeninjauanUlang
from monev.models.potensi import LokasiPotensi as LokasiPotensi
from monev.models.publik import PublikasiKota as PublikasiKota
from monev.models.target import TargetKota

__all__ = [
    "Aset",
    "BarisSKBeku",
    "EvaluasiTahunan",
    "FotoPemantauan",
    "Pemantauan",
    "PemeriksaanAset",
    "PengaturanMonev",
    "PeninjauanLokasi",
    "PeninjauanUlang",
    "RealisasiDana",
    "RealisasiEfek",
    "Rekomendasi",
    "TargetKota",
    "TemuanAPIP",
]
