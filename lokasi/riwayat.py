"""Record and read the change history of any model instance (see RiwayatPerubahan).

A form save records one entry with `catat`; an import records thousands with a `Jurnal`, through
the same snapshot (`nilai_potret`/`potret`), comparison (`perubahan`) and text (`teks`), so an
entry reads the same whichever way the record was changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kumuh import angka, massal
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
    hasil = {label: teks(nilai) for label, nilai in nilai_potret(obj, fields).items()}
    for label, fungsi in tambahan.items():
        hasil[label] = fungsi()
    return hasil


def nilai_potret(
    obj: models.Model | Mapping[str, Any],
    fields: list[str],
    model: type[models.Model] | None = None,
) -> dict[str, Any]:
    """Return {label: raw value} of the given fields of an instance, or of its `values()` row.

    Raw, so that many snapshots are compared first and only what differs is formatted.
    """
    if isinstance(obj, Mapping):
        assert model is not None, "a values() row needs its model"
        return {label: obj.get(nama) for nama, label in label_field(model, tuple(fields))}
    return {label: getattr(obj, nama) for nama, label in label_field(type(obj), tuple(fields))}


def label_field(model: type[models.Model], fields: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return [(field, verbose name)] in the active language (looked up once per language)."""
    return _label_field(model, fields, get_language())


@cache
def _label_field(
    model: type[models.Model], fields: tuple[str, ...], _bahasa: str | None
) -> list[tuple[str, str]]:
    return [(nama, str(model._meta.get_field(nama).verbose_name)) for nama in fields]


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


def perubahan(
    sebelum: Mapping[str, Any],
    sesudah: Mapping[str, Any],
    teks: Callable[[Any], str] = teks,
) -> dict[str, list[str]]:
    """Return {label: [old text, new text]} of the values that differ.

    Snapshots may hold text (`potret`) or raw values (`nilai_potret`): equal values and two
    blanks are the same, and so are values that read the same (1.25 and 1.2500 as raw values).
    """
    beda = {}
    for label, baru in sesudah.items():
        lama = sebelum.get(label)
        if lama == baru or (lama in (None, "") and baru in (None, "")):
            continue
        pasangan = [teks(lama), teks(baru)]
        if pasangan[0] != pasangan[1]:
            beda[label] = pasangan
    return beda


def catat(
    *,
    obj: models.Model,
    pengguna: Pengguna | None,
    tindakan: str,
    sebelum: dict[str, str],
    sesudah: dict[str, str],
) -> RiwayatPerubahan | None:
    """Store the fields that differ; nothing when nothing changed (except on creation)."""
    beda = perubahan(sebelum, sesudah)
    if not beda and tindakan != "dibuat":
        return None
    return RiwayatPerubahan.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        pengguna=pengguna,
        tindakan=tindakan,
        perubahan=beda,
    )


class Jurnal:
    """The history of many records changed at once (an import), written in one statement.

    `catat` follows the rule of the module's `catat` (the fields that differ; nothing when
    nothing changed, except on creation) and says whether it recorded an entry. Objects may get
    their pk after `catat` (created in bulk): it is read when the entries are written. The
    snapshots may hold raw values: only the values that differ are formatted, once per value.
    """

    def __init__(
        self, *, pengguna: Pengguna | None, keterangan: str = "", waktu: datetime | None = None
    ) -> None:
        self.pengguna, self.keterangan = pengguna, keterangan
        self.waktu = waktu or timezone.now()
        self._entri: list[tuple[models.Model, str, dict[str, list[str]]]] = []
        self._teks: dict[tuple[type, str], str] = {}

    def teks(self, nilai: Any) -> str:
        """Return `teks(nilai)`, remembered: many records repeat the same counts and lengths."""
        if isinstance(nilai, dict | list):
            return teks(nilai)
        # By type and text: Decimal("1.2") and Decimal("1.20") are equal but read differently.
        kunci = (type(nilai), str(nilai))
        if (hasil := self._teks.get(kunci)) is None:
            hasil = self._teks[kunci] = teks(nilai)
        return hasil

    def catat(
        self,
        *,
        obj: models.Model,
        tindakan: str,
        sebelum: Mapping[str, Any],
        sesudah: Mapping[str, Any],
    ) -> bool:
        """Keep an entry of what differs; return whether one was kept."""
        beda = perubahan(sebelum, sesudah, self.teks)
        if not beda and tindakan != "dibuat":
            return False
        self._entri.append((obj, tindakan, beda))
        return True

    def simpan(self) -> None:
        """Write the kept entries (one prepared statement) and forget them."""
        pengguna = self.pengguna.pk if self.pengguna else None
        baris = [
            (
                ContentType.objects.get_for_model(obj).pk,  # cached by ContentType's manager
                obj.pk,
                pengguna,
                self.waktu,
                f"{tindakan} {self.keterangan}".rstrip(),
                beda,
            )
            for obj, tindakan, beda in self._entri
        ]
        fields = ["content_type", "object_id", "pengguna", "waktu", "tindakan", "perubahan"]
        massal.sisip(RiwayatPerubahan, fields, baris)
        self._entri = []


def untuk(obj: models.Model):
    """Return the history of one record, newest first, with its users."""
    return RiwayatPerubahan.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("pengguna")
