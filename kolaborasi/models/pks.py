"""Pledges of external parties and cooperation agreements (perjanjian kerja sama, PKS).

Seeds: 000:182, 277-283 (resources under a PKS, signed by the Dinas, reported to the Pokja),
000:273 (planning results promoted at the Forum PKP, where parties pledge).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kolaborasi.models.kegiatan import RUPIAH, Kegiatan
from kolaborasi.models.pemangku import PemangkuKepentingan, Pertemuan, _Berlingkup
from kumuh.models import Tercatat
from lokasi.models import KabupatenKota, Lokasi


class Ikrar(models.Model):
    """A party's pledge, typically at a Forum PKP session, toward a kegiatan's funding gap."""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.PROTECT, related_name="ikrar"
    )
    pemangku = models.ForeignKey(
        PemangkuKepentingan,
        verbose_name=_("pemangku kepentingan"),
        on_delete=models.PROTECT,
        related_name="ikrar",
    )
    pertemuan = models.ForeignKey(
        Pertemuan,
        verbose_name=_("pertemuan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ikrar",
    )
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name=_("kegiatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ikrar",
    )
    jenis_sumberdaya = models.CharField(
        _("jenis sumber daya"), max_length=20, choices=aturan.pilihan(aturan.JENIS_SUMBERDAYA)
    )
    nilai = models.DecimalField(_("nilai (Rp)"), **RUPIAH, null=True, blank=True)
    uraian = models.TextField(_("uraian"), blank=True)
    tanggal = models.DateField(_("tanggal"))

    objects = _Berlingkup.as_manager()

    class Meta:
        verbose_name = _("ikrar dukungan")
        verbose_name_plural = _("ikrar dukungan")
        ordering = ["-tanggal", "pk"]

    def __str__(self) -> str:
        return f"{self.pemangku} — {self.get_jenis_sumberdaya_display()}"


class PerjanjianKerjaSama(Tercatat):
    """A PKS between the Dinas and an external party: what it provides, for which kegiatan and
    lokasi, for how long; reported to the Pokja at a meeting (000:283)."""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="perjanjian_kerja_sama",
    )
    nomor = models.CharField(_("nomor PKS"), max_length=100)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    pihak_pertama = models.CharField(_("pihak pertama"), max_length=200)
    pemangku = models.ForeignKey(
        PemangkuKepentingan,
        verbose_name=_("pihak kedua"),
        on_delete=models.PROTECT,
        related_name="perjanjian",
    )
    ruang_lingkup = models.TextField(_("ruang lingkup"))
    jenis_sumberdaya = models.CharField(
        _("jenis sumber daya"), max_length=20, choices=aturan.pilihan(aturan.JENIS_SUMBERDAYA)
    )
    nilai = models.DecimalField(_("nilai (Rp)"), **RUPIAH, null=True, blank=True)
    volume = models.CharField(_("volume"), max_length=200, blank=True)
    kegiatan = models.ManyToManyField(
        Kegiatan, verbose_name=_("kegiatan"), blank=True, related_name="perjanjian"
    )
    lokasi = models.ManyToManyField(
        Lokasi, verbose_name=_("lokasi"), blank=True, related_name="perjanjian"
    )
    mulai = models.DateField(_("berlaku mulai"), null=True, blank=True)
    selesai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    dokumen = models.FileField(_("dokumen PKS"), upload_to="kolaborasi/pks/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=aturan.pilihan(aturan.STATUS_PKS), default="draf"
    )
    dilaporkan_pada = models.ForeignKey(
        Pertemuan,
        verbose_name=_("dilaporkan ke Pokja pada"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="perjanjian_dilaporkan",
    )

    objects = _Berlingkup.as_manager()

    class Meta:
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return f"PKS {self.nomor}"

    @property
    def belum_dilaporkan(self) -> bool:
        """Signed (or beyond) but not yet tabled at a Pokja meeting (000:283)."""
        return self.status != "draf" and self.dilaporkan_pada_id is None

    def get_absolute_url(self) -> str:
        return reverse("kolaborasi:pks_detail", args=[self.pk])
