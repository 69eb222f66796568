"""Restore an archive written by `kumuh_cadangan` into an empty, migrated database.

Everything that can be checked is checked before the database is touched (the archive's
hashes, the migration state, that the database is empty), then the data is loaded in one
transaction, the media files are written, and the row counts and file hashes are compared
with the manifest; any difference rolls the data back. docs/cadangan.md.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumuh import cadangan
from kumuh.management.commands.kumuh_cadangan import jumlah_baris, keadaan_migrasi

PESAN_RUSAK = {
    "tar": gettext_lazy("bukan arsip .tar.gz yang utuh (%(rincian)s)"),
    "jalur": gettext_lazy("berisi jalur yang tidak aman: %(rincian)s"),
    "tanpa_manifes": gettext_lazy("tidak berisi manifes.json"),
    "tanpa_data": gettext_lazy("tidak berisi data.json"),
    "manifes": gettext_lazy("manifesnya tidak terbaca (%(rincian)s)"),
    "format": gettext_lazy("format manifesnya tidak dikenal (%(rincian)s)"),
    "hash": gettext_lazy(
        "isi %(rincian)s tidak sama dengan sha256 di manifes (berkas rusak atau diubah)"
    ),
}


def _daftar(nama: tuple[str, ...] | list[str]) -> str:
    return ", ".join(nama) if nama else "-"


class Command(BaseCommand):
    help = _(
        "Pulihkan arsip kumuh_cadangan ke basis data kosong yang sudah dimigrasi: data, "
        "berkas media, lalu periksa jumlah baris dan sha256 tiap berkas."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("berkas", metavar="BERKAS.tar.gz", help=_("Arsip cadangan."))
        parser.add_argument(
            "--ya", action="store_true", help=_("Jangan bertanya sebelum memulihkan.")
        )
        parser.add_argument(
            "--timpa",
            action="store_true",
            help=_("Kosongkan basis data (flush) lebih dulu bila sudah berisi data."),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Alias basis data."))

    def handle(self, *args, **options) -> None:
        sumber = Path(options["berkas"])
        db = options["database"]
        if not sumber.is_file():
            raise CommandError(_("Berkas arsip %(berkas)s tidak ada.") % {"berkas": sumber})
        akar_media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory(prefix="kumuh-pulihkan-") as tmp:
            folder = Path(tmp)
            try:
                manifes = cadangan.buka_arsip(sumber, folder)
            except cadangan.ArsipRusak as e:
                raise CommandError(
                    _("Arsip %(berkas)s %(sebab)s. Tidak ada yang dipulihkan.")
                    % {
                        "berkas": sumber.name,
                        "sebab": PESAN_RUSAK[e.alasan] % {"rincian": e.rincian},
                    }
                ) from e
            self._periksa_migrasi(manifes, db)
            self._periksa_kosong(options["timpa"], db)
            self._periksa_media(manifes, akar_media, options["timpa"])
            if not options["ya"]:
                self._tanya(manifes, db, options["timpa"])
            with transaction.atomic(using=db):
                if options["timpa"]:
                    call_command("flush", interactive=False, database=db, verbosity=0)
                call_command("loaddata", str(folder / cadangan.DATA), database=db, verbosity=0)
                # Ids of content types may differ from the source; drop any cached by id.
                ContentType.objects.clear_cache()
                beda = cadangan.beda_isi(manifes["jumlah"], jumlah_baris(db))
                if beda:
                    raise CommandError(
                        _(
                            "Jumlah baris setelah dimuat tidak sama dengan manifes: %(beda)s. "
                            "Data dibatalkan."
                        )
                        % {"beda": "; ".join(f"{m}: {h} → {n}" for m, h, n in beda[:10])}
                    )
                # Inside the transaction: a media failure (disk full) rolls the data back too.
                self._tulis_media(folder / cadangan.MEDIA, akar_media, manifes["media"])
        lain = len(cadangan.daftar_media(akar_media)) - len(manifes["media"])
        self.stdout.write(
            _(
                "Dipulihkan dari %(berkas)s (dibuat %(waktu)s, versi %(versi)s, %(vendor)s): "
                "%(baris)s baris dari %(model)s model, %(media)s berkas media; jumlah baris "
                "dan sha256 berkas sama dengan manifes."
            )
            % {
                "berkas": sumber.name,
                "waktu": manifes.get("dibuat_pada", "?"),
                "versi": manifes.get("aplikasi", "?"),
                "vendor": manifes.get("basis_data", "?"),
                "baris": sum(manifes["jumlah"].values()),
                "model": sum(1 for n in manifes["jumlah"].values() if n),
                "media": len(manifes["media"]),
            }
        )
        if lain > 0:
            self.stdout.write(
                _("MEDIA_ROOT juga berisi %(n)s berkas lain yang tidak ada di arsip; dibiarkan.")
                % {"n": lain}
            )

    def _periksa_migrasi(self, manifes: dict, db: str) -> None:
        beda = cadangan.beda_migrasi(manifes["migrasi"], keadaan_migrasi(db))
        if not beda:
            return
        rincian = "; ".join(
            _("%(app)s (hanya di arsip: %(arsip)s; hanya di basis data ini: %(sini)s)")
            % {"app": b.app, "arsip": _daftar(b.hanya_di_arsip), "sini": _daftar(b.hanya_di_sini)}
            for b in beda
        )
        raise CommandError(
            _(
                "Keadaan migrasi arsip berbeda dengan basis data ini pada aplikasi %(rincian)s. "
                "Pulihkan dengan versi kode yang sama dengan saat cadangan dibuat (versi "
                "%(versi)s), jalankan `manage.py migrate` sampai keadaannya sama, lalu ulangi."
            )
            % {"rincian": rincian, "versi": manifes.get("aplikasi", "?")}
        )

    def _periksa_kosong(self, timpa: bool, db: str) -> None:
        terisi = {m: n for m, n in jumlah_baris(db).items() if n}
        if terisi and not timpa:
            contoh = ", ".join(f"{m}: {n}" for m, n in list(terisi.items())[:5])
            raise CommandError(
                _(
                    "Basis data %(nama)s tidak kosong (%(contoh)s). Pulihkan hanya ke basis "
                    "data kosong yang sudah dimigrasi, atau tambahkan --timpa untuk menghapus "
                    "seluruh isinya lebih dulu."
                )
                % {"nama": connections[db].settings_dict["NAME"], "contoh": contoh}
            )

    def _periksa_media(self, manifes: dict, akar: Path, timpa: bool) -> None:
        if timpa:
            return
        bentrok = [
            relatif
            for relatif, sha in manifes["media"].items()
            if (akar / relatif).is_file() and cadangan.sha256_berkas(akar / relatif) != sha
        ]
        if bentrok:
            raise CommandError(
                _(
                    "MEDIA_ROOT (%(akar)s) sudah berisi %(n)s berkas dengan nama sama tetapi isi "
                    "berbeda, mis. %(contoh)s. Kosongkan MEDIA_ROOT atau tambahkan --timpa."
                )
                % {"akar": akar, "n": len(bentrok), "contoh": bentrok[0]}
            )

    def _tanya(self, manifes: dict, db: str, timpa: bool) -> None:
        nama = connections[db].settings_dict["NAME"]
        pertanyaan = (
            _("Seluruh isi basis data %(nama)s akan DIHAPUS lalu diganti isi arsip. ")
            if timpa
            else _("Isi arsip akan dimuat ke basis data %(nama)s. ")
        ) % {"nama": nama}
        try:
            jawab = input(pertanyaan + _("Ketik 'ya' untuk melanjutkan: "))
        except EOFError:
            jawab = ""
        if jawab.strip().lower() != "ya":
            raise CommandError(_("Dibatalkan; tidak ada yang diubah."))

    def _tulis_media(self, dari: Path, akar: Path, harap: dict[str, str]) -> None:
        for relatif in harap:
            tujuan = akar / relatif
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dari / relatif, tujuan)
        nyata = {r: cadangan.sha256_berkas(akar / r) for r in harap}
        beda = cadangan.beda_isi(harap, nyata)
        if beda:
            raise CommandError(
                _(
                    "Berkas media %(berkas)s yang ditulis tidak sama dengan manifes. "
                    "Data dibatalkan."
                )
                % {"berkas": beda[0][0]}
            )
