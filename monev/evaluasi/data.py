"""Read what tables E1–E7 need for one evaluation, in a constant number of queries, and build
them with the pure functions of `monev.evaluasi.tabel`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from kolaborasi import aturan
from kolaborasi.models import EfekKegiatan, Keanggotaan, Kegiatan, LembagaPKP, Pertemuan
from lokasi.models import KabupatenKota
from monev.evaluasi import tabel
from monev.models import Aset, EvaluasiTahunan, Pemantauan, PemeriksaanAset, TargetKota
from penilaian import rumus
from penilaian.models import SK, Penilaian, SKLokasi
from penilaian.prioritas import penilaian_terakhir

JENIS_RAPAT = "pokja_monitoring"


@dataclass(frozen=True)
class DataEvaluasi:
    """Everything the page, the PDF and the workbook print besides the evaluation's own text."""

    e1: list[tabel.BarisE1]
    e2: list[tabel.BarisE2]
    e2_jumlah: tabel.BarisE2
    e3: list[tabel.BarisE3]
    e3_awal: str
    e3_akhir: str
    e4: list[tabel.BarisE4]
    e5: list[tabel.BarisE5]
    e6: tabel.TabelE6
    e7: list[tabel.RekomendasiBaris]
    ketua_pokja: str  # "" when the Pokja has no member whose jabatan starts with "Ketua"
    jumlah_kegiatan: int
    belum_dipantau: int  # kegiatan without a monitoring entry: their realisation is unknown


def data_evaluasi(evaluasi: EvaluasiTahunan) -> DataEvaluasi:
    """Read and assemble tables E1–E7 of an evaluation."""
    kabkota, tahun = evaluasi.kabupaten_kota, evaluasi.tahun
    kegiatan = kegiatan_tahun(kabkota, tahun)
    awal = kondisi_awal(kabkota, tahun)
    akhir = _daftar_prioritas(kabkota, tahun, "daftar prioritas akhir tahun")
    e2, e2_jumlah = tabel.tabel_e2(kegiatan, aturan.SUMBER_DANA)
    # The city's recorded target of the year (monev.dasbor), when it has one.
    target = TargetKota.objects.filter(kabupaten_kota=kabkota, tahun=tahun).first()
    return DataEvaluasi(
        e1=tabel.tabel_e1(kegiatan),
        e2=e2,
        e2_jumlah=e2_jumlah,
        e3=tabel.tabel_e3(
            awal,
            akhir,
            target.luas_ha if target else None,
            target.lokasi if target else None,
        ),
        e3_awal=awal.sumber,
        e3_akhir=akhir.sumber,
        e4=tabel.tabel_e4(kegiatan, awal),
        e5=tabel.tabel_e5(aset_tahun(kabkota, tahun)),
        e6=tabel.tabel_e6(rapat_pokja(kabkota, tahun)),
        e7=[
            tabel.RekomendasiBaris(
                r.pk, r.get_jenis_display(), r.uraian, r.ditujukan_kepada, r.tembusan
            )
            for r in evaluasi.rekomendasi.all()
        ],
        ketua_pokja=ketua_pokja(kabkota),
        jumlah_kegiatan=len(kegiatan),
        belum_dipantau=sum(1 for k in kegiatan if k.pantau is None),
    )


def kegiatan_tahun(kabkota: KabupatenKota, tahun: int) -> list[tabel.KegiatanTahun]:
    """The year's kegiatan that are a plan (a mere proposal is not), with their latest
    monitoring entry (six queries)."""
    qs = (
        Kegiatan.objects.filter(kabupaten_kota=kabkota, tahun=tahun)
        .exclude(status="usulan")
        .select_related("lokasi", "unit")
        .prefetch_related(
            Prefetch("efek", queryset=EfekKegiatan.objects.select_related("lokasi", "unit")),
            "pendanaan",
        )
        .order_by("program", "nama", "pk")
    )
    kegiatan = list(qs)
    terbaru = Pemantauan.objects.filter(kegiatan=OuterRef("kegiatan")).order_by("-tanggal", "-pk")
    pantau = {
        p.kegiatan_id: p
        for p in Pemantauan.objects.filter(
            kegiatan__in=[k.pk for k in kegiatan], pk=Subquery(terbaru.values("pk")[:1])
        ).prefetch_related("efek", "dana")
    }
    return [_kegiatan(k, pantau.get(k.pk)) for k in kegiatan]


def _kegiatan(k: Kegiatan, p: Pemantauan | None) -> tabel.KegiatanTahun:
    if k.lokasi is None:
        lokasi = "Skala kota"
    else:
        lokasi = k.lokasi.nama + (f" — {k.unit}" if k.unit else "")
    efek = tuple(
        tabel.Efek(
            pk=e.pk,
            kriteria=f"{e.kriteria} {rumus.KRITERIA_PER_KODE[e.kriteria].nama}",
            lokasi=e.lokasi.nama + (f" — {e.unit}" if e.unit else ""),
            lokasi_pk=e.lokasi_id,
            volume=e.volume,
            satuan=e.satuan,
        )
        for e in k.efek.all()
    )
    dana: dict[str, Decimal] = {}
    for d in k.pendanaan.all():
        dana[d.sumber] = dana.get(d.sumber, Decimal(0)) + d.jumlah
    pantau = None
    if p is not None:
        pantau = tabel.Pantau(
            tanggal=p.tanggal,
            progres=p.progres_fisik,
            kendala=p.kendala,
            volume={r.efek_id: r.volume for r in p.efek.all()},
            dana={r.sumber: r.jumlah for r in p.dana.all()},
        )
    return tabel.KegiatanTahun(
        pk=k.pk,
        program=k.program,
        nama=k.nama,
        lokasi=lokasi,
        lokasi_pk=k.lokasi_id,
        status=aturan.label(aturan.STATUS_KEGIATAN, k.status),
        efek=efek,
        dana=dana,
        pantau=pantau,
    )


def kondisi_awal(kabkota: KabupatenKota, tahun: int) -> tabel.Kondisi:
    """The latest issued SK up to the year, else the priority list when the year began."""
    sk = (
        SK.objects.filter(kabupaten_kota=kabkota, status=SK.Status.DITETAPKAN, tahun__lte=tahun)
        .order_by("-tahun", "-tanggal", "-pk")
        .first()
    )
    if sk is None:
        return _daftar_prioritas(kabkota, tahun - 1, f"daftar prioritas s.d. {tahun - 1}")
    lokasi = tuple(
        tabel.LokasiKumuh(
            lokasi_pk=s.lokasi_id,
            luas_ha=Decimal(s.data["luas_ha"]) if s.data.get("luas_ha") else None,
            tingkat=s.data.get("tingkat_kekumuhan", ""),
            prioritas=s.data.get("prioritas"),
            penduduk=s.data.get("jumlah_penduduk"),
            kk=s.data.get("jumlah_kk"),
        )
        for s in SKLokasi.objects.filter(sk=sk).only("lokasi_id", "data")
    )
    nama = f"SK {sk.nomor}" if sk.nomor else f"SK tahun {sk.tahun}"
    return tabel.Kondisi(nama, lokasi)


def _daftar_prioritas(kabkota: KabupatenKota, tahun: int, sumber: str) -> tabel.Kondisi:
    baris = (
        penilaian_terakhir(Penilaian.objects.filter(lokasi__kabupaten_kota=kabkota), tahun=tahun)
        .berprioritas()
        .values_list(
            "lokasi_id",
            "lokasi__luas_verifikasi_ha",
            "lokasi__luas_sk_ha",
            "tingkat_kekumuhan",
            "prioritas",
            "lokasi__penduduk_laki_laki",
            "lokasi__penduduk_perempuan",
            "lokasi__penduduk_tanpa_rincian",
            "lokasi__jumlah_kk",
        )
    )
    return tabel.Kondisi(
        sumber,
        tuple(
            # The area that counts: luas verifikasi when surveyed, else luas SK (Lokasi.luas_ha).
            tabel.LokasiKumuh(
                pk,
                verifikasi if verifikasi is not None else sk,
                tingkat,
                prio,
                # As Lokasi.jumlah_penduduk: the split, else a total given without one.
                total if laki is None and perempuan is None else (laki or 0) + (perempuan or 0),
                kk,
            )
            for pk, verifikasi, sk, tingkat, prio, laki, perempuan, total, kk in baris
        ),
    )


def aset_tahun(kabkota: KabupatenKota, tahun: int) -> list[tabel.AsetTahun]:
    """Assets handed over by the end of the year (or not yet), with the year's last check."""
    akhir = date(tahun, 12, 31)
    periksa = PemeriksaanAset.objects.filter(aset=OuterRef("aset"), tanggal__lte=akhir).order_by(
        "-tanggal", "-pk"
    )
    aset = list(
        Aset.objects.filter(kabupaten_kota=kabkota)
        .filter(Q(tanggal_serah_terima__lte=akhir) | Q(tanggal_serah_terima__isnull=True))
        .select_related("lokasi", "pengelola")
        .order_by("nama", "pk")
    )
    terakhir = {
        p.aset_id: p
        for p in PemeriksaanAset.objects.filter(
            aset__in=[a.pk for a in aset], pk=Subquery(periksa.values("pk")[:1])
        )
    }
    hasil = []
    for a in aset:
        p = terakhir.get(a.pk)
        pengelola = a.get_jenis_pengelola_display() + (f" — {a.pengelola}" if a.pengelola else "")
        hasil.append(
            tabel.AsetTahun(
                nama=a.nama,
                lokasi=a.lokasi.nama if a.lokasi else "",
                pengelola=pengelola,
                serah_terima=a.tanggal_serah_terima,
                pemeliharaan=a.get_jenis_pemeliharaan_display(),
                interval_bulan=a.interval_bulan,
                periksa=p.tanggal if p else None,
                kondisi_baik=p.kondisi_baik if p else None,
                berfungsi=p.berfungsi if p else None,
                dimanfaatkan=p.dimanfaatkan if p else None,
            )
        )
    return hasil


def rapat_pokja(kabkota: KabupatenKota, tahun: int) -> list[tabel.RapatPokja]:
    """The Pokja's monitoring meetings of the year with how many attended (one query)."""
    return [
        tabel.RapatPokja(p.tanggal, p.hadir, p.temuan)
        for p in Pertemuan.objects.filter(
            kabupaten_kota=kabkota, jenis=JENIS_RAPAT, tanggal__year=tahun
        ).annotate(hadir=Count("kehadiran", filter=Q(kehadiran__hadir=True)))
    ]


def ketua_pokja(kabkota: KabupatenKota) -> str:
    """Return the name of the Pokja member whose jabatan starts with "Ketua", or ""."""
    anggota = (
        Keanggotaan.objects.filter(
            lembaga__kabupaten_kota=kabkota,
            lembaga__jenis=LembagaPKP.Jenis.POKJA,
            jabatan__istartswith="ketua",
        )
        .order_by("-lembaga__pk", "pk")
        .first()
    )
    return anggota.nama if anggota else ""
