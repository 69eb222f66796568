"""A survey (penilaian) of one lokasi at one date: inputs, stored results and its workflow.

Results are never typed: `services.penilaian_simpan` recomputes them from the inputs with
`penilaian.rumus` on every save, so a correction of an input or of the rules stays consistent.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kumuh.angka import tanggal_indonesia
from kumuh.models import Tercatat
from lokasi.models import LUAS, PANJANG, Lokasi, Pengguna, UnitSurvei
from penilaian import rumus


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan ke Pokja PKP")
    DISETUJUI_POKJA = "disetujui_pokja", _("Disetujui Pokja PKP")
    TERVERIFIKASI_PROVINSI = "terverifikasi_provinsi", _("Terverifikasi provinsi")
    TERVERIFIKASI_PUSAT = "terverifikasi_pusat", _("Terverifikasi pusat")


# Statuses whose results count as "approved" for the priority list.
STATUS_DISETUJUI = [
    Status.DISETUJUI_POKJA,
    Status.TERVERIFIKASI_PROVINSI,
    Status.TERVERIFIKASI_PUSAT,
]

# The survey's typed header fields (Tabel 1 A–B, legalitas, pertimbangan lain): the form's
# fields and, with the results, what the change history records.
FIELD_ISIAN = [
    "tahun",
    "tanggal_survei",
    "surveyor_nama",
    "surveyor_instansi",
    "surveyor_jabatan",
    "surveyor_alamat",
    "surveyor_telepon",
    "responden_nama",
    "responden_jabatan",
    "responden_alamat",
    "responden_telepon",
    "tanggal_pengisian",
    "kesesuaian_rdtr",
    "kesesuaian_rtbl",
    "dokumen_rdtr_rtbl",
    "kdb_rata_rata",
    "klb_rata_rata",
    "genangan",
    "status_penguasaan",
    "kesesuaian_rtr",
    "strategis",
    "kepadatan_penduduk",
    "potensi_sosekbud",
]
PITA_PILIHAN = [(p, p.replace("-", "–") + " %") for p in rumus.PITA_SKOR]
KRITERIA_PILIHAN = [(k.kode, f"{k.kode} {k.nama}") for k in rumus.KRITERIA]


class Genangan(models.TextChoices):
    """Tabel 1 G.2 "Genangan terjadi": above or below all three thresholds of criterion 4b."""

    LEBIH = "lebih", _("lebih dari (tinggi 30 cm, selama 2 jam dan terjadi 2 x setahun)")
    KURANG = "kurang", _("kurang dari (tinggi 30 cm, selama 2 jam dan terjadi 2 x setahun)")


# The "yang ada" checklists of Tabel 1 (what exists on the lokasi), per criterion: the question
# and the options, in the Format Isian's words and order. 2b and 4c ask the road surface and
# drain construction types the same way. In 1c the seed's table prints "pengendalian dampak
# lingkungan" and "pembangunan … prasarana/sarana umum" on one line; Tabel 3 of the same
# lampiran lists them as two requirements, so they are two options here.
YANG_ADA: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "1c": (
        _("persyaratan bangunan gedung yang telah diatur"),
        [
            ("dampak_lingkungan", _("pengendalian dampak lingkungan")),
            (
                "atas_bawah_tanah",
                _(
                    "pembangunan bangunan gedung di atas dan/atau di bawah tanah, air dan/atau "
                    "prasarana/sarana umum"
                ),
            ),
            ("keselamatan", _("keselamatan bangunan gedung")),
            ("kesehatan", _("kesehatan bangunan gedung")),
            ("kenyamanan", _("kenyamanan bangunan gedung")),
            ("kemudahan", _("kemudahan bangunan gedung")),
        ],
    ),
    "2b": (
        _("jenis permukaan jalan"),
        [
            ("lentur", _("jalan perkerasan lentur")),
            ("kaku", _("jalan perkerasan kaku")),
            ("kombinasi", _("jalan perkerasan kombinasi")),
            ("tanpa_perkerasan", _("jalan tanpa perkerasan")),
        ],
    ),
    "4c": (
        _("jenis konstruksi saluran drainase"),
        [
            ("tanah", _("Saluran tanah")),
            ("pasang_batu", _("Saluran pasang batu")),
            ("beton", _("Saluran beton")),
        ],
    ),
    "5b": (
        _("prasarana dan sarana pengolahan air limbah yang ada pada lokasi"),
        [
            ("kloset_septik", _("Kloset yang terhubung dengan tangki septik")),
            (
                "tanpa_sistem_pengolahan",
                _("Tidak tersedianya sistem pengolahan limbah setempat atau terpusat"),
            ),
        ],
    ),
    "6a": (
        _("prasarana dan sarana persampahan yang ada pada lokasi"),
        [
            ("tempat_sampah", _("Tempat sampah")),
            ("tps", _("Tempat pengumpulan sampah (TPS) atau TPS 3R")),
            ("pengangkut", _("Sarana pengangkut sampah")),
            ("tpst", _("Tempat pengolahan sampah terpadu (TPST) pada skala lingkungan")),
        ],
    ),
    "7a": (
        _("prasarana proteksi kebakaran lingkungan yang ada"),
        [
            ("pasokan_air", _("Pasokan air untuk pemadam kebakaran")),
            (
                "jalan",
                _("Jalan lingkungan yang memadai untuk sirkulasi kendaraan pemadam kebakaran"),
            ),
            ("komunikasi", _("Sarana komunikasi")),
            ("data", _("Data tentang sistem proteksi kebakaran")),
        ],
    ),
    "7b": (
        _("sarana proteksi kebakaran lingkungan yang ada"),
        [
            ("apar", _("Alat Pemadam Api Ringan (APAR)")),
            ("kendaraan", _("Kendaraan pemadam kebakaran")),
            ("mobil_tangga", _("Mobil tangga")),
        ],
    ),
}

# Survey dates: the survey year already starts at 2000 (`tahun`), so an earlier date is a typo
# (1925 for 2025); a survey records what was seen, so a date after today is one too.
TANGGAL_PALING_AWAL = date(2000, 1, 1)


def _cek_tanggal(nilai: date | None, label: str) -> None:
    if nilai is None:
        return
    if nilai < TANGGAL_PALING_AWAL:
        raise ValidationError(
            gettext("%(field)s %(t)s terlalu awal: tidak boleh sebelum 1 Januari 2000.")
            % {"field": label, "t": tanggal_indonesia(nilai)},
            code="tanggal_terlalu_awal",
        )
    hari_ini = timezone.localdate()
    if nilai > hari_ini:
        raise ValidationError(
            gettext("%(field)s %(t)s belum terjadi: tidak boleh melewati hari ini (%(h)s).")
            % {
                "field": label,
                "t": tanggal_indonesia(nilai),
                "h": tanggal_indonesia(hari_ini),
            },
            code="tanggal_masa_depan",
        )


def cek_tanggal_survei(nilai: date | None) -> None:
    _cek_tanggal(nilai, gettext("Tanggal survei"))


def cek_tanggal_pengisian(nilai: date | None) -> None:
    _cek_tanggal(nilai, gettext("Tanggal pengisian"))


# A survey that puts its lokasi on the priority list: scored, with a class and a priority
# (Tabel 4). A Tidak Kumuh or incomplete survey has neither.
BERPRIORITAS = ~models.Q(klasifikasi="") & models.Q(prioritas__isnull=False)
# The priority list's order: prioritas 1 → 9, nilai kekumuhan high → low, nama (NULLs last on
# every database, for lists that also hold surveys without a priority).
URUTAN_PRIORITAS = (
    models.F("prioritas").asc(nulls_last=True),
    models.F("nilai_kekumuhan").desc(nulls_last=True),
    "lokasi__nama",
    "lokasi__pk",
)


class PenilaianQuerySet(models.QuerySet["Penilaian"]):
    def untuk(self, pengguna: Pengguna) -> PenilaianQuerySet:
        """Return the surveys of the lokasi the user may see."""
        return self.filter(lokasi__in=Lokasi.objects.untuk(pengguna))

    def disetujui(self) -> PenilaianQuerySet:
        return self.filter(status__in=STATUS_DISETUJUI)

    def berprioritas(self) -> PenilaianQuerySet:
        return self.filter(BERPRIORITAS)

    def urut_prioritas(self) -> PenilaianQuerySet:
        return self.order_by(*URUTAN_PRIORITAS)


class Penilaian(Tercatat):
    lokasi = models.ForeignKey(
        Lokasi, verbose_name=_("lokasi"), on_delete=models.PROTECT, related_name="penilaian"
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tanggal_survei = models.DateField(
        _("tanggal survei"), null=True, blank=True, validators=[cek_tanggal_survei]
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAF
    )

    # Tabel 1 A. Data Surveyor
    surveyor_nama = models.CharField(_("nama surveyor"), max_length=150, blank=True)
    surveyor_instansi = models.CharField(_("instansi surveyor"), max_length=150, blank=True)
    surveyor_jabatan = models.CharField(_("jabatan surveyor"), max_length=150, blank=True)
    surveyor_alamat = models.CharField(_("alamat surveyor"), max_length=300, blank=True)
    surveyor_telepon = models.CharField(_("no. telepon surveyor"), max_length=30, blank=True)
    # Tabel 1 B. Data Responden
    responden_nama = models.CharField(_("nama responden"), max_length=150, blank=True)
    responden_jabatan = models.CharField(
        _("jabatan responden"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya Ketua RT, Ketua RW, Lurah, tokoh masyarakat."),
    )
    responden_alamat = models.CharField(_("alamat responden"), max_length=300, blank=True)
    responden_telepon = models.CharField(_("no. telepon responden"), max_length=30, blank=True)
    tanggal_pengisian = models.DateField(
        _("tanggal pengisian"), null=True, blank=True, validators=[cek_tanggal_pengisian]
    )

    # Tabel 1 D–G answers that are recorded, not scored (the score comes from the bands or
    # Format Numerik): 1a against RDTR and RTBL apart, 1b KDB/KLB, 4b the genangan question.
    kesesuaian_rdtr = models.CharField(
        _("1a kesesuaian dengan arahan RDTR"), max_length=6, choices=PITA_PILIHAN, blank=True
    )
    kesesuaian_rtbl = models.CharField(
        _("1a kesesuaian dengan arahan RTBL"), max_length=6, choices=PITA_PILIHAN, blank=True
    )
    dokumen_rdtr_rtbl = models.CharField(_("dokumen RDTR/RTBL rujukan"), max_length=300, blank=True)
    kdb_rata_rata = models.DecimalField(
        _("nilai KDB rata-rata (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    klb_rata_rata = models.DecimalField(
        _("nilai KLB rata-rata"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    genangan = models.CharField(
        _("genangan terjadi"), max_length=6, choices=Genangan.choices, blank=True
    )

    # Tabel 3 B. Legalitas lahan: (+) is True, (−) is False, None not yet filled in.
    status_penguasaan = models.BooleanField(
        _("kejelasan status penguasaan lahan"), null=True, blank=True
    )
    kesesuaian_rtr = models.BooleanField(_("kesesuaian dengan RTR"), null=True, blank=True)
    # Tabel 3 C. Pertimbangan lain
    strategis = models.BooleanField(_("nilai strategis lokasi"), null=True, blank=True)
    kepadatan_penduduk = models.DecimalField(
        _("kepadatan penduduk (jiwa/ha)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Kosongkan agar dihitung dari jumlah penduduk dibagi luas verifikasi."),
    )
    potensi_sosekbud = models.BooleanField(
        _("potensi sosial, ekonomi dan budaya"), null=True, blank=True
    )

    # Results: derived, stored for fast lists; None while the inputs are incomplete.
    nilai_kekumuhan = models.PositiveSmallIntegerField(_("nilai kekumuhan"), null=True)
    tingkat_kekumuhan = models.CharField(_("tingkat kekumuhan"), max_length=20, blank=True)
    nilai_pertimbangan_lain = models.PositiveSmallIntegerField(
        _("nilai pertimbangan lain"), null=True
    )
    tingkat_pertimbangan_lain = models.CharField(
        _("tingkat pertimbangan lain"), max_length=10, blank=True
    )
    legalitas = models.CharField(_("legalitas lahan"), max_length=12, blank=True)
    klasifikasi = models.CharField(_("klasifikasi"), max_length=2, blank=True)
    prioritas = models.PositiveSmallIntegerField(_("prioritas"), null=True)
    pola_penanganan = models.CharField(_("pola penanganan"), max_length=20, blank=True)
    kewenangan = models.CharField(_("kewenangan"), max_length=20, blank=True)
    # persen, skor, sumber per criterion; skor per aspek; kepadatan; unit scores (§7).
    hasil = models.JSONField(_("hasil rinci"), default=dict, blank=True)
    # What still keeps the survey from being scored, as [{"field": …, "pesan": …}].
    kekurangan = models.JSONField(_("kekurangan isian"), default=list, blank=True)

    alasan_dikembalikan = models.TextField(_("alasan dikembalikan"), blank=True)
    # The token of the "mulai penilaian" form that created it: the same form sent twice (a
    # double click, a resent request) finds this survey instead of starting a second one.
    token_buat = models.UUIDField(null=True, blank=True, editable=False)

    objects = PenilaianQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian")
        verbose_name_plural = _("penilaian")
        ordering = ["-tahun", "-pk"]
        indexes = [
            models.Index(fields=["status", "tahun"]),
            # "The latest approved survey of each lokasi" (prioritas.penilaian_terakhir) looks
            # each lokasi up newest first and reads the status from the index: 4× faster at
            # 30,000 lokasi on SQLite (docs/kinerja/prioritas.md).
            models.Index(
                fields=["lokasi", "-tahun", "-id", "status"], name="penilaian_terakhir_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["lokasi", "tahun", "token_buat"], name="penilaian_token_buat_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lokasi} ({self.tahun})"

    def get_absolute_url(self) -> str:
        return reverse("penilaian:detail", args=[self.pk])

    @property
    def lengkap(self) -> bool:
        return self.nilai_kekumuhan is not None

    @property
    def label_prioritas(self) -> str:
        return rumus.label_prioritas(self.klasifikasi or None, self.prioritas) or ""

    @property
    def boleh_diubah(self) -> bool:
        return self.status == Status.DRAF


def _jalur_foto(instance: IsianKriteria, filename: str) -> str:
    return f"penilaian/{instance.penilaian_id}/foto/{instance.kode}-{filename}"


class IsianKriteria(models.Model):
    """A criterion's Format Isian entry: the band chosen (if any), a photo and a note."""

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="isian")
    kode = models.CharField(_("kriteria"), max_length=2, choices=KRITERIA_PILIHAN)
    pita = models.CharField(
        _("pilihan isian"),
        max_length=6,
        choices=PITA_PILIHAN,
        blank=True,
        help_text=_("Kosongkan bila kriteria dihitung dari Format Numerik."),
    )
    # The percentage a baseline file gave, kept beside its band for re-review (issue 10 item 10);
    # None when the band was chosen in the form or the criterion comes from Format Numerik
    # (whose computed percentage is in Penilaian.hasil["persen"]).
    persen = models.DecimalField(
        _("persen"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    foto = models.ImageField(_("foto"), upload_to=_jalur_foto, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    # The Format Isian's "yang ada" checklist of the criterion (YANG_ADA), as option keys in
    # the Format Isian's order. The database defaults let the import's multi-row INSERT, which
    # names only the older columns, leave them empty.
    yang_ada = models.JSONField(_("yang ada"), default=list, db_default=[], blank=True)
    catatan = models.TextField(_("catatan"), default="", db_default="", blank=True)

    class Meta:
        verbose_name = _("isian kriteria")
        verbose_name_plural = _("isian kriteria")
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "kode"], name="isian_kriteria_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.pita}"

    def clean(self) -> None:
        galat = cek_yang_ada(self.kode, self.yang_ada)
        if galat:
            raise ValidationError({"yang_ada": galat})

    @property
    def pertanyaan_yang_ada(self) -> str:
        return str(YANG_ADA[self.kode][0]) if self.kode in YANG_ADA else ""

    def label_yang_ada(self) -> list[str]:
        """The ticked options in words (for the pages and the history)."""
        return label_yang_ada(self.kode, self.yang_ada)


def cek_yang_ada(kode: str, daftar: object) -> str:
    """Return why a checklist value is not valid for criterion `kode`, or "" when it is."""
    if not isinstance(daftar, list):
        return gettext("Yang ada %(kode)s harus berupa daftar pilihan.") % {"kode": kode}
    if not daftar:
        return ""
    if kode not in YANG_ADA:
        return gettext("Kriteria %(kode)s tidak punya daftar yang ada.") % {"kode": kode}
    sah = [k for k, _label in YANG_ADA[kode][1]]
    salah = [str(k) for k in daftar if k not in sah]
    if salah:
        return gettext("Yang ada %(kode)s: %(salah)s bukan pilihan Format Isian (%(sah)s).") % {
            "kode": kode,
            "salah": ", ".join(salah),
            "sah": ", ".join(sah),
        }
    if len(set(daftar)) != len(daftar):
        return gettext("Yang ada %(kode)s: ada pilihan yang tercantum dua kali.") % {"kode": kode}
    return ""


def urut_yang_ada(kode: str, daftar: list[str]) -> list[str]:
    """The checked keys in the Format Isian's order (so a re-save changes no history)."""
    pilihan = [k for k, _label in YANG_ADA.get(kode, ("", []))[1]]
    return [k for k in pilihan if k in daftar]


def label_yang_ada(kode: str, daftar: list[str]) -> list[str]:
    """Return the checked options of criterion `kode` in the Format Isian's words."""
    label = dict(YANG_ADA.get(kode, ("", []))[1])
    return [str(label.get(k, k)) for k in daftar]


# Areas and lengths keep the decimals of the lokasi and unit fields they are prefilled from.
TEMPAT_NUMERIK = {"ha": LUAS["decimal_places"], "m": PANJANG["decimal_places"]}


def _field_numerik(kunci: str) -> models.DecimalField:
    label = rumus.NUMERIK_FIELDS[kunci]
    satuan = rumus.SATUAN_NUMERIK[kunci]
    tempat = TEMPAT_NUMERIK.get(satuan, 0)
    return models.DecimalField(
        f"{label} ({satuan})",
        max_digits=12 + max(tempat, 2),  # 12 whole digits, as before
        decimal_places=tempat,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )


class NumerikPenilaian(models.Model):
    """Format Numerik (Tabel 2) of a survey: for one RT unit, or for the whole lokasi (unit None).

    For a kawasan with units the lokasi's values are the sums of its units' (§7), computed by
    the rules module, never stored twice.
    """

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="numerik")
    unit = models.ForeignKey(
        UnitSurvei, on_delete=models.PROTECT, null=True, blank=True, related_name="numerik"
    )
    locals().update({kunci: _field_numerik(kunci) for kunci in rumus.NUMERIK_FIELDS})

    class Meta:
        verbose_name = _("format numerik")
        verbose_name_plural = _("format numerik")
        constraints = [
            # One sheet per unit, and at most one for the whole lokasi (partial indexes, as
            # SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                fields=["penilaian", "unit"],
                condition=models.Q(unit__isnull=False),
                name="numerik_unik_per_unit",
            ),
            models.UniqueConstraint(
                fields=["penilaian"],
                condition=models.Q(unit__isnull=True),
                name="numerik_unik_kawasan",
            ),
        ]

    def __str__(self) -> str:
        return f"Numerik {self.penilaian_id} {self.unit or 'kawasan'}"

    def nilai(self) -> dict:
        """Return {numerik key: value} with the blanks left out."""
        return {k: getattr(self, k) for k in rumus.NUMERIK_FIELDS if getattr(self, k) is not None}


class LangkahAlur(models.Model):
    """One step of the workflow: who moved the survey from which status to which, and why."""

    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="langkah")
    dari = models.CharField(_("dari"), max_length=24, choices=Status.choices)
    ke = models.CharField(_("ke"), max_length=24, choices=Status.choices)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    waktu = models.DateTimeField(auto_now_add=True)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("langkah alur")
        verbose_name_plural = _("langkah alur")
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.dari} → {self.ke}"
