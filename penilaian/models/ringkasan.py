"""The priority list's narrow table: per lokasi, its latest approved survey (derived data).

Choosing each lokasi's latest approved survey (a correlated subquery), joining the lokasi for
its area and population and finding its first kecamatan by code costs a full pass over every
survey on each request: 200–400 ms at 30,000 lokasi. This table holds the result of that
choice, one narrow row per lokasi, so the page counts, sorts and pages it from an index.

It is derived, never edited: `penilaian.ringkasan` keeps it in step on every save of a survey,
a lokasi, its kelurahan or a kecamatan code (signals), bulk writers call `segarkan` for what
they wrote, and `manage.py segarkan_daftar_prioritas` rebuilds or checks it. The list "as it
stood in year N" (tahun filter) still reads the surveys themselves.
"""

from __future__ import annotations

from django.db import models

from lokasi.models import LUAS, KabupatenKota, Kecamatan, Lokasi, Pengguna
from penilaian.models.survei import Penilaian


class PenilaianTerakhirQuerySet(models.QuerySet["PenilaianTerakhir"]):
    def untuk(self, pengguna: Pengguna) -> PenilaianTerakhirQuerySet:
        """Return the rows of the lokasi the user may see (as Lokasi.objects.untuk)."""
        return self.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau())

    def urut_prioritas(self) -> PenilaianTerakhirQuerySet:
        # Penilaian.URUTAN_PRIORITAS for listed rows, whose prioritas and nilai are never NULL.
        return self.order_by("prioritas", "-nilai_kekumuhan", "nama", "lokasi_id")


class PenilaianTerakhir(models.Model):
    lokasi = models.OneToOneField(
        Lokasi, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="+")
    kabupaten_kota = models.ForeignKey(KabupatenKota, on_delete=models.CASCADE, related_name="+")
    # Where the lokasi counts in the totals: the first of its kecamatan by Kemendagri code.
    kecamatan_utama = models.ForeignKey(
        Kecamatan, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField()
    # The survey's date: the dashboard compares it with an SK's frozen one ("newer and worse").
    tanggal_survei = models.DateField(null=True)
    nama = models.CharField(max_length=200)
    # On the list (scored, with a class and a priority): penilaian.models.BERPRIORITAS.
    berprioritas = models.BooleanField()
    nilai_kekumuhan = models.PositiveSmallIntegerField(null=True)
    tingkat_kekumuhan = models.CharField(max_length=20, blank=True)
    legalitas = models.CharField(max_length=12, blank=True)
    klasifikasi = models.CharField(max_length=2, blank=True)
    prioritas = models.PositiveSmallIntegerField(null=True)
    pola_penanganan = models.CharField(max_length=20, blank=True)
    luas_ha = models.DecimalField(null=True, max_digits=LUAS["max_digits"], decimal_places=6)
    jumlah_penduduk = models.PositiveIntegerField(null=True)
    lintang = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    bujur = models.DecimalField(max_digits=9, decimal_places=6, null=True)

    objects = PenilaianTerakhirQuerySet.as_manager()

    class Meta:
        verbose_name = "penilaian terakhir yang disetujui (turunan)"
        indexes = [
            # The page of a verifier (all cities) and of a city, in list order.
            models.Index(
                fields=["berprioritas", "prioritas", "-nilai_kekumuhan", "nama"],
                name="pt_urut_idx",
            ),
            models.Index(
                fields=["kabupaten_kota", "berprioritas", "prioritas", "-nilai_kekumuhan", "nama"],
                name="pt_kota_urut_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tahun})"


class VersiDaftar(models.Model):
    """How many times a city's rows of `PenilaianTerakhir` were rewritten (bumped by
    `penilaian.ringkasan` in the writer's transaction). The sum over every city names the state
    of the whole table: cached totals of the priority list are kept under it, so a write in any
    process is seen by every other at once. Rows are never deleted (no foreign key: a city
    deleted keeps its count), so the sum only grows and never names an older state again."""

    kabupaten_kota_id = models.BigIntegerField(primary_key=True)
    versi = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "versi daftar prioritas (turunan)"

    def __str__(self) -> str:
        return f"{self.kabupaten_kota_id}: {self.versi}"
