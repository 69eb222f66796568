"""Print (creating if needed) a user's API token, for a Dinas admin to hand to another system."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from lokasi.models import Pengguna


class Command(BaseCommand):
    help = (
        "Cetak token API pengguna (dibuat bila belum ada) untuk header "
        "`Authorization: Token <kunci>`. Token melihat data yang sama dengan penggunanya. "
        "--ganti mencabut token lama dan membuat yang baru."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="nama pengguna pemilik token")
        parser.add_argument(
            "--ganti",
            action="store_true",
            help="cabut token lama (sistem yang memakainya ditolak) dan buat yang baru",
        )

    @transaction.atomic
    def handle(self, *args, username: str, ganti: bool, **options) -> None:
        try:
            pengguna = Pengguna.objects.get(username=username)
        except Pengguna.DoesNotExist as e:
            raise CommandError(f"Pengguna {username!r} tidak ada.") from e
        if not pengguna.is_active:
            raise CommandError(f"Pengguna {username!r} tidak aktif; tokennya akan ditolak.")
        if ganti:
            Token.objects.filter(user=pengguna).delete()
        token, dibuat = Token.objects.get_or_create(user=pengguna)
        # Only the key on stdout, so `TOKEN=$(manage.py buat_token x)` works; notes on stderr.
        self.stdout.write(token.key)
        wilayah = pengguna.wilayah_tugas or "tidak ada (tanpa peran, token tidak melihat data)"
        self.stderr.write(
            f"{'Token baru' if dibuat else 'Token yang sudah ada'} untuk {username}; "
            f"lingkup data: {wilayah}."
        )
