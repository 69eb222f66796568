"""Lokasi berpotensi kumuh: the prevention watchlist (issue 13 item 3; 002:174-188,
kolaborasi-monev.md §1.6, §2.4). An area someone reported (a complaint, the media, data) is
watched until it is surveyed and found kumuh (then it becomes a Lokasi) or not."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import KabupatenKota, Kelurahan, Lokasi


class LokasiPotensi(Tercatat):
    class Sumber(models.TextChoices):
        PENGADUAN = "pengaduan", _("Pengaduan masyarakat")
        MEDIA = "media", _("Media")
        DATA = "data", _("Data")

    class Status(models.TextChoices):
        DIPANTAU = "dipantau", _("Dipantau")
        DISURVEI = "disurvei", _("Disurvei")
        BUKAN_KUMUH = "bukan_kumuh", _("Bukan kumuh")
        DITETAPKAN = "ditetapkan", _("Ditetapkan sebagai lokasi kumuh")

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="lokasi_potensi",
    )
    nama = models.CharField(_("nama kawasan"), max_length=200)
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lintang = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip
    bujur = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip
    sumber = models.CharField(_("sumber informasi"), max_length=10, choices=Sumber.choices)
    tanggal = models.DateField(_("tanggal informasi"))
    keterangan = models.TextField(_("keterangan"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DIPANTAU
    )
    # Once surveyed, the Lokasi registered for it (its surveys then tell the outcome).
    lokasi = models.ForeignKey(
        Lokasi,
        verbose_name=_("lokasi hasil survei"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lokasi berpotensi kumuh")
        verbose_name_plural = _("lokasi berpotensi kumuh")
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["kabupaten_kota", "status"])]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("monev:potensi_detail", args=[self.pk])
