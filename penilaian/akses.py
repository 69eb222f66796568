"""Scoped fetching of surveys: another city's survey answers 404."""

from django.shortcuts import get_object_or_404

from lokasi.models import Pengguna
from penilaian.models import SK, Penilaian


def get_penilaian_for_user(pengguna: Pengguna, pk: int) -> Penilaian:
    return get_object_or_404(
        Penilaian.objects.untuk(pengguna).select_related(
            "lokasi__kabupaten_kota", "diubah_oleh", "dibuat_oleh"
        ),
        pk=pk,
    )


def get_sk_for_user(pengguna: Pengguna, pk: int) -> SK:
    return get_object_or_404(
        SK.objects.untuk(pengguna).select_related(
            "kabupaten_kota__provinsi", "diubah_oleh", "ditetapkan_oleh"
        ),
        pk=pk,
    )
