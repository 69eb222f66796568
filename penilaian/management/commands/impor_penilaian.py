"""Import surveys from a baseline workbook (.xlsx), or write the empty template."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokasi.models import KabupatenKota, Pengguna
from penilaian.impor.laporan import Laporan
from penilaian.impor.rencana import impor_periksa
from penilaian.impor.simpan import impor_simpan
from penilaian.impor.templat import buku_templat


class Command(BaseCommand):
    help = (
        "Impor penilaian lokasi dari berkas Excel (satu baris per lokasi atau per unit RT). "
        "Seluruh berkas diperiksa lebih dulu; bila ada satu masalah, tidak ada yang disimpan dan "
        "status keluar 1. Hasil impor berstatus draf. --template BERKAS menulis templat kosong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", nargs="?", type=Path, help="berkas .xlsx yang diimpor")
        parser.add_argument("--template", type=Path, metavar="BERKAS", help="tulis templat ke sini")
        parser.add_argument("--kab-kota", dest="kab_kota", help="kode Kemendagri, misalnya 33.75")
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan laporkan saja, simpan apa pun tidak"
        )
        parser.add_argument("--tahun", type=int, help="tahun baris yang tidak mengisi tahun")
        parser.add_argument("--pengguna", help="nama pengguna yang tercatat di riwayat")

    def handle(self, *args, berkas: Path | None, template: Path | None, **opsi) -> None:
        if template is not None:
            buku_templat().save(template)
            self.stdout.write(self.style.SUCCESS(f"Templat ditulis ke {template}"))
            if berkas is None:
                return
        if berkas is None:
            raise CommandError("Sebutkan berkas .xlsx yang diimpor, atau --template BERKAS.")
        if not opsi["kab_kota"]:
            raise CommandError("--kab-kota wajib diisi (kode Kemendagri kabupaten/kota).")
        try:
            kabkota = KabupatenKota.objects.get(kode=opsi["kab_kota"])
        except KabupatenKota.DoesNotExist:
            raise CommandError(f"Kabupaten/kota berkode {opsi['kab_kota']} tidak ada.") from None
        if not berkas.is_file():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        pengguna = None
        if opsi["pengguna"]:
            pengguna = Pengguna.objects.filter(username=opsi["pengguna"]).first()
            if pengguna is None:
                raise CommandError(f"Pengguna {opsi['pengguna']} tidak ada.")
        kerja = impor_periksa if opsi["dry_run"] else impor_simpan
        argumen = {"pengguna": pengguna} if not opsi["dry_run"] else {}
        laporan = kerja(
            berkas=str(berkas),
            kabupaten_kota=kabkota,
            tahun_bawaan=opsi["tahun"],
            nama_berkas=berkas.name,
            **argumen,
        )
        self._tulis(laporan)
        if not laporan.sah:
            raise CommandError(
                f"Tidak ada yang diimpor: {len(laporan.masalah)} masalah (daftar di atas)."
            )
        if opsi["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS("Berkas siap diimpor (--dry-run: tidak disimpan).")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Impor selesai; penilaian berstatus draf."))

    def _tulis(self, laporan: Laporan) -> None:
        for m in laporan.masalah:
            self.stderr.write(f"Masalah: {m}")
        for m in laporan.peringatan:
            self.stdout.write(f"Peringatan: {m}")
        for t in laporan.tanda:
            self.stdout.write(f"Beda dengan hasil lama: {t}")
        self.stdout.write(f"{laporan.jumlah_baris} baris dibaca dari {', '.join(laporan.lembar)}.")
        if laporan.jumlah:
            self.stdout.write(
                "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in laporan.jumlah.items())
            )
