"""Models of penilaian: the survey and its workflow (`survei`), the SK penetapan lokasi (`sk`).

Everything is re-exported here so that `from penilaian.models import Penilaian, SK` keeps
working and migrations find `_jalur_foto` / `_jalur_ekspor` where they were written.
"""

from penilaian.models.ekspor_prioritas import EksporPrioritas
from penilaian.models.pengaturan import DAFTAR_PENGATURAN, PengaturanSK
from penilaian.models.ringkasan import PenilaianTerakhir, VersiDaftar
from penilaian.models.sk import (
    SK,
    EksporSK,
    PengecualianSK,
    SKLokasi,
    SKQuerySet,
    VerifikasiSK,
    _jalur_ekspor,
)
from penilaian.models.survei import (
    BERPRIORITAS,
    FIELD_ISIAN,
    KRITERIA_PILIHAN,
    PITA_PILIHAN,
    STATUS_DISETUJUI,
    URUTAN_PRIORITAS,
    IsianKriteria,
    LangkahAlur,
    NumerikPenilaian,
    Penilaian,
    PenilaianQuerySet,
    Status,
    _jalur_foto,
)

__all__ = [
    "BERPRIORITAS",
    "DAFTAR_PENGATURAN",
    "FIELD_ISIAN",
    "KRITERIA_PILIHAN",
    "PITA_PILIHAN",
    "SK",
    "STATUS_DISETUJUI",
    "URUTAN_PRIORITAS",
    "EksporPrioritas",
    "EksporSK",
    "IsianKriteria",
    "LangkahAlur",
    "NumerikPenilaian",
    "PengaturanSK",
    "PengecualianSK",
    "Penilaian",
    "PenilaianQuerySet",
    "PenilaianTerakhir",
    "SKLokasi",
    "SKQuerySet",
    "Status",
    "VerifikasiSK",
    "VersiDaftar",
    "_jalur_ekspor",
    "_jalur_foto",
]
