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

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import ClassVar

from django import forms
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _

from lokasi.models import PERAN_KABKOTA, Kecamatan, Kelurahan, Lokasi, Pengguna
from penilaian import daftar_lokasi, rumus
from penilaian.daftar_lokasi import KOLOM_DAFTAR, Kolom
from penilaian.models import BERPRIORITAS, STATUS_DISETUJUI, Penilaian

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
        tahun = set(
            Penilaian.objects.untuk(pengguna)
            .disetujui()
            .order_by("tahun")
            .values_list("tahun", flat=True)
            .distinct()
        )
        diminta = str(self.data.get("tahun", ""))
        if diminta.isdigit() and 2000 <= int(diminta) <= 2100:
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
    fitur: list[dict] = field(default_factory=list)

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

    def peta(self) -> dict:
        return {"type": "FeatureCollection", "features": self.fitur}


def daftar_prioritas(
    penilaian: QuerySet[Penilaian],
    *,
    tahun: int | None = None,
    kecamatan: Kecamatan | None = None,
    tingkat: str = "",
    prioritas: int | None = None,
    legalitas: str = "",
    pola: str = "",
) -> DaftarPrioritas:
    """Build the priority list from the surveys in `penilaian` (already scoped to a user).

    Three queries whatever the number of rows: the rows, their kelurahan with kecamatan, and
    the count of lokasi left out.
    """
    terakhir = penilaian_terakhir(penilaian, tahun=tahun)
    if kecamatan is not None:
        # Through a subquery: a lokasi with two kelurahan in the kecamatan stays one row.
        terakhir = terakhir.filter(
            lokasi__in=Lokasi.objects.filter(kelurahan__kecamatan=kecamatan).values("pk")
        )
    kumuh = terakhir.berprioritas()
    sisa = terakhir.aggregate(
        tidak_kumuh=Count("pk", filter=Q(tingkat_kekumuhan=rumus.TingkatKekumuhan.TIDAK_KUMUH)),
        tanpa_hasil=Count(
            "pk",
            filter=~BERPRIORITAS & ~Q(tingkat_kekumuhan=rumus.TingkatKekumuhan.TIDAK_KUMUH),
        ),
    )
    qs = kumuh
    if tingkat:
        qs = qs.filter(tingkat_kekumuhan=tingkat)
    if prioritas is not None:
        qs = qs.filter(prioritas=prioritas)
    if legalitas:
        qs = qs.filter(legalitas=legalitas)
    if pola:
        qs = qs.filter(pola_penanganan=pola)
    qs = (
        qs.select_related("lokasi__kabupaten_kota")
        .prefetch_related(
            Prefetch(
                "lokasi__kelurahan",
                queryset=Kelurahan.objects.select_related("kecamatan").order_by("kode"),
            )
        )
        # The rich results can be large; only the density is shown.
        .annotate(kepadatan_hasil=KT("hasil__kepadatan_penduduk"))
        .defer("hasil", "kekurangan", "lokasi__permasalahan", "lokasi__potensi")
        .urut_prioritas()
    )
    hasil = DaftarPrioritas(
        baris=[], tidak_kumuh=sisa["tidak_kumuh"], tanpa_hasil=sisa["tanpa_hasil"]
    )
    for nomor, p in enumerate(qs, start=1):
        baris = _baris(nomor, p)
        hasil.baris.append(baris)
        fitur = p.lokasi.sebagai_geojson()
        if fitur:
            fitur["properties"].update(
                prioritas=baris.prioritas, label=baris.label_prioritas, nomor=nomor
            )
            hasil.fitur.append(fitur)
    return hasil


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
