"""Writes of pengaduan masyarakat: filing (public or by the Dinas) and the handling steps.

A step moves the complaint exactly one step forward (aturan.TAHAP); each is recorded as a
`LangkahPengaduan` (date for the public page) and in the history through `lokasi.riwayat`, and
refused when another user moved the complaint since the page was opened (optimistic lock).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.models import Pengguna
from monev.akses import wajib_isi
from monev.models import LangkahPengaduan, Pengaduan
from monev.pengaduan import aturan

FIELD_PENGADUAN = [
    "kabupaten_kota", "kelurahan", "lintang", "bujur", "alamat", "kategori", "sumber", "uraian",
    "status",
]  # fmt: skip
# What each step records; every field is required for that step.
FIELD_TAHAP: dict[str, list[str]] = {
    aturan.TRIASE: ["catatan_triase"],
    aturan.CEK_LAPANGAN: ["tanggal_cek", "hasil_cek_lapangan"],
    aturan.EVALUASI: ["evaluasi_perizinan", "evaluasi_standar_teknis", "evaluasi_kelaikan_fungsi"],
    aturan.REKOMENDASI: ["rekomendasi", "penanggung_jawab", "tenggat"],
    aturan.SELESAI: ["tanggal_selesai"],
}
# Recorded with a step when given, never required.
FIELD_TAMBAHAN: dict[str, list[str]] = {
    aturan.TRIASE: ["lokasi"],
    aturan.CEK_LAPANGAN: ["lokasi"],
    aturan.SELESAI: ["catatan_selesai"],
}
PERCOBAAN_KODE = 5


def cek_pengaduan(pengaduan: Pengaduan) -> None:
    """Refuse a complaint whose kelurahan lies in another kab/kota or with half a pin."""
    galat: dict[str, str] = {}
    if (
        pengaduan.kelurahan_id
        and pengaduan.kelurahan.kecamatan.kabupaten_kota_id != pengaduan.kabupaten_kota_id
    ):
        galat["kelurahan"] = _("Kelurahan/desa: pilih kelurahan di kabupaten/kota yang dipilih.")
    if (pengaduan.lintang is None) != (pengaduan.bujur is None):
        galat["lintang"] = _("Titik lokasi: isi lintang dan bujur keduanya, atau kosongkan.")
    if pengaduan.lintang is None and not pengaduan.alamat.strip():
        galat["alamat"] = _("Alamat/patokan: isi alamat atau tandai titik pada peta.")
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def pengaduan_kirim(*, pengaduan: Pengaduan, pengguna: Pengguna | None = None) -> Pengaduan:
    """File a complaint: from the public form (no user, source masyarakat) or entered by the
    Dinas (any source). Returns it with its new tracking code."""
    if pengguna is not None:
        wajib_isi(pengguna, pengaduan.kabupaten_kota)
        pengaduan.dibuat_oleh = pengaduan.diubah_oleh = pengguna
    else:
        pengaduan.sumber = Pengaduan.Sumber.MASYARAKAT
    cek_pengaduan(pengaduan)
    pengaduan.status = aturan.DITERIMA
    pengaduan.versi = 1
    for percobaan in range(PERCOBAAN_KODE):
        pengaduan.kode = aturan.buat_kode()
        try:
            # A savepoint per attempt: a colliding code (1 in 2^50) must not spoil the request.
            with transaction.atomic():
                pengaduan.save()
            break
        except IntegrityError:
            if percobaan == PERCOBAAN_KODE - 1:
                raise
    LangkahPengaduan.objects.create(pengaduan=pengaduan, status=aturan.DITERIMA, oleh=pengguna)
    riwayat.catat(
        obj=pengaduan, pengguna=pengguna, tindakan="dibuat", sebelum={},
        sesudah=riwayat.potret(pengaduan, FIELD_PENGADUAN),
    )  # fmt: skip
    return pengaduan


def cek_langkah(
    pengaduan: Pengaduan, ke: str, nilai: dict[str, Any], *, hari_ini: date | None = None
) -> None:
    """Refuse a step out of order, with a required field empty, or with impossible dates."""
    hari_ini = hari_ini or timezone.localdate()
    berikut = aturan.tahap_berikut(pengaduan.status)
    if ke != berikut:
        label_ke = Pengaduan.Status(ke).label if ke in aturan.TAHAP else ke
        if berikut is None:
            pesan = _("Pengaduan %(kode)s sudah selesai; langkah %(ke)s tidak dapat dicatat.")
        else:
            pesan = _(
                "Pengaduan %(kode)s berstatus %(status)s: langkah berikutnya %(berikut)s, "
                "bukan %(ke)s. Langkah tidak boleh dilewati."
            )
        raise ValidationError(
            pesan
            % {
                "kode": pengaduan.kode,
                "status": pengaduan.get_status_display(),
                "berikut": Pengaduan.Status(berikut).label if berikut else "",
                "ke": label_ke,
            }
        )
    galat: dict[str, str] = {}
    for nama in FIELD_TAHAP[ke]:
        isi = nilai.get(nama)
        if isi is None or (isinstance(isi, str) and not isi.strip()):
            label = Pengaduan._meta.get_field(nama).verbose_name
            galat[nama] = _("%(label)s wajib diisi pada langkah ini.") % {
                "label": str(label).capitalize()
            }
    dibuat = timezone.localdate(pengaduan.dibuat_pada) if pengaduan.dibuat_pada else None
    for nama in ("tanggal_cek", "tanggal_selesai"):
        tanggal = nilai.get(nama)
        if nama in FIELD_TAHAP[ke] and tanggal:
            label = str(Pengaduan._meta.get_field(nama).verbose_name).capitalize()
            if tanggal > hari_ini:
                galat[nama] = _("%(label)s tidak boleh di masa depan.") % {"label": label}
            elif dibuat and tanggal < dibuat:
                galat[nama] = _("%(label)s tidak boleh sebelum pengaduan diterima.") % {
                    "label": label
                }
    if ke == aturan.REKOMENDASI and nilai.get("tenggat") and nilai["tenggat"] < hari_ini:
        galat["tenggat"] = _("Tenggat tidak boleh sebelum hari ini.")
    lokasi = nilai.get("lokasi")
    if lokasi is not None and lokasi.kabupaten_kota_id != pengaduan.kabupaten_kota_id:
        galat["lokasi"] = _("Lokasi terkait: pilih lokasi dari kabupaten/kota ini.")
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def langkah_catat(
    *,
    pengaduan: Pengaduan,
    ke: str,
    nilai: dict[str, Any],
    pengguna: Pengguna,
    versi_awal: int | None,
) -> Pengaduan:
    """Move the complaint to step `ke`, recording that step's fields."""
    wajib_isi(pengguna, pengaduan.kabupaten_kota)
    cek_langkah(pengaduan, ke, nilai)
    nama_field = FIELD_TAHAP[ke] + FIELD_TAMBAHAN.get(ke, [])
    sebelum = riwayat.potret(pengaduan, ["status", *nama_field])
    # Compare-and-set on the version: a concurrent step makes this update match no row.
    if not Pengaduan.objects.filter(pk=pengaduan.pk, versi=versi_awal).update(versi=F("versi") + 1):
        raise riwayat.KonflikPerubahan(
            Pengaduan.objects.select_related("diubah_oleh").get(pk=pengaduan.pk), _("pengaduan")
        )
    for nama in nama_field:
        if nama in nilai and not (nama == "lokasi" and nilai[nama] is None):
            setattr(pengaduan, nama, nilai[nama])
    pengaduan.status = ke
    pengaduan.versi = (versi_awal or 0) + 1
    pengaduan.diubah_oleh = pengguna
    pengaduan.save()
    LangkahPengaduan.objects.create(pengaduan=pengaduan, status=ke, oleh=pengguna)
    riwayat.catat(
        obj=pengaduan, pengguna=pengguna,
        tindakan=_("langkah %(tahap)s") % {"tahap": pengaduan.get_status_display()},
        sebelum=sebelum, sesudah=riwayat.potret(pengaduan, ["status", *nama_field]),
    )  # fmt: skip
    return pengaduan
