"""Create (or revoke) a user's API token, for a Dinas admin to hand to another system."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from lokasi.models import Pengguna, TokenAPI
from lokasi.token import HARI_BAWAAN


class Command(BaseCommand):
    help = (
        "Buat token API pengguna untuk header `Authorization: Token <kunci>`; kuncinya dicetak "
        "sekali ini saja (basis data hanya menyimpan hash-nya). Token melihat data yang sama "
        "dengan penggunanya. --cabut mencabut token pengguna itu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="nama pengguna pemilik token")
        parser.add_argument(
            "--nama",
            default="",
            help="sistem pemakai token, misalnya 'dasbor Bappeda' (bawaan: nama pengguna)",
        )
        parser.add_argument(
            "--hari",
            type=int,
            default=HARI_BAWAAN,
            help=f"lama berlaku dalam hari (bawaan {HARI_BAWAAN})",
        )
        parser.add_argument(
            "--ganti",
            action="store_true",
            help="cabut token lama pengguna ini (sistem yang memakainya ditolak) lalu buat baru",
        )
        parser.add_argument(
            "--cabut",
            action="store_true",
            help="hanya cabut semua token pengguna ini yang masih berlaku; tidak membuat baru",
        )

    @transaction.atomic
    def handle(
        self, *args, username: str, nama: str, hari: int, ganti: bool, cabut: bool, **options
    ) -> None:
        try:
            pengguna = Pengguna.objects.get(username=username)
        except Pengguna.DoesNotExist as e:
            raise CommandError(f"Pengguna {username!r} tidak ada.") from e
        if cabut or ganti:
            jumlah = TokenAPI.objects.berlaku().filter(user=pengguna).update(dicabut=timezone.now())
            self.stderr.write(f"{jumlah} token {username} dicabut.")
            if cabut:
                return
        if not pengguna.is_active:
            raise CommandError(f"Pengguna {username!r} tidak aktif; tokennya akan ditolak.")
        if not 1 <= hari <= 3650:
            raise CommandError(f"--hari harus antara 1 dan 3650, bukan {hari}.")
        token, kunci = TokenAPI.objects.buat(user=pengguna, nama=nama or username, hari=hari)
        # Only the key on stdout, so `TOKEN=$(manage.py buat_token x)` works; notes on stderr.
        self.stdout.write(kunci)
        wilayah = pengguna.wilayah_tugas or "tidak ada (tanpa peran, token tidak melihat data)"
        berlaku = timezone.localtime(token.kedaluwarsa).strftime("%d-%m-%Y %H:%M")
        self.stderr.write(
            f"Token baru {token.awalan}… untuk {username}, berlaku sampai {berlaku}; "
            f"lingkup data: {wilayah}. Simpan kuncinya sekarang: kunci tidak dapat ditampilkan "
            "lagi."
        )
