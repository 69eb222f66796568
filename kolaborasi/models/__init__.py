"""Models of kolaborasi (see ../shared/domain/kolaborasi-monev.md §1.6 and model.md).

`pemangku`: stakeholders, Pokja PKP / Forum PKP and their members, meetings with attendance,
decisions and attachments. `kegiatan`: the collaboration stages per lokasi, the Pokja's own
intervention criteria and scores, kegiatan with their effects (criterion, volume) and funding
split. `pks`: pledges of external parties and cooperation agreements (PKS).

Everything belongs to one kab/kota, directly or through its lokasi; querysets have `untuk(user)`.
"""

from kolaborasi.models.kegiatan import (
    EfekKegiatan,
    Kegiatan,
    KriteriaIntervensi,
    NilaiIntervensi,
    PendanaanKegiatan,
    TahapKolaborasi,
)
from kolaborasi.models.pemangku import (
    Keanggotaan,
    Kehadiran,
    KeputusanPertemuan,
    LampiranPertemuan,
    LembagaPKP,
    PemangkuKepentingan,
    Pertemuan,
)
from kolaborasi.models.pks import Ikrar, PerjanjianKerjaSama

__all__ = [
    "EfekKegiatan",
    "Ikrar",
    "Keanggotaan",
    "Kegiatan",
    "Kehadiran",
    "KeputusanPertemuan",
    "KriteriaIntervensi",
    "LampiranPertemuan",
    "LembagaPKP",
    "NilaiIntervensi",
    "PemangkuKepentingan",
    "PendanaanKegiatan",
    "PerjanjianKerjaSama",
    "Pertemuan",
    "TahapKolaborasi",
]
