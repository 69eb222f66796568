"""Operasional dan pemeliharaan: assets handed over and their periodic checks
(000:298-321; 001:226-231; 002:759-792; spec §2.11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kolaborasi.models import Kegiatan, PemangkuKepentingan
from kumuh.models import Tercatat
from lokasi.models import KabupatenKota, Lokasi


class Aset(Tercatat):
    class Pengelola(models.TextChoices):
        KSM = "ksm", _("KSM")
        KPP = "kpp", _("KPP")
        SKPD = "skpd", _("SKPD")

    class Pemeliharaan(models.TextChoices):
        RUTIN = "rutin", _("Rutin")
        BERKALA = "berkala", _("Berkala")

    kabupaten_kota = models.ForeignKey(KabupatenKota, on_delete=models.PROTECT, related_name="aset")
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name=_("kegiatan asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aset",
    )
    lokasi = models.ForeignKey(
        Lokasi,
        verbose_name=_("lokasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aset",
    )
    nama = models.CharField(_("aset/prasarana"), max_length=200)
    jenis_pengelola = models.CharField(
        _("jenis pengelola"), max_length=5, choices=Pengelola.choices
    )
    pengelola = models.ForeignKey(
        PemangkuKepentingan,
        verbose_name=_("pengelola"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aset_dikelola",
    )
    tanggal_serah_terima = models.DateField(_("tanggal serah terima"), null=True, blank=True)
    jenis_pemeliharaan = models.CharField(
        _("jenis pemeliharaan"),
        max_length=10,
        choices=Pemeliharaan.choices,
        default=Pemeliharaan.RUTIN,
    )
    interval_bulan = models.PositiveSmallIntegerField(
        _("pemeriksaan tiap (bulan)"),
        default=6,
        help_text=_("Jadwal pemeriksaan keberfungsian berikutnya dihitung dari ini."),
    )

    class Meta:
        verbose_name = _("aset")
        verbose_name_plural = _("aset")
        ordering = ["nama", "pk"]

    def __str__(self) -> str:
        return self.nama


class PemeriksaanAset(models.Model):
    """A keberfungsian check: is it there, in good condition, working, used (spec §2.11)."""

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="pemeriksaan")
    tanggal = models.DateField(_("tanggal periksa"))
    ada = models.BooleanField(_("ada"), default=True)
    kondisi_baik = models.BooleanField(_("kondisi baik"), default=True)
    berfungsi = models.BooleanField(_("berfungsi"), default=True)
    dimanfaatkan = models.BooleanField(_("dimanfaatkan"), default=True)
    kerusakan = models.TextField(_("kerusakan"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pemeriksaan aset")
        verbose_name_plural = _("pemeriksaan aset")
        ordering = ["aset", "-tanggal", "-pk"]

    def __str__(self) -> str:
        return f"{self.aset} — {self.tanggal:%d-%m-%Y}"
