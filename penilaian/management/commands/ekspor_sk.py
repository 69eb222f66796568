"""Write an SK's files from the command line: PDF parts or the Excel workbook.

manage.py ekspor_sk                         # list the SKs that can be exported
manage.py ekspor_sk 3 --format pdf --bagian semua --out sk.pdf
manage.py ekspor_sk 3 --format xlsx --out lampiran1.xlsx
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kumuh import angka
from penilaian.models import SK
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import services as services_sk

BAGIAN = [*sk_cetak.BAGIAN, sk_cetak.SEMUA]


class Command(BaseCommand):
    help = (
        "Ekspor SK penetapan lokasi ke PDF (keputusan, lampiran1, lampiran2, lampiran3 atau "
        "semua) atau Excel (Lampiran I dan nilai per kriteria). Tanpa ID: daftar SK yang ada."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", nargs="?", type=int, help="ID SK (lihat daftar tanpa ID)")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--bagian", choices=BAGIAN, default=sk_cetak.SEMUA)
        parser.add_argument("--out", type=Path, metavar="BERKAS", help="berkas keluaran")
        parser.add_argument("--kab-kota", dest="kab_kota", help="saring daftar: kode Kemendagri")

    def handle(self, *args, id: int | None, **opsi) -> None:
        if id is None:
            self._daftar(opsi["kab_kota"])
            return
        if opsi["format"] == "pdf":
            sk_cetak.panaskan(opsi["bagian"])  # the workers start while the SK's data is read
        sk = SK.objects.select_related("kabupaten_kota__provinsi").filter(pk=id).first()
        if sk is None:
            raise CommandError(f"SK dengan ID {id} tidak ada. Jalankan tanpa ID untuk daftarnya.")
        keluaran = opsi["out"] or Path(services_sk.nama_berkas(sk, opsi["bagian"], opsi["format"]))
        if opsi["format"] == "xlsx" and opsi["bagian"] not in ("lampiran1", sk_cetak.SEMUA):
            raise CommandError("Format xlsx hanya untuk Lampiran I: pakai --bagian lampiran1.")
        mulai = time.perf_counter()
        data = services_sk.buat_berkas(sk, opsi["bagian"], opsi["format"], self._kemajuan)
        keluaran.write_bytes(data)
        detik = angka.format_desimal(time.perf_counter() - mulai, 1)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        ukuran = angka.format_bilangan(len(data))
        self.stdout.write(self.style.SUCCESS(f"{keluaran} ditulis ({ukuran} bita, {detik} detik)."))

    def _kemajuan(self, selesai: int, total: int) -> None:
        # Progress goes to stderr, and only to a terminal: a script reading stdout sees the
        # result line alone.
        if sys.stderr.isatty() and total:
            sys.stderr.write(f"\r{100 * selesai // total:3d} %")
            sys.stderr.flush()

    def _daftar(self, kab_kota: str | None) -> None:
        qs = SK.objects.select_related("kabupaten_kota").order_by("kabupaten_kota__kode", "-tahun")
        if kab_kota:
            qs = qs.filter(kabupaten_kota__kode=kab_kota)
        if not qs:
            self.stdout.write("Belum ada SK.")
            return
        self.stdout.write(f"{'ID':>4}  {'KAB/KOTA':24} {'TAHUN':5}  {'STATUS':10}  NOMOR")
        for sk in qs:
            self.stdout.write(
                f"{sk.pk:>4}  {sk.kabupaten_kota!s:24} {sk.tahun:5}  "
                f"{sk.get_status_display():10}  {sk.nomor or '(belum bernomor)'}"
            )
