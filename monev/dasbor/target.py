"""Writes of the city's targets toward 0 ha (`TargetKota`): one per year, optimistic lock and
history like every record of decisions; Pokja and admin decide them."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.models import KabupatenKota, Pengguna
from monev.akses import wajib_putuskan
from monev.models import TargetKota

FIELD = ("tahun", "luas_ha", "lokasi", "dasar")


def _potret(t: TargetKota) -> dict[str, str]:
    return riwayat.potret(t, FIELD)


@transaction.atomic
def target_simpan(
    *,
    pengguna: Pengguna,
    kabupaten_kota: KabupatenKota,
    tahun: int,
    luas_ha: Decimal,
    lokasi: int | None = None,
    dasar: str = "",
    target: TargetKota | None = None,
    versi: int | None = None,
) -> TargetKota:
    """Add a year's target, or change `target` (refused when `versi` is stale)."""
    wajib_putuskan(pengguna, kabupaten_kota)
    if target is None:
        try:
            with transaction.atomic():
                baru = TargetKota.objects.create(
                    kabupaten_kota=kabupaten_kota, tahun=tahun, luas_ha=luas_ha, lokasi=lokasi,
                    dasar=dasar, dibuat_oleh=pengguna, diubah_oleh=pengguna,
                )  # fmt: skip
        except IntegrityError as e:
            raise ValidationError(
                {"tahun": _("Target tahun %(t)s sudah ada; ubah barisnya.") % {"t": tahun}}
            ) from e
        riwayat.catat(obj=baru, pengguna=pengguna, tindakan="dibuat", sebelum={},
                      sesudah=_potret(baru))  # fmt: skip
        return baru
    tersimpan = TargetKota.objects.select_for_update().get(
        pk=target.pk, kabupaten_kota=kabupaten_kota
    )
    if versi is not None and tersimpan.versi != versi:
        raise riwayat.KonflikPerubahan(tersimpan, _("target"))
    sebelum = _potret(tersimpan)
    tersimpan.luas_ha, tersimpan.lokasi, tersimpan.dasar = luas_ha, lokasi, dasar
    tersimpan.diubah_oleh = pengguna
    tersimpan.versi += 1
    tersimpan.save()
    riwayat.catat(obj=tersimpan, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
                  sesudah=_potret(tersimpan))  # fmt: skip
    return tersimpan
