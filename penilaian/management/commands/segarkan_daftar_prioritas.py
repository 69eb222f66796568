"""Rebuild or check the priority list's narrow table (penilaian.ringkasan).

    manage.py segarkan_daftar_prioritas            # rebuild from the surveys
    manage.py segarkan_daftar_prioritas --periksa  # list differing lokasi, exit 1 if any

Needed only after writing surveys or lokasi outside the application (SQL, a restore of part
of the data); every write through the application keeps the table in step.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from penilaian import ringkasan


class Command(BaseCommand):
    help = "Bangun ulang (atau periksa) tabel ringkas daftar prioritas dari data penilaian."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--periksa",
            action="store_true",
            help="Hanya periksa: sebutkan lokasi yang barisnya berbeda, keluar 1 bila ada.",
        )

    def handle(self, *args, periksa: bool, **opsi) -> None:
        awal = time.perf_counter()
        if periksa:
            beda = ringkasan.selisih()
            if beda:
                contoh = ", ".join(str(pk) for pk in beda[:20])
                lagi = " …" if len(beda) > 20 else ""
                raise CommandError(
                    f"{len(beda)} lokasi berbeda dari penilaiannya (pk: {contoh}{lagi}). "
                    "Jalankan tanpa --periksa untuk membangun ulang."
                )
            self.stdout.write(f"Tabel ringkas sesuai ({time.perf_counter() - awal:.1f} detik).")
            return
        jumlah = ringkasan.segarkan_semua()
        detik = time.perf_counter() - awal
        self.stdout.write(f"Tabel ringkas dibangun ulang: {jumlah} lokasi ({detik:.1f} detik).")
