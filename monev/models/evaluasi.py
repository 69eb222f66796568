"""The Pokja's annual evaluation (001:233-260; spec §2.2): tables E1–E7 are assembled from the
data; what people write (the narrative per subject and the recommendations) is stored here."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import KabupatenKota


class EvaluasiTahunan(Tercatat):
    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        FINAL = "final", _("Final")

    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.PROTECT, related_name="evaluasi_tahunan"
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAF
    )
    # The five subjects of 001:245-249, then an opening and a closing.
    pengantar = models.TextField(_("pengantar"), blank=True)
    kesesuaian_kegiatan = models.TextField(_("a. kesesuaian program dan kegiatan"), blank=True)
    anggaran = models.TextField(_("b. alokasi dan realisasi anggaran"), blank=True)
    pencapaian_target = models.TextField(_("c. pencapaian target dan sasaran"), blank=True)
    ketepatan_sasaran = models.TextField(_("d. ketepatan sasaran"), blank=True)
    keberlanjutan = models.TextField(_("e. kesiapan keberlanjutan"), blank=True)
    kesimpulan = models.TextField(_("kesimpulan"), blank=True)

    class Meta:
        verbose_name = _("evaluasi tahunan")
        verbose_name_plural = _("evaluasi tahunan")
        ordering = ["-tahun", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten_kota", "tahun"], name="evaluasi_satu_per_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.tahun} {self.kabupaten_kota}"


class Rekomendasi(models.Model):
    """A recommendation of the evaluation, of the four kinds of 001:257-260."""

    class Jenis(models.TextChoices):
        RENCANA = "a", _("a. Perubahan rencana tahunan")
        ANGGARAN = "b", _("b. Realokasi anggaran/reorientasi target")
        KAWASAN = "c", _("c. Perubahan kawasan prioritas")
        KEBIJAKAN = "d", _("d. Kebijakan")

    evaluasi = models.ForeignKey(
        EvaluasiTahunan, on_delete=models.CASCADE, related_name="rekomendasi"
    )
    jenis = models.CharField(_("jenis"), max_length=1, choices=Jenis.choices)
    uraian = models.TextField(_("uraian"))
    ditujukan_kepada = models.CharField(_("ditujukan kepada"), max_length=200)
    tembusan = models.CharField(_("tembusan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["evaluasi", "jenis", "pk"]

    def __str__(self) -> str:
        return self.uraian[:60]
