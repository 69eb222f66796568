"""Assets with their last check and next due date (one query for any number of assets)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery

from monev.models import Aset, PemeriksaanAset
from monev.op import jadwal

FLAG_TERAKHIR = (
    "tanggal", "ada", "kondisi_baik", "berfungsi", "dimanfaatkan", "kerusakan", "tindak_lanjut",
)  # fmt: skip


def dengan_pemeriksaan_terakhir(qs: QuerySet[Aset]) -> QuerySet[Aset]:
    """Annotate each asset with its last check's fields as `akhir_<field>` (None: unchecked)."""
    terakhir = PemeriksaanAset.objects.filter(aset=OuterRef("pk")).order_by("-tanggal", "-pk")
    return qs.annotate(
        **{f"akhir_{f}": Subquery(terakhir.values(f)[:1]) for f in FLAG_TERAKHIR}
    ).select_related("kegiatan", "lokasi", "pengelola", "kabupaten_kota")


@dataclass(frozen=True)
class JadwalAset:
    berikut: date | None  # None: no handover date and no check yet
    status: jadwal.StatusTenggat | None


def jadwal_aset(aset: Aset, hari_ini: date) -> JadwalAset:
    """Return the next check of an asset annotated by `dengan_pemeriksaan_terakhir`."""
    berikut = jadwal.pemeriksaan_berikut(
        terakhir=aset.akhir_tanggal,
        serah_terima=aset.tanggal_serah_terima,
        interval_bulan=aset.interval_bulan,
    )
    return JadwalAset(berikut, jadwal.status_pemeriksaan(berikut, hari_ini) if berikut else None)
