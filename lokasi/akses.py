"""Scoped fetching: every view gets its objects through here.

Another city's object answers 404 (its existence is not revealed); a role without the right
answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

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


# --- rights: one predicate each, read by the page (to show a button) and the view (403) ------


def boleh_kelola_lokasi(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> bool:
    """Whether the user may add or change lokasi, and their units and files, of that kab/kota.

    Without a kab/kota: whether the role may manage lokasi at all (of its own kab/kota).
    """
    if not pengguna.is_authenticated or not pengguna.boleh_kelola_lokasi:
        return False
    return kabupaten_kota is None or kabupaten_kota.pk == pengguna.kabupaten_kota_id


def wajib_kelola_lokasi(pengguna: Pengguna, kabupaten_kota: KabupatenKota | None = None) -> None:
    """Raise 403 unless the user is an admin or operator of that (or their own) kab/kota."""
    if boleh_kelola_lokasi(pengguna, kabupaten_kota):
        return
    if not boleh_kelola_lokasi(pengguna):
        raise PermissionDenied(_("Peran Anda tidak boleh mengubah data lokasi."))
    raise PermissionDenied(_("Anda hanya boleh mengubah data kabupaten/kota Anda sendiri."))
