"""What a city publishes: the lokasi of its SKs in force, read from their frozen rows, and its
progress toward 0 ha. Only public fields leave this module: no surveyor, respondent, contact,
photo or file path (issue 13 item 4).

Anyone may ask for these pages, as often as they like (issue 14): a city of 15,000 lokasi has
75 MB of frozen JSON, which took 15 s to read and print per request. So the public part of the
rows is read once per published state — the city's issued SKs and its publication setting —
and kept in Django's cache under a key made of that state (`kunci`): a newly issued SK or a
changed setting is a new key, read at once, and nothing ever has to be invalidated. Reading
asks the database for the few public keys of the JSON only (never `LokasiSK.dari_json`), and
never the boundaries: the map asks for those per viewport, the GeoJSON download once per state.

`monev.models.BarisSKBeku` (the dashboard's narrow copy) would spare even that first read,
but it lacks the point, the prioritas and the kelurahan the public page shows.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import JSONField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT

from lokasi.models import KabupatenKota
from monev.publik import peta
from monev.publik.kemajuan import SKTerbit, Tahun, kemajuan
from penilaian.layar_peta import (
    MAKS_BATAS,
    PIKSEL_KLASTER,
    ZOOM_RINCI,
    baca_bbox,
    baca_zoom,
    zoom_muat,
)
from penilaian.models import SK, SKLokasi

# Bump when the cached shapes change, so a running cache never hands out an old shape.
VERSI = 1
# The key changes with the state, so an entry never goes stale; the timeout only frees room.
UMUR_CACHE = 7 * 24 * 3600
# While one request reads a state, others asking for it wait this long before reading it too.
TUNGGU_BACA = 20.0


class LokasiPublik(NamedTuple):
    """One published lokasi (a tuple: 15,000 of them go in and out of the cache)."""

    nomor_sk: str
    tanggal_sk: date | None
    nomor: int
    nama: str
    kelurahan: str
    kecamatan: str
    luas_ha: Decimal | None
    tingkat_kekumuhan: str
    label_prioritas: str
    lintang: float | None
    bujur: float | None
    baris: int  # the SKLokasi pk: where the map finds the boundary (never sent out)

    def sifat(self) -> dict[str, Any]:
        """The public properties of the lokasi's map feature."""
        return {
            "nama": self.nama,
            "kecamatan": self.kecamatan,
            "luas_ha": float(self.luas_ha) if self.luas_ha is not None else None,
            "tingkat_kekumuhan": self.tingkat_kekumuhan,
            "prioritas": self.label_prioritas,
            "sk": self.nomor_sk,
            "tanggal_sk": self.tanggal_sk.isoformat() if self.tanggal_sk else None,
        }

    def fitur(self, batas: dict | None = None) -> dict[str, Any] | None:
        """The GeoJSON feature of the map: its boundary, else its point; None without either."""
        if batas:
            geometri = batas
        elif self.lintang is not None and self.bujur is not None:
            geometri = {"type": "Point", "coordinates": [self.bujur, self.lintang]}
        else:
            return None
        return {"type": "Feature", "geometry": geometri, "properties": self.sifat()}

    def cocok(self, cari: str) -> bool:
        """Whether the casefolded `cari` is in the name, kelurahan or kecamatan."""
        return cari in self.nama.casefold() or cari in self.wilayah_casefold

    @property
    def wilayah_casefold(self) -> str:
        return f"{self.kelurahan}\n{self.kecamatan}".casefold()


@dataclass(frozen=True)
class Publikasi:
    kunci: str
    lokasi: list[LokasiPublik]
    kemajuan: list[Tahun]
    luas_ha: Decimal
    # The map's points (index in `lokasi`, lintang, bujur) and their extent (s, w, n, e),
    # worked out once per state rather than per viewport.
    titik: list[tuple[int, float, float]]
    luas_titik: dict[str, float] | None

    def cari(self, teks: str) -> list[LokasiPublik]:
        """The lokasi whose name, kelurahan or kecamatan contains `teks` (any case)."""
        cari = teks.strip().casefold()
        if not cari:
            return self.lokasi
        return [lok for lok in self.lokasi if lok.cocok(cari)]


@dataclass(frozen=True)
class Keadaan:
    """The city's published state: its issued SKs (those in force first read) and the key."""

    terbit: list[SK]
    berlaku: set[int]
    kunci: str


def _tahun(sk: SK) -> int:
    return sk.tanggal.year if sk.tanggal else sk.tahun


def keadaan(kabkota: KabupatenKota) -> Keadaan:
    """Read the city's issued SKs (one query) and make the cache key of its published state.

    In force: issued and not replaced by another issued SK (`SK.objects.berlaku()`, read here
    from the same rows). An issued SK never changes, so the SKs' pks and what they replace,
    with the publication setting's last change, are the whole state."""
    terbit = list(
        SK.objects.filter(kabupaten_kota=kabkota, status=SK.Status.DITETAPKAN)
        .only("pk", "tahun", "tanggal", "nomor", "menggantikan")
        .order_by("pk")
    )
    diganti = {s.menggantikan_id for s in terbit}
    berlaku = {s.pk for s in terbit if s.pk not in diganti}
    publikasi = kabkota.publikasi
    teks = ";".join(f"{s.pk}-{s.menggantikan_id}" for s in terbit)
    ubah = publikasi.diubah_pada.isoformat() if publikasi.diubah_pada else ""
    sidik = hashlib.sha256(f"{teks}|{ubah}|{publikasi.terbit}".encode()).hexdigest()[:32]
    return Keadaan(terbit=terbit, berlaku=berlaku, kunci=f"publik:{VERSI}:{kabkota.pk}:{sidik}")


# The last states read by this process, unpickled: taking 15,000 rows out of Django's cache
# costs 100 ms per request, a dict lookup nothing. An entry is used only while the cache still
# holds its mark (a small get), so it lives no longer than the shared cache's copy.
_MEMO: OrderedDict[str, tuple[str, Any]] = OrderedDict()
_MEMO_KUNCI = threading.Lock()
MEMO_MAKS = 8


def _ingat(kunci: str, tanda: str, nilai: Any) -> None:
    with _MEMO_KUNCI:
        _MEMO[kunci] = (tanda, nilai)
        _MEMO.move_to_end(kunci)
        while len(_MEMO) > MEMO_MAKS:
            _MEMO.popitem(last=False)


def _sekali[T](kunci: str, buat: Callable[[], T]) -> T:
    """The cached value of `kunci`, made by `buat` when missing; while one request makes it,
    the others wait for it (up to TUNGGU_BACA seconds) instead of reading the same rows."""
    tanda = cache.get(f"{kunci}:tanda")
    if tanda is not None:
        ingat = _MEMO.get(kunci)
        if ingat is not None and ingat[0] == tanda:
            return ingat[1]
        if (nilai := cache.get(kunci)) is not None:
            _ingat(kunci, tanda, nilai)
            return nilai
    kunci_kunci = f"{kunci}:sedang"
    if not cache.add(kunci_kunci, 1, timeout=int(TUNGGU_BACA) + 10):
        batas = time.monotonic() + TUNGGU_BACA
        while time.monotonic() < batas:
            time.sleep(0.1)
            if (nilai := cache.get(kunci)) is not None:
                return nilai
    try:
        nilai = buat()
        tanda = uuid.uuid4().hex
        cache.set(kunci, nilai, timeout=UMUR_CACHE)
        cache.set(f"{kunci}:tanda", tanda, timeout=UMUR_CACHE)
        _ingat(kunci, tanda, nilai)
    finally:
        cache.delete(kunci_kunci)
    return nilai


# SQLite's text of a JSON null is "null" (Django's KT), PostgreSQL's is NULL.
KOSONG = (None, "", "null")


def _desimal(teks: str | None) -> Decimal | None:
    """A frozen area as the SK prints it: two decimals, half up (`LokasiSK.luas_ha_sk`)."""
    if teks in KOSONG:
        return None
    return Decimal(str(teks)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _koordinat(teks: str | None) -> float | None:
    return float(teks) if teks not in KOSONG else None


def _teks(teks: str | None) -> str:
    return "" if teks in KOSONG else str(teks)


def _daftar(teks: str | None) -> str:
    # A JSON list (kelurahan, kecamatan) arrives as its text from either database.
    return ", ".join(json.loads(teks)) if teks not in KOSONG else ""


# The frozen keys the public page shows (besides the boundary, read per viewport).
KUNCI_PUBLIK = ("nama", "kelurahan", "kecamatan", "luas_ha", "tingkat_kekumuhan", "klasifikasi",
                "prioritas", "lintang", "bujur")  # fmt: skip


def _kunci_publik(qs: QuerySet[SKLokasi]) -> list[tuple]:
    """(pk, sk_id, lokasi_id, nomor, *KUNCI_PUBLIK as text) of these rows, one query.

    PostgreSQL detoasts (and decompresses) the whole 5 KB jsonb for every `->>`: nine keys were
    nine times 75 MB. `jsonb_to_record` takes the row apart in one call. SQLite parses the text
    once per row for all the keys alike (its JSON cache), so Django's key transforms do."""
    kolom = ("pk", "sk_id", "lokasi_id", "nomor")
    if connection.vendor != "postgresql":
        return list(qs.values_list(*kolom, *(KT(f"data__{k}") for k in KUNCI_PUBLIK)))
    jenis = ", ".join(f"{k} text" for k in KUNCI_PUBLIK)
    susun = RawSQL(
        f"(SELECT jsonb_build_array({', '.join(f'x.{k}' for k in KUNCI_PUBLIK)}) FROM "
        f'jsonb_to_record("{SKLokasi._meta.db_table}"."data") AS x({jenis}))',
        [],
        output_field=JSONField(),
    )
    return [(*b[:4], *b[4]) for b in qs.annotate(publik=susun).values_list(*kolom, "publik")]


def _baca(kabkota: KabupatenKota, k: Keadaan) -> Publikasi:
    """Read the public keys of the rows of the SKs in force, and the areas of the rows of the
    replaced SKs for the progress (one query, two with a replaced SK)."""
    urutan = sorted((s for s in k.terbit if s.pk in k.berlaku), key=lambda s: (_tahun(s), s.pk))
    per_sk = {s.pk: s for s in urutan}
    baris = _kunci_publik(SKLokasi.objects.filter(sk__in=list(per_sk)).order_by())
    luas_sk: dict[int, list[tuple[int, Decimal | None]]] = {s.pk: [] for s in k.terbit}
    lokasi: dict[int, tuple[tuple[int, int], LokasiPublik]] = {}
    posisi = {pk: i for i, pk in enumerate(per_sk)}
    for pk, sk_id, lokasi_id, nomor, nama, kel, kec, luas, tingkat, kelas, prio, lat, lon in baris:
        sk = per_sk[sk_id]
        luas_ha = _desimal(luas)
        luas_sk[sk_id].append((lokasi_id, luas_ha))
        urut = (posisi[sk_id], nomor)
        # A lokasi in two SKs in force (one amends the other) is shown once, as the newest.
        if lokasi_id in lokasi and lokasi[lokasi_id][0] > urut:
            continue
        lokasi[lokasi_id] = (
            urut,
            LokasiPublik(
                nomor_sk=sk.nomor, tanggal_sk=sk.tanggal, nomor=nomor, nama=_teks(nama),
                kelurahan=_daftar(kel), kecamatan=_daftar(kec), luas_ha=luas_ha,
                tingkat_kekumuhan=_teks(tingkat), label_prioritas=f"{kelas}/ {prio}",
                lintang=_koordinat(lat), bujur=_koordinat(lon), baris=pk,
            ),
        )  # fmt: skip
    if diganti := [s.pk for s in k.terbit if s.pk not in k.berlaku]:
        for sk_id, lokasi_id, luas in (
            SKLokasi.objects.filter(sk__in=diganti)
            .order_by()
            .values_list("sk_id", "lokasi_id", KT("data__luas_ha"))
        ):
            luas_sk[sk_id].append((lokasi_id, _desimal(luas)))
    daftar_sk = [
        SKTerbit(s.pk, _tahun(s), s.menggantikan_id, tuple(luas_sk[s.pk])) for s in k.terbit
    ]
    hasil = [lok for _urut, lok in sorted(lokasi.values(), key=lambda x: x[0])]
    titik = [
        (i, lok.lintang, lok.bujur)
        for i, lok in enumerate(hasil)
        if lok.lintang is not None and lok.bujur is not None
    ]
    luas_titik = None
    if titik:
        lintang, bujur = [t[1] for t in titik], [t[2] for t in titik]
        luas_titik = {"s": min(lintang), "n": max(lintang), "w": min(bujur), "e": max(bujur)}
    return Publikasi(
        kunci=k.kunci,
        lokasi=hasil,
        kemajuan=kemajuan(daftar_sk),
        luas_ha=sum((lok.luas_ha or Decimal(0) for lok in hasil), Decimal(0)),
        titik=titik,
        luas_titik=luas_titik,
    )


def publikasi(kabkota: KabupatenKota, k: Keadaan | None = None) -> Publikasi:
    """The city's published lokasi and progress: from the cache, else read once (one query
    for the state, then none while cached)."""
    k = k or keadaan(kabkota)
    return _sekali(k.kunci, lambda: _baca(kabkota, k))


def siapkan(kabkota_pk: int) -> None:
    """Read a published city's state into the cache with what every visitor asks first: the
    page's rows, the map's first answer and the GeoJSON download (the background task of
    `monev.publik.tugas`). A city that does not publish has nothing to read."""
    kabkota = (
        KabupatenKota.objects.select_related("publikasi")
        .filter(pk=kabkota_pk, publikasi__terbit=True)
        .first()
    )
    if kabkota is None:
        return
    peta_kota(kabkota)
    geojson(kabkota)


def _batas(baris: list[int]) -> dict[int, dict]:
    """The frozen boundaries of these rows (one query)."""
    return {
        pk: b
        for pk, b in SKLokasi.objects.filter(pk__in=baris).values_list("pk", "data__batas")
        if b
    }


def geojson(kabkota: KabupatenKota) -> bytes:
    """The whole published map as GeoJSON bytes (each lokasi's boundary, else its point):
    made once per published state, then served from the cache."""
    k = keadaan(kabkota)

    def buat() -> bytes:
        data = publikasi(kabkota, k)
        batas = _batas([lok.baris for lok in data.lokasi])
        fitur = [f for lok in data.lokasi if (f := lok.fitur(batas.get(lok.baris)))]
        return json.dumps({"type": "FeatureCollection", "features": fitur}).encode()

    return _sekali(f"{k.kunci}:geojson", buat)


def peta_kota(kabkota: KabupatenKota, *, bbox: str = "", zoom: str = "") -> dict[str, Any]:
    """The published map for one viewport, as the priority list's map answers it: numbered
    clusters [lintang, bujur, count] where lokasi crowd, single lokasi as point features, their
    boundaries from ZOOM_RINCI on. Without a zoom (first load), the extent to fit too; that
    answer is the same for every visitor, so it is cached with the state."""
    k = keadaan(kabkota)
    data = publikasi(kabkota, k)
    z, kotak = baca_zoom(zoom), baca_bbox(bbox)
    if z is None:
        return _sekali(f"{k.kunci}:peta-awal", lambda: _peta(data, None, None))
    luas = data.luas_titik
    if kotak is None or (
        luas and kotak[0] <= luas["w"] and kotak[1] <= luas["s"]
        and luas["e"] <= kotak[2] and luas["n"] <= kotak[3]
    ):  # fmt: skip
        # The whole city in view (a low zoom, mostly): the same answer for everyone.
        # Any viewport holding every point gives the same answer: cached per zoom.
        return _sekali(f"{k.kunci}:peta-{z}-{kotak is None}", lambda: _peta(data, z, kotak))
    return _peta(data, z, kotak)


def _peta(
    data: Publikasi, z: int | None, kotak: tuple[float, float, float, float] | None
) -> dict[str, Any]:
    batas = None
    if z is None:
        luas = data.luas_titik
        z = zoom_muat(luas) if luas else ZOOM_RINCI
        if luas:
            batas = [[luas["s"], luas["w"]], [luas["n"], luas["e"]]]
    sel = peta.kelompokkan(data.titik, zoom=z, piksel=PIKSEL_KLASTER, kotak=kotak)
    klaster = [[round(c.lintang, 6), round(c.bujur, 6), c.n] for c in sel if c.n > 1]
    tunggal = [data.lokasi[c.indeks[0]] for c in sel if c.n == 1]
    bentuk = {}
    if z >= ZOOM_RINCI and kotak is not None and 0 < len(tunggal) <= MAKS_BATAS:
        bentuk = _batas([lok.baris for lok in tunggal])
    fitur = [lok.fitur(bentuk.get(lok.baris)) for lok in tunggal]
    return {"zoom": z, "batas": batas, "klaster": klaster, "fitur": fitur}
