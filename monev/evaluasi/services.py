"""Writes of the annual evaluation: create it, its narrative (optimistic lock), its
recommendations, making it final; each with its history (lokasi.riwayat)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.models import KabupatenKota, Pengguna
from monev.akses import wajib_isi, wajib_putuskan
from monev.models import EvaluasiTahunan, Rekomendasi

FIELDS_NARASI = [
    "pengantar", "kesesuaian_kegiatan", "anggaran", "pencapaian_target", "ketepatan_sasaran",
    "keberlanjutan", "kesimpulan",
]  # fmt: skip
FIELDS_REKOMENDASI = ["jenis", "uraian", "ditujukan_kepada", "tembusan"]


def wajib_draf(evaluasi: EvaluasiTahunan) -> None:
    """Refuse (403) a change to a final evaluation."""
    if evaluasi.status == EvaluasiTahunan.Status.FINAL:
        raise PermissionDenied(_("Evaluasi tahunan ini sudah final dan tidak dapat diubah lagi."))


def _naikkan_versi(evaluasi: EvaluasiTahunan, *, pengguna: Pengguna, versi_awal: int) -> None:
    """Compare-and-set the version; refuse (KonflikPerubahan) when another save came between."""
    if not EvaluasiTahunan.objects.filter(pk=evaluasi.pk, versi=versi_awal).update(
        versi=F("versi") + 1, diubah_oleh=pengguna, diubah_pada=timezone.now()
    ):
        raise riwayat.KonflikPerubahan(
            EvaluasiTahunan.objects.select_related("diubah_oleh").get(pk=evaluasi.pk),
            _("evaluasi tahunan"),
        )
    evaluasi.versi = versi_awal + 1


def evaluasi_buat(
    *, kabupaten_kota: KabupatenKota, tahun: int, pengguna: Pengguna
) -> EvaluasiTahunan:
    """Create the city's evaluation of a year; refuse a second one for the same year."""
    wajib_isi(pengguna, kabupaten_kota)
    galat = ValidationError(
        {"tahun": _("Evaluasi tahunan %(tahun)s sudah ada untuk kabupaten/kota ini.")
         % {"tahun": tahun}}
    )  # fmt: skip
    if EvaluasiTahunan.objects.filter(kabupaten_kota=kabupaten_kota, tahun=tahun).exists():
        raise galat
    try:
        with transaction.atomic():
            evaluasi = EvaluasiTahunan.objects.create(
                kabupaten_kota=kabupaten_kota, tahun=tahun, dibuat_oleh=pengguna,
                diubah_oleh=pengguna,
            )  # fmt: skip
    except IntegrityError as e:  # created by someone else between the check and the insert
        raise galat from e
    riwayat.catat(
        obj=evaluasi, pengguna=pengguna, tindakan="dibuat", sebelum={},
        sesudah={str(_("tahun")): str(tahun)},
    )  # fmt: skip
    return evaluasi


@transaction.atomic
def narasi_simpan(
    *, evaluasi: EvaluasiTahunan, pengguna: Pengguna, versi_awal: int, narasi: dict[str, str]
) -> EvaluasiTahunan:
    """Save the narrative (pengantar, subjects a–e, kesimpulan) of a draft evaluation."""
    wajib_isi(pengguna, evaluasi.kabupaten_kota)
    wajib_draf(evaluasi)
    tersimpan = EvaluasiTahunan.objects.get(pk=evaluasi.pk)
    sebelum = riwayat.potret(tersimpan, FIELDS_NARASI)
    _naikkan_versi(evaluasi, pengguna=pengguna, versi_awal=versi_awal)
    for nama in FIELDS_NARASI:
        setattr(evaluasi, nama, narasi.get(nama, "").strip())
    evaluasi.diubah_oleh = pengguna
    evaluasi.save(update_fields=[*FIELDS_NARASI, "diubah_oleh", "diubah_pada"])
    riwayat.catat(
        obj=evaluasi, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
        sesudah=riwayat.potret(evaluasi, FIELDS_NARASI),
    )  # fmt: skip
    return evaluasi


@transaction.atomic
def evaluasi_finalkan(
    *, evaluasi: EvaluasiTahunan, pengguna: Pengguna, versi_awal: int
) -> EvaluasiTahunan:
    """Make the evaluation final: from then on it is read-only."""
    wajib_putuskan(pengguna, evaluasi.kabupaten_kota)
    wajib_draf(evaluasi)
    _naikkan_versi(evaluasi, pengguna=pengguna, versi_awal=versi_awal)
    EvaluasiTahunan.objects.filter(pk=evaluasi.pk).update(status=EvaluasiTahunan.Status.FINAL)
    evaluasi.status = EvaluasiTahunan.Status.FINAL
    riwayat.catat(
        obj=evaluasi, pengguna=pengguna, tindakan="diubah",
        sebelum={str(_("status")): str(EvaluasiTahunan.Status.DRAF.label)},
        sesudah={str(_("status")): str(EvaluasiTahunan.Status.FINAL.label)},
    )  # fmt: skip
    return evaluasi


def _potret_rekomendasi(r: Rekomendasi) -> dict[str, str]:
    return {
        str(_("rekomendasi")): (
            f"{r.get_jenis_display()}: {r.uraian} → {r.ditujukan_kepada}"
            + (f" (tembusan: {r.tembusan})" if r.tembusan else "")
        )
    }


@transaction.atomic
def rekomendasi_simpan(
    *, rekomendasi: Rekomendasi, pengguna: Pengguna, versi_awal: int
) -> Rekomendasi:
    """Add or change a recommendation of a draft evaluation (the evaluation's version moves)."""
    evaluasi = rekomendasi.evaluasi
    wajib_isi(pengguna, evaluasi.kabupaten_kota)
    wajib_draf(evaluasi)
    baru = rekomendasi.pk is None
    sebelum = {} if baru else _potret_rekomendasi(Rekomendasi.objects.get(pk=rekomendasi.pk))
    _naikkan_versi(evaluasi, pengguna=pengguna, versi_awal=versi_awal)
    rekomendasi.save()
    riwayat.catat(
        obj=evaluasi, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
        sesudah=_potret_rekomendasi(rekomendasi),
    )  # fmt: skip
    return rekomendasi


@transaction.atomic
def rekomendasi_hapus(*, rekomendasi: Rekomendasi, pengguna: Pengguna, versi_awal: int) -> None:
    """Remove a recommendation of a draft evaluation."""
    evaluasi = rekomendasi.evaluasi
    wajib_isi(pengguna, evaluasi.kabupaten_kota)
    wajib_draf(evaluasi)
    sebelum = _potret_rekomendasi(rekomendasi)
    _naikkan_versi(evaluasi, pengguna=pengguna, versi_awal=versi_awal)
    rekomendasi.delete()
    riwayat.catat(
        obj=evaluasi, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
        sesudah={str(_("rekomendasi")): str(_("(dihapus)"))},
    )  # fmt: skip
