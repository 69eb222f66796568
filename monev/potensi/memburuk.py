"""Read the surveys and realised kegiatan of a city's lokasi and apply `aturan.memburuk`:
three queries for the whole city, whatever the number of lokasi."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kolaborasi.models import Kegiatan
from lokasi.models import KabupatenKota, Lokasi
from monev.peninjauan.volume import STATUS_TEREALISASI
from monev.potensi.aturan import Memburuk, Penanganan, Survei, memburuk
from penilaian.models import Penilaian


@dataclass(frozen=True)
class LokasiMemburuk:
    lokasi: Lokasi
    hasil: Memburuk


def lokasi_memburuk(kabkota: QuerySet[KabupatenKota]) -> list[LokasiMemburuk]:
    survei: dict[int, list[Survei]] = defaultdict(list)
    for pk, lok, tahun, tanggal, nilai, tingkat in (
        Penilaian.objects.disetujui()
        .filter(lokasi__kabupaten_kota__in=kabkota, nilai_kekumuhan__isnull=False)
        .values_list(
            "pk", "lokasi_id", "tahun", "tanggal_survei", "nilai_kekumuhan", "tingkat_kekumuhan"
        )
    ):
        survei[lok].append(Survei(pk, tahun, tanggal, nilai, tingkat))
    kandidat = [lok for lok, daftar in survei.items() if len(daftar) >= 2]
    if not kandidat:
        return []
    penanganan: dict[int, set[Penanganan]] = defaultdict(set)
    # A kegiatan counts at its own lokasi and at every lokasi its effects name (skala kota).
    for pk, nama, tahun, lok, lok_efek in (
        Kegiatan.objects.filter(status__in=STATUS_TEREALISASI)
        .filter(Q(lokasi_id__in=kandidat) | Q(efek__lokasi_id__in=kandidat))
        .values_list("pk", "nama", "tahun", "lokasi_id", "efek__lokasi_id")
        .distinct()
    ):
        for lokasi_id in {lok, lok_efek} & set(kandidat):
            penanganan[lokasi_id].add(Penanganan(pk, nama, tahun))
    hasil = {
        lok: h
        for lok in kandidat
        if (h := memburuk(survei[lok], list(penanganan[lok]))) is not None
    }
    lokasi = Lokasi.objects.filter(pk__in=hasil).only("pk", "nama", "kabupaten_kota_id")
    return [LokasiMemburuk(lok, hasil[lok.pk]) for lok in lokasi.order_by("nama", "pk")]
