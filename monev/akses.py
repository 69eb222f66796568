"""Scoped fetching and rights of monev.

The rights are kolaborasi's (one definition): operators, the Dinas admin and Pokja members
enter monitoring data (`boleh_isi`); the Pokja and the admin decide (`boleh_putuskan`: the annual
evaluation made final, a peninjauan ulang concluded); verifiers read. Another city's object
answers 404.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from kolaborasi.akses import boleh_isi, boleh_putuskan, wajib_isi, wajib_putuskan
from lokasi.models import Pengguna
from monev.models import Aset, EvaluasiTahunan, Pemantauan, PeninjauanUlang

__all__ = [
    "boleh_isi",
    "boleh_putuskan",
    "get_aset_for_user",
    "get_evaluasi_for_user",
    "get_pemantauan_for_user",
    "get_peninjauan_for_user",
    "wajib_isi",
    "wajib_putuskan",
]


def get_pemantauan_for_user(pengguna: Pengguna, pk: int) -> Pemantauan:
    return get_object_or_404(
        Pemantauan.objects.filter(
            kegiatan__kabupaten_kota__in=pengguna.kabkota_terjangkau()
        ).select_related("kegiatan__kabupaten_kota"),
        pk=pk,
    )


def get_aset_for_user(pengguna: Pengguna, pk: int) -> Aset:
    return get_object_or_404(
        Aset.objects.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau()), pk=pk
    )


def get_evaluasi_for_user(pengguna: Pengguna, pk: int) -> EvaluasiTahunan:
    return get_object_or_404(
        EvaluasiTahunan.objects.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau()), pk=pk
    )


def get_peninjauan_for_user(pengguna: Pengguna, pk: int) -> PeninjauanUlang:
    return get_object_or_404(
        PeninjauanUlang.objects.filter(
            kabupaten_kota__in=pengguna.kabkota_terjangkau()
        ).select_related("kabupaten_kota", "sk", "keputusan"),
        pk=pk,
    )
