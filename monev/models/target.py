"""The city's own targets toward 0 ha (RPJMD / RP2KPKP): per year, the slum hectares and lokasi
it aims to have left at the end of that year. The dashboard and the Pokja's evaluation set the
official figures against them; without a target the column stays empty, never guessed."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import KabupatenKota


class TargetKota(Tercatat):
    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.CASCADE, related_name="target_kumuh"
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    luas_ha = models.DecimalField(
        _("target luas kumuh tersisa (ha)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Luas permukiman kumuh yang ditargetkan tersisa pada akhir tahun; 0 = tuntas."),
    )
    lokasi = models.PositiveIntegerField(_("target jumlah lokasi tersisa"), null=True, blank=True)
    dasar = models.CharField(
        _("dasar target"),
        max_length=300,
        blank=True,
        help_text=_("Dokumen yang menetapkan target, mis. RPJMD 2025–2029 atau RP2KPKP."),
    )

    class Meta:
        verbose_name = _("target pengurangan kumuh")
        verbose_name_plural = _("target pengurangan kumuh")
        ordering = ["kabupaten_kota", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten_kota", "tahun"], name="target_satu_per_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"Target {self.tahun} {self.kabupaten_kota}: {self.luas_ha} ha"
