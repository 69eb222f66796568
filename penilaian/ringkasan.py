"""Keep `PenilaianTerakhir` (the priority list's narrow table) in step with the surveys.

Every write that can change a lokasi's row goes through here:

- saves and deletes of Penilaian and Lokasi, changes of a lokasi's kelurahan and of a
  kecamatan's code reach `segarkan` through signals (connected in PenilaianConfig.ready), so
  services, forms, the admin and the workflow need no call of their own;
- writers that bypass signals (bulk_create, bulk_update, QuerySet.update: the import, the
  rescoring of every survey, the synthetic and demo data) call `segarkan` for what they wrote,
  or run inside `tunda()`, which gathers the lokasi and refreshes them once at its end.

Every write also bumps the written cities' `VersiDaftar` (`kabari`), whose sum names the
table's state: the priority list's totals are cached under it (`prioritas.rekap_prioritas`).
Apps above penilaian that keep something derived from these rows (the dashboard's "newer and
worse survey" flag on an SK's frozen rows) register with `daftarkan_sesudah_segarkan` and are
told which lokasi changed, in the same transaction.

The rows are recomputed from the surveys with the priority list's own rule
(`prioritas.penilaian_terakhir`), so the table can always be rebuilt: `segarkan_semua`, and
`selisih` lists the lokasi whose row differs from what the surveys say (`manage.py
segarkan_daftar_prioritas --periksa`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import batched

from django.db import transaction
from django.db.models import Case, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save

from kumuh import massal
from lokasi.models import KabupatenKota, Kecamatan, Lokasi
from penilaian.models import (
    BERPRIORITAS,
    STATUS_DISETUJUI,
    Penilaian,
    PenilaianTerakhir,
    VersiDaftar,
)

POTONGAN = 2000
_lokal = threading.local()

# Told the lokasi whose row was rewritten: a list of ids, a query of `lokasi_id` values, or None
# for every lokasi (the table rebuilt).
SesudahSegarkan = Callable[[Sequence[int] | QuerySet | None], None]
_SESUDAH_SEGARKAN: list[SesudahSegarkan] = []


def daftarkan_sesudah_segarkan(fungsi: SesudahSegarkan) -> None:
    """Call `fungsi(lokasi)` after each write of the table, inside its transaction."""
    if fungsi not in _SESUDAH_SEGARKAN:
        _SESUDAH_SEGARKAN.append(fungsi)


def kabari(lokasi: Sequence[int] | QuerySet | None) -> None:
    """Say that these lokasi's rows were rewritten (None: any): bump their cities' versions
    and tell the registered apps."""
    naikkan_versi(
        None
        if lokasi is None
        else Lokasi.objects.filter(pk__in=lokasi).values_list("kabupaten_kota_id", flat=True)
    )
    for fungsi in _SESUDAH_SEGARKAN:
        fungsi(lokasi)


KOLOM = (
    "tahun",
    "tanggal_survei",
    "nilai_kekumuhan",
    "tingkat_kekumuhan",
    "legalitas",
    "klasifikasi",
    "prioritas",
    "pola_penanganan",
)


def _baris_baru(lokasi_id: Iterable[int]) -> list[PenilaianTerakhir]:
    """Compute the rows of these lokasi from their surveys (two queries)."""
    from penilaian.prioritas import penilaian_terakhir  # prioritas reads the table too

    pertama = Kecamatan.objects.filter(kelurahan__lokasi=OuterRef("lokasi_id")).order_by("kode")
    data = (
        penilaian_terakhir(Penilaian.objects.filter(lokasi_id__in=list(lokasi_id)))
        .order_by()
        .annotate(
            ada=Case(When(BERPRIORITAS, then=1), default=0, output_field=IntegerField()),
            kec=Subquery(pertama.values("pk")[:1]),
            luas=Coalesce(F("lokasi__luas_verifikasi_ha"), F("lokasi__luas_sk_ha")),
        )
        .values(
            "pk",
            "lokasi_id",
            "ada",
            "kec",
            "luas",
            "lokasi__kabupaten_kota_id",
            "lokasi__nama",
            "lokasi__lintang",
            "lokasi__bujur",
            "lokasi__penduduk_laki_laki",
            "lokasi__penduduk_perempuan",
            "lokasi__penduduk_tanpa_rincian",
            *KOLOM,
        )
    )
    baris = []
    for d in data:
        laki, perempuan = d["lokasi__penduduk_laki_laki"], d["lokasi__penduduk_perempuan"]
        # Lokasi.jumlah_penduduk: the split when there is one, else the total alone.
        if laki is None and perempuan is None:
            jiwa = d["lokasi__penduduk_tanpa_rincian"]
        else:
            jiwa = (laki or 0) + (perempuan or 0)
        baris.append(
            PenilaianTerakhir(
                lokasi_id=d["lokasi_id"],
                penilaian_id=d["pk"],
                kabupaten_kota_id=d["lokasi__kabupaten_kota_id"],
                kecamatan_utama_id=d["kec"],
                nama=d["lokasi__nama"],
                berprioritas=bool(d["ada"]),
                luas_ha=d["luas"],
                jumlah_penduduk=jiwa,
                lintang=d["lokasi__lintang"],
                bujur=d["lokasi__bujur"],
                **{k: d[k] for k in KOLOM},
            )
        )
    return baris


def segarkan(lokasi_id: Iterable[int]) -> None:
    """Recompute the rows of these lokasi (inside the caller's transaction)."""
    semua = sorted(set(lokasi_id))
    if not semua:
        return
    tunda_set = getattr(_lokal, "tunda", None)
    if tunda_set is not None:
        tunda_set.update(semua)
        return
    with transaction.atomic():
        for potongan in batched(semua, POTONGAN):
            PenilaianTerakhir.objects.filter(lokasi_id__in=potongan).delete()
            PenilaianTerakhir.objects.bulk_create(_baris_baru(potongan), batch_size=500)
            kabari(potongan)


def naikkan_versi(kabupaten_kota: Iterable[int] | None) -> None:
    """Bump the `VersiDaftar` of these cities (all when None) in the caller's transaction.

    Only the cities written are locked, so surveys saved in two cities never wait for each
    other; a rescore or a rebuild bumps every city once."""
    kota = set(
        KabupatenKota.objects.values_list("pk", flat=True)
        if kabupaten_kota is None
        else kabupaten_kota
    )
    if not kota:
        return
    VersiDaftar.objects.bulk_create(
        (VersiDaftar(kabupaten_kota_id=k) for k in kota), ignore_conflicts=True
    )
    VersiDaftar.objects.filter(pk__in=kota).update(versi=F("versi") + 1)


def versi_daftar() -> int:
    """The state of the whole table as one number (one query): it grows with every write."""
    return VersiDaftar.objects.aggregate(n=Sum("versi"))["n"] or 0


# The columns a rescore can change (`hitung_ulang_semua`): a survey's results. Which survey is a
# lokasi's latest approved one depends on its status and year only, which a rescore leaves alone.
KOLOM_HASIL = ("berprioritas", *(k for k in KOLOM if k not in ("tahun", "tanggal_survei")))


def baris_hasil(penilaian_id: int, hasil: Mapping[str, object]) -> tuple:
    """The KOLOM_HASIL values of a survey's new results, then its id (for `perbarui_hasil`)."""
    # penilaian.models.BERPRIORITAS, in Python.
    berprioritas = hasil["klasifikasi"] != "" and hasil["prioritas"] is not None
    return (berprioritas, *(hasil[k] for k in KOLOM_HASIL[1:]), penilaian_id)


def perbarui_hasil(baris: Sequence[tuple], *, kabari_sekarang: bool = True) -> None:
    """Write rescored results (`baris_hasil`) into the rows that show those surveys.

    Straight from the results in memory: recomputing 30,000 rows from the surveys (`segarkan`)
    took longer than the rescore itself. A survey that is no lokasi's latest approved one has
    no row and updates nothing. A caller writing many parts passes `kabari_sekarang=False` and
    calls `kabari(None)` once after the last: one pass of the registered apps over everything
    costs less than one per part.
    """
    massal.perbarui_siap(PenilaianTerakhir, list(KOLOM_HASIL), "penilaian", baris)
    if kabari_sekarang:
        for potongan in batched((b[-1] for b in baris), POTONGAN):
            kabari(PenilaianTerakhir.objects.filter(penilaian_id__in=potongan).values("lokasi_id"))


def segarkan_semua() -> int:
    """Rebuild the whole table; return its row count."""
    with transaction.atomic():
        PenilaianTerakhir.objects.all().delete()
        pk = Lokasi.objects.filter(penilaian__status__in=STATUS_DISETUJUI).distinct()
        for potongan in batched(pk.order_by("pk").values_list("pk", flat=True), POTONGAN):
            PenilaianTerakhir.objects.bulk_create(_baris_baru(potongan), batch_size=500)
        kabari(None)
    return PenilaianTerakhir.objects.count()


@contextmanager
def tunda() -> Iterator[None]:
    """Gather the lokasi written inside the block and refresh them once at its end."""
    if getattr(_lokal, "tunda", None) is not None:
        yield  # nested: the outer block refreshes
        return
    _lokal.tunda = set()
    try:
        yield
        kumpulan = _lokal.tunda
    finally:
        _lokal.tunda = None
    segarkan(kumpulan)


def _potret(baris: PenilaianTerakhir) -> tuple:
    return tuple(getattr(baris, f.attname) for f in PenilaianTerakhir._meta.concrete_fields)


def selisih() -> list[int]:
    """Return the lokasi whose stored row differs from what their surveys say now."""
    beda: list[int] = []
    pk = Lokasi.objects.order_by("pk").values_list("pk", flat=True)
    for potongan in batched(pk, POTONGAN):
        simpan = {b.lokasi_id: b for b in PenilaianTerakhir.objects.filter(lokasi_id__in=potongan)}
        baru = {b.lokasi_id: b for b in _baris_baru(potongan)}
        for lokasi_id in sorted(simpan.keys() | baru.keys()):
            a, b = simpan.get(lokasi_id), baru.get(lokasi_id)
            if a is None or b is None or _banding(a) != _banding(b):
                beda.append(lokasi_id)
    return beda


def _banding(baris: PenilaianTerakhir) -> tuple:
    # Decimals read back from the database and computed ones compare by value.
    return tuple(str(v.normalize()) if hasattr(v, "normalize") else v for v in _potret(baris))


# --- signals -----------------------------------------------------------------------------------


def _penilaian_disimpan(sender, instance: Penilaian, **kwargs) -> None:
    if (
        instance.status in STATUS_DISETUJUI
        or PenilaianTerakhir.objects.filter(penilaian_id=instance.pk).exists()
    ):
        segarkan([instance.lokasi_id])


def _penilaian_dihapus(sender, instance: Penilaian, **kwargs) -> None:
    if instance.status in STATUS_DISETUJUI:
        segarkan([instance.lokasi_id])


def _lokasi_disimpan(sender, instance: Lokasi, created: bool, **kwargs) -> None:
    if not created and PenilaianTerakhir.objects.filter(lokasi_id=instance.pk).exists():
        segarkan([instance.pk])


def _lokasi_dihapus(sender, instance: Lokasi, **kwargs) -> None:
    # Its narrow row goes by cascade, without `segarkan`: the city's totals change all the same.
    naikkan_versi([instance.kabupaten_kota_id])


def _kelurahan_berubah(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # lokasi.kelurahan.set(...)
        segarkan(
            [instance.pk]
            if PenilaianTerakhir.objects.filter(lokasi_id=instance.pk).exists()
            else []
        )
    else:  # kelurahan.lokasi.add(...)
        segarkan(pk_set or [])


def _kecamatan_disimpan(sender, instance: Kecamatan, created: bool, **kwargs) -> None:
    if not created:
        segarkan(Lokasi.objects.filter(kelurahan__kecamatan=instance).values_list("pk", flat=True))


def sambungkan() -> None:
    post_save.connect(_penilaian_disimpan, sender=Penilaian, dispatch_uid="pt_penilaian_simpan")
    post_delete.connect(_penilaian_dihapus, sender=Penilaian, dispatch_uid="pt_penilaian_hapus")
    post_save.connect(_lokasi_disimpan, sender=Lokasi, dispatch_uid="pt_lokasi_simpan")
    post_delete.connect(_lokasi_dihapus, sender=Lokasi, dispatch_uid="pt_lokasi_hapus")
    m2m_changed.connect(
        _kelurahan_berubah, sender=Lokasi.kelurahan.through, dispatch_uid="pt_kelurahan"
    )
    post_save.connect(_kecamatan_disimpan, sender=Kecamatan, dispatch_uid="pt_kecamatan")
