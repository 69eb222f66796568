"""Scoped fetching: every view gets its objects through here.

Another city's object answers 404 (its existence is not revealed); a role without the right
answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lokasi.models import KabupatenKota, Lokasi, Pengguna, UnitSurvei


def get_lokasi_for_user(pengguna: Pengguna, pk: int) -> Lokasi:
    return get_object_or_404(
        Lokasi.objects.untuk(pengguna).select_related("kabupaten_kota", "diubah_oleh"), pk=pk
    )


def get_lokasi_for_edit(pengguna: Pengguna, pk: int) -> Lokasi:
    """Fetch a lokasi the user may change: 404 outside their scope, 403 without the role."""
    lokasi = get_lokasi_for_user(pengguna, pk)
    wajib_kelola_lokasi(pengguna, lokasi.kabupaten_kota)
    return lokasi


def get_unit_for_edit(pengguna: Pengguna, lokasi_pk: int, pk: int) -> UnitSurvei:
    lokasi = get_lokasi_for_edit(pengguna, lokasi_pk)
    return get_object_or_404(UnitSurvei.objects.filter(lokasi=lokasi), pk=pk)


def wajib_kelola_lokasi(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> None:
    """Raise 403 unless the user is an admin or operator of that (or their own) kab/kota."""
    if not pengguna.boleh_kelola_lokasi:
        raise PermissionDenied("Peran Anda tidak boleh mengubah data lokasi.")
    if kabupaten_kota is not None and kabupaten_kota.pk != pengguna.kabupaten_kota_id:
        raise PermissionDenied("Anda hanya boleh mengubah data kabupaten/kota Anda sendiri.")
