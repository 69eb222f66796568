"""Builders for monitoring tests (small functions, no factory library)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kolaborasi.models import Kegiatan
from monev.models import FotoPemantauan, Pemantauan, RealisasiDana, RealisasiEfek


def png(nama: str = "foto.png") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 140, 60)).save(buf, "PNG")
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="image/png")


def buat_pemantauan(
    kegiatan: Kegiatan,
    *,
    tanggal: date = date(2026, 6, 1),
    progres: Decimal | int = 50,
    volume: dict[str, Decimal | int] | None = None,
    dana: dict[str, Decimal | int] | None = None,
    foto: tuple[str, ...] = (),
) -> Pemantauan:
    """Create an entry straight in the database: volumes by criterion, spending by source."""
    p = Pemantauan.objects.create(kegiatan=kegiatan, tanggal=tanggal, progres_fisik=progres)
    efek = {e.kriteria: e for e in kegiatan.efek.all()}
    for kode, v in (volume or {}).items():
        RealisasiEfek.objects.create(pemantauan=p, efek=efek[kode], volume=Decimal(v))
    for sumber, j in (dana or {}).items():
        RealisasiDana.objects.create(pemantauan=p, sumber=sumber, jumlah=Decimal(j))
    for tahap in foto:
        FotoPemantauan.objects.create(pemantauan=p, berkas=png(), tahap=tahap)
    return p
