"""Demo rows of this part (called by monev_demo; idempotent, synthetic, labelled demo).

Assets come from the demo's finished kegiatan (looked up, none created) and are handed to demo
community groups; their checks show one overdue asset and one damaged with a follow-up.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from kolaborasi.models import Kegiatan, PemangkuKepentingan
from kolaborasi.pemangku.jadwal import tambah_bulan
from lokasi.models import KabupatenKota, Pengguna
from monev.models import Aset, PemeriksaanAset
from monev.op import services

JUMLAH_ASET = 5
# (name, jenis pengelola, Keputusan Lurah number or "" for an existing SKPD).
PENGELOLA = (
    ("KSM Sinar Pesisir (demo)", "ksm", "Keputusan Lurah Panjang Wetan Nomor 400/021/2024 (demo)"),
    ("KPP Kali Loji Bersih (demo)", "kpp", "Keputusan Lurah Krapyak Nomor 400/008/2025 (demo)"),
)
SKPD_DEMO = "Dinas Perumahan dan Kawasan Permukiman (demo)"


def _pengelola(kabkota: KabupatenKota) -> list[tuple[str, PemangkuKepentingan]]:
    hasil = []
    for nama, jenis, nomor in PENGELOLA:
        pihak, _ = PemangkuKepentingan.objects.get_or_create(
            kabupaten_kota=kabkota,
            nama=nama,
            defaults={"jenis": "lembaga_kemasyarakatan", "dasar_nomor": nomor,
                      "kompetensi_psu": True},
        )  # fmt: skip
        hasil.append((jenis, pihak))
    skpd = PemangkuKepentingan.objects.filter(kabupaten_kota=kabkota, nama=SKPD_DEMO).first()
    if skpd:
        hasil.append(("skpd", skpd))
    return hasil


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    if Aset.objects.filter(kabupaten_kota=kabkota, nama__endswith="(demo)").exists():
        return ""
    asal = list(
        Kegiatan.objects.filter(
            kabupaten_kota=kabkota, status__in=("selesai", "diserahterimakan"), ruang_lingkup="psu"
        ).order_by("tahun", "pk")[:JUMLAH_ASET]
    )
    if not asal:
        return ""
    operator = pengguna["operator"]
    pihak = _pengelola(kabkota)
    hari_ini = timezone.localdate()
    # Dates relative to today keep the story true whenever the demo is loaded.
    serah_terima = tambah_bulan(hari_ini, -14)
    for i, kegiatan in enumerate(asal):
        jenis, pengelola = pihak[i % len(pihak)]
        aset = services.aset_simpan(
            aset=Aset(
                kabupaten_kota=kabkota,
                kegiatan=kegiatan,
                nama=_nama_aset(kegiatan.nama),
                jenis_pengelola=jenis,
                pengelola=pengelola,
                tanggal_serah_terima=serah_terima,
                jenis_pemeliharaan="berkala" if i % 2 else "rutin",
                interval_bulan=6,
            ),
            pengguna=operator,
            versi_awal=None,
        )
        if i == 0:
            # Last checked 13 months ago: the six-monthly check is overdue.
            _periksa(aset, tambah_bulan(hari_ini, -13), operator)
            continue
        if i == 1:
            _periksa(
                aset, tambah_bulan(hari_ini, -2), operator, kondisi_baik=False, berfungsi=False,
                kerusakan="Komponen utama rusak sehingga prasarana tidak berfungsi; sebagian "
                "warga kembali memakai cara lama (demo).",
                tindak_lanjut="Pengelola mengajukan perbaikan ke Dinas lewat pemeliharaan "
                "berkala; kerja bakti pembersihan dijadwalkan bulan depan (demo).",
            )  # fmt: skip
            continue
        _periksa(aset, tambah_bulan(hari_ini, -7), operator)
        _periksa(aset, hari_ini - timedelta(days=20 * i), operator)
    return f"Aset O&P demo: {len(asal)} aset dengan pemeriksaannya."


def _nama_aset(nama_kegiatan: str) -> str:
    """Name the asset by what was built: "Pembangunan TPS3R X" → "TPS3R X"."""
    for awalan in ("Pembangunan ", "Perbaikan ", "Peningkatan "):
        nama_kegiatan = nama_kegiatan.removeprefix(awalan)
    return nama_kegiatan[:1].upper() + nama_kegiatan[1:]


def _periksa(aset: Aset, tanggal: date, pengguna: Pengguna, **nilai) -> None:
    services.pemeriksaan_tambah(
        aset=aset, pemeriksaan=PemeriksaanAset(tanggal=tanggal, **nilai), pengguna=pengguna
    )
