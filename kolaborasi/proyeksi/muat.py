"""Load a projection from the database in a constant number of queries.

Baselines: the latest terverifikasi pusat survey of each lokasi the user may see, with its
isian and numerik rows (prefetched) and the kelurahan/kecamatan of its lokasi. Effects: those
of the counted kegiatan (`rumus_proyeksi.status_dihitung`) at these lokasi, in one query.
The rules themselves are `rumus_proyeksi`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from kolaborasi.models import EfekKegiatan
from kolaborasi.proyeksi.rumus_proyeksi import Dasar, Efek, Proyeksi, proyeksikan, status_dihitung
from lokasi.models import Kecamatan, Kelurahan, Lokasi, Pengguna
from penilaian.models import Penilaian, Status
from penilaian.prioritas import penilaian_terakhir
from penilaian.services import masukan_dari


def survei_dasar(
    pengguna: Pengguna,
    *,
    kecamatan: Kecamatan | None = None,
    lokasi: Lokasi | None = None,
) -> QuerySet[Penilaian]:
    """Return the latest terverifikasi pusat survey of each lokasi in the user's scope that
    is on the list (Kumuh), ready for `masukan_dari` (four queries when evaluated)."""
    qs = Penilaian.objects.untuk(pengguna)
    if lokasi is not None:
        qs = qs.filter(lokasi=lokasi)
    terakhir = penilaian_terakhir(qs, status=[Status.TERVERIFIKASI_PUSAT]).berprioritas()
    if kecamatan is not None:
        terakhir = terakhir.filter(
            lokasi__in=Lokasi.objects.filter(kelurahan__kecamatan=kecamatan).values("pk")
        )
    return (
        terakhir.select_related("lokasi__kabupaten_kota")
        .prefetch_related(
            "isian",
            "numerik",
            Prefetch(
                "lokasi__kelurahan",
                queryset=Kelurahan.objects.select_related("kecamatan").order_by("kode"),
            ),
        )
        .defer("hasil", "kekurangan", "lokasi__permasalahan", "lokasi__potensi")
        .urut_prioritas()
    )


def dasar_dari(p: Penilaian) -> Dasar:
    """Build a baseline from a survey fetched by `survei_dasar`."""
    masukan = masukan_dari(p)
    luas = masukan.numerik.get("luas_verifikasi_ha")
    kecamatan = p.lokasi.daftar_kecamatan
    return Dasar(
        lokasi_pk=p.lokasi_id,
        nama=p.lokasi.nama,
        tahun=p.tahun,
        masukan=masukan,
        luas_ha=luas if luas is not None else p.lokasi.luas_sk_ha,
        kecamatan=(kecamatan[0].kode, kecamatan[0].nama) if kecamatan else None,
        penilaian_pk=p.pk,
    )


def efek_dihitung(
    lokasi_pk: Iterable[int], *, dengan_usulan: bool = False
) -> QuerySet[EfekKegiatan]:
    """Return the effects of the counted kegiatan at these lokasi, with their kegiatan."""
    return (
        EfekKegiatan.objects.filter(
            lokasi_id__in=list(lokasi_pk),
            kegiatan__status__in=status_dihitung(dengan_usulan),
        )
        .select_related("kegiatan")
        .only(
            "lokasi_id",
            "kriteria",
            "volume",
            "kegiatan__tahun",
            "kegiatan__nama",
            "kegiatan__status",
        )
        .order_by("kegiatan__tahun", "kegiatan_id", "pk")
    )


def muat_proyeksi(
    pengguna: Pengguna,
    *,
    tahun_akhir: int | None = None,
    kecamatan: Kecamatan | None = None,
    lokasi: Lokasi | None = None,
    dengan_usulan: bool = False,
) -> tuple[Proyeksi, dict[int, Penilaian]]:
    """Return the projection of the user's lokasi and the baseline surveys by lokasi pk.

    Five queries whatever the number of lokasi and kegiatan.
    """
    survei = list(survei_dasar(pengguna, kecamatan=kecamatan, lokasi=lokasi))
    dasar = [dasar_dari(p) for p in survei]
    efek = [
        Efek(
            lokasi_pk=e.lokasi_id,
            tahun=e.kegiatan.tahun,
            kriteria=e.kriteria,
            volume=e.volume,
            kegiatan_pk=e.kegiatan_id,
            kegiatan_nama=e.kegiatan.nama,
            status=e.kegiatan.status,
        )
        for e in (
            efek_dihitung([d.lokasi_pk for d in dasar], dengan_usulan=dengan_usulan)
            if dasar
            else []
        )
    ]
    proyeksi = proyeksikan(dasar, efek, tahun_akhir=tahun_akhir)
    return proyeksi, {p.lokasi_id: p for p in survei}
