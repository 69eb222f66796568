"""Load the demo's monev: run by `kumuh_demo` after `kolaborasi_demo`.

Each part adds its own rows (`monev/<part>/demo.py`, function `muat`): monitoring of the demo
kegiatan, assets and their checks, the annual evaluation, the re-review of the demo SK. Every
name and number is synthetic and labelled demo; each step is idempotent.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lokasi.models import KabupatenKota, Lokasi, Pengguna
from monev.dasbor import demo as demo_dasbor
from monev.evaluasi import demo as demo_evaluasi
from monev.op import demo as demo_op
from monev.pemantauan import demo as demo_pemantauan
from monev.pengaduan import demo as demo_pengaduan
from monev.peninjauan import demo as demo_peninjauan
from monev.potensi import demo as demo_potensi
from monev.publik import demo as demo_publik
from penilaian import ringkasan

KODE_KABKOTA = "33.75"  # Kota Pekalongan, as in lokasi_demo
LANGKAH = (
    demo_pemantauan.muat,
    demo_op.muat,
    demo_evaluasi.muat,
    demo_peninjauan.muat,
    demo_pengaduan.muat,
    demo_publik.muat,
    demo_potensi.muat,
    demo_dasbor.muat,
)


class Command(BaseCommand):
    help = "Muat data demo monev Kota Pekalongan (pemantauan, aset, evaluasi, peninjauan ulang)."

    def handle(self, *args, **options) -> None:
        try:
            kabkota = KabupatenKota.objects.get(kode=KODE_KABKOTA)
            pengguna = {p.username: p for p in Pengguna.objects.filter(kabupaten_kota=kabkota)}
            pengguna["pokja"] = pengguna["pokja.pekalongan"]
            pengguna["operator"] = pengguna["operator.pekalongan"]
        except (KabupatenKota.DoesNotExist, KeyError) as e:
            pesan = "Data demo belum ada: jalankan `manage.py kumuh_demo`."
            raise CommandError(pesan) from e
        with transaction.atomic(), ringkasan.tunda():
            for langkah in LANGKAH:
                if pesan := langkah(kabkota=kabkota, pengguna=pengguna):
                    self.stdout.write(pesan)
            # Re-surveys written with QuerySet.update() send no signals.
            ringkasan.segarkan(
                Lokasi.objects.filter(kabupaten_kota=kabkota).values_list("pk", flat=True)
            )
