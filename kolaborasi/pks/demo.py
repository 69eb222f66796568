"""Demo rows of this part (called by kolaborasi_demo; idempotent, synthetic, labelled demo).

Runs after the stakeholder/meeting and kegiatan demos: it looks up what they made and
get-or-creates by fixed "(demo)" names what it needs, so it also runs alone.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from kolaborasi import aturan
from kolaborasi.models import (
    Ikrar,
    Kegiatan,
    KriteriaIntervensi,
    NilaiIntervensi,
    PemangkuKepentingan,
    PendanaanKegiatan,
    PerjanjianKerjaSama,
    Pertemuan,
    TahapKolaborasi,
)
from kolaborasi.pks import daftar, services
from lokasi.models import KabupatenKota, Lokasi, Pengguna
from penilaian.models import Penilaian
from penilaian.prioritas import penilaian_terakhir

PIHAK = [
    ("PT Batik Pesisir Sejahtera (demo)", "perusahaan"),
    ("Universitas Pesisir Utara (demo)", "perguruan_tinggi"),
]
KRITERIA = [
    ("Kesiapan masyarakat dan lembaga (demo)", "Ada KSM/BKM aktif dan swadaya.", "2", 5),
    ("Kejelasan status lahan (demo)", "Lahan milik Pemda atau bersertifikat.", "1.5", 5),
    ("Keterpaduan dengan program lain (demo)", "Bersinggungan dengan RPJMD/PUPR.", "1", 5),
    ("Dampak pada penduduk miskin (demo)", "Jumlah KK MBR yang terlayani.", "1.5", 5),
]
NOMOR_DILAPORKAN = "PKS/001/DEMO"
NOMOR_BELUM = "PKS/002/DEMO"


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    pokja = pengguna["pokja"]
    hari_ini = timezone.localdate()
    pihak = [
        PemangkuKepentingan.objects.get_or_create(
            kabupaten_kota=kabkota, nama=nama, defaults={"jenis": jenis, "dibuat_oleh": pokja}
        )[0]
        for nama, jenis in PIHAK
    ]
    lokasi = _lokasi_prioritas(kabkota)
    kegiatan = _kegiatan_terbuka(kabkota, lokasi, pokja, hari_ini.year)
    jumlah_pks = _pks(kabkota, pokja, pihak, kegiatan, lokasi, hari_ini)
    jumlah_ikrar = _ikrar(kabkota, pihak, kegiatan, hari_ini)
    _tahap(lokasi, pokja, hari_ini)
    _kriteria_dan_nilai(kabkota, lokasi, pokja)
    return (
        f"PKS demo: {jumlah_pks} perjanjian, {jumlah_ikrar} ikrar, tahap dan nilai Pokja untuk "
        f"{len(lokasi)} lokasi prioritas."
    )


def _lokasi_prioritas(kabkota: KabupatenKota) -> list[Lokasi]:
    terakhir = penilaian_terakhir(Penilaian.objects.filter(lokasi__kabupaten_kota=kabkota))
    return [p.lokasi for p in terakhir.berprioritas().select_related("lokasi").urut_prioritas()]


def _kegiatan_terbuka(
    kabkota: KabupatenKota, lokasi: list[Lokasi], pokja: Pengguna, tahun: int
) -> list[Kegiatan]:
    """Kegiatan with open shares (the kegiatan demo's, else one of ours)."""
    ada = [b.kegiatan for b in daftar.daftar_kekurangan(Kegiatan.objects.filter(
        kabupaten_kota=kabkota)).baris]  # fmt: skip
    if ada:
        return ada[:2]
    kegiatan, baru = Kegiatan.objects.get_or_create(
        kabupaten_kota=kabkota,
        nama="Paving jalan lingkungan RT 05 (demo)",
        defaults={
            "lokasi": lokasi[0] if lokasi else None,
            "program": "Peningkatan kualitas permukiman kumuh",
            "ruang_lingkup": "psu",
            "tahun": tahun + 1,
            "tahun_awal_rencana": tahun,
            "biaya": Decimal(450_000_000),
            "pelaksana": "tjslp",
            "status": "direncanakan",
            "dibuat_oleh": pokja,
        },
    )
    if baru:
        for sumber, jumlah in (("apbd_kabkota", 250), ("csr", 150), ("lainnya", 50)):
            PendanaanKegiatan.objects.create(
                kegiatan=kegiatan, sumber=sumber, jumlah=Decimal(jumlah * 1_000_000)
            )
    return [kegiatan]


def _pks(kabkota, pokja, pihak, kegiatan, lokasi, hari_ini) -> int:
    rapat = (
        Pertemuan.objects.filter(
            kabupaten_kota=kabkota, jenis__in=services.JENIS_PERTEMUAN_POKJA, tanggal__lte=hari_ini
        )
        .order_by("-tanggal", "-pk")
        .first()
    )
    rencana = [
        (NOMOR_DILAPORKAN, pihak[0], "keuangan", Decimal(150_000_000), "",
         (rapat.tanggal if rapat else hari_ini) - timedelta(days=30), rapat),
        (NOMOR_BELUM, pihak[1], "non_fisik", None, "Pendampingan KSM 6 bulan, 40 jam pelatihan",
         hari_ini - timedelta(days=20), None),
    ]  # fmt: skip
    for nomor, pemangku, jenis, nilai, volume, tanggal, lapor in rencana:
        if PerjanjianKerjaSama.objects.filter(kabupaten_kota=kabkota, nomor=nomor).exists():
            continue
        pks = services.pks_simpan(
            pks=PerjanjianKerjaSama(
                kabupaten_kota=kabkota,
                nomor=nomor,
                tanggal=tanggal,
                pihak_pertama="Dinas Perumahan dan Kawasan Permukiman (demo)",
                pemangku=pemangku,
                ruang_lingkup=f"Dukungan {aturan.JENIS_SUMBERDAYA[jenis].lower()} untuk "
                "peningkatan kualitas permukiman (demo)",
                jenis_sumberdaya=jenis,
                nilai=nilai,
                volume=volume,
                mulai=tanggal,
                selesai=tanggal + timedelta(days=365),
            ),
            pengguna=pokja,
            versi_awal=None,
            kegiatan=kegiatan[:1],
            lokasi=lokasi[:1],
        )
        services.pks_ubah_status(
            pks=pks, pengguna=pokja, status="ditandatangani", versi_awal=pks.versi
        )
        if lapor is not None:
            services.pks_ubah_status(
                pks=pks, pengguna=pokja, status="berjalan", versi_awal=pks.versi
            )
            services.pks_lapor(pks=pks, pengguna=pokja, pertemuan=lapor, versi_awal=pks.versi)
    return PerjanjianKerjaSama.objects.filter(
        kabupaten_kota=kabkota, nomor__in=[NOMOR_DILAPORKAN, NOMOR_BELUM]
    ).count()


def _ikrar(kabkota, pihak, kegiatan, hari_ini) -> int:
    forum = Pertemuan.objects.filter(kabupaten_kota=kabkota, jenis="forum").first()
    rencana = [
        (pihak[0], "keuangan", Decimal(100_000_000), "Dana TJSLP untuk paving (demo)", kegiatan[0]),
        (pihak[1], "non_keuangan", None, "Pendampingan teknis mahasiswa KKN (demo)", kegiatan[0]),
        (pihak[0], "fisik", Decimal(25_000_000), "Material paving block (demo)", kegiatan[-1]),
    ]  # fmt: skip
    for pemangku, jenis, nilai, uraian, keg in rencana:
        Ikrar.objects.get_or_create(
            kabupaten_kota=kabkota, pemangku=pemangku, uraian=uraian,
            defaults={"jenis_sumberdaya": jenis, "nilai": nilai, "kegiatan": keg,
                      "pertemuan": forum, "tanggal": forum.tanggal if forum else hari_ini},
        )  # fmt: skip
    return Ikrar.objects.filter(kabupaten_kota=kabkota, uraian__endswith="(demo)").count()


def _tahap(lokasi: list[Lokasi], pokja: Pengguna, hari_ini) -> None:
    """Varied progress: the first lokasi furthest along, later ones less so."""
    kode = list(aturan.TAHAP)
    for i, lok in enumerate(lokasi):
        if TahapKolaborasi.objects.filter(lokasi=lok).exists():
            continue
        selesai = max(len(kode) - 2 - i, 0)  # stages done; the next one running
        isian = {}
        for j, k in enumerate(kode[: selesai + 1]):
            mulai = hari_ini - timedelta(days=60 * (selesai - j + 1))
            isian[k] = {
                "mulai": mulai,
                "selesai": mulai + timedelta(days=50) if j < selesai else None,
                "bukti": f"Notulen tahap {aturan.TAHAP[k].lower()} (demo)",
            }
        services.tahap_simpan(lokasi=lok, pengguna=pokja, isian=isian)


def _kriteria_dan_nilai(kabkota: KabupatenKota, lokasi: list[Lokasi], pokja: Pengguna) -> None:
    kriteria = []
    for urutan, (nama, uraian, bobot, maks) in enumerate(KRITERIA, start=1):
        k = KriteriaIntervensi.objects.filter(kabupaten_kota=kabkota, nama=nama).first()
        if k is None:
            k = services.kriteria_simpan(
                kriteria=KriteriaIntervensi(kabupaten_kota=kabkota, nama=nama, uraian=uraian,
                                            bobot=Decimal(bobot), nilai_maks=maks, urutan=urutan),
                pengguna=pokja,
            )  # fmt: skip
        kriteria.append(k)
    for i, lok in enumerate(lokasi):
        if NilaiIntervensi.objects.filter(lokasi=lok, kriteria__in=kriteria).exists():
            continue
        # A spread that does not simply follow Tabel 4, so sorting by either differs.
        nilai = {k: (i * 3 + j * 2) % k.nilai_maks + 1 for j, k in enumerate(kriteria)}
        services.nilai_simpan(lokasi=lok, pengguna=pokja, nilai=nilai)
