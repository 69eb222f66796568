"""Load the whole demo: each installed app's own `<app label>_demo` step, lowest app first.

Found by name pattern, not listed: kumuh knows no app, and an app added later only needs its own
`<label>_demo` command. INSTALLED_APPS order is the apps' dependency order, so an app's step
finds the data of the apps below it.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand


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
    help = "Muat data demo semua aplikasi (wilayah, lokasi, penilaian, …) dan akun per peran."

    def handle(self, *args, **options) -> None:
        for nama in langkah_demo():
            call_command(nama, stdout=self.stdout, stderr=self.stderr)
