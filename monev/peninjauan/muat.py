"""Load a peninjauan ulang: Tabel 5 of each lokasi and the recap, in a constant number of queries.

Kondisi awal is the survey the SK froze (`SKLokasi.penilaian`), its header block the SK's frozen
row; the handled volumes come from `volume.volume_ditangani`; a linked newer survey replaces the
computed kondisi akhir (Tabel 5 keeps both). The recap's totals are pure (`rekap`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.db.models import Prefetch
from django.db.models.fields.json import KeyTransform

from kumuh import beku
from monev import tabel5
from monev.models import PengaturanMonev, PeninjauanLokasi, PeninjauanUlang
from monev.peninjauan.volume import Sumber, jumlah, volume_ditangani
from penilaian import rumus
from penilaian.models import IsianKriteria, NumerikPenilaian
from penilaian.services import masukan_dari
from penilaian.sk.isi import LokasiSK

# Units as Tabel 2 (002:1213-1239) prints them: Unit, Ha, m', KK.
SATUAN_CETAK = {"unit": "Unit", "ha": "Ha", "m": "m'"}
KEPUTUSAN = {"tetap": "Tetap", "turun": "Turun Tingkat", "keluar": "Keluar dari Daftar"}


@dataclass(frozen=True)
class KepalaTabel5:
    """The header block of Tabel 5 (002:1511-1520), from the SK's frozen data."""

    provinsi: str
    kabkota: str
    kecamatan: str
    kawasan: str
    luas_sk: Decimal | None
    luas_verifikasi: Decimal | None
    jumlah_bangunan: int | None
    jumlah_penduduk: int | None
    jumlah_kk: int | None


@dataclass(frozen=True)
class Selisih:
    """A criterion whose surveyed kondisi akhir differs from the computed one."""

    kode: str
    nama: str
    hitung: tabel5.Kondisi
    survei: tabel5.Kondisi


@dataclass(frozen=True)
class HasilLokasi:
    pk: int  # PeninjauanLokasi
    nomor: int
    lokasi: LokasiSK
    kepala: KepalaTabel5
    tahun_awal: int
    tabel: tabel5.Tabel5 | None
    kesalahan: str  # why Tabel 5 could not be built ("" when it was)
    sumber: dict[str, tuple[Sumber, ...]]
    survei_baru: str  # "2028 (Disetujui Pokja)" or ""

    @property
    def keputusan(self) -> str:
        return self.tabel.keputusan if self.tabel else ""

    @property
    def keputusan_label(self) -> str:
        return KEPUTUSAN.get(self.keputusan, "–")

    @property
    def keluar_resmi(self) -> bool:
        """Leaves the list officially: only a newer survey scoring < 16 does (model.md)."""
        return self.keputusan == "keluar" and bool(self.tabel and self.tabel.dari_survei_baru)

    @property
    def keluar_indikatif(self) -> bool:
        return self.keputusan == "keluar" and not self.keluar_resmi

    @property
    def selisih(self) -> tuple[Selisih, ...]:
        if self.tabel is None or not self.tabel.dari_survei_baru:
            return ()
        return tuple(
            Selisih(b.kode, b.nama, b.akhir_hitung, b.akhir)
            for b in self.tabel.baris
            if (b.akhir_hitung.persen, b.akhir_hitung.nilai) != (b.akhir.persen, b.akhir.nilai)
        )

    @property
    def per_aspek(self) -> list[tuple[tabel5.RingkasAspek, list[dict], int]]:
        """Rows grouped under their aspect as Tabel 5 prints them (letter, unit as printed),
        with the aspect cell's row span (three parameter rows per criterion, TOTAL, RATA-RATA)."""
        if self.tabel is None:
            return []
        hasil = []
        for a in self.tabel.aspek:
            baris = [
                {"b": b, "huruf": b.kode[1:], "satuan": SATUAN_CETAK.get(b.satuan, b.satuan)}
                for b in self.tabel.baris
                if b.aspek == a.kode
            ]
            hasil.append((a, baris, 3 * len(baris) + 2))
        return hasil

    @property
    def rincian(self) -> list[tuple[tabel5.BarisTabel5, tuple[Sumber, ...]]]:
        """The handled rows with the kegiatan behind each volume (page only, not printed)."""
        if self.tabel is None:
            return []
        return [(b, self.sumber[b.kode]) for b in self.tabel.baris if b.kode in self.sumber]


@dataclass
class JumlahKecamatan:
    kecamatan: str
    lokasi_awal: int = 0
    luas_awal: Decimal = Decimal(0)
    lokasi_keluar: int = 0  # official: a newer survey < 16
    luas_keluar: Decimal = Decimal(0)
    lokasi_keluar_indikatif: int = 0  # computed from handled volumes only
    luas_keluar_indikatif: Decimal = Decimal(0)
    turun: int = 0
    tetap: int = 0

    @property
    def lokasi_akhir(self) -> int:
        return self.lokasi_awal - self.lokasi_keluar

    @property
    def luas_akhir(self) -> Decimal:
        return self.luas_awal - self.luas_keluar

    @property
    def lokasi_akhir_indikatif(self) -> int:
        return self.lokasi_akhir - self.lokasi_keluar_indikatif

    @property
    def luas_akhir_indikatif(self) -> Decimal:
        return self.luas_akhir - self.luas_keluar_indikatif


@dataclass(frozen=True)
class Rekap:
    peninjauan: PeninjauanUlang
    pengaturan: PengaturanMonev
    lokasi: tuple[HasilLokasi, ...]
    per_kecamatan: tuple[JumlahKecamatan, ...] = field(default=())
    kota: JumlahKecamatan | None = None


def luas_tercetak(luas: Decimal | None) -> Decimal:
    """Return the area as the SK prints it: 2 decimals, half up (0 when unknown)."""
    return (luas or Decimal(0)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rekap(hasil: tuple[HasilLokasi, ...]) -> tuple[tuple[JumlahKecamatan, ...], JumlahKecamatan]:
    """Count lokasi and hectares before/after per kecamatan (first kecamatan) and for the city.

    Areas are the SK's, as printed (2 decimals), so the columns add up.
    """
    per: dict[str, JumlahKecamatan] = {}
    kota = JumlahKecamatan(kecamatan="")
    for h in hasil:
        nama = h.lokasi.kecamatan_utama or "–"
        luas = luas_tercetak(h.lokasi.luas_ha)
        for j in (per.setdefault(nama, JumlahKecamatan(nama)), kota):
            _hitung(j, luas, h.keputusan, h.keluar_resmi)
    return tuple(per[k] for k in sorted(per)), kota


def _hitung(j: JumlahKecamatan, luas: Decimal, keputusan: str, keluar_resmi: bool) -> None:
    """Count one lokasi (its printed area) under its decision."""
    j.lokasi_awal += 1
    j.luas_awal += luas
    if keluar_resmi:
        j.lokasi_keluar += 1
        j.luas_keluar += luas
    elif keputusan == "keluar":
        j.lokasi_keluar_indikatif += 1
        j.luas_keluar_indikatif += luas
    elif keputusan == "turun":
        j.turun += 1
    else:
        j.tetap += 1


# What HasilLokasi.keputusan reads of a frozen Tabel 5 (tabel5.Tabel5.keputusan).
KUNCI_KEPUTUSAN = ("tingkat_awal", "tingkat_akhir", "total_awal", "total_akhir")


def jumlah_kota_beku(peninjauan_pk: list[int]) -> dict[int, JumlahKecamatan]:
    """The city totals of concluded reviews (pk → the recap's `kota` row), in one query for
    any number of reviews and lokasi: only the decision's few keys of each frozen result and
    the row's printed area are read (`rekap`'s rule, without rebuilding each result)."""
    kunci = {k: KeyTransform(k, KeyTransform("tabel", "hasil_beku")) for k in KUNCI_KEPUTUSAN}
    hasil = {pk: JumlahKecamatan(kecamatan="") for pk in peninjauan_pk}
    for pl_pk, pk, luas, baru, *nilai in (
        PeninjauanLokasi.objects.filter(peninjauan__in=peninjauan_pk)
        .order_by()
        .values_list(
            "pk",
            "peninjauan_id",
            "sk_lokasi__dasbor__luas_cetak",
            KeyTransform("dari_survei_baru", KeyTransform("tabel", "hasil_beku")),
            *kunci.values(),
        )
    ):
        if nilai[0] is None:  # no Tabel 5 (its inputs were incomplete): tetap
            keputusan = ""
        else:
            keputusan = tabel5.Tabel5.keputusan.fget(
                SimpleNamespace(**dict(zip(KUNCI_KEPUTUSAN, nilai, strict=True)))
            )
        if luas is None:  # the SK's rows not copied for the dashboard (yet): its frozen row
            sk_lokasi = PeninjauanLokasi.objects.get(pk=pl_pk).sk_lokasi
            luas = luas_tercetak(LokasiSK.dari_json(sk_lokasi.data).luas_ha)
        _hitung(hasil[pk], Decimal(luas), keputusan, keputusan == "keluar" and bool(baru))
    return hasil


def pengaturan_kota(peninjauan: PeninjauanUlang) -> PengaturanMonev:
    """Return the city's settings, unsaved defaults when it has none (one query)."""
    kota = peninjauan.kabupaten_kota_id
    return PengaturanMonev.objects.filter(kabupaten_kota_id=kota).first() or PengaturanMonev(
        kabupaten_kota_id=kota
    )


def _dengan_isi(awalan: str) -> list[Prefetch]:
    return [
        Prefetch(f"{awalan}__isian", queryset=IsianKriteria.objects.all()),
        Prefetch(f"{awalan}__numerik", queryset=NumerikPenilaian.objects.all()),
    ]


def ke_beku(h: HasilLokasi) -> dict:
    """Return one lokasi's result as frozen at conclusion (its LokasiSK is the SK's own)."""
    data = beku.ke_json(h)
    del data["lokasi"]
    return data


def _muat_beku(peninjauan: PeninjauanUlang, lokasi_pk: int | None) -> Rekap:
    """A concluded review: its results as they were concluded (one query, any size)."""
    p = peninjauan.pengaturan_beku
    pengaturan = PengaturanMonev(
        kabupaten_kota_id=peninjauan.kabupaten_kota_id,
        bacaan_kontribusi=p.get("bacaan_kontribusi", PengaturanMonev.Bacaan.A),
        catatan_kaki=p.get("catatan_kaki", ""),
    )
    qs = (
        PeninjauanLokasi.objects.filter(peninjauan=peninjauan)
        .select_related("sk_lokasi")
        .order_by("sk_lokasi__nomor")
    )
    if lokasi_pk is not None:
        qs = qs.filter(pk=lokasi_pk)
    hasil = tuple(
        replace(
            beku.dari_json(HasilLokasi, {**pl.hasil_beku, "lokasi": None}),
            lokasi=LokasiSK.dari_json(pl.sk_lokasi.data),
        )
        for pl in qs
    )
    per_kecamatan, kota = rekap(hasil)
    return Rekap(peninjauan, pengaturan, hasil, per_kecamatan, kota)


def terbeku(peninjauan: PeninjauanUlang) -> bool:
    """Concluded with its results frozen: read as concluded, never computed again."""
    return peninjauan.status == PeninjauanUlang.Status.SELESAI and bool(peninjauan.pengaturan_beku)


def muat_peninjauan(peninjauan: PeninjauanUlang, *, lokasi_pk: int | None = None) -> Rekap:
    """Load the review's lokasi (or one of them) with Tabel 5 each (8 queries, any size);
    a concluded review as it was concluded."""
    if terbeku(peninjauan):
        return _muat_beku(peninjauan, lokasi_pk)
    pengaturan = pengaturan_kota(peninjauan)
    qs = (
        PeninjauanLokasi.objects.filter(peninjauan=peninjauan)
        .select_related(
            "sk_lokasi__penilaian__lokasi__kabupaten_kota",
            "penilaian_baru__lokasi__kabupaten_kota",
        )
        .prefetch_related(*_dengan_isi("sk_lokasi__penilaian"), *_dengan_isi("penilaian_baru"))
        .order_by("sk_lokasi__nomor")
    )
    if lokasi_pk is not None:
        qs = qs.filter(pk=lokasi_pk)
    baris = list(qs)
    # The handled window starts at each lokasi's own survey year t; one query per distinct t
    # (in practice one: an SK freezes the surveys of a few years at most).
    per_tahun: dict[int, list[int]] = defaultdict(list)
    for pl in baris:
        per_tahun[pl.sk_lokasi.penilaian.tahun].append(pl.sk_lokasi.lokasi_id)
    ditangani = {}
    for t, ids in per_tahun.items():
        ditangani.update(volume_ditangani(ids, setelah_tahun=t, sampai_tahun=peninjauan.tahun))
    daerah = peninjauan.sk.daerah_beku or {}
    hasil = tuple(_hasil(pl, ditangani.get(pl.sk_lokasi.lokasi_id, {}), daerah,
                         pengaturan.bacaan_kontribusi) for pl in baris)  # fmt: skip
    per_kecamatan, kota = rekap(hasil)
    return Rekap(peninjauan, pengaturan, hasil, per_kecamatan, kota)


def _hasil(
    pl: PeninjauanLokasi, sumber: dict[str, tuple[Sumber, ...]], daerah: dict, bacaan: str
) -> HasilLokasi:
    sk_lokasi = pl.sk_lokasi
    lokasi = LokasiSK.dari_json(sk_lokasi.data)
    tabel, kesalahan, luas_verifikasi = None, "", None
    try:
        masukan = masukan_dari(sk_lokasi.penilaian)
        luas_verifikasi = masukan.numerik.get("luas_verifikasi_ha")
        hasil_baru = numerik_baru = None
        if pl.penilaian_baru is not None:
            masukan_baru = masukan_dari(pl.penilaian_baru)
            hasil_baru, numerik_baru = rumus.hitung(masukan_baru), masukan_baru.numerik
        tabel = tabel5.susun(
            masukan,
            {kode: jumlah(s) for kode, s in sumber.items()},
            hasil_baru=hasil_baru,
            numerik_baru=numerik_baru,
            bacaan=bacaan,
        )
    except rumus.KesalahanMasukan as e:
        kesalahan = "; ".join(k.pesan for k in e.kesalahan)
    baru = pl.penilaian_baru
    jenis = f"{daerah.get('jenis_daerah', '')} {daerah.get('nama_daerah', '')}".strip()
    return HasilLokasi(
        pk=pl.pk,
        nomor=sk_lokasi.nomor,
        lokasi=lokasi,
        kepala=KepalaTabel5(
            provinsi=daerah.get("provinsi", ""),
            kabkota=jenis,
            kecamatan=", ".join(lokasi.kecamatan),
            kawasan=lokasi.nama,
            luas_sk=lokasi.luas_ha,
            luas_verifikasi=luas_verifikasi,
            jumlah_bangunan=lokasi.jumlah_bangunan,
            jumlah_penduduk=lokasi.jumlah_penduduk,
            jumlah_kk=lokasi.jumlah_kk,
        ),
        tahun_awal=sk_lokasi.penilaian.tahun,
        tabel=tabel,
        kesalahan=kesalahan,
        sumber=sumber,
        survei_baru=f"{baru.tahun} ({baru.get_status_display()})" if baru else "",
    )
