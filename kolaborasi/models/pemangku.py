"""Stakeholders, Pokja PKP and Forum PKP with their members, and their meetings.

Seeds: 000:70-73 (who collaborates), 001:53-77 (Pokja: SK, tupoksi, rencana kerja ≥ 1 year,
budget), 001:207-218 (monitoring meetings at least every 2 months), 000:273, 334 (Forum PKP).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kumuh.models import Tercatat
from lokasi.models import KabupatenKota, Pengguna


class _Berlingkup(models.QuerySet):
    def untuk(self, pengguna: Pengguna):
        """Return the rows of the kab/kota the user may see."""
        return self.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau())


class PemangkuKepentinganQuerySet(_Berlingkup):
    def internal(self) -> PemangkuKepentinganQuerySet:
        return self.filter(jenis__in=aturan.JENIS_INTERNAL)

    def eksternal(self) -> PemangkuKepentinganQuerySet:
        return self.filter(jenis__in=aturan.JENIS_EKSTERNAL)


class PemangkuKepentingan(Tercatat):
    """A party of the collaboration: inside the Pemda (Perangkat Daerah, BUMD, lembaga
    kemasyarakatan) or outside it (companies under TJSLP, universities, NGOs, …)."""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="pemangku_kepentingan",
    )
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(
        _("jenis"), max_length=30, choices=aturan.pilihan(aturan.JENIS_PEMANGKU)
    )
    # Kompetensi (000:181): what the party can contribute to; any of the three.
    kompetensi_psu = models.BooleanField(_("kompetensi PSU"), default=False)
    kompetensi_sosial = models.BooleanField(_("kompetensi sosial"), default=False)
    kompetensi_ekonomi = models.BooleanField(_("kompetensi ekonomi"), default=False)
    # A lembaga kemasyarakatan is set up by a Keputusan Camat/Lurah (000:71).
    dasar_nomor = models.CharField(_("nomor keputusan pembentukan"), max_length=100, blank=True)
    dasar_tanggal = models.DateField(_("tanggal keputusan pembentukan"), null=True, blank=True)
    alamat = models.TextField(_("alamat"), blank=True)
    kontak_nama = models.CharField(_("nama narahubung"), max_length=150, blank=True)
    kontak_jabatan = models.CharField(_("jabatan narahubung"), max_length=150, blank=True)
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    objects = PemangkuKepentinganQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemangku kepentingan")
        verbose_name_plural = _("pemangku kepentingan")
        ordering = ["nama", "pk"]
        indexes = [models.Index(fields=["kabupaten_kota", "jenis"])]

    def __str__(self) -> str:
        return self.nama

    @property
    def internal(self) -> bool:
        return aturan.jenis_internal(self.jenis)

    @property
    def kompetensi(self) -> list[str]:
        return [
            label
            for kode, label in aturan.KOMPETENSI.items()
            if getattr(self, f"kompetensi_{kode}")
        ]

    def get_absolute_url(self) -> str:
        return reverse("kolaborasi:pemangku_detail", args=[self.pk])


class LembagaPKP(Tercatat):
    """The Pokja PKP (internal members only) or the Forum PKP (internal and external) of a
    kab/kota, as formed by an SK of the Kepala Daerah."""

    class Jenis(models.TextChoices):
        POKJA = "pokja", _("Pokja PKP")
        FORUM = "forum", _("Forum PKP")

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="lembaga_pkp",
    )
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    nomor_sk = models.CharField(_("nomor SK pembentukan"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK pembentukan"), null=True, blank=True)
    dokumen_sk = models.FileField(_("dokumen SK"), upload_to="kolaborasi/lembaga/", blank=True)
    masa_mulai = models.DateField(_("masa tugas mulai"), null=True, blank=True)
    masa_selesai = models.DateField(_("masa tugas selesai"), null=True, blank=True)
    # Rencana kerja of at least one year (001:71); warned when it ends.
    rencana_kerja = models.TextField(_("rencana kerja"), blank=True)
    rencana_mulai = models.DateField(_("rencana kerja mulai"), null=True, blank=True)
    rencana_selesai = models.DateField(_("rencana kerja selesai"), null=True, blank=True)
    anggaran_operasional = models.DecimalField(
        _("anggaran operasional (Rp)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    tahun_anggaran = models.PositiveSmallIntegerField(_("tahun anggaran"), null=True, blank=True)

    objects = _Berlingkup.as_manager()

    class Meta:
        verbose_name = _("Pokja/Forum PKP")
        verbose_name_plural = _("Pokja/Forum PKP")
        ordering = ["jenis", "-tanggal_sk", "pk"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.kabupaten_kota}"


class Keanggotaan(models.Model):
    """A member of a Pokja or Forum PKP: a stakeholder, represented by a named person."""

    lembaga = models.ForeignKey(LembagaPKP, on_delete=models.CASCADE, related_name="anggota")
    pemangku = models.ForeignKey(
        PemangkuKepentingan,
        verbose_name=_("unsur"),
        on_delete=models.PROTECT,
        related_name="keanggotaan",
    )
    nama = models.CharField(_("nama"), max_length=150)
    jabatan = models.CharField(
        _("jabatan dalam Pokja/Forum"), max_length=100, help_text=_("Ketua, sekretaris, anggota…")
    )
    jabatan_asal = models.CharField(_("jabatan di instansi"), max_length=150, blank=True)
    mulai = models.DateField(_("mulai"), null=True, blank=True)
    selesai = models.DateField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("anggota")
        verbose_name_plural = _("anggota")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"


class Pertemuan(Tercatat):
    """A meeting: Pokja routine or monitoring (≥ every 2 months), Forum PKP, sosialisasi…"""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="pertemuan",
    )
    lembaga = models.ForeignKey(
        LembagaPKP,
        verbose_name=_("Pokja/Forum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pertemuan",
    )
    jenis = models.CharField(
        _("jenis"), max_length=20, choices=aturan.pilihan(aturan.JENIS_PERTEMUAN)
    )
    tanggal = models.DateField(_("tanggal"))
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    sumber_informasi = models.TextField(
        _("sumber informasi"), blank=True, help_text=_("SIM, survei, dokumen, uji petik…")
    )
    temuan = models.TextField(_("temuan"), blank=True)
    ringkasan = models.TextField(_("ringkasan / notulen"), blank=True)

    objects = _Berlingkup.as_manager()

    class Meta:
        verbose_name = _("pertemuan")
        verbose_name_plural = _("pertemuan")
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["kabupaten_kota", "jenis", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"


class Kehadiran(models.Model):
    pertemuan = models.ForeignKey(Pertemuan, on_delete=models.CASCADE, related_name="kehadiran")
    anggota = models.ForeignKey(
        Keanggotaan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nama = models.CharField(_("nama"), max_length=150)
    instansi = models.CharField(_("instansi"), max_length=200, blank=True)
    hadir = models.BooleanField(_("hadir"), default=True)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.nama


class KeputusanPertemuan(models.Model):
    """A decision or follow-up of a meeting, with who does it by when."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        SELESAI = "selesai", _("Selesai")

    pertemuan = models.ForeignKey(Pertemuan, on_delete=models.CASCADE, related_name="keputusan")
    uraian = models.TextField(_("keputusan / tindak lanjut"))
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    tenggat = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TERBUKA
    )

    class Meta:
        verbose_name = _("keputusan pertemuan")
        verbose_name_plural = _("keputusan pertemuan")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.uraian[:60]


class LampiranPertemuan(models.Model):
    pertemuan = models.ForeignKey(Pertemuan, on_delete=models.CASCADE, related_name="lampiran")
    judul = models.CharField(_("judul"), max_length=200)
    berkas = models.FileField(_("berkas"), upload_to="kolaborasi/pertemuan/")
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran pertemuan")
        verbose_name_plural = _("lampiran pertemuan")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.judul
