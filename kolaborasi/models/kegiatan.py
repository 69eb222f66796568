"""Kegiatan and what they handle, the collaboration stages per lokasi, the Pokja's own
intervention criteria.

Volumes are the common currency (model.md): a kegiatan states its effects as (criterion,
volume in the criterion's Format Numerik unit) per lokasi, so a plan can be projected onto the
latest verified survey before any money is spent, and monitoring can report realised volumes
against the same rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kolaborasi.models.pemangku import PemangkuKepentingan
from kumuh.models import Tercatat
from lokasi.models import KabupatenKota, Lokasi, Pengguna, UnitSurvei
from penilaian import rumus
from penilaian.models import KRITERIA_PILIHAN

TAHUN = [MinValueValidator(2000), MaxValueValidator(2100)]
RUPIAH = {"max_digits": 16, "decimal_places": 2}


class TahapKolaborasi(models.Model):
    """How far a lokasi has come through the six stages of 000:236-246 (Proposal: per lokasi)."""

    lokasi = models.ForeignKey(Lokasi, on_delete=models.CASCADE, related_name="tahap_kolaborasi")
    tahap = models.CharField(_("tahap"), max_length=20, choices=aturan.pilihan(aturan.TAHAP))
    mulai = models.DateField(_("mulai"), null=True, blank=True)
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    bukti = models.TextField(_("bukti / keterangan"), blank=True)
    dokumen = models.FileField(_("dokumen bukti"), upload_to="kolaborasi/tahap/", blank=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tahap kolaborasi")
        verbose_name_plural = _("tahap kolaborasi")
        ordering = ["lokasi", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lokasi", "tahap"], name="tahap_unik_per_lokasi")
        ]

    def __str__(self) -> str:
        return f"{self.lokasi} — {self.get_tahap_display()}"


class KriteriaIntervensi(models.Model):
    """A priority criterion the Pokja sets for its own intervention order (000:250-253)."""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.PROTECT, related_name="kriteria_intervensi"
    )
    nama = models.CharField(_("kriteria"), max_length=200)
    uraian = models.TextField(_("uraian"), blank=True)
    bobot = models.DecimalField(
        _("bobot"), max_digits=5, decimal_places=2, default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )  # fmt: skip
    nilai_maks = models.PositiveSmallIntegerField(_("nilai tertinggi"), default=5)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kriteria prioritas intervensi")
        verbose_name_plural = _("kriteria prioritas intervensi")
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class NilaiIntervensi(models.Model):
    """The Pokja's score of one lokasi on one of its intervention criteria."""

    kriteria = models.ForeignKey(KriteriaIntervensi, on_delete=models.CASCADE, related_name="nilai")
    lokasi = models.ForeignKey(Lokasi, on_delete=models.CASCADE, related_name="nilai_intervensi")
    nilai = models.PositiveSmallIntegerField(_("nilai"))
    catatan = models.CharField(_("catatan"), max_length=300, blank=True)
    dinilai_oleh = models.ForeignKey(
        Pengguna, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dinilai_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nilai prioritas intervensi")
        verbose_name_plural = _("nilai prioritas intervensi")
        constraints = [
            models.UniqueConstraint(fields=["kriteria", "lokasi"], name="nilai_intervensi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kriteria}: {self.nilai}"


class KegiatanQuerySet(models.QuerySet["Kegiatan"]):
    def untuk(self, pengguna: Pengguna) -> KegiatanQuerySet:
        """Return the kegiatan of the kab/kota the user may see."""
        return self.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau())

    def rencana(self) -> KegiatanQuerySet:
        """Kegiatan that are planned (decided, not just proposed) and not yet finished."""
        return self.filter(status__in=aturan.STATUS_RENCANA)


class Kegiatan(Tercatat):
    """A kegiatan of the plan: for one lokasi (or one of its RT units), or city-wide with its
    effects allocated to lokasi explicitly."""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="kegiatan",
    )
    # None: skala kota; its effects then name their lokasi one by one.
    lokasi = models.ForeignKey(
        Lokasi,
        verbose_name=_("lokasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan",
    )
    unit = models.ForeignKey(
        UnitSurvei,
        verbose_name=_("unit RT/RW"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan",
    )
    program = models.CharField(_("program"), max_length=200)
    nama = models.CharField(_("nama kegiatan"), max_length=250)
    ruang_lingkup = models.CharField(
        _("ruang lingkup"), max_length=10, choices=aturan.pilihan(aturan.RUANG_LINGKUP)
    )
    sub_lingkup = models.CharField(
        _("sub ruang lingkup"),
        max_length=100,
        blank=True,
        help_text=_("Misalnya jalan lingkungan, pelatihan KSM, modal usaha."),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun pelaksanaan"), validators=TAHUN)
    tahun_awal_rencana = models.PositiveSmallIntegerField(
        _("tahun awal rencana"),
        validators=TAHUN,
        help_text=_("Tahun pertama RP2KPKP/RPLP yang memuat kegiatan ini; menentukan jangka."),
    )
    biaya = models.DecimalField(
        _("biaya (Rp)"), **RUPIAH, validators=[MinValueValidator(Decimal(0))]
    )
    pelaksana = models.CharField(
        _("pelaksana"), max_length=20, choices=aturan.pilihan(aturan.PELAKSANA)
    )
    penanggung_jawab = models.ForeignKey(
        PemangkuKepentingan,
        verbose_name=_("penanggung jawab"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan_dipimpin",
    )
    dasar = models.CharField(
        _("dasar"), max_length=10, choices=aturan.pilihan(aturan.DASAR), default="rp2kpkp"
    )
    dasar_dokumen = models.CharField(
        _("dokumen dasar"), max_length=200, blank=True, help_text=_("Nomor/judul dokumennya.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=aturan.pilihan(aturan.STATUS_KEGIATAN),
        default="usulan",
    )
    catatan = models.TextField(_("catatan"), blank=True)

    objects = KegiatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["tahun", "program", "nama", "pk"]
        indexes = [models.Index(fields=["kabupaten_kota", "tahun", "status"])]

    def __str__(self) -> str:
        return self.nama

    @property
    def horizon(self) -> str:
        return aturan.horizon(self.tahun, self.tahun_awal_rencana)

    @property
    def label_horizon(self) -> str:
        return aturan.HORIZON[self.horizon]

    @property
    def skala_kota(self) -> bool:
        return self.lokasi_id is None

    def get_absolute_url(self) -> str:
        return reverse("kolaborasi:kegiatan_detail", args=[self.pk])


class EfekKegiatan(models.Model):
    """What a kegiatan handles: a criterion's Format Numerik volume at one lokasi.

    Stated in the criterion's unit (Tabel 5 SAT), separate from the physical output: "1 unit
    TPS3R" is 6a: 120 KK terlayani (kolaborasi-monev.md §3.1). For 2a/4a the volume is the
    length built, which closes the gap.
    """

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="efek")
    lokasi = models.ForeignKey(Lokasi, on_delete=models.PROTECT, related_name="efek_kegiatan")
    unit = models.ForeignKey(
        UnitSurvei, on_delete=models.PROTECT, null=True, blank=True, related_name="efek_kegiatan"
    )
    kriteria = models.CharField(_("kriteria"), max_length=2, choices=KRITERIA_PILIHAN)
    volume = models.DecimalField(
        _("volume"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip

    class Meta:
        verbose_name = _("efek kegiatan")
        verbose_name_plural = _("efek kegiatan")
        ordering = ["kegiatan", "lokasi", "kriteria", "pk"]
        indexes = [models.Index(fields=["lokasi", "kriteria"])]

    def __str__(self) -> str:
        return f"{self.kriteria}: {self.volume} {self.satuan}"

    @property
    def satuan(self) -> str:
        return rumus.KRITERIA_PER_KODE[self.kriteria].satuan


class PendanaanKegiatan(models.Model):
    """One funding source's share of a kegiatan's biaya; the shares sum to the biaya."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="pendanaan")
    sumber = models.CharField(
        _("sumber dana"), max_length=20, choices=aturan.pilihan(aturan.SUMBER_DANA)
    )
    jumlah = models.DecimalField(
        _("jumlah (Rp)"), **RUPIAH, validators=[MinValueValidator(Decimal(0))]
    )
    pemangku = models.ForeignKey(
        PemangkuKepentingan,
        verbose_name=_("pemberi dana"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pendanaan",
    )

    class Meta:
        verbose_name = _("pendanaan kegiatan")
        verbose_name_plural = _("pendanaan kegiatan")
        ordering = ["kegiatan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "sumber"], name="sumber_unik_per_kegiatan")
        ]

    def __str__(self) -> str:
        return f"{self.get_sumber_display()}: {self.jumlah}"
