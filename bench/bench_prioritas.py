"""Server time of the priority list at scale (issue 14 item 2): ≤ 100 ms per page.

    DATABASE_URL=sqlite:////tmp/p30k.sqlite3 .venv/bin/python bench/bench_prioritas.py buat
    DATABASE_URL=sqlite:////tmp/p30k.sqlite3 .venv/bin/python bench/bench_prioritas.py ukur \
        --pengguna sintetis.pusat sintetis.kota1

`buat` fills an empty, migrated database with a quick stand-in for `manage.py kumuh_sintetis`
(three cities of 15,000, 10,000 and 5,000 lokasi; two approved surveys each, one in ten of the
latest Tidak Kumuh, one in four with a boundary, one in five spanning two kecamatan) and the
users `sintetis.pusat` and `sintetis.kota1`. `ukur` requests the page, its htmx partial, page 2
and the map endpoint with the Django test client and prints the median of `--ulang` warm
requests, the query count and the response size, for each user.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]


def _siapkan_django() -> None:
    sys.path.insert(0, str(AKAR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumuh.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


KOTA = [("kota1", 15_000), ("kota2", 10_000), ("kota3", 5_000)]
KLASIFIKASI = list(
    {"A1": 1, "B1": 2, "C1": 3, "A3": 4, "B3": 5, "C3": 6, "A5": 7, "B5": 8, "C5": 9}.items()
)
TINGKAT = ["Kumuh Berat", "Kumuh Sedang", "Kumuh Ringan"]


def buat() -> None:
    from lokasi.models import KabupatenKota, Kecamatan, Kelurahan, Lokasi, Provinsi
    from penilaian.models import Penilaian

    acak = random.Random(14)
    prov = Provinsi.objects.create(kode="99", nama="Provinsi Sintetis")
    lokasi_kel = Lokasi.kelurahan.through
    for nomor_kota, (nama, n) in enumerate(KOTA, start=1):
        kode = f"99.{nomor_kota:02d}"
        kota = KabupatenKota.objects.create(
            kode=kode,
            nama=f"Kota Sintetis {nomor_kota}",
            provinsi=prov,
            jenis="kota",
            kategori="besar",
        )
        kelurahan = []
        for k in range(1, 16):
            kec = Kecamatan.objects.create(
                kabupaten_kota=kota, kode=f"{kode}.{k:02d}", nama=f"Kecamatan {nama}-{k}"
            )
            for j in range(1, 6):
                kelurahan.append(
                    Kelurahan.objects.create(
                        kecamatan=kec,
                        kode=f"{kec.kode}.100{j}",
                        nama=f"Kel {k}-{j}",
                        jenis="kelurahan",
                    )
                )
        lat0, lon0 = -6.0 - nomor_kota, 106.0 + nomor_kota * 2
        daftar = []
        for i in range(n):
            lat = lat0 + acak.uniform(-0.15, 0.15)
            lon = lon0 + acak.uniform(-0.15, 0.15)
            batas = None
            if i % 4 == 0:
                d = 0.0015
                batas = {
                    "type": "Polygon",
                    "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                     [lon - d, lat + d], [lon - d, lat - d]]],
                }  # fmt: skip
            daftar.append(
                Lokasi(
                    kabupaten_kota=kota,
                    nama=f"Lokasi {nama} {i:05d}",
                    luas_sk_ha=Decimal(acak.randint(50, 2500)) / 100,
                    luas_verifikasi_ha=(Decimal(acak.randint(50, 2500)) / 100 if i % 3 else None),
                    lintang=Decimal(f"{lat:.6f}"),
                    bujur=Decimal(f"{lon:.6f}"),
                    batas=batas,
                    penduduk_laki_laki=acak.randint(100, 3000),
                    penduduk_perempuan=acak.randint(100, 3000) if i % 11 else None,
                    rt_rw="RT 01, 02 / RW 03",
                )
            )
        Lokasi.objects.bulk_create(daftar, batch_size=2000)
        lokasi = list(Lokasi.objects.filter(kabupaten_kota=kota).order_by("pk"))
        tautan, survei = [], []
        for i, lok in enumerate(lokasi):
            kel = kelurahan[(i * 7) % len(kelurahan)]
            tautan.append(lokasi_kel(lokasi_id=lok.pk, kelurahan_id=kel.pk))
            if i % 5 == 0:
                lain = kelurahan[(i * 7 + 13) % len(kelurahan)]
                if lain.kecamatan_id != kel.kecamatan_id:
                    tautan.append(lokasi_kel(lokasi_id=lok.pk, kelurahan_id=lain.pk))
            for tahun, status in ((2022, "disetujui_pokja"), (2024, "terverifikasi_pusat")):
                kelas, prioritas = KLASIFIKASI[acak.randrange(len(KLASIFIKASI))]
                tingkat = TINGKAT[acak.randrange(3)]
                if tahun == 2024 and i % 10 == 9:
                    tingkat, kelas, prioritas = "Tidak Kumuh", "", None
                survei.append(
                    Penilaian(
                        lokasi=lok,
                        tahun=tahun,
                        status=status,
                        nilai_kekumuhan=acak.randint(20, 95),
                        tingkat_kekumuhan=tingkat,
                        nilai_pertimbangan_lain=acak.randint(0, 50),
                        tingkat_pertimbangan_lain="Sedang",
                        klasifikasi=kelas,
                        prioritas=prioritas,
                        legalitas="Legal" if i % 4 else "Tidak Legal",
                        pola_penanganan="Pemugaran" if i % 3 else "Peremajaan",
                        kewenangan="Kabupaten/Kota",
                        hasil={"kepadatan_penduduk": str(acak.randint(50, 900))},
                    )
                )
            if i % 6 == 0:
                survei.append(Penilaian(lokasi=lok, tahun=2025, status="draf"))
        lokasi_kel.objects.bulk_create(tautan, batch_size=5000)
        Penilaian.objects.bulk_create(survei, batch_size=2000)
        print(f"{kota}: {len(lokasi)} lokasi, {len(survei)} penilaian", flush=True)
    from django.db import connection

    if connection.vendor == "postgresql":
        # As autovacuum would soon after a bulk load: without statistics the planner picks
        # nested loops that take minutes on the first request.
        with connection.cursor() as c:
            c.execute("ANALYZE")
    from tests.conftest import buat_pengguna

    buat_pengguna("sintetis.pusat", "verifikator_pusat")
    buat_pengguna("sintetis.kota1", "operator", kabkota=KabupatenKota.objects.get(kode="99.01"))


def ukur(pengguna: list[str], ulang: int, hanya: list[str]) -> list[str]:
    """Print each request's median; return the lines over `ANGGARAN_MS` (when set)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from lokasi.models import Pengguna

    permintaan = [
        ("halaman", reverse("penilaian:prioritas"), {}, {}),
        (
            "htmx saringan",
            reverse("penilaian:prioritas"),
            {"tingkat": "Kumuh Berat", "halaman": "2"},
            {"HX-Request": "true", "HX-Target": "hasil-prioritas"},
        ),
        ("halaman 120", reverse("penilaian:prioritas"), {"halaman": "120"}, {}),
    ]
    try:
        peta = reverse("penilaian:prioritas_peta")
        permintaan += [
            ("peta zoom 9", peta, {"zoom": "9"}, {}),
            ("peta zoom 15", peta, {"zoom": "15", "bbox": "107.9,-7.1,108.0,-7.0"}, {}),
        ]
    except NoReverseMatch:
        pass
    if hanya:
        permintaan = [p for p in permintaan if p[0] in hanya]
    print(f"beban (uptime): {os.getloadavg()}, basis data: {connection.vendor}")
    lewat = []
    for nama in pengguna:
        klien = Client()
        klien.force_login(Pengguna.objects.get(username=nama))
        for label, url, data, kepala in permintaan:
            waktu = []
            for _ in range(ulang + 1):
                with CaptureQueriesContext(connection) as kueri:
                    awal = time.perf_counter()
                    r = klien.get(url, data, headers=kepala)
                    waktu.append(time.perf_counter() - awal)
                assert r.status_code == 200, (url, r.status_code)
            median = statistics.median(waktu[1:]) * 1000
            print(
                f"{nama:16} {label:14} median {median:7.1f} ms (dingin {waktu[0] * 1000:7.1f})"
                f"  kueri {len(kueri):3}  ukuran {len(r.content) / 1024:9.1f} KiB",
                flush=True,
            )
            if ANGGARAN_MS and median > ANGGARAN_MS:
                lewat.append(f"{nama} {label}: {median:.1f} ms")
    return lewat


# Issue 14 item 2: the page a verifier or a city of 15,000 opens, ≤ 100 ms server time.
ANGGARAN_MS = 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("perintah", choices=["buat", "ukur"])
    parser.add_argument("--pengguna", nargs="+", default=["sintetis.pusat", "sintetis.kota1"])
    parser.add_argument("--ulang", type=int, default=5)
    parser.add_argument("--hanya", nargs="*", default=[], help='e.g. "halaman" "peta zoom 9"')
    parser.add_argument(
        "--anggaran", type=float, default=0.0, help="ms; exit 1 when a median is over it"
    )
    args = parser.parse_args()
    _siapkan_django()
    if args.perintah == "buat":
        buat()
        return
    global ANGGARAN_MS
    ANGGARAN_MS = args.anggaran
    if lewat := ukur(args.pengguna, args.ulang, args.hanya):
        print(f"Melewati anggaran {args.anggaran:.0f} ms: " + "; ".join(lewat), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
