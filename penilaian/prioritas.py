"""The priority list (daftar prioritas penanganan): the latest approved survey of each lokasi.

Decisions a Dinas user should know (also stated on the page):

- "Latest approved" is, per lokasi, the approved survey (Pokja or later) with the highest tahun,
  then the highest pk. With a tahun filter it is the latest approved survey *up to and
  including* that year, so "2024" shows the list as it stood in 2024, and a lokasi not
  re-surveyed that year keeps its earlier result.
- The latest survey is chosen first and filtered afterwards: a lokasi whose latest approved
  survey is Tidak Kumuh is left out (penilaian.md §4) and counted, never replaced by an older
  Kumuh result.
- Order: prioritas 1 → 9, then nilai kekumuhan high → low, then nama.
- A lokasi spanning several kecamatan is listed with all of them, but counts in the totals
  of the first by Kemendagri code only, so the kecamatan totals add up to the city's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import ClassVar

from django import forms
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Floor
from django.utils.translation import gettext_lazy as _

from lokasi import geo
from lokasi.models import PERAN_KABKOTA, Kecamatan, Kelurahan, Lokasi, Pengguna, Peran
from penilaian import daftar_lokasi, ringkasan, rumus
from penilaian.daftar_lokasi import KOLOM_DAFTAR, Kolom
from penilaian.layar_peta import (
    MAKS_BATAS,
    PIKSEL_KLASTER,
    ZOOM_RINCI,
    baca_bbox,
    baca_zoom,
    gabung_berdekatan,
    zoom_muat,
)
from penilaian.models import BERPRIORITAS, STATUS_DISETUJUI, Penilaian, PenilaianTerakhir

TINGKAT_DAFTAR = [
    rumus.TingkatKekumuhan.BERAT,
    rumus.TingkatKekumuhan.SEDANG,
    rumus.TingkatKekumuhan.RINGAN,
]
PRIORITAS_DAFTAR = range(1, 10)  # Tabel 4 skala prioritas


def legenda() -> list[tuple[int, str]]:
    """Return (prioritas, "A1, A2") for 1–9: the classes behind each colour of the map."""
    kelas: dict[int, list[str]] = {p: [] for p in PRIORITAS_DAFTAR}
    for k, p in rumus.PRIORITAS.items():
        kelas[p].append(k)
    return [(p, ", ".join(sorted(k))) for p, k in kelas.items()]


def penilaian_terakhir(
    penilaian: QuerySet[Penilaian],
    *,
    tahun: int | None = None,
    status: Sequence[str] = STATUS_DISETUJUI,
) -> QuerySet[Penilaian]:
    """Return the latest survey of each lokasi in `penilaian` (up to `tahun`) in `status`.

    By default the latest approved one (the priority list); the SK asks for the latest
    terverifikasi pusat.
    """
    terbaru = Penilaian.objects.filter(status__in=status, lokasi=OuterRef("lokasi"))
    if tahun is not None:
        terbaru = terbaru.filter(tahun__lte=tahun)
    return penilaian.filter(pk=Subquery(terbaru.order_by("-tahun", "-pk").values("pk")[:1]))


# --- filters ---------------------------------------------------------------------------------


class FilterPrioritasForm(forms.Form):
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.none(),
        required=False,
        empty_label=_("Semua"),
    )
    tingkat = forms.ChoiceField(
        label=_("Tingkat kekumuhan"),
        choices=[("", _("Semua")), *((t.value, t.value) for t in TINGKAT_DAFTAR)],
        required=False,
    )
    prioritas = forms.TypedChoiceField(
        label=_("Prioritas"),
        choices=[("", _("Semua")), *((str(p), str(p)) for p in PRIORITAS_DAFTAR)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    legalitas = forms.ChoiceField(
        label=_("Legalitas tanah"),
        choices=[("", _("Semua")), *((x.value, x.value) for x in rumus.Legalitas)],
        required=False,
    )
    pola = forms.ChoiceField(
        label=_("Pola penanganan"),
        choices=[("", _("Semua")), *((x.value, x.value) for x in rumus.PolaPenanganan)],
        required=False,
    )
    # Any year may be asked for (a link to "the list as of 2024"); the select offers the years
    # with approved surveys.
    tahun = forms.IntegerField(
        label=_("Penilaian s.d. tahun"),
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.Select,
    )

    def __init__(self, *args, pengguna: Pengguna, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kecamatan = Kecamatan.objects.filter(
            kabupaten_kota__in=pengguna.kabkota_terjangkau()
        ).select_related("kabupaten_kota")
        self.fields["kecamatan"].queryset = kecamatan
        if pengguna.peran not in PERAN_KABKOTA:
            # A verifier sees several cities, whose kecamatan may share names.
            self.fields["kecamatan"].label_from_instance = lambda k: (
                f"{k.nama} ({k.kabupaten_kota})"
            )
        tahun = set(_tahun_disetujui(pengguna))
        diminta = str(self.data.get("tahun", ""))
        if diminta.isdecimal() and 2000 <= int(diminta) <= 2100:
            tahun.add(int(diminta))  # so the select shows what the list was filtered by
        self.fields["tahun"].widget.choices = [
            ("", _("Terbaru")),
            *((str(t), str(t)) for t in sorted(tahun, reverse=True)),
        ]

    def saringan(self) -> dict:
        """Return the valid filters as keyword arguments of `daftar_prioritas`.

        An invalid value (a year out of range, another city's kecamatan) is ignored
        rather than emptying the list, as on the lokasi list.
        """
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            nama: nilai
            for nama in self.fields
            if (nilai := self.cleaned_data.get(nama)) not in (None, "")
        }


def _tahun_disetujui(pengguna: Pengguna) -> list[int]:
    """Return the years with approved surveys the user may see (the year filter's options).

    Kept for a few minutes per scope: finding them reads every approved survey of the scope
    (35 ms for a city of 15,000 lokasi, a third of the page's budget), and a year appearing a
    few minutes late in a select costs nothing (a typed ?tahun= is always honoured).
    """
    semua = Penilaian.objects.all()
    if pengguna.is_superuser or pengguna.peran == Peran.VERIFIKATOR_PUSAT:
        kunci = "prioritas-tahun:semua"
    else:
        semua = semua.untuk(pengguna)
        # What Pengguna.kabkota_terjangkau reads, without a query.
        kunci = (
            f"prioritas-tahun:{pengguna.is_active}:{pengguna.peran}:"
            f"{pengguna.provinsi_id}:{pengguna.kabupaten_kota_id}"
        )
    return cache.get_or_set(
        kunci,
        lambda: list(
            semua.disetujui().order_by("tahun").values_list("tahun", flat=True).distinct()
        ),
        TAHUN_DISIMPAN_DETIK,
    )


TAHUN_DISIMPAN_DETIK = 300

# --- rows and totals -------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisPrioritas:
    """One row of the Daftar Lokasi, independent of the ORM.

    It provides `daftar_lokasi.BarisDaftar` as it is, so the page and the Excel print it with
    the columns and cell texts of the SK's Lampiran I.
    """

    nomor: int
    lokasi_pk: int
    penilaian_pk: int
    tahun: int
    kabupaten_kota: str
    nama: str
    luas_ha: Decimal | None
    rt_rw: str
    kelurahan: tuple[str, ...]
    kecamatan: tuple[str, ...]
    jumlah_penduduk: int | None
    kepadatan_penduduk: Decimal | None
    lintang: Decimal | None
    bujur: Decimal | None
    nilai_kekumuhan: int
    tingkat_kekumuhan: str
    nilai_pertimbangan_lain: int
    tingkat_pertimbangan_lain: str
    legalitas: str
    klasifikasi: str
    prioritas: int
    pola_penanganan: str
    kewenangan: str
    # (kode, nama) of the first kecamatan by code: where the lokasi counts in the totals.
    kecamatan_utama: tuple[str, str] | None = None

    @property
    def label_prioritas(self) -> str:
        return rumus.label_prioritas(self.klasifikasi, self.prioritas) or ""

    @property
    def sel(self) -> list[tuple[Kolom, str]]:
        """Return (column, text) of each cell of the Daftar Lokasi, for the page."""
        return list(zip(KOLOM_DAFTAR, daftar_lokasi.teks_baris(self), strict=True))


@dataclass
class Rekap:
    """A total line: how many lokasi and how many hectares."""

    label: str
    jumlah: int = 0
    luas_ha: Decimal = Decimal(0)
    kunci: str = ""

    def tambah(self, baris: BarisPrioritas) -> None:
        self.jumlah += 1
        self.luas_ha += baris.luas_ha or 0

    @property
    def luas_ha_sk(self) -> Decimal:
        """Return the hectares as the SK prints them: 2 decimals, half up (§9)."""
        return self.luas_ha.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class DaftarPrioritas:
    baris: list[BarisPrioritas]
    tidak_kumuh: int = 0
    tanpa_hasil: int = 0

    # The page's table heads, from the one definition of the Daftar Lokasi.
    kolom: ClassVar[tuple[Kolom, ...]] = KOLOM_DAFTAR
    grup_kolom: ClassVar[list[tuple[str, int]]] = daftar_lokasi.grup_kolom(KOLOM_DAFTAR)

    @property
    def jumlah(self) -> Rekap:
        total = Rekap(str(_("Jumlah")))
        for b in self.baris:
            total.tambah(b)
        return total

    @property
    def jumlah_penduduk(self) -> int:
        return sum(b.jumlah_penduduk or 0 for b in self.baris)

    @property
    def per_tingkat(self) -> list[Rekap]:
        """Return Berat, Sedang, Ringan in that order, zero lines included."""
        rekap = {t.value: Rekap(t.value, kunci=t.name.lower()) for t in TINGKAT_DAFTAR}
        for b in self.baris:
            rekap.setdefault(b.tingkat_kekumuhan, Rekap(b.tingkat_kekumuhan)).tambah(b)
        return list(rekap.values())

    @property
    def per_prioritas(self) -> list[Rekap]:
        """Return prioritas 1–9 in order, zero lines included (the map legend)."""
        rekap = {p: Rekap(str(p), kunci=str(p)) for p in PRIORITAS_DAFTAR}
        for b in self.baris:
            rekap[b.prioritas].tambah(b)
        return list(rekap.values())

    @property
    def per_kecamatan(self) -> list[Rekap]:
        """Return one line per kecamatan with lokasi, by code; a lokasi counts once (first)."""
        rekap: dict[str, Rekap] = {}
        for b in self.baris:
            kode, nama = b.kecamatan_utama or ("", "–")
            rekap.setdefault(kode, Rekap(nama, kunci=kode)).tambah(b)
        return [rekap[k] for k in sorted(rekap)]

    @property
    def tahun_terakhir(self) -> int | None:
        return max((b.tahun for b in self.baris), default=None)

    @property
    def kabupaten_kota(self) -> list[str]:
        return sorted({b.kabupaten_kota for b in self.baris})


def saring_prioritas(
    penilaian: QuerySet[Penilaian],
    *,
    tahun: int | None = None,
    kecamatan: Kecamatan | None = None,
    tingkat: str = "",
    prioritas: int | None = None,
    legalitas: str = "",
    pola: str = "",
) -> tuple[QuerySet[Penilaian], Q]:
    """Return the latest approved surveys (kecamatan applied) and the condition of a listed row.

    The latest survey is chosen first (`penilaian_terakhir`), then the list keeps those on the
    priority list matching the filters: `terakhir.filter(syarat)`. Kept apart so the totals can
    count the left-out lokasi (Tidak Kumuh, no result) in the same query.
    """
    terakhir = penilaian_terakhir(penilaian, tahun=tahun)
    return _saring(terakhir, BERPRIORITAS, kecamatan, tingkat, prioritas, legalitas, pola)


def _saring(qs, syarat: Q, kecamatan, tingkat, prioritas, legalitas, pola):
    """Apply the kecamatan to the rows and the other filters to the listed-row condition; the
    same for surveys and for the narrow table, whose field names match."""
    if kecamatan is not None:
        # Through a subquery: a lokasi with two kelurahan in the kecamatan stays one row.
        qs = qs.filter(
            lokasi__in=Lokasi.objects.filter(kelurahan__kecamatan=kecamatan).values("pk")
        )
    if tingkat:
        syarat &= Q(tingkat_kekumuhan=tingkat)
    if prioritas is not None:
        syarat &= Q(prioritas=prioritas)
    if legalitas:
        syarat &= Q(legalitas=legalitas)
    if pola:
        syarat &= Q(pola_penanganan=pola)
    return qs, syarat


def _untuk_baris(qs: QuerySet[Penilaian]) -> QuerySet[Penilaian]:
    """Fetch what a row shows: the lokasi, its kab/kota, kelurahan and kecamatan (2 queries)."""
    return (
        qs.select_related("lokasi__kabupaten_kota")
        .prefetch_related(
            Prefetch(
                "lokasi__kelurahan",
                queryset=Kelurahan.objects.select_related("kecamatan").order_by("kode"),
            )
        )
        # The rich results can be large; only the density is shown.
        .annotate(kepadatan_hasil=KT("hasil__kepadatan_penduduk"))
        .defer("hasil", "kekurangan", "lokasi__permasalahan", "lokasi__potensi", "lokasi__batas")
        .urut_prioritas()
    )


def daftar_prioritas(penilaian: QuerySet[Penilaian], **saringan) -> DaftarPrioritas:
    """Build the whole priority list from the surveys in `penilaian` (already scoped to a user).

    Three queries whatever the number of rows: the rows, their kelurahan with kecamatan, and
    the count of lokasi left out. For the Excel and the API; the page shows one
    `halaman_prioritas` at a time with the totals of `rekap_prioritas`.
    """
    terakhir, syarat = saring_prioritas(penilaian, **saringan)
    sisa = terakhir.aggregate(**_sisa())
    return DaftarPrioritas(
        baris=list(iter_baris(terakhir.filter(syarat))),
        tidak_kumuh=sisa["tidak_kumuh"],
        tanpa_hasil=sisa["tanpa_hasil"],
    )


def iter_baris(qs: QuerySet[Penilaian], *, awal: int = 0, potongan: int = 2000):
    """Yield the rows of `qs` numbered from `awal` + 1, fetched `potongan` at a time.

    Memory stays flat for a big Excel export: each chunk brings its own kelurahan.
    """
    for nomor, p in enumerate(_untuk_baris(qs).iterator(chunk_size=potongan), start=awal + 1):
        yield _baris(nomor, p)


def _sisa() -> dict:
    tidak_kumuh = Q(tingkat_kekumuhan=rumus.TingkatKekumuhan.TIDAK_KUMUH)
    return {
        "tidak_kumuh": Count("pk", filter=tidak_kumuh),
        "tanpa_hasil": Count("pk", filter=~BERPRIORITAS & ~tidak_kumuh),
    }


# --- totals computed by the database ---------------------------------------------------------

# Lokasi.luas_ha and Lokasi.jumlah_penduduk as SQL, so the totals are sums in the database.
LUAS_SQL = Coalesce(
    F("lokasi__luas_verifikasi_ha"), F("lokasi__luas_sk_ha"), output_field=DecimalField()
)
PENDUDUK_SQL = Case(
    When(
        lokasi__penduduk_laki_laki__isnull=True,
        lokasi__penduduk_perempuan__isnull=True,
        then=F("lokasi__penduduk_tanpa_rincian"),
    ),
    default=Coalesce(F("lokasi__penduduk_laki_laki"), 0)
    + Coalesce(F("lokasi__penduduk_perempuan"), 0),
    output_field=IntegerField(),
)


@dataclass
class RekapPrioritas:
    """The totals of the whole list (every page), from two queries whatever its length."""

    jumlah: Rekap
    jumlah_penduduk: int
    per_tingkat: list[Rekap]
    per_prioritas: list[Rekap]
    per_kecamatan: list[Rekap]
    tidak_kumuh: int
    tanpa_hasil: int
    tahun_terakhir: int | None


def rekap_prioritas(
    penilaian: QuerySet[Penilaian],
    *,
    ringkas: QuerySet[PenilaianTerakhir] | None = None,
    **saringan,
) -> RekapPrioritas:
    """Count and sum the list in the database: one GROUP BY, then the kecamatan names.

    The latest surveys are grouped by tingkat, prioritas, first kecamatan by code and whether
    they are listed (filters met) or left out; the few groups are added up here. One pass over
    the rows: the conditional aggregates of a single SELECT cost twice as much on SQLite.
    Same numbers as `DaftarPrioritas`' properties over every row (tested side by side).

    With `ringkas` (the user's rows of the narrow table) and no tahun filter the pass reads
    that table, which already holds each lokasi's latest survey, area, population and first
    kecamatan: a few milliseconds instead of a few hundred at 30,000 lokasi; and its result is
    kept in the cache under the table's version, so a page read again costs one small query.
    """
    if ringkas is not None and saringan.get("tahun") is None:
        qs, syarat = _saring_ringkas(ringkas, **saringan)
        # Kept under the query's own text (the user's cities and the filters) and the state
        # of the whole narrow table (`ringkasan.versi_daftar`: bumped by every write, in its
        # transaction), so no process ever reads totals older than the rows: 30,000 rows
        # grouped on every page was a quarter of the verifier's page.
        sql, param = qs.order_by().filter(syarat).query.sql_with_params()
        kunci = (
            "prioritas-rekap:1:"
            + hashlib.sha256(f"{ringkasan.versi_daftar()}|{sql}|{param!r}".encode()).hexdigest()
        )
        if (tersimpan := cache.get(kunci)) is not None:
            return tersimpan
        hasil = _rekap_ringkas(qs, syarat)
        cache.set(kunci, hasil, REKAP_DISIMPAN_DETIK)
        return hasil
    return _rekap_survei(penilaian, **saringan)


# A restored or rebuilt database can count its versions up to a number already used: the
# totals are kept for a few minutes only.
REKAP_DISIMPAN_DETIK = 600


def _rekap_ringkas(qs: QuerySet[PenilaianTerakhir], syarat: Q) -> RekapPrioritas:
    grup = list(
        qs.order_by()
        .annotate(
            cocok=Case(When(syarat, then=1), default=0, output_field=IntegerField()),
            ada_hasil=Case(When(berprioritas=True, then=1), default=0, output_field=IntegerField()),
            kec=F("kecamatan_utama_id"),
        )
        .values("cocok", "ada_hasil", "tingkat_kekumuhan", "prioritas", "kec")
        .annotate(n=Count("pk"), ha=Sum("luas_ha"), jiwa=Sum("jumlah_penduduk"), tahun=Max("tahun"))
    )
    return _jumlahkan(grup)


def _rekap_survei(penilaian: QuerySet[Penilaian], **saringan) -> RekapPrioritas:
    terakhir, syarat = saring_prioritas(penilaian, **saringan)
    pertama = Kecamatan.objects.filter(kelurahan__lokasi=OuterRef("lokasi_id")).order_by("kode")
    grup = list(
        terakhir.order_by()
        .annotate(
            cocok=Case(When(syarat, then=1), default=0, output_field=IntegerField()),
            ada_hasil=Case(When(BERPRIORITAS, then=1), default=0, output_field=IntegerField()),
            kec=Subquery(pertama.values("pk")[:1]),
        )
        .values("cocok", "ada_hasil", "tingkat_kekumuhan", "prioritas", "kec")
        .annotate(n=Count("pk"), ha=Sum(LUAS_SQL), jiwa=Sum(PENDUDUK_SQL), tahun=Max("tahun"))
    )
    return _jumlahkan(grup)


def _jumlahkan(grup: list[dict]) -> RekapPrioritas:
    """Add the groups of `rekap_prioritas` up into the list's totals."""
    tidak_kumuh = rumus.TingkatKekumuhan.TIDAK_KUMUH.value
    jumlah = Rekap(str(_("Jumlah")))
    tingkat = {t.value: Rekap(t.value, kunci=t.name.lower()) for t in TINGKAT_DAFTAR}
    prioritas = {p: Rekap(str(p), kunci=str(p)) for p in PRIORITAS_DAFTAR}
    kecamatan: dict[int | None, Rekap] = {}
    hasil = RekapPrioritas(
        jumlah=jumlah,
        jumlah_penduduk=0,
        per_tingkat=list(tingkat.values()),
        per_prioritas=list(prioritas.values()),
        per_kecamatan=[],
        tidak_kumuh=0,
        tanpa_hasil=0,
        tahun_terakhir=None,
    )
    for g in grup:
        if not g["cocok"]:
            if g["tingkat_kekumuhan"] == tidak_kumuh:
                hasil.tidak_kumuh += g["n"]
            elif not g["ada_hasil"]:
                hasil.tanpa_hasil += g["n"]
            continue
        ha = _desimal(g["ha"])
        for rekap in (
            jumlah,
            tingkat.get(g["tingkat_kekumuhan"]),
            prioritas.get(g["prioritas"]),
            kecamatan.setdefault(g["kec"], Rekap("–")),
        ):
            if rekap is not None:
                rekap.jumlah += g["n"]
                rekap.luas_ha += ha
        hasil.jumlah_penduduk += g["jiwa"] or 0
        hasil.tahun_terakhir = max(hasil.tahun_terakhir or 0, g["tahun"])
    nama = Kecamatan.objects.only("kode", "nama").in_bulk([k for k in kecamatan if k])
    for pk, rekap in kecamatan.items():
        if pk in nama:
            rekap.label, rekap.kunci = nama[pk].nama, nama[pk].kode
    hasil.per_kecamatan = sorted(kecamatan.values(), key=lambda r: r.kunci)
    return hasil


def _desimal(nilai) -> Decimal:
    # SQLite sums decimals as floats: back to the 6 decimals the field stores.
    if nilai is None:
        return Decimal(0)
    return Decimal(str(nilai)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


# --- one page of rows ------------------------------------------------------------------------

PER_HALAMAN = 50


@dataclass
class HalamanPrioritas:
    """What the page shows: one page of rows and the totals of the whole list."""

    baris: list[BarisPrioritas]
    halaman: Page
    rekap: RekapPrioritas

    kolom: ClassVar[tuple[Kolom, ...]] = KOLOM_DAFTAR
    grup_kolom: ClassVar[list[tuple[str, int]]] = daftar_lokasi.grup_kolom(KOLOM_DAFTAR)

    def __getattr__(self, nama: str):
        # jumlah, per_tingkat, per_kecamatan…: the template reads the totals as on DaftarPrioritas.
        if nama.startswith("__") or nama == "rekap":
            raise AttributeError(nama)
        return getattr(self.rekap, nama)


def halaman_prioritas(
    penilaian: QuerySet[Penilaian],
    nomor_halaman: str | int | None = 1,
    *,
    per_halaman: int = PER_HALAMAN,
    ringkas: QuerySet[PenilaianTerakhir] | None = None,
    **saringan,
) -> HalamanPrioritas:
    """Return one page of the list (numbering continues across pages) and its totals.

    Constant queries: the totals (2), the page's rows and their kelurahan with kecamatan.
    """
    rekap = rekap_prioritas(penilaian, ringkas=ringkas, **saringan)
    terakhir, syarat = saring_prioritas(penilaian, **saringan)
    paginator = Paginator(terakhir.filter(syarat), per_halaman)
    # The count is known from the totals: no COUNT(*) over the correlated subquery again.
    paginator.__dict__["count"] = rekap.jumlah.jumlah
    halaman = paginator.get_page(nomor_halaman)
    awal = halaman.start_index() - 1 if rekap.jumlah.jumlah else 0
    if ringkas is not None and saringan.get("tahun") is None:
        # The page's survey pks in list order from the narrow table's index, then those rows.
        qs_ringkas, syarat_ringkas = _saring_ringkas(ringkas, **saringan)
        urutan = list(
            qs_ringkas.filter(syarat_ringkas)
            .urut_prioritas()
            .values_list("penilaian_id", flat=True)[awal : awal + per_halaman]
        )
        posisi = {pk: i for i, pk in enumerate(urutan)}
        dimuat = sorted(
            _untuk_baris(Penilaian.objects.filter(pk__in=urutan)), key=lambda p: posisi[p.pk]
        )
    else:
        dimuat = list(_untuk_baris(terakhir.filter(syarat))[awal : awal + per_halaman])
    baris = [_baris(awal + i, p) for i, p in enumerate(dimuat, start=1)]
    return HalamanPrioritas(baris=baris, halaman=halaman, rekap=rekap)


def _saring_ringkas(
    ringkas: QuerySet[PenilaianTerakhir],
    *,
    tahun: int | None = None,
    kecamatan: Kecamatan | None = None,
    tingkat: str = "",
    prioritas: int | None = None,
    legalitas: str = "",
    pola: str = "",
) -> tuple[QuerySet[PenilaianTerakhir], Q]:
    """`saring_prioritas` on the narrow table (the latest survey is already chosen there)."""
    assert tahun is None, "the list as of a year reads the surveys (saring_prioritas)"
    return _saring(ringkas, Q(berprioritas=True), kecamatan, tingkat, prioritas, legalitas, pola)


# --- the map: a light endpoint the page's script asks per viewport --------------------------


def _gabung(sel: list[dict], ukuran: float) -> list[dict]:
    """The grid's cells with the neighbours whose means sit within one cell merged into one
    circle: its count summed, its place the mean, its colour the most urgent prioritas."""
    hasil = []
    for grup in gabung_berdekatan(
        [(int(c["gy"]), int(c["gx"]), c["n"], c["lat"], c["lon"]) for c in sel], ukuran
    ):
        c = sel[grup[0]]
        for j in grup[1:]:
            d, n = sel[j], c["n"] + sel[j]["n"]
            c = c | {
                "n": n,
                "lat": (c["lat"] * c["n"] + d["lat"] * d["n"]) / n,
                "lon": (c["lon"] * c["n"] + d["lon"] * d["n"]) / n,
                "p": min(p for p in (c["p"], d["p"]) if p is not None)
                if c["p"] or d["p"]
                else None,
            }
        hasil.append(c)
    return hasil


def peta_prioritas(
    penilaian: QuerySet[Penilaian],
    *,
    bbox: str = "",
    zoom: str = "",
    ringkas: QuerySet[PenilaianTerakhir] | None = None,
    **saringan,
) -> dict:
    """Return the map of the list for one viewport, in one or two queries (three on first load).

    Lokasi are grouped in the database on a grid of about PIKSEL_KLASTER pixels at `zoom`: a
    cell with several lokasi is a cluster [lintang, bujur, count, most urgent prioritas], a cell
    with one is that lokasi as a GeoJSON Feature (its point; its boundary from ZOOM_RINCI on).
    Without `zoom` (first load) the extent of the list comes too and picks the zoom. Lokasi
    without coordinates are not on the map (as a point is what places them).
    """
    if ringkas is not None and saringan.get("tahun") is None:
        # The narrow table copies the point and name: no join, no correlated subquery.
        qs, syarat = _saring_ringkas(ringkas, **saringan)
        qs, awalan = qs.filter(syarat), ""
    else:
        terakhir, syarat = saring_prioritas(penilaian, **saringan)
        qs, awalan = terakhir.filter(syarat), "lokasi__"
    qs = qs.filter(**{f"{awalan}lintang__isnull": False, f"{awalan}bujur__isnull": False})
    lintang = Cast(f"{awalan}lintang", FloatField())
    bujur = Cast(f"{awalan}bujur", FloatField())
    z = baca_zoom(zoom)
    batas = None
    if z is None:
        luas = qs.aggregate(s=Min(lintang), n=Max(lintang), w=Min(bujur), e=Max(bujur))
        z = zoom_muat(luas)
        if luas["s"] is not None:
            batas = [[luas["s"], luas["w"]], [luas["n"], luas["e"]]]
    kotak = baca_bbox(bbox)
    if kotak is not None:
        w, s, e, n = kotak
        qs = qs.filter(**{
            f"{awalan}lintang__gte": s, f"{awalan}lintang__lte": n,
            f"{awalan}bujur__gte": w, f"{awalan}bujur__lte": e,
        })  # fmt: skip
    ukuran = 360 / (256 * 2**z) * PIKSEL_KLASTER
    sel = (
        qs.order_by()
        .annotate(gy=Floor(lintang / ukuran), gx=Floor(bujur / ukuran))
        .values("gy", "gx")
        .annotate(
            n=Count("pk"),
            lat=Avg(lintang),
            lon=Avg(bujur),
            p=Min("prioritas"),
            # Only read when the cell holds one lokasi: then these are its own.
            lokasi_id=Min("lokasi_id"),
            nama=Min(f"{awalan}nama"),
            kelas=Min("klasifikasi"),
        )
    )
    klaster, fitur = [], []
    for c in _gabung(list(sel), ukuran):
        if c["n"] > 1:
            klaster.append([round(c["lat"], 6), round(c["lon"], 6), c["n"], c["p"]])
            continue
        fitur.append(
            geo.feature(
                c["lokasi_id"],
                c["nama"],
                c["lat"],
                c["lon"],
                None,
                prioritas=c["p"],
                label=rumus.label_prioritas(c["kelas"], c["p"]) or "",
            )
        )
    if z >= ZOOM_RINCI and kotak is not None and 0 < len(fitur) <= MAKS_BATAS:
        bentuk = dict(
            Lokasi.objects.filter(
                pk__in=[f["properties"]["id"] for f in fitur], batas__isnull=False
            ).values_list("pk", "batas")
        )
        for f in fitur:
            if bentuk.get(f["properties"]["id"]):
                f["geometry"] = bentuk[f["properties"]["id"]]
    return {"zoom": z, "batas": batas, "klaster": klaster, "fitur": fitur}


def _baris(nomor: int, p: Penilaian) -> BarisPrioritas:
    lokasi = p.lokasi
    kelurahan = lokasi.daftar_kelurahan  # prefetched, in code order
    kecamatan = lokasi.daftar_kecamatan
    return BarisPrioritas(
        nomor=nomor,
        lokasi_pk=lokasi.pk,
        penilaian_pk=p.pk,
        tahun=p.tahun,
        kabupaten_kota=str(lokasi.kabupaten_kota),
        nama=lokasi.nama,
        luas_ha=lokasi.luas_ha,
        rt_rw=lokasi.rt_rw,
        kelurahan=tuple(k.nama for k in kelurahan),
        kecamatan=tuple(k.nama for k in kecamatan),
        kecamatan_utama=(kecamatan[0].kode, kecamatan[0].nama) if kecamatan else None,
        jumlah_penduduk=lokasi.jumlah_penduduk,
        kepadatan_penduduk=_decimal(p.kepadatan_hasil),
        lintang=lokasi.lintang,
        bujur=lokasi.bujur,
        nilai_kekumuhan=p.nilai_kekumuhan,
        tingkat_kekumuhan=p.tingkat_kekumuhan,
        nilai_pertimbangan_lain=p.nilai_pertimbangan_lain,
        tingkat_pertimbangan_lain=p.tingkat_pertimbangan_lain,
        legalitas=p.legalitas,
        klasifikasi=p.klasifikasi,
        prioritas=p.prioritas,
        pola_penanganan=p.pola_penanganan,
        kewenangan=p.kewenangan,
    )


def _decimal(nilai: str | None) -> Decimal | None:
    if nilai in (None, ""):
        return None
    try:
        return Decimal(nilai)
    except InvalidOperation:
        return None


def uraian_saringan(saringan: dict) -> str:
    """Describe the active filters for a report's subtitle: "kecamatan X; prioritas 5"."""
    label = {
        "kecamatan": _("kecamatan"),
        "tingkat": _("tingkat"),
        "prioritas": _("prioritas"),
        "legalitas": _("legalitas"),
        "pola": _("pola"),
    }
    return "; ".join(f"{label[nama]} {saringan[nama]}" for nama in label if nama in saringan)
