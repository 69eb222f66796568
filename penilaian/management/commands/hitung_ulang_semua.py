"""Rescore every survey after a rules change: `manage.py hitung_ulang_semua [--kabkota KODE]
[--status STATUS] [--alasan TEKS] [--periksa]`.

Only the surveys whose results changed are written, each with a history entry; all in one
transaction (see penilaian/hitung_ulang.py). Issued SK keep their frozen rows.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokasi.models import KabupatenKota
from penilaian.hitung_ulang import hitung_ulang_semua
from penilaian.models import Penilaian, Status


class Command(BaseCommand):
    help = (
        "Hitung ulang hasil semua penilaian dengan rumus yang berlaku (setelah aturan berubah); "
        "hanya yang berubah yang ditulis, masing-masing dengan riwayat. SK yang sudah "
        "ditetapkan tidak berubah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kabkota", action="append", default=[], metavar="KODE",
            help="hanya kabupaten/kota ini (kode Kemendagri; boleh berulang)",
        )  # fmt: skip
        parser.add_argument(
            "--status", action="append", default=[], choices=Status.values,
            help="hanya penilaian berstatus ini (boleh berulang)",
        )  # fmt: skip
        parser.add_argument(
            "--alasan", default="", help="dicatat di riwayat, mis. 'ambang kepadatan 2027'"
        )
        parser.add_argument(
            "--proses", type=int, default=None,
            help="jumlah proses penghitung (bawaan: 2 bila ≥ 4.000 penilaian, selain itu 1)",
        )  # fmt: skip
        parser.add_argument(
            "--periksa", action="store_true",
            help="hitung dan laporkan saja; tidak ada yang disimpan",
        )  # fmt: skip

    def handle(self, *args, **o) -> None:
        qs = None
        if o["kabkota"]:
            ada = set(
                KabupatenKota.objects.filter(kode__in=o["kabkota"]).values_list("kode", flat=True)
            )
            if tidak := sorted(set(o["kabkota"]) - ada):
                raise CommandError(f"Kabupaten/kota tidak dikenal: {', '.join(tidak)}.")
            qs = Penilaian.objects.filter(lokasi__kabupaten_kota__kode__in=o["kabkota"])
        if o["status"]:
            qs = (qs if qs is not None else Penilaian.objects.all()).filter(status__in=o["status"])
        mulai = time.perf_counter()
        r = hitung_ulang_semua(
            penilaian=qs, alasan=o["alasan"][:150], proses=o["proses"], periksa=o["periksa"]
        )
        detik = time.perf_counter() - mulai
        awal = "Periksa (tidak disimpan): " if o["periksa"] else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{awal}{r.diperiksa} penilaian dihitung ulang, {r.berubah} berubah "
                f"({r.riwayat} riwayat), {detik:.1f} s "
                f"(baca {r.detik['baca']:.1f} s, hitung {r.detik['hitung']:.1f} s, "
                f"tulis {r.detik['tulis']:.1f} s)."
            )
        )
