"""Server time of the public city page, its map data and its GeoJSON at 15,000 published lokasi
(issue 14): the first request of a published state (the cache empty: the frozen rows read once)
and the median of warm requests, through Django's test Client, with query count and size.

    cp /work/data/sintetis-30k-47993b4.sqlite3 /tmp/p.sqlite3   # or any database of this branch
    DATABASE_URL=sqlite:////tmp/p.sqlite3 .venv/bin/python bench/bench_publik.py --isi
    DATABASE_URL=sqlite:////tmp/p.sqlite3 .venv/bin/python bench/bench_publik.py --ulang 7

`--isi` adds what the pages read when the database has no issued SK (bench_dasbor.py's data:
per city an SK of 2023 freezing every lokasi, for the largest city an SK of 2025 revoking it
and keeping 90 %, and the largest city's publication).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))

from bench.bench_dasbor import mulai, ukur  # noqa: E402


def dingin(klien, url: str, ulang: int) -> dict:
    """The first request of a published state, the cache emptied before each (median)."""
    from django.core.cache import cache

    waktu = []
    for _ in range(ulang):
        cache.clear()
        t = time.perf_counter()
        r = klien.get(url)
        waktu.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return {"median_ms": statistics.median(waktu), "min_ms": min(waktu)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dingin", type=int, default=3, help="cold requests per page")
    ap.add_argument(
        "--anggaran",
        default="",
        help="PAGE,MAP in ms (e.g. 100,300): exit 1 when a warm median exceeds its budget",
    )
    if (args := mulai(ap)) is None:
        return
    from django.db import connection
    from django.test import Client

    from monev.models import PublikasiKota
    from monev.publik.data import publikasi

    pub = PublikasiKota.objects.filter(terbit=True).select_related("kabupaten_kota").first()
    kota = pub.kabupaten_kota
    jumlah = len(publikasi(kota).lokasi)
    print(f"{connection.vendor}: {kota} ({jumlah} lokasi terbit); load {os.getloadavg()}")
    # The cached area's centre, zoomed in: a street-level view with boundaries.
    lok = next(x for x in publikasi(kota).lokasi if x.lintang is not None)
    d = 0.004
    dekat = f"{lok.bujur - d},{lok.lintang - d},{lok.bujur + d},{lok.lintang + d}"
    dasar = f"/publik/{kota.kode}/"
    halaman = [
        ("halaman", dasar),
        ("halaman-2", dasar + "?halaman=2"),
        ("halaman-cari", dasar + "?cari=kec+01"),
        ("peta-awal", dasar + "peta/"),
        ("peta-zoom-10", dasar + "peta/?bbox=100,-12,125,4&zoom=10"),
        ("peta-zoom-16", dasar + f"peta/?bbox={dekat}&zoom=16"),
        ("geojson", dasar + "lokasi.geojson"),
    ]
    anonim = Client()
    # The page (first budget) and the map data and GeoJSON (second), warm: issue 14.
    anggaran = [float(x) for x in args.anggaran.split(",")] if args.anggaran else []
    lewat: list[str] = []
    for label, url in halaman:
        d = dingin(anonim, url, args.dingin)
        h = ukur(anonim, url, args.ulang)
        print(
            f"{label:13} hangat median {h['median_ms']:7.1f} ms (min {h['min_ms']:6.1f})  "
            f"{h['kueri']:2d} kueri {h['html_kb']:8.1f} KB | dingin median {d['median_ms']:7.0f} ms"
            f"  {url}"
        )
        if anggaran:
            batas = anggaran[0] if label.startswith("halaman") else anggaran[1]
            if h["median_ms"] > batas:
                lewat.append(f"{label} {h['median_ms']:.0f} ms > {batas:.0f}")
    print(f"load {os.getloadavg()}")
    if lewat:
        print(f"Di atas anggaran: {', '.join(lewat)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
