"""Back up the instance into one `.tar.gz`: every app's data, the whole MEDIA_ROOT, a manifest.

Generic on purpose (kumuh knows no app): the data is Django's `dumpdata` of every installed
model, so an app added later is backed up without a change here. `kumuh_pulihkan` restores it.
What the archive holds and how to schedule it: docs/cadangan.md.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from kumuh import cadangan

# Left out of the dump, each for a reason:
# - contenttypes and auth permissions are rebuilt by `migrate` on the target, with their own
#   ids; rows pointing at them (history, admin log, user permissions) are dumped with natural
#   keys ("app_label", "model") instead of ids, so they find the target's rows.
# - sessions are logins of the moment, not data; restoring them would revive old logins.
# - the task queue holds background jobs of the moment; the records they produce (e.g. an SK
#   export with its file and status) are app data and are kept.
DIKECUALIKAN = ("contenttypes", "auth.permission", "sessions", "django_tasks_database")


def model_dicadangkan() -> list:
    """Return the models whose rows go into the archive, in INSTALLED_APPS order."""
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in DIKECUALIKAN and m._meta.label_lower not in DIKECUALIKAN
    ]


def jumlah_baris(db: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Return {model label: rows} of every backed-up model (base manager: every row)."""
    return {m._meta.label: m._base_manager.using(db).count() for m in model_dicadangkan()}


def keadaan_migrasi(db: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """Return {app label: sorted applied migration names} recorded in the database."""
    hasil: dict[str, list[str]] = defaultdict(list)
    for app, nama in MigrationRecorder(connections[db]).applied_migrations():
        hasil[app].append(nama)
    return {app: sorted(nama) for app, nama in sorted(hasil.items())}


def versi_aplikasi() -> str:
    """`git describe` of the checkout when there is one, else the installed package version."""
    try:
        keluaran = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return keluaran.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return metadata.version("kumuh")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"


def _ukuran(byte: int) -> str:
    return f"{byte / (1024 * 1024):.1f}".replace(".", ",") + " MB"


class Command(BaseCommand):
    help = _(
        "Tulis cadangan instans ke satu berkas .tar.gz: data semua aplikasi (JSON), seluruh "
        "MEDIA_ROOT dan manifes (versi, migrasi, jumlah baris, sha256 tiap berkas)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--out", required=True, metavar="BERKAS.tar.gz", help=_("Berkas arsip yang ditulis.")
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Alias basis data."))

    def handle(self, *args, **options) -> None:
        tujuan = Path(options["out"]).resolve()
        db = options["database"]
        if not tujuan.parent.is_dir():
            raise CommandError(_("--out: folder %(folder)s tidak ada.") % {"folder": tujuan.parent})
        akar_media = Path(settings.MEDIA_ROOT)
        if akar_media.resolve() in tujuan.parents:
            # The archive would hash and pack itself while it is being written.
            raise CommandError(_("--out: arsip tidak boleh ditulis di dalam MEDIA_ROOT."))
        koneksi = connections[db]
        with tempfile.TemporaryDirectory(prefix="kumuh-cadangan-") as tmp:
            data = Path(tmp) / cadangan.DATA
            # One snapshot: the dump and the counts must describe the same moment, even while
            # the instance keeps serving. SQLite's read transaction is a snapshot already;
            # PostgreSQL's default (read committed) is not, so ask for repeatable read.
            luar = koneksi.in_atomic_block  # inside a caller's transaction: its snapshot holds
            with transaction.atomic(using=db):
                if koneksi.vendor == "postgresql" and not luar:
                    with koneksi.cursor() as c:
                        c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                call_command(
                    "dumpdata",
                    exclude=list(DIKECUALIKAN),
                    natural_foreign=True,
                    use_base_manager=True,
                    format="json",
                    output=str(data),
                    database=db,
                    verbosity=0,
                )
                jumlah = jumlah_baris(db)
                migrasi = keadaan_migrasi(db)
            media = cadangan.daftar_media(akar_media)
            manifes = cadangan.buat_manifes(
                versi_aplikasi=versi_aplikasi(),
                versi_django=django.get_version(),
                vendor=koneksi.vendor,
                dibuat_pada=timezone.now().isoformat(),
                migrasi=migrasi,
                jumlah=jumlah,
                data_sha256=cadangan.sha256_berkas(data),
                media=media,
            )
            # Written beside the target and renamed at the end: a half-written archive never
            # carries the name a restore (or a rotation script) would trust.
            sementara = tujuan.with_name(f".{tujuan.name}.sementara")
            try:
                # The archive holds password hashes and API tokens: owner-only from the start.
                sementara.touch(mode=0o600)
                os.chmod(sementara, 0o600)
                cadangan.tulis_arsip(sementara, manifes=manifes, data=data, akar_media=akar_media)
                os.replace(sementara, tujuan)
            finally:
                sementara.unlink(missing_ok=True)
        self.stdout.write(
            _(
                "Cadangan ditulis ke %(berkas)s (%(ukuran)s): %(baris)s baris dari %(model)s "
                "model, %(media)s berkas media."
            )
            % {
                "berkas": tujuan,
                "ukuran": _ukuran(tujuan.stat().st_size),
                "baris": sum(jumlah.values()),
                "model": sum(1 for n in jumlah.values() if n),
                "media": len(media),
            }
        )
