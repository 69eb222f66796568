"""Monitoring of a kegiatan: what was done by a date, what it cost, what it handled.

Volumes are the common currency (model.md): a monitoring entry reports, for each effect of the
kegiatan, the volume **realised so far** (cumulative, in the criterion's Format Numerik unit);
the latest entry of a kegiatan is what peninjauan ulang subtracts from the baseline.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kolaborasi.models import EfekKegiatan, Kegiatan
from kumuh.models import Tercatat

NOL = [MinValueValidator(Decimal(0))]


class Pemantauan(Tercatat):
    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="pemantauan"
    )
    tanggal = models.DateField(_("tanggal pemantauan"))
    progres_fisik = models.DecimalField(
        _("progres fisik (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    kendala = models.TextField(_("kendala"), blank=True)
    tindakan_korektif = models.TextField(_("tindakan korektif"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    # The kegiatan's latest entry (by date, then by entry): what the dashboard adds up as the
    # realisation. Kept by `monev.pemantauan.terbaru` on every save and delete; choosing it per
    # kegiatan on every view took a fifth of the verifier's dashboard over 4,500 kegiatan.
    terbaru = models.BooleanField(_("entri terbaru"), default=False, editable=False)

    class Meta:
        verbose_name = _("pemantauan kegiatan")
        verbose_name_plural = _("pemantauan kegiatan")
        ordering = ["kegiatan", "-tanggal", "-pk"]
        indexes = [
            models.Index(fields=["kegiatan", "tanggal"]),
            models.Index(
                fields=["kegiatan"], condition=models.Q(terbaru=True), name="pemantauan_terbaru"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan} — {self.tanggal:%d-%m-%Y}"


class RealisasiEfek(models.Model):
    """The volume of one effect realised up to the monitoring date (cumulative)."""

    pemantauan = models.ForeignKey(Pemantauan, on_delete=models.CASCADE, related_name="efek")
    efek = models.ForeignKey(EfekKegiatan, on_delete=models.PROTECT, related_name="realisasi")
    volume = models.DecimalField(
        _("volume terealisasi"), max_digits=14, decimal_places=2, validators=NOL
    )

    class Meta:
        verbose_name = _("realisasi efek")
        verbose_name_plural = _("realisasi efek")
        constraints = [
            models.UniqueConstraint(fields=["pemantauan", "efek"], name="realisasi_efek_unik")
        ]

    def __str__(self) -> str:
        return f"{self.efek.kriteria}: {self.volume}"


class RealisasiDana(models.Model):
    """Money spent from one source up to the monitoring date (cumulative)."""

    pemantauan = models.ForeignKey(Pemantauan, on_delete=models.CASCADE, related_name="dana")
    sumber = models.CharField(
        _("sumber dana"), max_length=20, choices=aturan.pilihan(aturan.SUMBER_DANA)
    )
    jumlah = models.DecimalField(
        _("realisasi (Rp)"), max_digits=16, decimal_places=2, validators=NOL
    )

    class Meta:
        verbose_name = _("realisasi keuangan")
        verbose_name_plural = _("realisasi keuangan")
        constraints = [
            models.UniqueConstraint(fields=["pemantauan", "sumber"], name="realisasi_dana_unik")
        ]

    def __str__(self) -> str:
        return f"{self.sumber}: {self.jumlah}"


class FotoPemantauan(models.Model):
    """A photo of the work at 0 %, 50 % or 100 % with where it was taken."""

    class Tahap(models.TextChoices):
        NOL = "0", _("0 %")
        SETENGAH = "50", _("50 %")
        PENUH = "100", _("100 %")

    pemantauan = models.ForeignKey(Pemantauan, on_delete=models.CASCADE, related_name="foto")
    berkas = models.ImageField(_("foto"), upload_to="monev/pemantauan/")
    tahap = models.CharField(_("tahap"), max_length=3, choices=Tahap.choices)
    lintang = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto pemantauan")
        verbose_name_plural = _("foto pemantauan")
        ordering = ["pemantauan", "tahap", "pk"]

    def __str__(self) -> str:
        return self.keterangan or self.berkas.name


class TemuanAPIP(Tercatat):
    """A finding of the APIP (Inspektorat) on a kegiatan and its follow-up (000:294)."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Belum ditindaklanjuti")
        PROSES = "proses", _("Dalam tindak lanjut")
        SELESAI = "selesai", _("Selesai ditindaklanjuti")

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="temuan_apip")
    tanggal = models.DateField(_("tanggal laporan"))
    temuan = models.TextField(_("temuan"))
    rekomendasi = models.TextField(_("rekomendasi"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TERBUKA
    )

    class Meta:
        verbose_name = _("temuan APIP")
        verbose_name_plural = _("temuan APIP")
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return self.temuan[:60]
