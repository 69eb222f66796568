"""Read the dashboard's figures for the kab/kota a user may see, in a number of queries that
does not grow with the lokasi (one pass per city only for its review and its calendar).

The figures themselves are built by the pure `monev.dasbor.angka`. The SKs' frozen rows are
added up by the database (issue 14 item 2): from `BarisSKBeku`, the narrow copy of the values
the totals need, grouped per SK, tingkat and kecamatan; only the rows that can raise a flag are
read in full.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from kolaborasi import aturan
from kolaborasi.models import Kegiatan, PendanaanKegiatan
from lokasi.models import KabupatenKota
from monev.dasbor import angka
from monev.models import (
    BarisSKBeku,
    EvaluasiTahunan,
    PeninjauanUlang,
    RealisasiDana,
    TargetKota,
)
from monev.op import jadwal
from monev.op.kalender import Butir, butir_kalender_kota
from monev.peninjauan.muat import (
    JumlahKecamatan,
    jumlah_kota_beku,
    muat_peninjauan,
    terbeku,
)
from penilaian.models import SK, SKLokasi
from penilaian.sk.isi import LokasiSK

SEN = Decimal("0.01")  # BarisSKBeku.luas_cetak's places
MIKRO = Decimal("0.000001")  # BarisSKBeku.luas_ha's (lokasi.models.LUAS)
# What a flag names of a frozen row, in angka.BarisBeku's order after the SK.
KOLOM_BARIS = (
    "sk_id", "lokasi_id", "nomor", "nama", "tahun_penilaian", "tanggal_survei",
    "nilai_kekumuhan", "tingkat_kekumuhan",
)  # fmt: skip


@dataclass(frozen=True)
class Indikatif:
    """The latest review of a city: its totals before/after, official and indicative (the
    `kota` row of its recap)."""

    kota: str
    peninjauan: PeninjauanUlang
    jumlah: JumlahKecamatan


@dataclass(frozen=True)
class Terlambat:
    kota: str
    butir: Butir


@dataclass(frozen=True)
class Dasbor:
    kota: list[KabupatenKota]
    hari_ini: date
    sk: list[angka.SKBeku]
    riwayat: list[angka.TitikTahun]
    tingkat: list[str]
    kecamatan: list[str]
    capaian: angka.Capaian | None
    indikatif: list[Indikatif]
    kegiatan: list[tuple[str, int]]  # (status label, count) in the workflow's order
    dana: list[angka.BarisDana]
    dana_jumlah: angka.BarisDana
    terlambat: list[Terlambat]
    tanda: list[angka.Tanda]  # the first ones (muat_dasbor's tanda_maks), in order
    jumlah_tanda: int  # all of them
    tanda_per_jenis: list[tuple[str, int]]  # (kind, count), most first
    evaluasi: EvaluasiTahunan | None  # the latest with a written "pencapaian target"
    tanpa_sk: list[str] = field(default_factory=list)  # cities in scope with no issued SK
    target: dict[int, angka.Target] = field(default_factory=dict)  # the city's (or summed)
    banding_target: list[angka.BarisTarget] = field(default_factory=list)

    @property
    def target_kini(self) -> angka.Target | None:
        """The target of the year the achievement is read in (the capaian's "now")."""
        return self.target.get(self.capaian.tahun_kini) if self.capaian else None

    @property
    def kini(self) -> angka.TitikTahun | None:
        return self.riwayat[-1] if self.riwayat else None

    @property
    def jumlah_kegiatan(self) -> int:
        return sum(n for _, n in self.kegiatan)

    @property
    def tahun(self) -> list[int]:
        return [p.tahun for p in self.riwayat]

    @property
    def baris_tingkat(self) -> list[tuple[str, list[angka.Jumlah]]]:
        """Lokasi and hectares in force per tingkat (rows) and year (columns)."""
        return [(t, [p.tingkat(t) for p in self.riwayat]) for t in self.tingkat]

    @property
    def baris_kecamatan(self) -> list[tuple[str, list[angka.Jumlah]]]:
        return [(k, [p.kecamatan(k) for p in self.riwayat]) for k in self.kecamatan]

    @property
    def baris_kota(self) -> list[tuple[str, angka.Jumlah, Indikatif | None, int]]:
        """Per city in scope: in force today, its latest review, its overdue items."""
        kini = self.kini.per_kota if self.kini else {}
        ind = {i.kota: i for i in self.indikatif}
        telat: dict[str, int] = defaultdict(int)
        for t in self.terlambat:
            telat[t.kota] += 1
        return [
            (str(k), kini.get(str(k), angka.Jumlah()), ind.get(str(k)), telat[str(k)])
            for k in self.kota
        ]


def _mulai(sk: SK) -> date:
    # An issued SK has its tanggal; the day it was made final, else 1 January of its year,
    # stands in for one issued before the date was required.
    if sk.tanggal:
        return sk.tanggal
    if sk.ditetapkan_pada:
        return sk.ditetapkan_pada.date()
    return date(sk.tahun, 1, 1)


def baris_beku(pk: int, sk_id: int, lokasi_id: int, lok: LokasiSK, judul: str) -> BarisSKBeku:
    """The narrow copy of one frozen row, with the row's own flags worked out once."""
    tanda = angka.periksa_baris(lok, judul)
    return BarisSKBeku(
        baris_id=pk, sk_id=sk_id, lokasi_id=lokasi_id, nomor=lok.nomor,
        tingkat=lok.tingkat_kekumuhan or "–", kecamatan=lok.kecamatan_utama,
        luas_ha=lok.luas_ha, luas_cetak=angka.luas_tercetak(lok.luas_ha),
        nama=lok.nama, tahun_penilaian=lok.tahun_penilaian,
        tanggal_survei=lok.tanggal_survei, nilai_kekumuhan=lok.nilai_kekumuhan,
        tingkat_kekumuhan=lok.tingkat_kekumuhan,
        tanda=[[t.jenis, t.pesan] for t in tanda], diperiksa=bool(tanda),
    )  # fmt: skip


def salin_sk(sk: SK, baris: Iterable[tuple[SKLokasi, LokasiSK]]) -> None:
    """Copy an SK's frozen rows as it is issued (`penilaian.sk.services.sk_tetapkan` calls
    this inside its transaction, with the rows it has just frozen still in memory): no reader
    of the dashboard ever pays for the copy, and it exists as soon as the SK does."""
    judul = sk.judul_singkat
    BarisSKBeku.objects.bulk_create(
        (baris_beku(b.pk, sk.pk, b.lokasi_id, lok, judul) for b, lok in baris), batch_size=500
    )
    tandai_survei(sk=[sk.pk])


def salin_baris(judul: dict[int, str]) -> None:
    """Copy the frozen rows of these SKs (pk → judul) not copied yet into `BarisSKBeku`.

    SKs are copied when issued (`salin_sk`); this catches those that were not: issued before
    the copy existed (migration 0008 copies them), or written straight to the database
    (demo and benchmark data, tests). Reading a large SK's JSON takes seconds, once."""
    baru = [
        baris_beku(pk, sk_id, lokasi_id, LokasiSK.dari_json(data), judul[sk_id])
        for pk, sk_id, lokasi_id, data in (
            SKLokasi.objects.filter(sk__in=list(judul), dasbor__isnull=True)
            .order_by()
            .values_list("pk", "sk_id", "lokasi_id", "data")
            .iterator(chunk_size=2000)
        )
    ]
    if baru:
        with transaction.atomic():
            # Two first readers at once: the second's copy of a row is ignored.
            BarisSKBeku.objects.bulk_create(baru, batch_size=500, ignore_conflicts=True)
            tandai_survei(sk=list(judul))


# An issued SK's frozen rows never change, so neither do their groups nor the rows' own flags:
# kept in the cache per SK for a month. The key names the SK by its pk and the moment it was
# issued, so a database restored or rebuilt under the same cache never meets another SK's
# groups; bump the version when the value's shape changes. Adding up 30,000 rows per request
# was a third of the pusat dashboard's database time, and decoding the flagged rows' JSON a
# tenth of its Python time.
KUNCI_KELOMPOK = "dasbor:kelompok:2:{}:{}"
UMUR_KELOMPOK = 30 * 24 * 3600


def kunci_kelompok(sk: SK) -> str:
    ditetapkan = sk.ditetapkan_pada.timestamp() if sk.ditetapkan_pada else ""
    return KUNCI_KELOMPOK.format(sk.pk, ditetapkan)


@dataclass(frozen=True)
class Beku:
    """What the dashboard keeps of an issued SK's frozen rows."""

    kelompok: tuple[angka.Kelompok, ...]  # by tingkat and first kecamatan
    luas_baris: Decimal  # the rows' areas added up before rounding
    baris: tuple[angka.BarisBeku, ...]  # the rows with flags of their own


def _kelompok(daftar: list[SK]) -> dict[int, Beku]:
    """Per issued SK: its `Beku` (from the cache, else two queries for all the SKs missing).
    An SK without copied rows is left out (and not cached: its rows may be copied next)."""
    kunci = {sk.pk: kunci_kelompok(sk) for sk in daftar}
    tersimpan = cache.get_many(list(kunci.values())) if kunci else {}
    hasil = {pk: tersimpan[k] for pk, k in kunci.items() if k in tersimpan}
    if kurang := [pk for pk in kunci if pk not in hasil]:
        kelompok = _kelompok_baca(kurang)
        judul = {sk.pk: sk.judul_singkat for sk in daftar if sk.pk in kelompok}
        diperiksa = _baris_diperiksa(judul)
        baru = {
            pk: Beku(tuple(k), luas, tuple(diperiksa.get(pk, ())))
            for pk, (k, luas) in kelompok.items()
        }
        cache.set_many({kunci[pk]: nilai for pk, nilai in baru.items()}, UMUR_KELOMPOK)
        hasil.update(baru)
    return hasil


def _kelompok_baca(sk_pk: list[int]) -> dict[int, tuple[list[angka.Kelompok], Decimal]]:
    hasil: dict[int, tuple[list[angka.Kelompok], Decimal]] = {}
    for sk_id, tingkat, kecamatan, n, cetak, mentah in (
        BarisSKBeku.objects.filter(sk__in=sk_pk)
        .values_list("sk_id", "tingkat", "kecamatan")
        .annotate(n=Count("pk"), cetak=Sum("luas_cetak"), mentah=Sum("luas_ha"))
        .order_by()
    ):
        # SQLite adds decimals as floats (105522.740000001): back to the columns' places,
        # which every row has at most, so the sums are exact again.
        kelompok, jumlah = hasil.get(sk_id, ([], Decimal(0)))
        cetak = Decimal(cetak or 0).quantize(SEN)
        kelompok.append(angka.Kelompok(tingkat, kecamatan, n, cetak))
        hasil[sk_id] = (kelompok, jumlah + Decimal(mentah or 0).quantize(MIKRO))
    return hasil


def _baris_diperiksa(sk: dict[int, str]) -> dict[int, list[angka.BarisBeku]]:
    """The frozen rows with flags of their own (one query; a few in a thousand rows)."""
    baris: dict[int, list[angka.BarisBeku]] = defaultdict(list)
    for sk_id, lokasi_id, *isi, tanda in (
        BarisSKBeku.objects.filter(sk__in=list(sk), diperiksa=True)
        .order_by("sk_id", "nomor")
        .values_list(*KOLOM_BARIS, "tanda")
    ):
        judul = sk[sk_id]
        baris[sk_id].append(
            angka.BarisBeku(
                lokasi_id, *isi, tuple(angka.Tanda(j, judul, p, lokasi_id) for j, p in tanda)
            )
        )
    return baris


# `angka.periksa_survei`'s rule in the database: the lokasi's latest approved survey (the narrow
# `PenilaianTerakhir`, joined on lokasi) is newer and scores higher than the frozen row.
LEBIH_BURUK = Q(terakhir__nilai_kekumuhan__gt=F("nilai_kekumuhan")) & (
    # Newer: by survey date when both have one, else by year (angka._lebih_baru).
    Q(terakhir__tanggal_survei__gt=F("tanggal_survei"))
    | (
        (Q(terakhir__tanggal_survei__isnull=True) | Q(tanggal_survei__isnull=True))
        & Q(terakhir__tahun__gt=F("tahun_penilaian"))
    )
)


def tandai_survei(
    lokasi: Sequence[int] | QuerySet | None = None, *, sk: Sequence[int] | None = None
) -> None:
    """Set `survei_lebih_buruk` on the frozen rows of these lokasi (all when None) or of these
    SKs: `penilaian.ringkasan` calls this whenever it rewrites a lokasi's latest survey, and
    the copy of an SK's rows after writing them. Only rows whose verdict changes are written
    (two UPDATEs), so rescoring 30,000 unchanged surveys writes nothing here."""
    qs = BarisSKBeku.objects.all()
    if lokasi is not None:
        qs = qs.filter(lokasi_id__in=lokasi)
    if sk is not None:
        qs = qs.filter(sk_id__in=sk)
    buruk = qs.filter(LEBIH_BURUK).values("pk")
    qs.filter(survei_lebih_buruk=True).exclude(pk__in=buruk).update(survei_lebih_buruk=False)
    qs.filter(LEBIH_BURUK, survei_lebih_buruk=False).update(survei_lebih_buruk=True)


def tanda_survei(
    daftar_sk: list[angka.SKBeku], hari_ini: date, batas: int | None
) -> tuple[int, list[angka.Tanda]]:
    """How many "newer and worse survey" flags the SKs in force raise, and the first `batas`
    of them in the page's order (all when None): a count on the kept verdicts (an index of the
    flagged rows) and, when rows are asked for, those rows joined with their latest survey."""
    berlaku = {s.pk: s.judul for s in daftar_sk if s.berlaku_pada(hari_ini)}
    if not berlaku:
        return 0, []
    qs = BarisSKBeku.objects.filter(sk__in=list(berlaku), survei_lebih_buruk=True)
    jumlah = qs.count()
    if batas == 0 or not jumlah:
        return jumlah, []
    qs = qs.order_by("sk__tanggal", "sk_id", "nomor").values_list(
        "sk_id",
        *KOLOM_BARIS[1:],
        "terakhir__tahun",
        "terakhir__tanggal_survei",
        "terakhir__nilai_kekumuhan",
        "terakhir__tingkat_kekumuhan",
    )
    baris = list(qs if batas is None else qs[:batas])
    tanda = [
        angka.tanda_survei(berlaku[b[0]], angka.BarisBeku(*b[1:8]), angka.SurveiKini(*b[8:]))
        for b in baris
    ]
    return jumlah, tanda


def sk_beku(kota: list[KabupatenKota]) -> list[angka.SKBeku]:
    """Every issued SK of these cities with its span in force, its frozen rows added up and
    those with flags of their own (constant queries: the SKs and their replacing SKs; the
    groups and the flagged rows come from the cache, else two queries more)."""
    daftar = list(
        SK.objects.filter(kabupaten_kota__in=kota, status=SK.Status.DITETAPKAN)
        .select_related("kabupaten_kota")
        .prefetch_related(
            Prefetch("penggantian", queryset=SK.objects.filter(status=SK.Status.DITETAPKAN))
        )
        .order_by("tanggal", "pk")
    )
    beku = _kelompok(daftar)
    if belum := [s for s in daftar if s.pk not in beku]:
        # An SK not yet copied (or one without rows, which copies nothing).
        salin_baris({s.pk: s.judul_singkat for s in belum})
        beku.update(_kelompok(belum))
    kosong = Beku((), Decimal(0), ())
    rentang = {}
    for s in daftar:
        pengganti = [_mulai(p) for p in s.penggantian.all()]
        rentang[s.pk] = (_mulai(s), min(pengganti) if pengganti else None)
    return [
        angka.SKBeku(
            pk=s.pk,
            kota_pk=s.kabupaten_kota_id,
            kota=str(s.kabupaten_kota),
            judul=s.judul_singkat,
            mulai=rentang[s.pk][0],
            berakhir=rentang[s.pk][1],
            kelompok=beku.get(s.pk, kosong).kelompok,
            luas_baris=beku.get(s.pk, kosong).luas_baris,
            baris=beku.get(s.pk, kosong).baris,
        )
        for s in daftar
    ]


def indikatif(kota: list[KabupatenKota]) -> list[Indikatif]:
    """The latest review of each city with its city totals: concluded ones all together from
    their frozen decisions (two queries in all); an open one computed (its own 8 queries)."""
    terakhir: dict[int, PeninjauanUlang] = {}
    for p in (
        PeninjauanUlang.objects.filter(kabupaten_kota__in=kota)
        .select_related("kabupaten_kota", "sk", "keputusan")
        .order_by("-tahun", "-pk")
    ):
        terakhir.setdefault(p.kabupaten_kota_id, p)
    beku = jumlah_kota_beku([p.pk for p in terakhir.values() if terbeku(p)])
    return [
        Indikatif(str(p.kabupaten_kota), p, beku[p.pk] if terbeku(p) else muat_peninjauan(p).kota)
        for p in sorted(terakhir.values(), key=lambda p: p.kabupaten_kota.nama)
    ]


def kegiatan_per_status(kota: list[KabupatenKota]) -> list[tuple[str, int]]:
    hitung = dict(
        Kegiatan.objects.filter(kabupaten_kota__in=kota)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(label, hitung.get(kode, 0)) for kode, label in aturan.STATUS_KEGIATAN.items()]


def dana(kota: list[KabupatenKota]) -> tuple[list[angka.BarisDana], angka.BarisDana]:
    """Funding planned for the kegiatan (a mere proposal is not a plan) and the realisation
    their latest monitoring entry reports, per source (two queries)."""
    kegiatan = Kegiatan.objects.filter(kabupaten_kota__in=kota).exclude(status="usulan")
    alokasi = dict(
        PendanaanKegiatan.objects.filter(kegiatan__in=kegiatan)
        .values_list("sumber")
        .annotate(j=Sum("jumlah"))
        .order_by()
    )
    realisasi = dict(
        # Each kegiatan's latest entry is marked (monev.pemantauan.terbaru): no choosing here.
        RealisasiDana.objects.filter(pemantauan__terbaru=True, pemantauan__kegiatan__in=kegiatan)
        .values_list("sumber")
        .annotate(j=Sum("jumlah"))
        .order_by()
    )
    return angka.dana_per_sumber(aturan.SUMBER_DANA, alokasi, realisasi)


def terlambat(kota: list[KabupatenKota], hari_ini: date) -> list[Terlambat]:
    """The governance items past due, per city (the calendar's own reading, all cities in the
    same queries)."""
    per_kota = butir_kalender_kota(kota, hari_ini)
    return [
        Terlambat(str(k), b)
        for k in kota
        for b in per_kota[k.pk]
        if b.status.kode == jadwal.TERLAMBAT
    ]


def evaluasi_terakhir(kota: list[KabupatenKota]) -> EvaluasiTahunan | None:
    """The latest annual evaluation whose "c. pencapaian target" is written (one query):
    targets live there, the application records no target figures."""
    return (
        EvaluasiTahunan.objects.filter(kabupaten_kota__in=kota)
        .exclude(pencapaian_target="")
        .select_related("kabupaten_kota")
        .order_by("-tahun", "-pk")
        .first()
    )


def target_kota(kota: list[KabupatenKota]) -> dict[int, angka.Target]:
    """The cities' targets per year (one query), summed over the cities when several."""
    per: dict[int, dict[int, angka.Target]] = {k.pk: {} for k in kota}
    for t in TargetKota.objects.filter(kabupaten_kota__in=kota):
        per[t.kabupaten_kota_id][t.tahun] = angka.Target(t.tahun, t.luas_ha, t.lokasi)
    return angka.target_gabungan(list(per.values()))


def muat_dasbor(
    kota: list[KabupatenKota], hari_ini: date, *, tanda_maks: int | None = None
) -> Dasbor:
    """Read everything the dashboard shows for these cities; of the reconciliation flags the
    first `tanda_maks` (all when None) and how many there are of each kind."""
    daftar_sk = sk_beku(kota)
    dengan_kota = len(kota) > 1
    riwayat = angka.riwayat(daftar_sk, hari_ini, dengan_kota=dengan_kota)
    tanda = [t for s in daftar_sk for t in angka.periksa_sk(s)]
    per_jenis = Counter(t.jenis for t in tanda)
    sisa = None if tanda_maks is None else max(tanda_maks - len(tanda), 0)
    jumlah_survei, survei = tanda_survei(daftar_sk, hari_ini, sisa)
    if jumlah_survei:
        per_jenis["survei"] += jumlah_survei  # after the SKs' own kinds, as the list is
    tanda += survei
    ber_sk = {s.kota_pk for s in daftar_sk}
    # A verifier's calendar and reviews: the cities with an issued SK (the others have no
    # hectares to bring to 0 yet); a city user always sees their own.
    kota_aktif = kota if len(kota) == 1 else [k for k in kota if k.pk in ber_sk]
    dana_baris, dana_jumlah = dana(kota)
    return Dasbor(
        kota=kota,
        hari_ini=hari_ini,
        sk=daftar_sk,
        riwayat=riwayat,
        tingkat=angka.urutan_tingkat(riwayat),
        kecamatan=angka.urutan_kecamatan(riwayat),
        capaian=angka.capaian(riwayat),
        indikatif=indikatif(kota_aktif),
        kegiatan=kegiatan_per_status(kota),
        dana=dana_baris,
        dana_jumlah=dana_jumlah,
        terlambat=terlambat(kota_aktif, hari_ini),
        tanda=tanda if tanda_maks is None else tanda[:tanda_maks],
        jumlah_tanda=sum(per_jenis.values()),
        tanda_per_jenis=per_jenis.most_common(),
        evaluasi=evaluasi_terakhir(kota),
        tanpa_sk=[str(k) for k in kota if k.pk not in ber_sk],
        target=(target := target_kota(kota)),
        banding_target=angka.banding_target(target, riwayat, hari_ini.year),
    )
