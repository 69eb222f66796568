"""What the list pages show, built in a constant number of queries: the funding gap and the
stages with the Pokja's scores beside the Tabel 4 priority."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kolaborasi import aturan
from kolaborasi.models import (
    Ikrar,
    Kegiatan,
    KriteriaIntervensi,
    NilaiIntervensi,
    PendanaanKegiatan,
    TahapKolaborasi,
)
from kolaborasi.pks import kaidah
from lokasi.models import KabupatenKota, Kecamatan, Kelurahan, Lokasi
from penilaian.models import Penilaian
from penilaian.prioritas import penilaian_terakhir

# A finished kegiatan has been paid for one way or another; it no longer asks for pledges.
STATUS_TANPA_KEKURANGAN = ("selesai", "diserahterimakan")

# --- funding gap -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisKekurangan:
    kegiatan: Kegiatan
    terbuka: list[PendanaanKegiatan]  # the open shares
    ikrar: list[Ikrar]
    belum_terikat: Decimal
    dijanjikan: Decimal
    kurang: Decimal


@dataclass
class DaftarKekurangan:
    baris: list[BarisKekurangan] = field(default_factory=list)

    @property
    def jumlah_terbuka(self) -> Decimal:
        return sum((b.belum_terikat for b in self.baris), Decimal(0))

    @property
    def jumlah_dijanjikan(self) -> Decimal:
        return sum((b.dijanjikan for b in self.baris), Decimal(0))

    @property
    def jumlah_kurang(self) -> Decimal:
        return sum((b.kurang for b in self.baris), Decimal(0))


def _terbuka_q() -> Q:
    """The open shares (kaidah.bagian_terbuka) as a filter on PendanaanKegiatan."""
    return Q(pemangku__isnull=True) & (
        Q(sumber__in=kaidah.SUMBER_TERBUKA_SELALU)
        | Q(
            sumber__in=kaidah.SUMBER_TERBUKA_SEBELUM_ANGGARAN,
            kegiatan__status__in=kaidah.STATUS_SEBELUM_ANGGARAN,
        )
    )


def daftar_kekurangan(
    kegiatan: QuerySet[Kegiatan], *, tahun: int | None = None, kecamatan: Kecamatan | None = None
) -> DaftarKekurangan:
    """Return the kegiatan (already scoped) with open shares, what was pledged, what is left.

    Four queries whatever the number of rows: kegiatan, open shares, pledges, kelurahan.
    """
    qs = kegiatan.exclude(status__in=STATUS_TANPA_KEKURANGAN).filter(
        Exists(PendanaanKegiatan.objects.filter(_terbuka_q(), kegiatan=OuterRef("pk")))
    )
    if tahun:
        qs = qs.filter(tahun=tahun)
    if kecamatan is not None:
        # A city-wide kegiatan counts where its effects are (through a subquery: one row each).
        di_kecamatan = Lokasi.objects.filter(kelurahan__kecamatan=kecamatan).values("pk")
        qs = qs.filter(Q(lokasi__in=di_kecamatan) | Q(efek__lokasi__in=di_kecamatan)).distinct()
    qs = (
        qs.select_related("lokasi", "kabupaten_kota")
        .prefetch_related(
            Prefetch(
                "pendanaan",
                queryset=PendanaanKegiatan.objects.filter(_terbuka_q()),
                to_attr="pendanaan_terbuka",
            ),
            Prefetch(
                "ikrar",
                queryset=Ikrar.objects.select_related("pemangku", "pertemuan"),
                to_attr="daftar_ikrar",
            ),
            Prefetch(
                "lokasi__kelurahan",
                queryset=Kelurahan.objects.select_related("kecamatan").order_by("kode"),
            ),
        )
        .order_by("tahun", "program", "nama", "pk")
    )
    hasil = DaftarKekurangan()
    for k in qs:
        terbuka = kaidah.belum_terikat(
            k.status,
            [kaidah.Bagian(p.sumber, p.jumlah, p.pemangku_id is not None)
             for p in k.pendanaan_terbuka],
        )  # fmt: skip
        nilai_ikrar = [i.nilai for i in k.daftar_ikrar]
        hasil.baris.append(
            BarisKekurangan(
                kegiatan=k,
                terbuka=k.pendanaan_terbuka,
                ikrar=k.daftar_ikrar,
                belum_terikat=terbuka,
                dijanjikan=aturan.jumlah(nilai_ikrar),
                kurang=kaidah.kekurangan(terbuka, nilai_ikrar),
            )
        )
    return hasil


# --- stages and the Pokja's scores -------------------------------------------------------------

URUTAN_TAHAP = ("prioritas", "pokja")


@dataclass(frozen=True)
class SelTahap:
    kode: str
    label: str
    tahap: TahapKolaborasi | None
    keadaan: str

    @property
    def label_keadaan(self) -> str:
        return kaidah.KEADAAN_TAHAP[self.keadaan]


@dataclass(frozen=True)
class BarisTahap:
    lokasi: Lokasi
    penilaian: Penilaian
    tahap: list[SelTahap]
    nilai: list[int | None]  # per criterion, in the criteria's order
    total: kaidah.Total

    @property
    def label_prioritas(self) -> str:
        return f"{self.penilaian.klasifikasi} ({self.penilaian.prioritas})"


def daftar_tahap(
    penilaian: QuerySet[Penilaian], *, kabupaten_kota: KabupatenKota, urut: str = "prioritas"
) -> tuple[list[KriteriaIntervensi], list[BarisTahap]]:
    """Return the city's criteria and its priority-list lokasi with stages and scores.

    The lokasi are those of the priority list (latest approved survey, Kumuh with a Tabel 4
    priority). Five queries whatever the number of rows.
    """
    kriteria = list(KriteriaIntervensi.objects.filter(kabupaten_kota=kabupaten_kota))
    terakhir = (
        penilaian_terakhir(penilaian.filter(lokasi__kabupaten_kota=kabupaten_kota))
        .berprioritas()
        .select_related("lokasi")
        .prefetch_related(
            Prefetch("lokasi__tahap_kolaborasi", to_attr="daftar_tahap"),
            Prefetch(
                "lokasi__nilai_intervensi",
                queryset=NilaiIntervensi.objects.filter(kriteria__in=[k.pk for k in kriteria]),
                to_attr="daftar_nilai",
            ),
        )
        .defer("hasil", "kekurangan", "lokasi__permasalahan", "lokasi__potensi", "lokasi__batas")
        .urut_prioritas()
    )
    hari_ini = timezone.localdate()
    baris = []
    for p in terakhir:
        lokasi = p.lokasi
        per_tahap = {t.tahap: t for t in lokasi.daftar_tahap}
        per_kriteria = {n.kriteria_id: n.nilai for n in lokasi.daftar_nilai}
        nilai = [per_kriteria.get(k.pk) for k in kriteria]
        baris.append(
            BarisTahap(
                lokasi=lokasi,
                penilaian=p,
                tahap=[
                    _sel(kode, label, per_tahap.get(kode), hari_ini)
                    for kode, label in aturan.TAHAP.items()
                ],
                nilai=nilai,
                total=kaidah.total_tertimbang(
                    kaidah.Skor(k.bobot, k.nilai_maks, n)
                    for k, n in zip(kriteria, nilai, strict=True)
                ),
            )
        )
    if urut == "pokja":
        # Highest weighted total first; ties keep the Tabel 4 order (sort is stable).
        baris.sort(key=lambda b: b.total.tertimbang, reverse=True)
    return kriteria, baris


def _sel(kode: str, label: str, tahap: TahapKolaborasi | None, hari_ini) -> SelTahap:
    mulai, selesai = (tahap.mulai, tahap.selesai) if tahap else (None, None)
    return SelTahap(kode, label, tahap, kaidah.keadaan_tahap(mulai, selesai, hari_ini))
