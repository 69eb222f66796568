"""Builders for the stakeholder, Pokja/Forum and meeting tests (through the real models)."""

from __future__ import annotations

from datetime import date

from kolaborasi.models import Keanggotaan, KeputusanPertemuan, LembagaPKP, Pertemuan
from lokasi.models import KabupatenKota
from tests.kolaborasi.conftest import buat_pemangku


def buat_lembaga(kabkota: KabupatenKota, jenis: str = "pokja", **nilai) -> LembagaPKP:
    bawaan = {
        "nomor_sk": "050/1/2026",
        "tanggal_sk": date(2026, 1, 5),
        "rencana_mulai": date(2026, 1, 1),
        "rencana_selesai": date(2026, 12, 31),
    }
    bawaan.update(nilai)
    return LembagaPKP.objects.create(kabupaten_kota=kabkota, jenis=jenis, **bawaan)


def buat_anggota(lembaga: LembagaPKP, nama: str = "Sekar", **nilai) -> Keanggotaan:
    pemangku = nilai.pop("pemangku", None) or buat_pemangku(
        lembaga.kabupaten_kota, nama=f"Unsur {nama}"
    )
    return Keanggotaan.objects.create(
        lembaga=lembaga, pemangku=pemangku, nama=nama, jabatan=nilai.pop("jabatan", "Anggota")
    )


def buat_pertemuan(kabkota: KabupatenKota, jenis: str = "pokja_rutin", **nilai) -> Pertemuan:
    nilai.setdefault("tanggal", date(2026, 3, 10))
    return Pertemuan.objects.create(kabupaten_kota=kabkota, jenis=jenis, **nilai)


def buat_keputusan(pertemuan: Pertemuan, **nilai) -> KeputusanPertemuan:
    nilai.setdefault("uraian", "Menyusun DED drainase")
    return KeputusanPertemuan.objects.create(pertemuan=pertemuan, **nilai)
