"""Load the demo's kolaborasi: run by `kumuh_demo` after `penilaian_demo`.

Each part of kolaborasi adds its own demo rows (`kolaborasi/<part>/demo.py`, function `muat`),
in the order of the stages: stakeholders and the Pokja/Forum first, then kegiatan, then
pledges and agreements. Every name and number is synthetic and labelled demo; each step is
idempotent, so running the demo again changes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kolaborasi.kegiatan import demo as demo_kegiatan
from kolaborasi.pemangku import demo as demo_pemangku
from kolaborasi.pks import demo as demo_pks
from lokasi.models import KabupatenKota, Pengguna

KODE_KABKOTA = "33.75"  # Kota Pekalongan, as in lokasi_demo
LANGKAH = (demo_pemangku.muat, demo_kegiatan.muat, demo_pks.muat)


class Command(BaseCommand):
    help = "Muat data demo kolaborasi Kota Pekalongan (pemangku, Pokja, kegiatan, PKS)."

    def handle(self, *args, **options) -> None:
        try:
            kabkota = KabupatenKota.objects.get(kode=KODE_KABKOTA)
            pengguna = {p.username: p for p in Pengguna.objects.filter(kabupaten_kota=kabkota)}
            pengguna["pokja"] = pengguna["pokja.pekalongan"]
            pengguna["operator"] = pengguna["operator.pekalongan"]
        except (KabupatenKota.DoesNotExist, KeyError) as e:
            raise CommandError(
                "Data demo lokasi belum ada: jalankan `manage.py kumuh_demo`."
            ) from e
        with transaction.atomic():
            for langkah in LANGKAH:
                pesan = langkah(kabkota=kabkota, pengguna=pengguna)
                if pesan:
                    self.stdout.write(pesan)
