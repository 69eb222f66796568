"""Wilayah, users with their scope, and the inventory of slum locations (lokasi)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumuh.models import Tercatat
from lokasi import geo

# ---------------------------------------------------------------------------------------------
# Wilayah administratif (kode Kemendagri)
# ---------------------------------------------------------------------------------------------


class Provinsi(models.Model):
    kode = models.CharField(_("kode Kemendagri"), max_length=2, unique=True)
    nama = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class KategoriKota(models.TextChoices):
    # Permen PUPR 14/2018 Tabel 3 (and penilaian.md §3): the category sets the density bands.
    METROPOLITAN = "metropolitan", _("Metropolitan")
    BESAR = "besar", _("Besar")
    SEDANG = "sedang", _("Sedang")
    KECIL = "kecil", _("Kecil")


class KabupatenKota(models.Model):
    class Jenis(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")

    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="kabkota")
    kode = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    kategori = models.CharField(
        _("kategori kota"),
        max_length=12,
        choices=KategoriKota.choices,
        default=KategoriKota.SEDANG,
        help_text=_("Menentukan ambang kepadatan bangunan dan penduduk pada penilaian."),
    )

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama

    @property
    def jabatan_kepala(self) -> str:
        """Return who signs the SK: the Wali Kota of a kota, the Bupati of a kabupaten."""
        return "Wali Kota" if self.jenis == self.Jenis.KOTA else "Bupati"


class Kecamatan(models.Model):
    kabupaten_kota = models.ForeignKey(
        KabupatenKota, on_delete=models.PROTECT, related_name="kecamatan"
    )
    kode = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    batas = models.JSONField(
        _("batas wilayah (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_(
            "Poligon atau multipoligon GeoJSON dengan koordinat [bujur, lintang]; "
            "diimpor dengan perintah impor_batas_wilayah."
        ),
    )

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Kelurahan(models.Model):
    class Jenis(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="kelurahan")
    kode = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    batas = models.JSONField(
        _("batas wilayah (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_(
            "Poligon atau multipoligon GeoJSON dengan koordinat [bujur, lintang]; "
            "diimpor dengan perintah impor_batas_wilayah."
        ),
    )

    class Meta:
        verbose_name = _("kelurahan/desa")
        verbose_name_plural = _("kelurahan/desa")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


# ---------------------------------------------------------------------------------------------
# Pengguna dan lingkup aksesnya
# ---------------------------------------------------------------------------------------------


class Peran(models.TextChoices):
    ADMIN_KABKOTA = "admin_kabkota", _("Admin kabupaten/kota")
    OPERATOR = "operator", _("Operator Dinas")
    POKJA = "pokja", _("Anggota Pokja PKP")
    VERIFIKATOR_PROVINSI = "verifikator_provinsi", _("Verifikator provinsi")
    VERIFIKATOR_PUSAT = "verifikator_pusat", _("Verifikator pusat")


PERAN_KABKOTA = {Peran.ADMIN_KABKOTA, Peran.OPERATOR, Peran.POKJA}
# Who may add and edit the inventory of their own kab/kota.
PERAN_PENGELOLA_LOKASI = {Peran.ADMIN_KABKOTA, Peran.OPERATOR}


class Pengguna(AbstractUser):
    """A user who belongs to one kab/kota, or (verifiers) to a provinsi or to pusat."""

    peran = models.CharField(_("peran"), max_length=24, choices=Peran.choices, blank=True)
    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
    )
    provinsi = models.ForeignKey(
        Provinsi,
        verbose_name=_("provinsi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
    )
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # A role of a kab/kota needs that kab/kota; a provincial verifier needs a provinsi.
            models.CheckConstraint(
                name="pengguna_peran_kabkota_punya_kabkota",
                condition=~Q(peran__in=["admin_kabkota", "operator", "pokja"])
                | Q(kabupaten_kota__isnull=False),
            ),
            models.CheckConstraint(
                name="pengguna_verifikator_provinsi_punya_provinsi",
                condition=~Q(peran="verifikator_provinsi") | Q(provinsi__isnull=False),
            ),
        ]

    def kabkota_terjangkau(self) -> QuerySet[KabupatenKota]:
        """Return the kab/kota whose data this user may see."""
        if not self.is_active:
            return KabupatenKota.objects.none()
        if self.is_superuser or self.peran == Peran.VERIFIKATOR_PUSAT:
            return KabupatenKota.objects.all()
        if self.peran == Peran.VERIFIKATOR_PROVINSI:
            return KabupatenKota.objects.filter(provinsi_id=self.provinsi_id)
        if self.peran in PERAN_KABKOTA:
            return KabupatenKota.objects.filter(pk=self.kabupaten_kota_id)
        return KabupatenKota.objects.none()

    @property
    def boleh_kelola_lokasi(self) -> bool:
        return self.is_active and self.peran in PERAN_PENGELOLA_LOKASI

    @property
    def wilayah_tugas(self) -> str:
        """Return the name of the area this user works for, for the page header."""
        if self.peran in PERAN_KABKOTA and self.kabupaten_kota_id:
            return str(self.kabupaten_kota)
        if self.peran == Peran.VERIFIKATOR_PROVINSI and self.provinsi_id:
            return f"Provinsi {self.provinsi}"
        if self.peran == Peran.VERIFIKATOR_PUSAT or self.is_superuser:
            return "Pusat (seluruh Indonesia)"
        return ""


# ---------------------------------------------------------------------------------------------
# Lokasi (kawasan) dan unit survei (RT/RW)
# ---------------------------------------------------------------------------------------------


class Tipologi(models.TextChoices):
    # Permen PUPR 14/2018 Pasal 9 and Pasal 48 of seed 002: a location may have several.
    DI_ATAS_AIR = "di_atas_air", _("Di atas air")
    DI_TEPI_AIR = "di_tepi_air", _("Di tepi air")
    DATARAN_RENDAH = "dataran_rendah", _("Dataran rendah")
    PERBUKITAN = "perbukitan", _("Perbukitan")
    RAWAN_BENCANA = "rawan_bencana", _("Daerah rawan bencana")


# KOTAKU profile sheets give hectares with up to 6 decimals and lengths with up to 4: stored as
# given, so what is scored is what the file (and the calculator) says (issue 10 item 9).
LUAS = {"max_digits": 14, "decimal_places": 6, "validators": [MinValueValidator(Decimal(0))]}
PANJANG = {"max_digits": 14, "decimal_places": 4, "validators": [MinValueValidator(Decimal(0))]}


class LokasiQuerySet(models.QuerySet["Lokasi"]):
    def untuk(self, pengguna: Pengguna) -> LokasiQuerySet:
        """Return the lokasi the user may see (their kab/kota, provinsi or everything)."""
        return self.filter(kabupaten_kota__in=pengguna.kabkota_terjangkau())

    def untuk_daftar(self) -> LokasiQuerySet:
        """Fetch what list pages show in a constant number of queries."""
        return self.select_related("kabupaten_kota").prefetch_related(
            "kelurahan__kecamatan", "tipologi_set"
        )


class Lokasi(Tercatat):
    """A slum location (kawasan) as registered by the Dinas; never deleted, only re-surveyed."""

    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="lokasi",
    )
    kode = models.CharField(
        _("kode lokasi"),
        max_length=30,
        blank=True,
        help_text=_("Kode internal Dinas, misalnya dari baseline KOTAKU. Boleh kosong."),
    )
    nama = models.CharField(_("nama lokasi"), max_length=200)
    kelurahan = models.ManyToManyField(
        Kelurahan, verbose_name=_("kelurahan/desa"), related_name="lokasi"
    )
    rt_rw = models.CharField(
        _("RT/RW"),
        max_length=500,
        blank=True,
        help_text=_("Contoh: RT 01, 02, 03 / RW 04. Diisi otomatis bila lokasi punya unit RT."),
    )
    luas_sk_ha = models.DecimalField(_("luas SK (ha)"), null=True, blank=True, **LUAS)
    luas_verifikasi_ha = models.DecimalField(
        _("luas verifikasi (ha)"), null=True, blank=True, **LUAS
    )
    lintang = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    batas = models.JSONField(
        _("batas kawasan (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("Poligon atau multipoligon GeoJSON dengan koordinat [bujur, lintang]."),
    )
    jumlah_bangunan = models.PositiveIntegerField(_("jumlah bangunan"), null=True, blank=True)
    penduduk_laki_laki = models.PositiveIntegerField(_("penduduk laki-laki"), null=True, blank=True)
    penduduk_perempuan = models.PositiveIntegerField(_("penduduk perempuan"), null=True, blank=True)
    # A kawasan whose RT units (some of them) came from files with a total only (issue 10
    # item 11): its total, with no split to show. None whenever the split is known.
    penduduk_tanpa_rincian = models.PositiveIntegerField(
        _("jumlah penduduk (tanpa rincian laki-laki/perempuan)"), null=True, blank=True
    )
    jumlah_kk = models.PositiveIntegerField(_("jumlah KK"), null=True, blank=True)
    panjang_jalan_ideal_m = models.DecimalField(
        _("panjang jalan ideal (m)"), null=True, blank=True, **PANJANG
    )
    panjang_drainase_ideal_m = models.DecimalField(
        _("panjang drainase ideal (m)"), null=True, blank=True, **PANJANG
    )
    permasalahan = models.TextField(_("permasalahan"), blank=True)
    potensi = models.TextField(_("potensi"), blank=True)

    # dibuat_pada, diubah_pada, dibuat_oleh, diubah_oleh, versi come from Tercatat; versi is the
    # optimistic lock of services.lokasi_simpan.

    objects = LokasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokasi")
        verbose_name_plural = _("lokasi")
        ordering = ["nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten_kota", "kode"],
                condition=~Q(kode=""),
                name="lokasi_kode_unik_per_kabkota",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("lokasi:detail", args=[self.pk])

    @property
    def jumlah_penduduk(self) -> int | None:
        if self.penduduk_laki_laki is None and self.penduduk_perempuan is None:
            return self.penduduk_tanpa_rincian
        return (self.penduduk_laki_laki or 0) + (self.penduduk_perempuan or 0)

    @property
    def luas_ha(self) -> Decimal | None:
        """Return the area that counts: luas verifikasi when surveyed, else luas SK (§8)."""
        return self.luas_verifikasi_ha if self.luas_verifikasi_ha is not None else self.luas_sk_ha

    @property
    def kepadatan_penduduk(self) -> Decimal | None:
        """Return jiwa/ha over the area that counts, rounded to 2 decimals."""
        luas = self.luas_ha
        if not luas or self.jumlah_penduduk is None:
            return None
        # Half up, as penilaian.md §3 rounds density (Decimal defaults to half even).
        return (Decimal(self.jumlah_penduduk) / luas).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def daftar_tipologi(self) -> list[str]:
        return [t.get_kode_display() for t in self.tipologi_set.all()]

    @property
    def daftar_kelurahan(self) -> list[Kelurahan]:
        return list(self.kelurahan.all())

    @property
    def daftar_kecamatan(self) -> list[Kecamatan]:
        """Return the distinct kecamatan of the lokasi's kelurahan, in code order."""
        unik = {k.kecamatan.pk: k.kecamatan for k in self.kelurahan.all()}
        return sorted(unik.values(), key=lambda k: k.kode)

    def sebagai_geojson(self) -> dict | None:
        """Return a GeoJSON Feature for maps: the boundary if drawn, else the point."""
        return geo.feature(self.pk, self.nama, self.lintang, self.bujur, self.batas)


class TipologiLokasi(models.Model):
    lokasi = models.ForeignKey(Lokasi, on_delete=models.CASCADE, related_name="tipologi_set")
    kode = models.CharField(_("tipologi"), max_length=20, choices=Tipologi.choices)

    class Meta:
        verbose_name = _("tipologi lokasi")
        verbose_name_plural = _("tipologi lokasi")
        constraints = [
            models.UniqueConstraint(fields=["lokasi", "kode"], name="tipologi_unik_per_lokasi"),
        ]

    def __str__(self) -> str:
        return self.get_kode_display()


class UnitSurvei(models.Model):
    """One RT/RW of a kawasan, surveyed separately; the kawasan's numbers are their sums (§7)."""

    lokasi = models.ForeignKey(
        Lokasi, verbose_name=_("lokasi"), on_delete=models.CASCADE, related_name="unit_survei"
    )
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+"
    )
    rt = models.CharField(_("RT"), max_length=3)
    rw = models.CharField(_("RW"), max_length=3)
    luas_ha = models.DecimalField(_("luas (ha)"), **LUAS)
    jumlah_bangunan = models.PositiveIntegerField(_("jumlah bangunan"))
    # Required in the form; null only for a unit imported from a file that gives a total alone
    # (KOTAKU profiles often do; issue 10 item 11), whose total is penduduk_tanpa_rincian.
    penduduk_laki_laki = models.PositiveIntegerField(_("penduduk laki-laki"), null=True)
    penduduk_perempuan = models.PositiveIntegerField(_("penduduk perempuan"), null=True)
    penduduk_tanpa_rincian = models.PositiveIntegerField(
        _("jumlah penduduk (tanpa rincian laki-laki/perempuan)"), null=True, blank=True
    )
    jumlah_kk = models.PositiveIntegerField(_("jumlah KK"))
    panjang_jalan_ideal_m = models.DecimalField(_("panjang jalan ideal (m)"), **PANJANG)
    panjang_drainase_ideal_m = models.DecimalField(_("panjang drainase ideal (m)"), **PANJANG)
    # Optimistic lock, as Tercatat.versi: who changed it last is the kawasan's diubah_oleh
    # (services.unit_simpan records every unit change on the lokasi, in the same transaction).
    versi = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("unit survei (RT/RW)")
        verbose_name_plural = _("unit survei (RT/RW)")
        ordering = ["kelurahan__kode", "rw", "rt"]
        constraints = [
            models.UniqueConstraint(
                fields=["lokasi", "kelurahan", "rw", "rt"], name="unit_rt_rw_unik_per_lokasi"
            ),
            # Every unit has a population: split by sex, or else its total.
            models.CheckConstraint(
                condition=Q(penduduk_laki_laki__isnull=False, penduduk_perempuan__isnull=False)
                | Q(
                    penduduk_laki_laki__isnull=True,
                    penduduk_perempuan__isnull=True,
                    penduduk_tanpa_rincian__isnull=False,
                ),
                name="unit_penduduk_rinci_atau_jumlah",
            ),
        ]

    def __str__(self) -> str:
        return f"RT {self.rt} / RW {self.rw} {self.kelurahan}"

    @property
    def jumlah_penduduk(self) -> int:
        if self.penduduk_laki_laki is None or self.penduduk_perempuan is None:
            return self.penduduk_tanpa_rincian or 0
        return self.penduduk_laki_laki + self.penduduk_perempuan


def _jalur_foto(instance: FotoLokasi, filename: str) -> str:
    return f"lokasi/{instance.lokasi_id}/foto/{filename}"


def _jalur_dokumen(instance: DokumenLokasi, filename: str) -> str:
    return f"lokasi/{instance.lokasi_id}/dokumen/{filename}"


class FotoLokasi(models.Model):
    lokasi = models.ForeignKey(Lokasi, on_delete=models.CASCADE, related_name="foto")
    berkas = models.ImageField(_("foto"), upload_to=_jalur_foto)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto lokasi")
        verbose_name_plural = _("foto lokasi")
        ordering = ["diunggah_pada", "pk"]

    def __str__(self) -> str:
        return self.keterangan or self.berkas.name


class DokumenLokasi(models.Model):
    class Jenis(models.TextChoices):
        SK = "sk", _("SK / dokumen penetapan")
        PETA = "peta", _("Peta")
        LAPORAN = "laporan", _("Laporan survei")
        LAINNYA = "lainnya", _("Lainnya")

    lokasi = models.ForeignKey(Lokasi, on_delete=models.CASCADE, related_name="dokumen")
    jenis = models.CharField(_("jenis dokumen"), max_length=10, choices=Jenis.choices)
    judul = models.CharField(_("judul"), max_length=200)
    berkas = models.FileField(_("berkas"), upload_to=_jalur_dokumen)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen lokasi")
        verbose_name_plural = _("dokumen lokasi")
        ordering = ["diunggah_pada", "pk"]

    def __str__(self) -> str:
        return self.judul


class RiwayatPerubahan(models.Model):
    """Who changed which fields of a record, when, from what to what.

    Generic on purpose: surveys, SK and agreements of the later apps keep their history here
    too, so one page element shows every record's history the same way.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)
    tindakan = models.CharField(_("tindakan"), max_length=200)
    # {"field label": ["old", "new"], ...} as the user saw them (already formatted text).
    perubahan = models.JSONField(_("perubahan"), default=dict)

    class Meta:
        verbose_name = _("riwayat perubahan")
        verbose_name_plural = _("riwayat perubahan")
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-waktu"])]

    def __str__(self) -> str:
        return f"{self.tindakan} {self.content_type_id}:{self.object_id}"


# Defined in its own module (tokens are not part of the inventory), registered with this app.
from lokasi.token import TokenAPI  # noqa: E402, F401
