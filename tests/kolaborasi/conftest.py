"""Builders for kolaborasi tests (small functions, no factory library)."""

from __future__ import annotations

from decimal import Decimal

from kolaborasi.models import EfekKegiatan, Kegiatan, PemangkuKepentingan, PendanaanKegiatan
from lokasi.models import KabupatenKota, Lokasi


def buat_pemangku(
    kabkota: KabupatenKota, nama: str = "Dinas Perkim", jenis: str = "perangkat_daerah", **nilai
) -> PemangkuKepentingan:
    return PemangkuKepentingan.objects.create(
        kabupaten_kota=kabkota, nama=nama, jenis=jenis, **nilai
    )


def buat_kegiatan(
    kabkota: KabupatenKota,
    lokasi: Lokasi | None = None,
    *,
    efek: dict[str, Decimal | int] | None = None,
    dana: dict[str, Decimal | int] | None = None,
    status: str = "direncanakan",
    tahun: int = 2026,
    **nilai,
) -> Kegiatan:
    """Create a kegiatan straight in the database (no service): effects at its lokasi, funding
    by source; the biaya is the funding's sum unless given."""
    dana = {"apbd_kabkota": Decimal(100_000_000)} if dana is None else dana
    bawaan = {
        "program": "Peningkatan kualitas permukiman kumuh",
        "nama": "Pembangunan jalan lingkungan",
        "ruang_lingkup": "psu",
        "tahun_awal_rencana": tahun,
        "pelaksana": "pihak_ketiga",
        "biaya": sum((Decimal(v) for v in dana.values()), Decimal(0)),
    }
    bawaan.update(nilai)
    kegiatan = Kegiatan.objects.create(
        kabupaten_kota=kabkota, lokasi=lokasi, status=status, tahun=tahun, **bawaan
    )
    for kode, volume in (efek or {}).items():
        EfekKegiatan.objects.create(
            kegiatan=kegiatan, lokasi=lokasi, kriteria=kode, volume=Decimal(volume)
        )
    for sumber, jumlah in dana.items():
        PendanaanKegiatan.objects.create(kegiatan=kegiatan, sumber=sumber, jumlah=Decimal(jumlah))
    return kegiatan
