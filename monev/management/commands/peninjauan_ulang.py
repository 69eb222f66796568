"""Write the city book of Tabel 5 of a peninjauan ulang (every lokasi of the review).

manage.py peninjauan_ulang                     # issued SKs, their due dates and reviews
manage.py peninjauan_ulang --kab-kota 33.75 --tahun 2026 --format pdf --out tabel5.pdf
manage.py peninjauan_ulang --kab-kota 33.75 --tahun 2026 --format xlsx --out tabel5.xlsx
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kumuh import angka, pdf
from lokasi.models import KabupatenKota
from monev.models import PeninjauanUlang
from monev.peninjauan import cetak, services
from monev.peninjauan.muat import muat_peninjauan
from monev.peninjauan.xlsx import xlsx_tabel5
from penilaian.models import SK


class Command(BaseCommand):
    help = (
        "Tulis buku Tabel 5 (semua lokasi) sebuah peninjauan ulang ke PDF atau Excel. Tanpa "
        "argumen: daftar SK yang ditetapkan, jatuh tempo peninjauan ulang dan peninjauannya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kab-kota", dest="kab_kota", metavar="KODE", help="kode Kemendagri")
        parser.add_argument("--tahun", type=int, help="tahun peninjauan ulang (t+n)")
        parser.add_argument("--sk", type=int, help="ID SK, bila kota punya beberapa peninjauan")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--out", type=Path, metavar="BERKAS", help="berkas keluaran")

    def handle(self, *args, kab_kota: str | None, tahun: int | None, **opsi) -> None:
        if kab_kota is None and tahun is None:
            self._daftar()
            return
        if kab_kota is None or tahun is None:
            raise CommandError("Berikan --kab-kota dan --tahun bersama-sama.")
        kabkota = KabupatenKota.objects.filter(kode=kab_kota).first()
        if kabkota is None:
            raise CommandError(f"Kabupaten/kota dengan kode {kab_kota} tidak dikenal.")
        qs = PeninjauanUlang.objects.filter(kabupaten_kota=kabkota, tahun=tahun).select_related(
            "kabupaten_kota", "sk"
        )
        if opsi["sk"]:
            qs = qs.filter(sk_id=opsi["sk"])
        peninjauan = list(qs)
        if not peninjauan:
            raise CommandError(
                f"{kabkota} belum punya peninjauan ulang tahun {tahun}. "
                "Jalankan tanpa argumen untuk daftarnya."
            )
        if len(peninjauan) > 1:
            sk = ", ".join(f"{p.sk_id} ({p.sk.nomor})" for p in peninjauan)
            raise CommandError(
                f"Ada {len(peninjauan)} peninjauan ulang tahun {tahun}; pilih --sk: {sk}."
            )
        if opsi["format"] == "pdf":
            pdf.panaskan()  # the workers start while the review is read
        rekap = muat_peninjauan(peninjauan[0])
        if not rekap.lokasi:
            raise CommandError("Peninjauan ulang ini tidak punya lokasi.")
        data = cetak.pdf_buku(rekap) if opsi["format"] == "pdf" else xlsx_tabel5(rekap)
        keluaran = opsi["out"] or Path(cetak.nama_berkas(rekap, opsi["format"]))
        keluaran.write_bytes(data)
        ukuran = angka.format_bilangan(len(data))
        jumlah = len(rekap.lokasi)
        self.stdout.write(
            self.style.SUCCESS(f"{keluaran} ditulis ({jumlah} lokasi, {ukuran} bita).")
        )

    def _daftar(self) -> None:
        qs = (
            SK.objects.filter(status=SK.Status.DITETAPKAN)
            .select_related("kabupaten_kota")
            .prefetch_related("peninjauan_ulang")
            .order_by("kabupaten_kota__kode", "-tanggal")
        )
        if not qs:
            self.stdout.write("Belum ada SK yang ditetapkan.")
            return
        hari_ini = timezone.localdate()
        self.stdout.write(
            f"{'ID':>4}  {'KODE':8} {'KAB/KOTA':22} {'JATUH TEMPO':18}  PENINJAUAN  NOMOR"
        )
        for sk in qs:
            tempo = services.jatuh_tempo(sk)
            teks_tempo = angka.tanggal_indonesia(tempo) if tempo else "–"
            if tempo and tempo <= hari_ini and not sk.peninjauan_ulang.all():
                teks_tempo += " !"
            ulang = ", ".join(
                f"{p.tahun} ({p.get_status_display()})" for p in sk.peninjauan_ulang.all()
            )
            self.stdout.write(
                f"{sk.pk:>4}  {sk.kabupaten_kota.kode:8} {sk.kabupaten_kota.nama[:22]:22} "
                f"{teks_tempo:18}  {ulang or 'belum':10}  {sk.nomor}"
            )
        self.stdout.write("(!: jatuh tempo terlewati dan belum ada peninjauan ulang)")
