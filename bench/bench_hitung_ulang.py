"""Benchmark of `hitung_ulang_semua` (issue 14 item 2): 30,000 surveys rescored in ≤ 10 s.

    .venv/bin/python bench/bench_hitung_ulang.py                       # fresh SQLite, 30,000
    .venv/bin/python bench/bench_hitung_ulang.py --salin /work/data/sintetis-30k.sqlite3
    sh scripts/dengan-postgres.sh .venv/bin/python bench/bench_hitung_ulang.py
    .venv/bin/python bench/bench_hitung_ulang.py --lokasi 3000 --ulang 1 --proses 1

Without DATABASE_URL it works on a SQLite file in a temporary folder: a copy of `--salin`, or
a new one that `kumuh_sintetis --lokasi N` fills (its time is reported too). With DATABASE_URL
(PostgreSQL) it migrates and loads the synthetic data when missing. Then, `--ulang` times each:

- *tetap*: the rules did not change; every survey is read and scored, nothing is written;
- *kategori*: Kota Sintetis 1 becomes kategori kecil (density bands change): part of its
  surveys change; then back (not timed);
- *semua*: every stored result is made stale first (as after a formula change): all are
  written, each with a history entry.

Phases: baca (reading, before any formula), tulis (writing: part by part, while the workers
compute the next part, and the commit), hitung (the rest: waiting for the workers). The load
average and the CPU seconds of this process and of its workers are printed beside every run:
the machine is shared, and CPU seconds barely depend on its load (on PostgreSQL the server's
CPU is not in them). Results: docs/kinerja/sintetis.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
ANGGARAN_DETIK = 10.0


def _siapkan_django(salin: str | None, folder: Path) -> None:
    sys.path.insert(0, str(AKAR))
    if "DATABASE_URL" not in os.environ:
        berkas = folder / "bench.sqlite3"
        if salin:
            shutil.copy(salin, berkas)
        os.environ["DATABASE_URL"] = f"sqlite:///{berkas}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumuh.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished worker processes: what the run would
    take on an idle machine, whatever the shared machine's load."""
    sendiri = resource.getrusage(resource.RUSAGE_SELF)
    anak = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sendiri.ru_utime + sendiri.ru_stime, anak.ru_utime + anak.ru_stime


def _beban() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lokasi", type=int, default=30000)
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--proses", type=int, default=None)
    parser.add_argument("--salin", help="salinan SQLite berisi data sintetis")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _siapkan_django(a.salin, Path(folder))
        from django.core.management import call_command
        from django.db import connection

        from lokasi.models import KabupatenKota
        from penilaian.hitung_ulang import hitung_ulang_semua
        from penilaian.models import Penilaian

        print(f"basis data: {connection.vendor}", flush=True)
        call_command("migrate", verbosity=0)
        if not Penilaian.objects.filter(lokasi__kabupaten_kota__kode="99.71").exists():
            print(f"memuat {a.lokasi} lokasi sintetis … ({_beban()})")
            mulai = time.perf_counter()
            call_command("kumuh_sintetis", lokasi=a.lokasi, stdout=open(os.devnull, "w"))  # noqa: SIM115
            print(f"  kumuh_sintetis: {time.perf_counter() - mulai:.1f} s ({_beban()})")
        print(f"{Penilaian.objects.count()} penilaian")

        waktu: dict[str, list[float]] = {"tetap": [], "kategori": [], "semua": []}

        def ukur(nama: str) -> None:
            beban = _beban()
            cpu = _cpu()
            mulai = time.perf_counter()
            r = hitung_ulang_semua(proses=a.proses, alasan=f"bench {nama}")
            detik = time.perf_counter() - mulai
            induk, anak = (b - a for a, b in zip(cpu, _cpu(), strict=True))
            waktu[nama].append(detik)
            fase = ", ".join(f"{k} {v:.1f}" for k, v in r.detik.items())
            print(
                f"  {nama:8} {detik:6.2f} s  {r.diperiksa} diperiksa, {r.berubah} berubah "
                f"({fase}; CPU induk {induk:.1f} s, pekerja {anak:.1f} s) {beban}",
                flush=True,
            )

        kota1 = KabupatenKota.objects.get(kode="99.71")
        for _ in range(a.ulang):
            ukur("tetap")
            KabupatenKota.objects.filter(pk=kota1.pk).update(kategori="kecil")
            ukur("kategori")
            KabupatenKota.objects.filter(pk=kota1.pk).update(kategori=kota1.kategori)
            hitung_ulang_semua(proses=a.proses)
            Penilaian.objects.update(nilai_kekumuhan=0, hasil={})
            ukur("semua")
        print("median:")
        gagal = False
        for nama, daftar in waktu.items():
            median = statistics.median(daftar)
            gagal |= median > ANGGARAN_DETIK
            print(f"  {nama:8} {median:6.2f} s (anggaran {ANGGARAN_DETIK:.0f} s)")
        return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
