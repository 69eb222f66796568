"""A big Excel of the priority list, made in the background (issue 14 item 2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokasi.models import PERAN_KABKOTA, KabupatenKota, Pengguna


def _jalur(instance: EksporPrioritas, filename: str) -> str:
    return f"prioritas/ekspor/{instance.pk or 'baru'}/{filename}"


class EksporPrioritasQuerySet(models.QuerySet["EksporPrioritas"]):
    def untuk(self, pengguna: Pengguna) -> EksporPrioritasQuerySet:
        """Return the exports the user may fetch: their own, and their city's colleagues'.

        A verifier's list spans cities: only its maker gets it.
        """
        milik = models.Q(dibuat_oleh=pengguna)
        if pengguna.peran in PERAN_KABKOTA and pengguna.kabupaten_kota_id:
            milik |= models.Q(kabupaten_kota_id=pengguna.kabupaten_kota_id)
        return self.filter(milik)


class EksporPrioritas(models.Model):
    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu")
        BERJALAN = "berjalan", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The maker's city (None for a verifier): colleagues of that city may fetch the file too.
    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The list's filters as the page's query string, validated again when the file is made.
    saringan = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    jumlah_baris = models.PositiveIntegerField(default=0)
    pesan = models.CharField(max_length=300, blank=True)
    berkas = models.FileField(upload_to=_jalur, blank=True)
    nama_berkas = models.CharField(max_length=200, blank=True)
    tugas_id = models.CharField(max_length=64, blank=True, editable=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    objects = EksporPrioritasQuerySet.as_manager()

    class Meta:
        verbose_name = _("ekspor daftar prioritas")
        verbose_name_plural = _("ekspor daftar prioritas")
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.saringan} ({self.status})"

    @property
    def aktif(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)
