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

    def berlaku(self) -> SKQuerySet:
        """Issued SK not (yet) revoked or amended by another issued SK: the ones in force."""
        diganti = SK.objects.filter(menggantikan=models.OuterRef("pk"), status=SK.Status.DITETAPKAN)
        return self.filter(status=SK.Status.DITETAPKAN).exclude(models.Exists(diganti))


class SK(Tercatat):
    """The Keputusan Wali Kota/Bupati on penetapan lokasi, from draft to issued.

    A draft reads its lokasi live (the latest penilaian terverifikasi pusat of each, minus the
    exclusions); `services_sk.sk_tetapkan` freezes them into `SKLokasi` rows, after which the
    SK and its files never change.

    An SK may replace an issued one (`menggantikan`): it revokes it (a new penetapan, e.g. the
    Keputusan hasil peninjauan ulang, Perwal Pasal 40 ayat (6)) or amends it. The old SK is
    never touched: it stays frozen and readable, and is "dicabut/diubah oleh" the new one from
    the moment the new one is issued (`pengganti`, `SK.objects.berlaku()`).
    """

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    class Jenis(models.TextChoices):
        PENETAPAN = "penetapan", _("Penetapan lokasi")
        # Covers only the lokasi of the SK it replaces, with their re-surveys (Pasal 40-41).
        PENINJAUAN = "peninjauan", _("Hasil peninjauan ulang")

    class Hubungan(models.TextChoices):
        MENCABUT = "mencabut", _("Mencabut dan menggantikan")
        MENGUBAH = "mengubah", _("Mengubah")

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
        help_text=_(
            "Satu peraturan per baris, khusus SK ini; dicetak sesudah daftar Mengingat pada "
            "Pengaturan SK kabupaten/kota."
        ),
    )
    # Both regulations' articles name two annexes (Daftar Lokasi, Peta Sebaran); the Buku
    # Profil as Lampiran III is the city's choice. On by default: SKs made before the choice
    # existed printed it, and an issued SK must keep rendering as it was issued.
    dengan_buku_profil = models.BooleanField(
        _("dengan Buku Profil (Lampiran III)"),
        default=True,
        help_text=_(
            "Bila tidak dicentang, diktum KELIMA hanya menyebut Lampiran I dan II, dan Buku "
            "Profil tidak disediakan sebagai berkas SK."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAF
    )
    jenis = models.CharField(
        _("jenis keputusan"), max_length=12, choices=Jenis.choices, default=Jenis.PENETAPAN
    )
    menggantikan = models.ForeignKey(
        "self",
        verbose_name=_("SK yang dicabut/diubah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penggantian",
    )
    hubungan = models.CharField(
        _("terhadap SK tersebut"), max_length=10, choices=Hubungan.choices, blank=True
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
            # An SK replacing another says how; one replacing none says nothing.
            models.CheckConstraint(
                condition=(models.Q(menggantikan__isnull=True) & models.Q(hubungan=""))
                | (models.Q(menggantikan__isnull=False) & ~models.Q(hubungan="")),
                name="sk_hubungan_dengan_penggantian",
            ),
            models.CheckConstraint(
                condition=~models.Q(jenis="peninjauan") | models.Q(menggantikan__isnull=False),
                name="sk_peninjauan_menggantikan",
            ),
            models.UniqueConstraint(
                fields=["kabupaten_kota", "tahun", "token_buat"], name="sk_token_buat_unik"
            ),
        ]

    def __str__(self) -> str:
        nomor = self.nomor or _("tanpa nomor")
        return f"SK {nomor} ({self.get_status_display()}, {self.tahun})"

    @property
    def judul_singkat(self) -> str:
        """ "SK Nomor 050/123 Tahun 2024": how the other SK is named on a page."""
        if not self.nomor:
            return str(_("Draf SK %(tahun)s")) % {"tahun": self.tahun}
        tahun = self.tanggal.year if self.tanggal else self.tahun
        return str(_("SK Nomor %(nomor)s Tahun %(tahun)s")) % {"nomor": self.nomor, "tahun": tahun}

    @property
    def pengganti(self) -> SK | None:
        """The issued SK that revoked or amended this one (prefetch `penggantian` for lists)."""
        return next((s for s in self.penggantian.all() if s.status == self.Status.DITETAPKAN), None)

    @property
    def status_tampil(self) -> str:
        """ "Ditetapkan", "Draf", or "Dicabut"/"Diubah" once an issued SK replaced it."""
        pengganti = self.pengganti if self.status == self.Status.DITETAPKAN else None
        if pengganti is None:
            return self.get_status_display()
        if pengganti.hubungan == self.Hubungan.MENGUBAH:
            return str(_("Diubah"))
        return str(_("Dicabut"))

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
    # The SK as the file was rendered from it: a file belongs to that version (a draft's file
    # is never handed out as the issued SK's, nor an older draft's as the current one's).
    sk_versi = models.PositiveIntegerField(_("versi SK"), null=True, editable=False)
    draf = models.BooleanField(_("dibuat dari draf"), default=True, editable=False)

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
