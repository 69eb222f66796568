"""Server time of the dashboard toward 0 ha and the public pages at 30,000 lokasi (issue 14
item 2): median of warm requests through Django's test Client, with query count and HTML size.

    cp /work/data/sintetis-30k.sqlite3 /tmp/d.sqlite3   # or any database of this branch
    DATABASE_URL=sqlite:////tmp/d.sqlite3 .venv/bin/python bench/bench_dasbor.py --isi
    DATABASE_URL=sqlite:////tmp/d.sqlite3 .venv/bin/python bench/bench_dasbor.py --ulang 7

`--isi` adds what the pages read when the database lacks it (never twice): per city an issued
SK of 2023 freezing every lokasi (realistic 5 KB rows from `penilaian.sk.contoh`, some with RT
units, luas SK/verifikasi, a few deliberately inconsistent), for the largest city a second SK of
2025 that revokes it and keeps 90 %, 1 % of the lokasi re-surveyed worse, kegiatan with funding
and two monitoring entries, targets, and the largest city's publication. Without lokasi it
first creates 16 cities (one of 15,000 lokasi, fifteen of 1,000). Everything by bulk_create.

Measured: a central verifier (all cities together) and the Pokja of the largest city on
/monev/dasbor/, the largest city's /publik/<kode>/ and its GeoJSON, /lokasi/ for both.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]


def _siapkan_django() -> None:
    sys.path.insert(0, str(AKAR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumuh.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


# --- data -------------------------------------------------------------------------------------


def _wilayah_dan_lokasi() -> None:
    """16 cities (one of 15,000 lokasi, fifteen of 1,000), each with 12 kecamatan."""
    from lokasi.models import KabupatenKota, Kecamatan, Lokasi, Provinsi

    prov = Provinsi.objects.create(kode="99", nama="Provinsi Sintetis")
    for k in range(16):
        kota = KabupatenKota.objects.create(
            provinsi=prov, kode=f"99{k:02d}", nama=f"Kota Sintetis {k:02d}", jenis="kota"
        )
        Kecamatan.objects.bulk_create(
            Kecamatan(kabupaten_kota=kota, kode=f"99{k:02d}.{j:02d}", nama=f"Kec {k:02d}-{j:02d}")
            for j in range(12)
        )
        n = 15_000 if k == 0 else 1_000
        Lokasi.objects.bulk_create(
            (
                Lokasi(kabupaten_kota=kota, nama=f"Kawasan {k:02d}-{i:05d}", kode=f"L{k}-{i}")
                for i in range(n)
            ),
            batch_size=2000,
        )


def isi() -> None:
    from django.db import transaction
    from django.db.models import Count

    from kolaborasi.models import Kegiatan, PendanaanKegiatan
    from lokasi.models import KabupatenKota, Kecamatan, Lokasi, Pengguna
    from monev.dasbor.data import salin_sk
    from monev.models import Pemantauan, PublikasiKota, RealisasiDana, TargetKota
    from monev.pemantauan.terbaru import tandai as tandai_terbaru
    from penilaian import ringkasan
    from penilaian.models import SK, Penilaian, SKLokasi
    from penilaian.sk.contoh import isi_contoh
    from penilaian.sk.isi import LokasiSK, UnitSK

    if SK.objects.filter(status=SK.Status.DITETAPKAN).exists():
        print("Sudah ada SK ditetapkan: data tidak ditambah.")
        return
    t0 = time.perf_counter()
    with transaction.atomic():
        if not Lokasi.objects.exists():
            _wilayah_dan_lokasi()
        acak = random.Random(14)
        kota_kota = list(
            KabupatenKota.objects.annotate(n=Count("lokasi")).filter(n__gt=0).order_by("-n", "pk")
        )
        besar = kota_kota[0]
        contoh = isi_contoh(2000, benih=14).lokasi
        for kota in kota_kota:
            lokasi = list(Lokasi.objects.filter(kabupaten_kota=kota).order_by("pk"))
            kecamatan = list(
                Kecamatan.objects.filter(kabupaten_kota=kota).values_list("nama", flat=True)
            ) or [f"Kecamatan {j}" for j in range(10)]
            # The survey each frozen row stands on (the SK asks for one).
            Penilaian.objects.bulk_create(
                (Penilaian(lokasi=lok, tahun=2022, status="terverifikasi_pusat") for lok in lokasi),
                batch_size=2000,
            )
            survei = dict(
                Penilaian.objects.filter(lokasi__kabupaten_kota=kota).values_list("lokasi", "pk")
            )
            sk1 = SK.objects.create(
                kabupaten_kota=kota, tahun=2023, nomor=f"050/{kota.pk}/2023",
                tanggal=date(2023, 3, 1), tempat="Sintetis", tentang="Penetapan lokasi",
                penandatangan_nama="Wali", penandatangan_jabatan="Wali Kota",
                status=SK.Status.DITETAPKAN,
            )  # fmt: skip
            baris = []
            for i, lok in enumerate(lokasi):
                c = contoh[i % len(contoh)]
                luas = c.luas_ha
                ubah = {
                    "nomor": i + 1,
                    "lokasi_pk": lok.pk,
                    "penilaian_pk": survei[lok.pk],
                    "nama": lok.nama,
                    "kecamatan": (kecamatan[i % len(kecamatan)],),
                    "luas_sk_ha": luas,
                    "tahun_penilaian": 2022,
                    "tanggal_survei": date(2022, 5, 1 + i % 28),
                }
                if i % 3 == 0 and luas:
                    # Surveyed per RT: three units adding up to the row (one in 50 does not).
                    a = (luas / 3).quantize(Decimal("0.000001"))
                    sisa = luas - 2 * a + (Decimal("0.4") if i % 150 == 0 else 0)
                    ubah["unit"] = tuple(
                        UnitSK(f"RT 00{j}/RW 001", "Kel", x, 100, 40, "Kumuh Ringan")
                        for j, x in enumerate((a, a, sisa), start=1)
                    )
                    ubah["luas_verifikasi_ha"] = luas
                if i % 211 == 0:
                    ubah["luas_verifikasi_ha"] = (luas or 0) + Decimal("1.5")
                if i % 997 == 0:
                    ubah["luas_ha"] = None
                if i % 1009 == 0:
                    ubah["kecamatan"] = ()
                baris.append(LokasiSK(**{**c.__dict__, **ubah}))
            sk_lokasi = SKLokasi.objects.bulk_create(
                (
                    SKLokasi(
                        sk=sk1,
                        lokasi_id=b.lokasi_pk,
                        penilaian_id=b.penilaian_pk,
                        nomor=b.nomor,
                        data=b.ke_json(),
                    )
                    for b in baris
                ),
                batch_size=1000,
            )
            # As issuing the SK does (sk_tetapkan): its rows copied for the dashboard.
            salin_sk(sk1, list(zip(sk_lokasi, baris, strict=True)))
            if kota == besar:
                # 2025: a new SK revokes the first and keeps 90 % of its lokasi.
                sk2 = SK.objects.create(
                    kabupaten_kota=kota, tahun=2025, nomor=f"050/{kota.pk}/2025",
                    tanggal=date(2025, 6, 15), tempat="Sintetis", tentang="Penetapan lokasi",
                    penandatangan_nama="Wali", penandatangan_jabatan="Wali Kota",
                    status=SK.Status.DITETAPKAN, menggantikan=sk1, hubungan="mencabut",
                )  # fmt: skip
                tetap = [
                    replace(b, nomor=n)
                    for n, b in enumerate((b for i, b in enumerate(baris) if i % 10), start=1)
                ]
                sk_lokasi = SKLokasi.objects.bulk_create(
                    (
                        SKLokasi(
                            sk=sk2,
                            lokasi_id=b.lokasi_pk,
                            penilaian_id=b.penilaian_pk,
                            nomor=b.nomor,
                            data=b.ke_json(),
                        )
                        for b in tetap
                    ),
                    batch_size=1000,
                )
                salin_sk(sk2, list(zip(sk_lokasi, tetap, strict=True)))
                TargetKota.objects.bulk_create(
                    TargetKota(kabupaten_kota=kota, tahun=t, luas_ha=Decimal(40_000 - 5_000 * j))
                    for j, t in enumerate(range(2024, 2028))
                )
                PublikasiKota.objects.update_or_create(
                    kabupaten_kota=kota, defaults={"terbit": True}
                )
            # 1 % re-surveyed in 2026, worse than frozen.
            Penilaian.objects.bulk_create(
                Penilaian(lokasi=lok, tahun=2026, status="disetujui_pokja",
                          tanggal_survei=date(2026, 2, 1), nilai_kekumuhan=95,
                          tingkat_kekumuhan="Kumuh Berat")
                for lok in lokasi[::100]
            )  # fmt: skip
            # Written around the signals: the latest approved survey of each lokasi refreshed,
            # as every bulk writer does (penilaian/ringkasan.py).
            ringkasan.segarkan(lok.pk for lok in lokasi)
            # Kegiatan: one per 5 lokasi, funded, monitored twice.
            status = ["usulan", "direncanakan", "berjalan", "selesai"]
            Kegiatan.objects.bulk_create(
                (
                    Kegiatan(
                        kabupaten_kota=kota,
                        lokasi=lok,
                        status=status[i % 4],
                        program="Peningkatan kualitas",
                        nama=f"Jalan lingkungan {i}",
                        ruang_lingkup="psu",
                        tahun=2024 + i % 3,
                        tahun_awal_rencana=2024,
                        pelaksana="pihak_ketiga",
                        biaya=Decimal(100_000_000),
                    )
                    for i, lok in enumerate(lokasi[::5])
                ),
                batch_size=2000,
            )
            kegiatan = list(
                Kegiatan.objects.filter(kabupaten_kota=kota).values_list("pk", flat=True)
            )
            PendanaanKegiatan.objects.bulk_create(
                (
                    PendanaanKegiatan(kegiatan_id=k, sumber=s, jumlah=Decimal(50_000_000))
                    for k in kegiatan
                    for s in ("apbd_kabkota", "apbn")
                ),
                batch_size=2000,
            )
            Pemantauan.objects.bulk_create(
                (
                    Pemantauan(kegiatan_id=k, tanggal=date(2025, m, 1), progres_fisik=Decimal(p))
                    for k in kegiatan
                    for m, p in ((3, 40), (9, 90))
                ),
                batch_size=2000,
            )
            tandai_terbaru(kegiatan)  # bulk writes send no signals
            RealisasiDana.objects.bulk_create(
                (
                    RealisasiDana(
                        pemantauan_id=p,
                        sumber="apbd_kabkota",
                        jumlah=Decimal(acak.randrange(10, 50) * 1_000_000),
                    )
                    for p in Pemantauan.objects.filter(kegiatan__kabupaten_kota=kota).values_list(
                        "pk", flat=True
                    )
                ),
                batch_size=2000,
            )
            print(f"  {kota}: {len(lokasi)} lokasi ({time.perf_counter() - t0:.0f} s)")
        if not Pengguna.objects.filter(username="bench_pusat").exists():
            Pengguna.objects.create_user("bench_pusat", peran="verifikator_pusat")
            Pengguna.objects.create_user("bench_pokja", peran="pokja", kabupaten_kota=besar)
    print(f"Data diisi dalam {time.perf_counter() - t0:.0f} s.")


# --- measurement ------------------------------------------------------------------------------


def ukur(klien, url: str, ulang: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    r = klien.get(url)  # warm-up: templates, caches, the database's pages
    assert r.status_code == 200, (url, r.status_code)
    waktu = []
    for _ in range(ulang):
        reset_queries()
        with CaptureQueriesContext(connection) as kueri:
            t = time.perf_counter()
            r = klien.get(url)
            waktu.append((time.perf_counter() - t) * 1000)
    return {
        "url": url,
        "median_ms": statistics.median(waktu),
        "min_ms": min(waktu),
        "kueri": len(kueri),
        "html_kb": len(r.content) / 1024,
    }


def mulai(ap: argparse.ArgumentParser) -> argparse.Namespace | None:
    """The start the scale benches share: `--isi` fills the data and ends (None); otherwise
    Django is ready for requests through the test Client, with the caller's arguments."""
    ap.add_argument("--isi", action="store_true", help="add the data the pages read")
    ap.add_argument("--ulang", type=int, default=7, help="warm requests per page")
    args = ap.parse_args()
    _siapkan_django()
    if args.isi:
        isi()
        return None
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    return args


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hanya", default="", help="comma-separated labels to measure")
    ap.add_argument(
        "--anggaran", type=float, default=0, help="exit 1 when a dashboard median exceeds it (ms)"
    )
    if (args := mulai(ap)) is None:
        return
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from lokasi.models import KabupatenKota, Lokasi, Pengguna

    besar = KabupatenKota.objects.annotate(n=Count("lokasi")).order_by("-n", "pk").first()
    print(
        f"{connection.vendor}: {Lokasi.objects.count()} lokasi; kota terbesar {besar} "
        f"({besar.n}); load {os.getloadavg()[0]:.2f}"
    )
    pusat, pokja = Client(), Client()
    pusat.force_login(Pengguna.objects.get(username="bench_pusat"))
    pokja.force_login(Pengguna.objects.get(username="bench_pokja"))
    anonim = Client()
    halaman = [
        ("dasbor-pusat", pusat, "/monev/dasbor/"),
        ("dasbor-kota", pokja, "/monev/dasbor/"),
        ("publik-kota", anonim, f"/publik/{besar.kode}/"),
        ("publik-geojson", anonim, f"/publik/{besar.kode}/lokasi.geojson"),
        ("publik-daftar", anonim, "/publik/"),
        ("lokasi-pusat", pusat, "/lokasi/"),
        ("lokasi-kota", pokja, "/lokasi/"),
        ("api-lokasi-pusat", pusat, "/api/v1/lokasi/"),
    ]
    hanya = set(filter(None, args.hanya.split(",")))
    lewat: list[str] = []
    for label, klien, url in halaman:
        if hanya and label not in hanya:
            continue
        try:
            h = ukur(klien, url, args.ulang)
        except AssertionError as e:
            print(f"{label:18} {url}: gagal {e}")
            continue
        print(
            f"{label:18} median {h['median_ms']:8.1f} ms (min {h['min_ms']:7.1f})  "
            f"{h['kueri']:3d} kueri  {h['html_kb']:8.1f} KB  {url}"
        )
        # Issue 14's budget is the dashboard's; the other pages are printed for reference.
        if args.anggaran and label.startswith("dasbor") and h["median_ms"] > args.anggaran:
            lewat.append(f"{label} {h['median_ms']:.0f} ms")
    print(f"load {os.getloadavg()[0]:.2f}")
    if lewat:
        print(f"Di atas anggaran {args.anggaran:.0f} ms: {', '.join(lewat)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
