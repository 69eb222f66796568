from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokasi.services import kode_wilayah_tersedia as kode_tersedia
from lokasi.services import wilayah_impor
from lokasi.wilayah import WilayahTidakValid, baca_csv


class Command(BaseCommand):
    help = (
        "Impor daftar kode wilayah Kemendagri dari CSV (kolom kode,nama[,kategori]). "
        "Semua baris diperiksa dulu; bila ada satu saja yang salah, tidak ada yang disimpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path, help="berkas CSV, UTF-8")

    def handle(self, *args, berkas: Path, **options) -> None:
        try:
            teks = berkas.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {e}") from e
        try:
            baris = baca_csv(teks, kode_tersedia())
        except WilayahTidakValid as e:
            raise CommandError("Tidak ada yang diimpor:\n" + "\n".join(e.galat)) from e
        jumlah = wilayah_impor(baris=baris)
        self.stdout.write(
            self.style.SUCCESS(
                ", ".join(
                    f"{tingkat}: {n[0]} baru, {n[1]} diperbarui" for tingkat, n in jumlah.items()
                )
            )
        )
