"""What a city publishes: the lokasi of its SKs in force, read from their frozen rows, and its
progress toward 0 ha. Only public fields leave this module: no surveyor, respondent, contact,
photo or file path (issue 13 item 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from lokasi.models import KabupatenKota
from monev.publik.kemajuan import SKTerbit, Tahun, kemajuan
from penilaian.models import SK, SKLokasi
from penilaian.sk.isi import LokasiSK


@dataclass(frozen=True)
class LokasiPublik:
    nomor_sk: str
    tanggal_sk: date | None
    nomor: int
    nama: str
    kecamatan: str
    luas_ha: Decimal | None
    tingkat_kekumuhan: str
    label_prioritas: str
    lintang: Decimal | None
    bujur: Decimal | None
    batas: dict | None

    def fitur(self) -> dict[str, Any] | None:
        """The GeoJSON feature of the map: its boundary, else its point; None without either."""
        if self.batas:
            geometri = self.batas
        elif self.lintang is not None and self.bujur is not None:
            geometri = {"type": "Point", "coordinates": [float(self.bujur), float(self.lintang)]}
        else:
            return None
        return {
            "type": "Feature",
            "geometry": geometri,
            "properties": {
                "nama": self.nama,
                "kecamatan": self.kecamatan,
                "luas_ha": float(self.luas_ha) if self.luas_ha is not None else None,
                "tingkat_kekumuhan": self.tingkat_kekumuhan,
                "prioritas": self.label_prioritas,
                "sk": self.nomor_sk,
                "tanggal_sk": self.tanggal_sk.isoformat() if self.tanggal_sk else None,
            },
        }


@dataclass(frozen=True)
class Publikasi:
    lokasi: list[LokasiPublik]
    kemajuan: list[Tahun]

    @property
    def luas_ha(self) -> Decimal:
        return sum((lok.luas_ha or Decimal(0) for lok in self.lokasi), Decimal(0))

    def geojson(self) -> dict[str, Any]:
        fitur = [f for lok in self.lokasi if (f := lok.fitur()) is not None]
        return {"type": "FeatureCollection", "features": fitur}


def _tahun(sk: SK) -> int:
    return sk.tanggal.year if sk.tanggal else sk.tahun


def publikasi(kabkota: KabupatenKota) -> Publikasi:
    """Read the city's issued SKs and their frozen rows (three queries, whatever their size)."""
    terbit = list(
        SK.objects.filter(kabupaten_kota=kabkota, status=SK.Status.DITETAPKAN).only(
            "pk", "tahun", "tanggal", "nomor", "menggantikan"
        )
    )
    berlaku = set(SK.objects.filter(kabupaten_kota=kabkota).berlaku().values_list("pk", flat=True))
    baris: dict[int, list[tuple[int, int, LokasiSK]]] = {s.pk: [] for s in terbit}
    for sk_id, lokasi_id, nomor, data in SKLokasi.objects.filter(sk__in=terbit).values_list(
        "sk_id", "lokasi_id", "nomor", "data"
    ):
        baris[sk_id].append((lokasi_id, nomor, LokasiSK.dari_json(data)))
    lokasi: dict[int, LokasiPublik] = {}
    for sk in sorted((s for s in terbit if s.pk in berlaku), key=lambda s: (_tahun(s), s.pk)):
        for lokasi_id, nomor, isi in sorted(baris[sk.pk], key=lambda b: b[1]):
            # A lokasi in two SKs in force (one amends the other) is shown once, as the newest.
            lokasi[lokasi_id] = LokasiPublik(
                nomor_sk=sk.nomor,
                tanggal_sk=sk.tanggal,
                nomor=nomor,
                nama=isi.nama,
                kecamatan=", ".join(isi.kecamatan),
                luas_ha=isi.luas_ha_sk,
                tingkat_kekumuhan=isi.tingkat_kekumuhan,
                label_prioritas=isi.label_prioritas,
                lintang=isi.lintang,
                bujur=isi.bujur,
                batas=isi.batas,
            )
    daftar_sk = [
        SKTerbit(
            pk=s.pk,
            tahun=_tahun(s),
            menggantikan=s.menggantikan_id,
            lokasi=tuple((lok_id, isi.luas_ha_sk) for lok_id, _n, isi in baris[s.pk]),
        )
        for s in terbit
    ]
    return Publikasi(lokasi=list(lokasi.values()), kemajuan=kemajuan(daftar_sk))
