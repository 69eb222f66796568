"""Peninjauan ulang of an issued SK (002:524-546; spec §2.1, §2.8, §3): for each of its lokasi,
kondisi awal from the SK's frozen survey, the realised handling since, kondisi akhir computed or
from a newer survey, and the decision (tetap / turun tingkat / keluar dari daftar)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import KabupatenKota
from penilaian.models import SK, Penilaian, SKLokasi


class PengaturanMonev(models.Model):
    """A city's own monev settings: which reading of Tabel 5's truncated footnote it applies
    (kolaborasi-monev.md §3.3) and the footnote text it prints under the table."""

    class Bacaan(models.TextChoices):
        A = "a", _("(A) rumus tercetak saja: (S awal − S akhir) / S awal")
        B = "b", _("(B) 100 % bila rata-rata kumuh sektoral akhir < 25 %")
        C = "c", _("(C) 100 % bila total nilai akhir < 16, selain itu terhadap 24,99 %")

    kabupaten_kota = models.OneToOneField(
        KabupatenKota, on_delete=models.CASCADE, related_name="pengaturan_monev"
    )
    bacaan_kontribusi = models.CharField(
        _("bacaan kontribusi penanganan"), max_length=1, choices=Bacaan.choices, default=Bacaan.A
    )
    catatan_kaki = models.TextField(_("catatan kaki Tabel 5"), blank=True)

    class Meta:
        verbose_name = _("pengaturan monev")
        verbose_name_plural = _("pengaturan monev")

    def __str__(self) -> str:
        return f"Pengaturan monev {self.kabupaten_kota}"


class PeninjauanUlang(Tercatat):
    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        SELESAI = "selesai", _("Selesai")

    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.PROTECT, related_name="peninjauan_ulang"
    )
    sk = models.ForeignKey(
        SK,
        verbose_name=_("SK yang ditinjau"),
        on_delete=models.PROTECT,
        related_name="peninjauan_ulang",
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun peninjauan (t+n)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAF
    )
    catatan = models.TextField(_("catatan"), blank=True)
    # The draft (later issued) Keputusan hasil peninjauan ulang that revokes `sk` (Pasal 40 (6)).
    keputusan = models.ForeignKey(
        SK,
        verbose_name=_("keputusan hasil peninjauan ulang"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peninjauan_asal",
    )

    class Meta:
        verbose_name = _("peninjauan ulang")
        verbose_name_plural = _("peninjauan ulang")
        ordering = ["-tahun", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["sk", "tahun"], name="peninjauan_satu_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Peninjauan ulang {self.tahun} — {self.sk}"


class PeninjauanLokasi(models.Model):
    """One lokasi of the reviewed SK: its frozen row, and the newer survey when there is one
    (which then replaces the computed kondisi akhir; the difference is shown)."""

    peninjauan = models.ForeignKey(PeninjauanUlang, on_delete=models.CASCADE, related_name="lokasi")
    sk_lokasi = models.ForeignKey(SKLokasi, on_delete=models.PROTECT, related_name="+")
    penilaian_baru = models.ForeignKey(
        Penilaian,
        verbose_name=_("penilaian baru"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("lokasi peninjauan ulang")
        verbose_name_plural = _("lokasi peninjauan ulang")
        ordering = ["peninjauan", "sk_lokasi__nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["peninjauan", "sk_lokasi"], name="peninjauan_lokasi_unik"
            )
        ]

    def __str__(self) -> str:
        return str(self.sk_lokasi)
