"""Load the whole demo: each installed app's own `<app label>_demo` step, lowest app first.

Found by name pattern, not listed: kumuh knows no app, and an app added later only needs its own
`<label>_demo` command. INSTALLED_APPS order is the apps' dependency order, so an app's step
finds the data of the apps below it.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser


def langkah_demo() -> list[str]:
    """Return the demo commands of the installed apps, in INSTALLED_APPS order."""
    perintah = get_commands()
    sendiri = apps.get_containing_app_config(__name__).label
    return [
        f"{app.label}_demo"
        for app in apps.get_app_configs()
        if app.label != sendiri and f"{app.label}_demo" in perintah
    ]


class Command(BaseCommand):
    help = (
        "Muat data demo semua aplikasi (wilayah, lokasi, penilaian, …) dan akun per peran. "
        "Hanya di mode pengembangan (DJANGO_DEBUG=1) kecuali dengan --paksa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="muat juga bila DJANGO_DEBUG mati (mis. server pelatihan); jangan di produksi",
        )

    def handle(self, *args, paksa: bool = False, **options) -> None:
        # The demo creates accounts of every role with one published password and fictitious
        # SK data: loaded by mistake into a production database, anyone could log in.
        if not settings.KUMUH_DEMO_DIIZINKAN and not paksa:
            raise CommandError(
                "kumuh_demo ditolak: DJANGO_DEBUG tidak aktif, jadi ini dianggap server "
                "produksi. Data demo membuat akun dengan kata sandi yang diketahui umum. "
                "Jalankan dengan DJANGO_DEBUG=1 (make run), atau tambahkan --paksa bila memang "
                "server latihan."
            )
        for nama in langkah_demo():
            call_command(nama, stdout=self.stdout, stderr=self.stderr)
