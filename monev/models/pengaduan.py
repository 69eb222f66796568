"""Pengaduan masyarakat for the prevention of new slums (002:175-177, 822-826; 003:156, 179;
spec kolaborasi-monev.md §2.10): a complaint filed by a resident without an account, or entered
by the Dinas from the media or another perangkat daerah, and its handling steps."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import KabupatenKota, Kelurahan, Lokasi
from monev.pengaduan import aturan


class PengaduanQuerySet(models.QuerySet["Pengaduan"]):
    def untuk(self, pengguna) -> PengaduanQuerySet:
        return self.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau())

    def terbuka(self) -> PengaduanQuerySet:
        return self.exclude(status=aturan.SELESAI)

    def terlambat(self, hari_ini: date) -> PengaduanQuerySet:
        """Recommendations still open past their due date."""
        return self.filter(status=aturan.REKOMENDASI, tenggat__lt=hari_ini)


class Pengaduan(Tercatat):
    class Kategori(models.TextChoices):
        KUMUH_BARU = "kumuh_baru", _("Kumuh baru")
        PERIZINAN = "perizinan", _("Perizinan")
        STANDAR_TEKNIS = "standar_teknis", _("Standar teknis")
        KELAIKAN_FUNGSI = "kelaikan_fungsi", _("Kelaikan fungsi")
        KERUSAKAN_PSU = "kerusakan_psu", _("Kerusakan PSU hasil penanganan")
        LAINNYA = "lainnya", _("Lainnya")

    class Sumber(models.TextChoices):
        MASYARAKAT = "masyarakat", _("Masyarakat")
        MEDIA = "media", _("Media massa")
        PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat daerah")

    class Status(models.TextChoices):
        DITERIMA = aturan.DITERIMA, _("Diterima")
        TRIASE = aturan.TRIASE, _("Triase")
        CEK_LAPANGAN = aturan.CEK_LAPANGAN, _("Cek lapangan")
        EVALUASI = aturan.EVALUASI, _("Evaluasi")
        REKOMENDASI = aturan.REKOMENDASI, _("Rekomendasi")
        SELESAI = aturan.SELESAI, _("Selesai")

    kode = models.CharField(_("kode pengaduan"), max_length=aturan.PANJANG_KODE, unique=True)
    kabupaten_kota = models.ForeignKey(
        KabupatenKota, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
        related_name="pengaduan",
    )  # fmt: skip
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT,
        related_name="pengaduan",
    )  # fmt: skip
    lintang = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    alamat = models.CharField(_("alamat/patokan"), max_length=300, blank=True)
    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices)
    sumber = models.CharField(
        _("sumber"), max_length=20, choices=Sumber.choices, default=Sumber.MASYARAKAT
    )
    uraian = models.TextField(_("uraian"))
    foto = models.ImageField(_("foto"), upload_to="monev/pengaduan/", blank=True)
    # Never shown outside the Dinas nor printed in the report.
    kontak = models.CharField(_("kontak"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DITERIMA
    )
    lokasi = models.ForeignKey(
        Lokasi, verbose_name=_("lokasi terkait"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="pengaduan",
    )  # fmt: skip
    catatan_triase = models.TextField(_("catatan triase"), blank=True)
    tanggal_cek = models.DateField(_("tanggal cek lapangan"), null=True, blank=True)
    hasil_cek_lapangan = models.TextField(_("hasil cek lapangan"), blank=True)
    evaluasi_perizinan = models.TextField(_("evaluasi perizinan"), blank=True)
    evaluasi_standar_teknis = models.TextField(_("evaluasi standar teknis"), blank=True)
    evaluasi_kelaikan_fungsi = models.TextField(_("evaluasi kelaikan fungsi"), blank=True)
    rekomendasi = models.TextField(_("rekomendasi"), blank=True)
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    tenggat = models.DateField(_("tenggat"), null=True, blank=True)
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    catatan_selesai = models.TextField(_("catatan penyelesaian"), blank=True)

    objects = PengaduanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["kabupaten_kota", "status"])]

    def __str__(self) -> str:
        return self.kode

    @property
    def tahap_berikut(self) -> str | None:
        return aturan.tahap_berikut(self.status)


class LangkahPengaduan(models.Model):
    """When a complaint reached a step and who moved it: the public status page shows the
    steps and dates only, never the person."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="langkah")
    status = models.CharField(_("status"), max_length=20, choices=Pengaduan.Status.choices)
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("langkah pengaduan")
        verbose_name_plural = _("langkah pengaduan")
        ordering = ["pengaduan", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.pengaduan} — {self.get_status_display()}"
