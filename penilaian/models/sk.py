"""The SK penetapan lokasi (LAMPIRAN C of the Perwal): the decree, its verification blocks,
exclusions, frozen lokasi rows and the jobs that render its files."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import Lokasi, Pengguna
from penilaian.models.survei import Penilaian


class SKQuerySet(models.QuerySet["SK"]):
    def untuk(self, pengguna: Pengguna) -> SKQuerySet:
        """Return the SK of the kab/kota the user may see."""
        return self.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau())


class SK(Tercatat):
    """The Keputusan Wali Kota/Bupati on penetapan lokasi, from draft to issued.

    A draft reads its lokasi live (the latest penilaian terverifikasi pusat of each, minus the
    exclusions); `services_sk.sk_tetapkan` freezes them into `SKLokasi` rows, after which the
    SK and its files never change.
    """

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    kabupaten_kota = models.ForeignKey(
        "lokasi.KabupatenKota",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="sk",
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Penilaian yang dipakai: terverifikasi pusat sampai dengan tahun ini."),
    )
    nomor = models.CharField(_("nomor"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    tempat = models.CharField(_("ditetapkan di"), max_length=100)
    tentang = models.CharField(_("tentang"), max_length=300)
    penandatangan_nama = models.CharField(
        _("nama penandatangan"),
        max_length=150,
        blank=True,
        help_text=_("Nama lengkap tanpa gelar, seperti pada templat."),
    )
    penandatangan_jabatan = models.CharField(_("jabatan penandatangan"), max_length=150)
    mengingat_tambahan = models.TextField(
        _("mengingat (tambahan)"),
        blank=True,
        help_text=_("Satu peraturan per baris; dicetak sesudah tiga dasar hukum baku."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAF
    )
    # The kab/kota's names as they stood when the SK was issued (frozen with the lokasi).
    daerah_beku = models.JSONField(_("data daerah saat ditetapkan"), default=dict, blank=True)
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The token of the "buat draf SK" form that created it: sent twice, it finds this draft.
    token_buat = models.UUIDField(null=True, blank=True, editable=False)

    objects = SKQuerySet.as_manager()

    class Meta:
        verbose_name = _("SK penetapan lokasi")
        verbose_name_plural = _("SK penetapan lokasi")
        ordering = ["-tahun", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten_kota", "tahun", "token_buat"], name="sk_token_buat_unik"
            )
        ]

    def __str__(self) -> str:
        nomor = self.nomor or _("tanpa nomor")
        return f"SK {nomor} ({self.get_status_display()}, {self.tahun})"

    def get_absolute_url(self) -> str:
        return reverse("penilaian:sk_detail", args=[self.pk])

    @property
    def boleh_diubah(self) -> bool:
        return self.status == self.Status.DRAF


class VerifikasiSK(models.Model):
    """A verification block under Lampiran I: Tim Verifikasi Pusat, Provinsi, or the OPD."""

    class Tim(models.TextChoices):
        PUSAT = "pusat", _("Tim Verifikasi Pusat")
        PROVINSI = "provinsi", _("Tim Verifikasi Provinsi")
        KABKOTA = "kabkota", _("OPD Kabupaten/Kota")

    sk = models.ForeignKey(SK, on_delete=models.CASCADE, related_name="verifikasi")
    tim = models.CharField(_("tim"), max_length=10, choices=Tim.choices)
    nama = models.CharField(_("nama"), max_length=150, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    # Optimistic lock, as Tercatat.versi (0 in a form: the block did not exist yet). Who
    # changed it last is the SK's diubah_oleh: services_sk.verifikasi_simpan sets both.
    versi = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("verifikasi SK")
        verbose_name_plural = _("verifikasi SK")
        constraints = [models.UniqueConstraint(fields=["sk", "tim"], name="verifikasi_sk_unik")]

    def __str__(self) -> str:
        return f"{self.get_tim_display()}: {self.nama}"


class PengecualianSK(models.Model):
    """A lokasi the Pokja leaves out of a draft SK, with the reason."""

    sk = models.ForeignKey(SK, on_delete=models.CASCADE, related_name="pengecualian")
    lokasi = models.ForeignKey(Lokasi, on_delete=models.PROTECT, related_name="+")
    alasan = models.TextField(_("alasan"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengecualian lokasi SK")
        verbose_name_plural = _("pengecualian lokasi SK")
        constraints = [
            models.UniqueConstraint(fields=["sk", "lokasi"], name="pengecualian_sk_unik")
        ]

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.alasan}"


class SKLokasi(models.Model):
    """A lokasi frozen into an issued SK: its row, scores and profile as they were issued."""

    sk = models.ForeignKey(SK, on_delete=models.PROTECT, related_name="lokasi_beku")
    lokasi = models.ForeignKey(Lokasi, on_delete=models.PROTECT, related_name="sk_lokasi")
    penilaian = models.ForeignKey(Penilaian, on_delete=models.PROTECT, related_name="sk_lokasi")
    nomor = models.PositiveIntegerField(_("nomor urut"))
    # penilaian.sk_isi.LokasiSK.ke_json(): everything the annexes print.
    data = models.JSONField(_("data beku"))

    class Meta:
        verbose_name = _("lokasi SK")
        verbose_name_plural = _("lokasi SK")
        ordering = ["sk", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["sk", "lokasi"], name="sk_lokasi_unik"),
            models.UniqueConstraint(fields=["sk", "nomor"], name="sk_lokasi_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.data.get('nama', self.lokasi_id)}"


def _jalur_ekspor(instance: EksporSK, filename: str) -> str:
    return f"sk/{instance.sk_id}/ekspor/{filename}"


class EksporSK(models.Model):
    """One rendering of an SK's files, run in the background with its progress."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu")
        BERJALAN = "berjalan", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    sk = models.ForeignKey(SK, on_delete=models.CASCADE, related_name="ekspor")
    bagian = models.CharField(_("bagian"), max_length=12)
    format = models.CharField(_("format"), max_length=4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    kemajuan = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    pesan = models.CharField(_("pesan"), max_length=300, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=_jalur_ekspor, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    # Touched by every progress report: a running job silent for long was interrupted.
    diperbarui_pada = models.DateTimeField(auto_now=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    # The django.tasks result id: with a durable queue it tells a job still waiting for a
    # worker from one whose worker died.
    tugas_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("ekspor SK")
        verbose_name_plural = _("ekspor SK")
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.sk_id} {self.bagian}.{self.format} ({self.status})"

    @property
    def aktif(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)

    @property
    def menunggu_lama(self) -> bool:
        """Queued for over a minute: no worker is taking jobs (is `db_worker` running?)."""
        return self.status == self.Status.ANTRI and (
            timezone.now() - self.dibuat_pada > timedelta(minutes=1)
        )
