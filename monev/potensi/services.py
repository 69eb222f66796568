"""Writes of the watchlist of lokasi berpotensi kumuh: the right checked again, history
recorded, a save another user overtook refused (`versi`)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.models import Pengguna
from monev.akses import wajib_isi
from monev.models import LokasiPotensi

FIELD = [
    "nama", "alamat", "kelurahan", "lintang", "bujur", "sumber", "tanggal", "keterangan",
    "status", "lokasi",
]  # fmt: skip


def cek_potensi(potensi: LokasiPotensi, *, hari_ini: date | None = None) -> None:
    """Refuse another city's kelurahan or lokasi, a future date, half a point, or a
    "ditetapkan" without the lokasi it became."""
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, str] = {}
    kota = potensi.kabupaten_kota_id
    if potensi.kelurahan is not None and potensi.kelurahan.kecamatan.kabupaten_kota_id != kota:
        galat["kelurahan"] = _("Pilih kelurahan/desa dari kabupaten/kota ini.")
    if potensi.lokasi is not None and potensi.lokasi.kabupaten_kota_id != kota:
        galat["lokasi"] = _("Pilih lokasi hasil survei dari kabupaten/kota ini.")
    if potensi.tanggal and potensi.tanggal > hari_ini:
        galat["tanggal"] = _("Tanggal informasi tidak boleh di masa depan.")
    if (potensi.lintang is None) != (potensi.bujur is None):
        kosong = "bujur" if potensi.bujur is None else "lintang"
        galat[kosong] = _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
    if potensi.status == LokasiPotensi.Status.DITETAPKAN and potensi.lokasi is None:
        galat["lokasi"] = _(
            "Status Ditetapkan memerlukan lokasi hasil survei: pilih lokasi yang didaftarkan."
        )
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def potensi_simpan(
    *, potensi: LokasiPotensi, pengguna: Pengguna, versi_awal: int | None
) -> LokasiPotensi:
    """Create or update a watchlist entry; refuse when it changed since `versi_awal`."""
    wajib_isi(pengguna, potensi.kabupaten_kota)
    cek_potensi(potensi)
    potensi.diubah_oleh = pengguna
    if potensi.pk is None:
        potensi.dibuat_oleh = pengguna
        potensi.versi = 1
        potensi.save()
        riwayat.catat(
            obj=potensi, pengguna=pengguna, tindakan="dibuat", sebelum={},
            sesudah=riwayat.potret(potensi, FIELD),
        )  # fmt: skip
        return potensi
    sebelum = riwayat.potret(LokasiPotensi.objects.get(pk=potensi.pk), FIELD)
    if not LokasiPotensi.objects.filter(pk=potensi.pk, versi=versi_awal).update(
        versi=F("versi") + 1
    ):
        raise riwayat.KonflikPerubahan(
            LokasiPotensi.objects.select_related("diubah_oleh").get(pk=potensi.pk),
            _("lokasi berpotensi kumuh"),
        )
    potensi.versi = (versi_awal or 0) + 1
    potensi.save()
    riwayat.catat(
        obj=potensi, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
        sesudah=riwayat.potret(potensi, FIELD),
    )  # fmt: skip
    return potensi
