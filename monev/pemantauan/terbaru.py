"""Keep `Pemantauan.terbaru` on each kegiatan's latest monitoring entry (by date, then entry).

Entries are written by `services.pemantauan_tambah` (one kegiatan at a time, its row locked),
and by the admin, tests and demo data: signals (connected in MonevConfig.ready) mark after every
save and delete, in the writer's transaction. Bulk writers (`bulk_create`, `update`) send no
signals and call `tandai` for the kegiatan they wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import batched

from django.db.models import F, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save

from monev.models import Pemantauan

POTONGAN = 2000


def tandai(kegiatan_id: Iterable[int] | None = None) -> None:
    """Mark the latest entry of these kegiatan (all when None), unmark the others: two UPDATEs
    per 2,000 kegiatan, writing only the rows that change."""
    if kegiatan_id is None:
        _tandai(Pemantauan.objects.all())
        return
    for potongan in batched(sorted(set(kegiatan_id)), POTONGAN):
        _tandai(Pemantauan.objects.filter(kegiatan_id__in=potongan))


def _tandai(qs) -> None:
    akhir = Subquery(
        Pemantauan.objects.filter(kegiatan=OuterRef("kegiatan"))
        .order_by("-tanggal", "-pk")
        .values("pk")[:1]
    )
    terbaru = qs.alias(akhir=akhir).filter(pk=F("akhir")).values("pk")
    qs.filter(terbaru=True).exclude(pk__in=terbaru).update(terbaru=False)
    qs.filter(terbaru=False, pk__in=terbaru).update(terbaru=True)


def _disimpan(sender, instance: Pemantauan, raw: bool = False, **kwargs) -> None:
    if not raw:  # loaddata restores the stored flags as they were
        tandai([instance.kegiatan_id])


def _dihapus(sender, instance: Pemantauan, **kwargs) -> None:
    tandai([instance.kegiatan_id])


def sambungkan() -> None:
    post_save.connect(_disimpan, sender=Pemantauan, dispatch_uid="pemantauan_terbaru_simpan")
    post_delete.connect(_dihapus, sender=Pemantauan, dispatch_uid="pemantauan_terbaru_hapus")
