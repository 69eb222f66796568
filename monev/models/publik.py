"""A city's choice to publish its issued SK's lokasi and its progress toward 0 ha (issue 13
item 4; kolaborasi-monev.md §2.9). Not published until the city's admin or Pokja says so."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokasi.models import KabupatenKota


class PublikasiKota(models.Model):
    kabupaten_kota = models.OneToOneField(
        KabupatenKota, on_delete=models.CASCADE, related_name="publikasi"
    )
    terbit = models.BooleanField(
        _("terbitkan halaman publik"),
        default=False,
        help_text=_(
            "Bila dicentang, peta dan daftar lokasi SK yang berlaku serta kemajuan menuju 0 ha "
            "dapat dilihat siapa pun tanpa masuk. Tidak memuat data pribadi maupun foto."
        ),
    )
    pengantar = models.TextField(
        _("teks pengantar"),
        blank=True,
        max_length=2000,
        help_text=_("Ditampilkan di atas peta halaman publik (teks biasa)."),
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("publikasi kabupaten/kota")
        verbose_name_plural = _("publikasi kabupaten/kota")

    def __str__(self) -> str:
        return f"Publikasi {self.kabupaten_kota}"
