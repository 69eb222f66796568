"""Record and read the change history of any model instance (see RiwayatPerubahan)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from kumuh import angka
from lokasi.models import Pengguna, RiwayatPerubahan


class KonflikPerubahan(Exception):
    """Someone else saved the record after this user opened it (optimistic lock, `versi`).

    The record passed in is the stored one, with `diubah_oleh` and `diubah_pada`.
    """

    def __init__(self, obj: models.Model, jenis: str) -> None:
        self.obj = obj
        pengubah = obj.diubah_oleh
        oleh = (pengubah.get_full_name() or pengubah.username) if pengubah else _("pengguna lain")
        waktu = timezone.localtime(obj.diubah_pada).strftime("%d-%m-%Y %H:%M")
        super().__init__(
            _(
                "Data %(jenis)s ini sudah diubah oleh %(oleh)s pada %(waktu)s setelah Anda "
                "membukanya. Perubahan Anda belum disimpan dan masih ada di formulir: salin yang "
                "perlu, muat ulang halaman, periksa perubahan mereka, lalu isi kembali."
            )
            % {"jenis": jenis, "oleh": oleh, "waktu": waktu}
        )


def potret(obj: models.Model, fields: list[str], **tambahan: Callable[[], str]) -> dict[str, str]:
    """Return {label: text} of the given fields, plus extra labelled values (e.g. M2M names)."""
    hasil = {}
    for nama in fields:
        field = obj._meta.get_field(nama)
        hasil[str(field.verbose_name)] = teks(getattr(obj, nama))
    for label, fungsi in tambahan.items():
        hasil[label] = fungsi()
    return hasil


def teks(nilai) -> str:
    """Return a value as the history shows it (Indonesian numbers and dates)."""
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, date):
        return angka.tanggal_indonesia(nilai)
    if isinstance(nilai, bool):
        return "(+) ya" if nilai else "(−) tidak"
    if isinstance(nilai, Decimal):
        # As the user reads numbers: 0,5733 and 1.234, keeping every decimal they typed.
        tempat = max(0, -nilai.normalize().as_tuple().exponent)
        return angka.format_desimal(nilai, tempat)
    if isinstance(nilai, int):
        return angka.format_bilangan(nilai)
    if isinstance(nilai, dict | list):
        return "(GeoJSON)" if nilai else ""
    return str(nilai)


def catat(
    *,
    obj: models.Model,
    pengguna: Pengguna | None,
    tindakan: str,
    sebelum: dict[str, str],
    sesudah: dict[str, str],
) -> RiwayatPerubahan | None:
    """Store the fields that differ; nothing when nothing changed (except on creation)."""
    beda = {
        label: [sebelum.get(label, ""), baru]
        for label, baru in sesudah.items()
        if sebelum.get(label, "") != baru
    }
    if not beda and tindakan != "dibuat":
        return None
    return RiwayatPerubahan.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        pengguna=pengguna,
        tindakan=tindakan,
        perubahan=beda,
    )


def untuk(obj: models.Model):
    """Return the history of one record, newest first, with its users."""
    return RiwayatPerubahan.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("pengguna")
