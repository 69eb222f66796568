"""Scoped fetching and rights of kolaborasi.

Another city's object answers 404; a role without the right answers 403. One predicate per
right, read by the page (to show a button) and by the view or service (`wajib_*`, 403):
operators, admins and Pokja members enter data (`boleh_isi`); the Pokja and the Dinas admin
decide (`boleh_putuskan`: kegiatan status, Pokja/Forum membership and work plan, PKS status,
intervention criteria); verifiers read.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kolaborasi.models import (
    Kegiatan,
    LembagaPKP,
    PemangkuKepentingan,
    PerjanjianKerjaSama,
    Pertemuan,
)
from lokasi.models import KabupatenKota, Pengguna, Peran

PERAN_ISI = frozenset({Peran.ADMIN_KABKOTA, Peran.OPERATOR, Peran.POKJA})
PERAN_PUTUSKAN = frozenset({Peran.ADMIN_KABKOTA, Peran.POKJA})


def _kota_sendiri(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None) -> bool:
    return kabupaten_kota is None or kabupaten_kota.pk == pengguna.kabupaten_kota_id


def boleh_isi(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> bool:
    """Whether the user may enter kolaborasi data of that (or their own) kab/kota."""
    return (
        pengguna.is_authenticated
        and pengguna.is_active
        and pengguna.peran in PERAN_ISI
        and pengguna.kabupaten_kota_id is not None
        and _kota_sendiri(pengguna, kabupaten_kota)
    )


def wajib_isi(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> None:
    if not boleh_isi(pengguna, kabupaten_kota):
        raise PermissionDenied(
            _("Hanya operator, admin Dinas dan anggota Pokja PKP kabupaten/kota ini yang boleh "
              "mengisi data kolaborasi.")
        )  # fmt: skip


def boleh_putuskan(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> bool:
    """Whether the user may take the Pokja's decisions of that (or their own) kab/kota."""
    return (
        pengguna.is_authenticated
        and pengguna.is_active
        and pengguna.peran in PERAN_PUTUSKAN
        and pengguna.kabupaten_kota_id is not None
        and _kota_sendiri(pengguna, kabupaten_kota)
    )


def wajib_putuskan(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> None:
    if not boleh_putuskan(pengguna, kabupaten_kota):
        raise PermissionDenied(
            _("Hanya anggota Pokja PKP dan admin Dinas kabupaten/kota ini yang boleh "
              "memutuskan.")
        )  # fmt: skip


def _ambil[M: Model](qs: QuerySet[M], pengguna: Pengguna, pk: int) -> M:
    return get_object_or_404(qs.untuk(pengguna).select_related("kabupaten_kota"), pk=pk)


def get_pemangku_for_user(pengguna: Pengguna, pk: int) -> PemangkuKepentingan:
    return _ambil(PemangkuKepentingan.objects.all(), pengguna, pk)


def get_lembaga_for_user(pengguna: Pengguna, pk: int) -> LembagaPKP:
    return _ambil(LembagaPKP.objects.all(), pengguna, pk)


def get_pertemuan_for_user(pengguna: Pengguna, pk: int) -> Pertemuan:
    return _ambil(Pertemuan.objects.all(), pengguna, pk)


def get_kegiatan_for_user(pengguna: Pengguna, pk: int) -> Kegiatan:
    return _ambil(Kegiatan.objects.all(), pengguna, pk)


def get_pks_for_user(pengguna: Pengguna, pk: int) -> PerjanjianKerjaSama:
    return _ambil(PerjanjianKerjaSama.objects.all(), pengguna, pk)
