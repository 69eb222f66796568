"""Writes of the O&P part: assets handed over and their keberfungsian checks.

Every write checks the right again, records history through `lokasi.riwayat` and, for the
asset (a `Tercatat` record), refuses a save that another user overtook.
"""

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
from monev.models import Aset, PemeriksaanAset

FIELD_ASET = [
    "nama", "kegiatan", "lokasi", "jenis_pengelola", "pengelola", "tanggal_serah_terima",
    "jenis_pemeliharaan", "interval_bulan",
]  # fmt: skip
FIELD_PEMERIKSAAN = [
    "tanggal", "ada", "kondisi_baik", "berfungsi", "dimanfaatkan", "kerusakan", "tindak_lanjut",
]  # fmt: skip
# A check more than a year apart from the next loses the trend; 5 years is the re-review cycle.
INTERVAL_MAKSIMUM = 60


def cek_aset(aset: Aset, *, hari_ini: date | None = None) -> None:
    """Refuse an asset whose parts belong to another city, or with impossible dates."""
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, str] = {}
    kota = aset.kabupaten_kota_id
    for nama in ("kegiatan", "lokasi", "pengelola"):
        terkait = getattr(aset, nama)
        if terkait is not None and terkait.kabupaten_kota_id != kota:
            label = Aset._meta.get_field(nama).verbose_name
            galat[nama] = _("Pilih %(nama)s dari kabupaten/kota ini.") % {"nama": label}
    if aset.tanggal_serah_terima and aset.tanggal_serah_terima > hari_ini:
        galat["tanggal_serah_terima"] = _("Tanggal serah terima tidak boleh di masa depan.")
    if not 1 <= (aset.interval_bulan or 0) <= INTERVAL_MAKSIMUM:
        galat["interval_bulan"] = _("Pemeriksaan tiap (bulan) harus antara 1 dan %(n)s bulan.") % {
            "n": INTERVAL_MAKSIMUM
        }
    if galat:
        raise ValidationError(galat)


def cek_pemeriksaan(
    pemeriksaan: PemeriksaanAset, *, aset: Aset, hari_ini: date | None = None
) -> None:
    """Refuse a check with a "no" but neither damage nor follow-up, or an impossible date."""
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, str] = {}
    semua_ya = all(
        (pemeriksaan.ada, pemeriksaan.kondisi_baik, pemeriksaan.berfungsi, pemeriksaan.dimanfaatkan)
    )
    if not semua_ya and not (pemeriksaan.kerusakan.strip() or pemeriksaan.tindak_lanjut.strip()):
        galat["kerusakan"] = _(
            "Aset tidak ada, rusak, tidak berfungsi atau tidak dimanfaatkan: isi kerusakan "
            "atau tindak lanjut."
        )
    if pemeriksaan.tanggal:
        if pemeriksaan.tanggal > hari_ini:
            galat["tanggal"] = _("Tanggal periksa tidak boleh di masa depan.")
        elif aset.tanggal_serah_terima and pemeriksaan.tanggal < aset.tanggal_serah_terima:
            galat["tanggal"] = _("Tanggal periksa tidak boleh sebelum tanggal serah terima.")
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def aset_simpan(*, aset: Aset, pengguna: Pengguna, versi_awal: int | None) -> Aset:
    """Create or update an asset; refuse when it changed since `versi_awal` was read."""
    wajib_isi(pengguna, aset.kabupaten_kota)
    if aset.lokasi_id is None and aset.kegiatan is not None:
        # The asset stands where its kegiatan was built unless told otherwise.
        aset.lokasi = aset.kegiatan.lokasi
    cek_aset(aset)
    aset.diubah_oleh = pengguna
    if aset.pk is None:
        aset.dibuat_oleh = pengguna
        aset.versi = 1
        aset.save()
        riwayat.catat(
            obj=aset, pengguna=pengguna, tindakan="dibuat", sebelum={},
            sesudah=riwayat.potret(aset, FIELD_ASET),
        )  # fmt: skip
        return aset
    sebelum = riwayat.potret(Aset.objects.get(pk=aset.pk), FIELD_ASET)
    # Compare-and-set on the version: a concurrent save makes this update match no row.
    if not Aset.objects.filter(pk=aset.pk, versi=versi_awal).update(versi=F("versi") + 1):
        raise riwayat.KonflikPerubahan(
            Aset.objects.select_related("diubah_oleh").get(pk=aset.pk), _("aset")
        )
    aset.versi = (versi_awal or 0) + 1
    aset.save()
    riwayat.catat(
        obj=aset, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
        sesudah=riwayat.potret(aset, FIELD_ASET),
    )  # fmt: skip
    return aset


@transaction.atomic
def pemeriksaan_tambah(
    *, aset: Aset, pemeriksaan: PemeriksaanAset, pengguna: Pengguna
) -> PemeriksaanAset:
    """Record a keberfungsian check of the asset, with an entry in the asset's history."""
    wajib_isi(pengguna, aset.kabupaten_kota)
    cek_pemeriksaan(pemeriksaan, aset=aset)
    pemeriksaan.aset = aset
    pemeriksaan.diperiksa_oleh = pengguna
    pemeriksaan.save()
    riwayat.catat(
        obj=aset, pengguna=pengguna,
        tindakan=_("pemeriksaan %(tanggal)s dicatat")
        % {"tanggal": pemeriksaan.tanggal.strftime("%d-%m-%Y")},
        sebelum={}, sesudah=riwayat.potret(pemeriksaan, FIELD_PEMERIKSAAN),
    )  # fmt: skip
    return pemeriksaan
