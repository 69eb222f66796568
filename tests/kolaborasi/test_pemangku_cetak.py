"""The notulen PDF: A4 portrait, read back as text."""

import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from kolaborasi.models import Kehadiran
from kolaborasi.pemangku import cetak
from tests.kolaborasi.pemangku_bantu import (
    buat_anggota,
    buat_keputusan,
    buat_lembaga,
    buat_pertemuan,
)

pytestmark = pytest.mark.django_db


def _teks(data: bytes, tmp_path: Path) -> str:
    berkas = tmp_path / "notulen.pdf"
    berkas.write_bytes(data)
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(berkas), "-"],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return " ".join(hasil.stdout.split())


def test_the_notulen_prints_header_attendance_in_words_decisions_and_signature(kota_a, tmp_path):
    pokja = buat_lembaga(kota_a)
    buat_anggota(pokja, "Ir. Sekar Ayu", jabatan="Ketua")
    rapat = buat_pertemuan(
        kota_a, jenis="pokja_monitoring", lembaga=pokja, tanggal=date(2026, 3, 10),
        tempat="Ruang Rapat Bappeda", agenda="Kemajuan penanganan lokasi prioritas",
        temuan="Drainase belum tersambung",
    )  # fmt: skip
    Kehadiran.objects.bulk_create(
        [Kehadiran(pertemuan=rapat, nama=f"Peserta {i}", instansi="Dinas") for i in range(12)]
        + [Kehadiran(pertemuan=rapat, nama="Absen", hadir=False)]
    )
    buat_keputusan(rapat, uraian="Susun DED", penanggung_jawab="DPUPR",
                   tenggat=date(2026, 4, 10))  # fmt: skip
    isi = cetak.isi_notulen(rapat, hari_ini=date(2026, 5, 1))
    data = cetak.pdf_notulen(isi)
    halaman = PdfReader(BytesIO(data)).pages[0]
    assert (round(float(halaman.mediabox.width)), round(float(halaman.mediabox.height))) == (
        595,
        842,
    )
    teks = _teks(data, tmp_path)
    for bagian in [
        f"PEMERINTAH {kota_a.nama.upper()}",
        "POKJA PKP",
        "NOTULEN RAPAT MONITORING POKJA PKP",
        "Selasa, 10 Maret 2026",
        "Ruang Rapat Bappeda",
        "12 (dua belas) orang",
        "Peserta 11",
        "Tidak hadir",
        "Kemajuan penanganan lokasi prioritas",
        "Drainase belum tersambung",
        "Susun DED",
        "10 April 2026",
        "lewat tenggat",
        "Pimpinan rapat",
        "Ir. Sekar Ayu",
        "Halaman 1 dari",
    ]:
        assert bagian in teks, bagian
