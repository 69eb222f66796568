"""A narrow copy of the frozen SK rows for the dashboard toward 0 ha (issue 14 item 2).

An issued SK's rows are frozen as JSON of about 5 KB each (`penilaian.SKLokasi.data`); adding
up 15,000 of them by reading that JSON takes seconds, in Python or in the database. The few
values the dashboard adds up are copied here once per SK, as columns, so the totals are a
GROUP BY. The copy is made as the SK is issued, from the rows it freezes, and never edited:
the rows it copies never change (`monev.dasbor.data.salin_sk`; migration 0008 copied the SKs
issued before).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lokasi.models import Lokasi
from penilaian.models import SK, PenilaianTerakhir, SKLokasi


class BarisSKBeku(models.Model):
    baris = models.OneToOneField(SKLokasi, on_delete=models.CASCADE, related_name="dasbor")
    # The row's SK and lokasi again, so the totals group without a join.
    sk = models.ForeignKey(SK, on_delete=models.CASCADE, related_name="+")
    lokasi = models.ForeignKey(Lokasi, on_delete=models.CASCADE, related_name="+")
    nomor = models.PositiveIntegerField(_("nomor urut"))
    tingkat = models.TextField(_("tingkat kekumuhan"))  # "–" when the row has none
    kecamatan = models.TextField(_("kecamatan pertama"), blank=True)
    luas_ha = models.DecimalField(_("luas (ha)"), max_digits=20, decimal_places=6, null=True)
    # The area as the SK prints it (2 decimals, half up; 0 without area): KEEMPAT adds these.
    luas_cetak = models.DecimalField(_("luas tercetak (ha)"), max_digits=16, decimal_places=2)
    # What the "newer and worse survey" flag compares and says.
    nama = models.TextField(_("nama lokasi"))
    tahun_penilaian = models.PositiveSmallIntegerField(_("tahun penilaian"))
    tanggal_survei = models.DateField(_("tanggal survei"), null=True)
    nilai_kekumuhan = models.IntegerField(_("nilai kekumuhan"))
    tingkat_kekumuhan = models.TextField(_("tingkat kekumuhan (tertulis)"), blank=True)
    # The row's own flags (no area, no kecamatan, units or reference area apart), worked out
    # when copied: [[jenis, pesan], …]; `diperiksa` says there are some, for the index.
    tanda = models.JSONField(_("tanda"), default=list)
    diperiksa = models.BooleanField(_("ada tanda"))
    # The lokasi's latest approved survey (the priority list's narrow table, kept in step with
    # every survey written): a join on lokasi, no column, for the "newer and worse" flag.
    terakhir = models.ForeignObject(
        PenilaianTerakhir,
        on_delete=models.DO_NOTHING,
        from_fields=["lokasi"],
        to_fields=["lokasi"],
        related_name="+",
        null=True,
        serialize=False,  # no value of its own: a backup holds the lokasi already
    )
    # That join's verdict, kept: the lokasi's latest approved survey is newer than this row's
    # and scores higher (`monev.dasbor.data.tandai_survei`, run whenever the narrow table is
    # rewritten and when the row is copied). Counting the flags of a whole country by the join
    # on every view was a quarter of the verifier's dashboard.
    survei_lebih_buruk = models.BooleanField(_("survei lebih baru dan lebih buruk"), default=False)

    class Meta:
        verbose_name = _("baris SK untuk dasbor")
        verbose_name_plural = _("baris SK untuk dasbor")
        indexes = [
            models.Index(
                fields=["sk", "tingkat", "kecamatan", "luas_cetak", "luas_ha"],
                name="baris_sk_beku_kelompok",
            ),
            # The few rows with flags of their own, read on every view.
            models.Index(fields=["sk", "diperiksa", "nomor"], name="baris_sk_beku_bertanda"),
            # The rows whose lokasi has a newer, worse survey, in the page's order.
            models.Index(
                fields=["sk", "nomor"],
                condition=models.Q(survei_lebih_buruk=True),
                name="baris_sk_beku_survei",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sk_id}: {self.nomor}"
