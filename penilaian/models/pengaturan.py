"""A kab/kota's settings of its SK penetapan lokasi: the texts that differ between regions.

Bagian Hukum of each region words its decrees its own way: the Mengingat and Memperhatikan
lines (its own Perda/Perwal, amendments in force), whether the opening "DENGAN RAHMAT TUHAN
YANG MAHA ESA" is printed, "Wali Kota" or "Walikota", the name of the housing OPD that signs
the third verification block, and which regulation's articles the Buku Profil cites. A draft SK
reads these live; issuing freezes them into the SK (`SK.daerah_beku["pengaturan"]`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi.models import KabupatenKota
from penilaian.sk import isi as sk_isi

# The lists a user orders line by line on the settings page.
DAFTAR_PENGATURAN = ("mengingat", "memperhatikan")


class PengaturanSK(Tercatat):
    """One per kab/kota, made with the defaults on first use (`untuk`)."""

    kabupaten_kota = models.OneToOneField(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.CASCADE,
        related_name="pengaturan_sk",
    )
    # Lists of strings in print order: a line is one numbered item of the decree.
    mengingat = models.JSONField(_("mengingat"), default=list, blank=True)
    memperhatikan = models.JSONField(_("memperhatikan"), default=list, blank=True)
    dengan_rahmat = models.BooleanField(
        _("cetak \u201cDENGAN RAHMAT TUHAN YANG MAHA ESA\u201d"), default=True
    )
    sebutan_kepala = models.CharField(
        _("sebutan kepala daerah"),
        max_length=30,
        help_text=_("Seperti ditulis Bagian Hukum daerah ini: Wali Kota, Walikota, atau Bupati."),
    )
    nama_opd = models.CharField(
        _("nama OPD kabupaten/kota"),
        max_length=200,
        help_text=_("Judul blok verifikasi ketiga di bawah Lampiran I."),
    )
    peraturan_pola = models.CharField(
        _("peraturan acuan pola penanganan"),
        max_length=300,
        blank=True,
        help_text=_(
            "Peraturan yang pasalnya dikutip Buku Profil untuk tahapan pola penanganan dan "
            "tipologi, mis. \u201cPeraturan Wali Kota Pekalongan Nomor 50 Tahun 2022\u201d. "
            "Kosong: pasal tidak dikutip."
        ),
    )
    pasal_pemugaran = models.CharField(_("pasal Pemugaran"), max_length=60, blank=True)
    pasal_peremajaan = models.CharField(_("pasal Peremajaan"), max_length=60, blank=True)
    pasal_pemukiman_kembali = models.CharField(
        _("pasal Pemukiman Kembali"), max_length=60, blank=True
    )
    pasal_tipologi = models.CharField(_("pasal tipologi"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("pengaturan SK")
        verbose_name_plural = _("pengaturan SK")

    def __str__(self) -> str:
        return f"Pengaturan SK {self.kabupaten_kota}"

    @classmethod
    def baku(cls, kabkota: KabupatenKota) -> PengaturanSK:
        """An unsaved settings row with the defaults of this kab/kota."""
        jenis = kabkota.get_jenis_display()
        nama = kabkota.nama.removeprefix("Kota ").removeprefix("Kabupaten ")
        return cls(
            kabupaten_kota=kabkota,
            mengingat=list(sk_isi.mengingat_baku(jenis, nama)),
            memperhatikan=[],
            dengan_rahmat=True,
            sebutan_kepala=sk_isi.sebutan_kepala_baku(jenis),
            nama_opd=sk_isi.nama_opd_baku(jenis, nama),
        )

    @classmethod
    def untuk(cls, kabkota: KabupatenKota) -> PengaturanSK:
        """Return the kab/kota's settings, created with the defaults when it has none yet."""
        ada = cls.objects.filter(kabupaten_kota=kabkota).first()
        if ada is not None:
            return ada
        baru = cls.baku(kabkota)
        # get_or_create: two first uses at once make one row.
        hasil, _dibuat = cls.objects.get_or_create(
            kabupaten_kota=kabkota,
            defaults={
                f.attname: getattr(baru, f.attname)
                for f in cls._meta.concrete_fields
                if f.name not in ("id", "kabupaten_kota")
            },
        )
        return hasil

    def cetak(self) -> sk_isi.PengaturanCetak:
        """The settings as the SK's printers read them."""
        pasal = {
            "Pemugaran": self.pasal_pemugaran,
            "Peremajaan": self.pasal_peremajaan,
            "Pemukiman Kembali": self.pasal_pemukiman_kembali,
        }
        return sk_isi.PengaturanCetak(
            mengingat=tuple(self.mengingat),
            memperhatikan=tuple(self.memperhatikan),
            dengan_rahmat=self.dengan_rahmat,
            sebutan_kepala=self.sebutan_kepala,
            nama_opd=self.nama_opd,
            peraturan_pola=self.peraturan_pola,
            pasal_pola={k: v for k, v in pasal.items() if v.strip()},
            pasal_tipologi=self.pasal_tipologi,
        )
