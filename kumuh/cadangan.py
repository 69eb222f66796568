"""Backup archive of an instance: layout, manifest, hashes and checks (pure: no Django).

One `.tar.gz` holds `manifes.json`, `data.json` (Django's dumpdata of every app) and `media/…`
(the whole MEDIA_ROOT). The manifest records what a restore must find again: the migration
state the data was dumped under, the row count of every model, and the sha256 of the data and
of every media file. The management commands `kumuh_cadangan` and `kumuh_pulihkan` do the
Django side; this module only reads and compares, so a damaged or foreign archive is refused
before the database is touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

FORMAT = 1
MANIFES = "manifes.json"
DATA = "data.json"
MEDIA = "media"
_POTONGAN = 1024 * 1024


class ArsipRusak(Exception):
    """The archive cannot be trusted; `alasan` is a short key, `rincian` names the part."""

    def __init__(self, alasan: str, rincian: str = "") -> None:
        super().__init__(f"{alasan}: {rincian}" if rincian else alasan)
        self.alasan = alasan
        self.rincian = rincian


def sha256_aliran(aliran: IO[bytes]) -> str:
    """Return the sha256 hex digest of a binary stream, read in chunks."""
    h = hashlib.sha256()
    while potongan := aliran.read(_POTONGAN):
        h.update(potongan)
    return h.hexdigest()


def sha256_berkas(jalur: Path) -> str:
    with jalur.open("rb") as f:
        return sha256_aliran(f)


# MEDIA_ROOT/cache holds rendered PDF chunks (penilaian.sk.cetak): derived, rebuilt on demand,
# up to 200 MB — not part of a backup, and not a difference when restoring.
TURUNAN = "cache"


def daftar_media(akar: Path) -> dict[str, str]:
    """Return {posix path relative to `akar`: sha256} of every regular file under `akar`,
    except the derived cache folder."""
    if not akar.is_dir():
        return {}
    return {
        p.relative_to(akar).as_posix(): sha256_berkas(p)
        for p in sorted(akar.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.relative_to(akar).parts[0] != TURUNAN
    }


def buat_manifes(
    *,
    versi_aplikasi: str,
    versi_django: str,
    vendor: str,
    dibuat_pada: str,
    migrasi: dict[str, list[str]],
    jumlah: dict[str, int],
    data_sha256: str,
    media: dict[str, str],
) -> dict:
    """Return the manifest as a JSON-ready dict (sorted keys, so two backups diff cleanly)."""
    return {
        "format": FORMAT,
        "aplikasi": versi_aplikasi,
        "django": versi_django,
        "basis_data": vendor,
        "dibuat_pada": dibuat_pada,
        "migrasi": {app: sorted(nama) for app, nama in sorted(migrasi.items())},
        "jumlah": dict(sorted(jumlah.items())),
        "data_sha256": data_sha256,
        "media": dict(sorted(media.items())),
    }


def baca_manifes(teks: bytes) -> dict:
    """Parse and shape-check a manifest; raise ArsipRusak naming what is wrong."""
    try:
        manifes = json.loads(teks)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ArsipRusak("manifes", str(e)) from e
    if not isinstance(manifes, dict):
        raise ArsipRusak("manifes", "bukan objek JSON")
    if manifes.get("format") != FORMAT:
        raise ArsipRusak("format", str(manifes.get("format")))
    bentuk = {"migrasi": dict, "jumlah": dict, "media": dict, "data_sha256": str}
    for kunci, jenis in bentuk.items():
        if not isinstance(manifes.get(kunci), jenis):
            raise ArsipRusak("manifes", kunci)
    return manifes


@dataclass(frozen=True)
class BedaMigrasi:
    """One app whose applied migrations differ between the archive and this database."""

    app: str
    hanya_di_arsip: tuple[str, ...]
    hanya_di_sini: tuple[str, ...]


def beda_migrasi(arsip: dict[str, list[str]], sini: dict[str, list[str]]) -> list[BedaMigrasi]:
    """Return the apps whose applied migrations differ, sorted by app label."""
    hasil = []
    for app in sorted(set(arsip) | set(sini)):
        a, s = set(arsip.get(app, ())), set(sini.get(app, ()))
        if a != s:
            hasil.append(BedaMigrasi(app, tuple(sorted(a - s)), tuple(sorted(s - a))))
    return hasil


def beda_isi(
    harap: dict[str, object], nyata: dict[str, object]
) -> list[tuple[str, object, object]]:
    """Return (key, expected, found) for every key whose value differs; None when missing."""
    return [
        (k, harap.get(k), nyata.get(k))
        for k in sorted(set(harap) | set(nyata))
        if harap.get(k) != nyata.get(k)
    ]


def nama_anggota_aman(nama: str) -> PurePosixPath:
    """Return a member name as a relative path, refusing absolute paths and `..`."""
    jalur = PurePosixPath(nama)
    if jalur.is_absolute() or ".." in jalur.parts or not jalur.parts:
        raise ArsipRusak("jalur", nama)
    return jalur


def tulis_arsip(tujuan: Path, *, manifes: dict, data: Path, akar_media: Path) -> None:
    """Write the archive: manifest first (so a reader finds it at once), data, then media."""
    isi = json.dumps(manifes, ensure_ascii=False, indent=1).encode()
    with tarfile.open(tujuan, "w:gz") as tar:
        info = tarfile.TarInfo(MANIFES)
        info.size = len(isi)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(isi))
        tar.add(data, arcname=DATA)
        for relatif in manifes["media"]:
            tar.add(akar_media / relatif, arcname=f"{MEDIA}/{relatif}")


def buka_arsip(sumber: Path, folder: Path) -> dict:
    """Unpack and check an archive into `folder`; return its manifest.

    Every member must be a regular file or folder with a safe relative name; `data.json` and
    every media file must match the manifest's sha256 and no media file may be extra or
    missing. Raise ArsipRusak on the first problem, before anything is restored.
    """
    try:
        with tarfile.open(sumber, "r:gz") as tar:
            for a in tar.getmembers():
                nama_anggota_aman(a.name)
                if not (a.isfile() or a.isdir()):
                    raise ArsipRusak("jalur", a.name)
            # The "data" filter refuses links, devices and escaping paths a second time.
            tar.extractall(folder, filter="data")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
        raise ArsipRusak("tar", str(e)) from e
    jalur_manifes = folder / MANIFES
    if not jalur_manifes.is_file():
        raise ArsipRusak("tanpa_manifes")
    manifes = baca_manifes(jalur_manifes.read_bytes())
    jalur_data = folder / DATA
    if not jalur_data.is_file():
        raise ArsipRusak("tanpa_data")
    if sha256_berkas(jalur_data) != manifes["data_sha256"]:
        raise ArsipRusak("hash", DATA)
    beda = beda_isi(manifes["media"], daftar_media(folder / MEDIA))
    if beda:
        raise ArsipRusak("hash", f"{MEDIA}/{beda[0][0]}")
    return manifes
