"""The batch calculator (../shared/domain/kalkulator.md): JSON or JSON Lines in, JSON Lines out."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from penilaian.kalkulator import STATUS_TIDAK_TERBACA, hitung_teks, tulis_jsonl


class Command(BaseCommand):
    help = (
        "Hitung nilai kekumuhan, klasifikasi dan prioritas dari berkas JSON (larik) atau JSON "
        "Lines. Hasil: satu baris JSON per rekaman, urutan sama. Status keluar 0 bila semua "
        "rekaman dinilai, 1 bila ada yang ditolak, 2 bila masukan bukan JSON. Tidak ada yang "
        "disimpan."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "berkas", nargs="?", default="-", help="berkas masukan; '-' atau kosong: stdin"
        )

    def handle(self, *args, berkas: str, **options) -> None:
        if berkas == "-":
            teks = sys.stdin.read()
        else:
            try:
                teks = Path(berkas).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as e:
                self.stderr.write(f"Berkas {berkas} tidak dapat dibaca: {e}")
                sys.exit(STATUS_TIDAK_TERBACA)
        hasil, status = hitung_teks(teks)
        self.stdout.write(tulis_jsonl(hasil), ending="")
        if status == STATUS_TIDAK_TERBACA:
            self.stderr.write(hasil[0]["error"])
        if status:
            sys.exit(status)
