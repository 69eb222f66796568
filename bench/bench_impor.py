"""Benchmark of the survey import (issue 5 item 4): 10,000 rows checked and written in ≤ 10 s.

    .venv/bin/python bench/bench_impor.py                      # 10,000 RT rows (2,000 lokasi × 5)
    .venv/bin/python bench/bench_impor.py --bentuk lokasi       # 10,000 lokasi rows
    .venv/bin/python bench/bench_impor.py --baris 2000 --ulang 3
    .venv/bin/python bench/bench_impor.py --ukur-memori     # the largest accepted file's peak RSS
    .venv/bin/python -m pytest -p no:cacheprovider -q bench/bench_impor.py   # its < 500 MB test

Generates a workbook like a KOTAKU baseline (Format Numerik per RT, legalitas, pertimbangan
lain, old results on every tenth row), migrates a fresh SQLite database in a temporary folder,
then times, per run: the check alone (`impor_periksa`, what the preview does) and the import
(`impor_simpan`: the same check again inside the transaction, then every write), and a second
import of the same file (every row an update). Peak memory is the process's maximum resident
set size. Results are in docs/impor.md.

`--ukur-memori` (and the test at the bottom, issue 10 item 15) writes the largest file the
limits accept (settings IMPOR_BARIS_MAKS rows, padded with extra columns up to IMPOR_SEL_MAKS
cells, without <dimension> so that only reading can count it), imports it once on a fresh
database in a child process and reports that process's peak resident set size.

`tulis_berkas` is also used by tests/penilaian/test_impor.py with a few rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

AKAR = Path(__file__).resolve().parents[1]
# The benchmark city: 10 kecamatan of 10 kelurahan each.
KELURAHAN = [(f"Kec {k}", f"Kel {k}-{j}") for k in range(1, 11) for j in range(1, 11)]

KOLOM_NUMERIK = (
    "luas_verifikasi_ha",
    "jumlah_bangunan",
    "jumlah_kk",
    "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m",
    "bangunan_tidak_teratur",
    "luas_kepadatan_tinggi_ha",
    "bangunan_tidak_sesuai_teknis",
    "panjang_jalan_eksisting_m",
    "panjang_jalan_rusak_m",
    "kk_tanpa_akses_air_minum_aman",
    "kk_kebutuhan_air_minum_tidak_terpenuhi",
    "panjang_drainase_eksisting_m",
    "luas_genangan_ha",
    "panjang_drainase_rusak_m",
    "kk_air_limbah_tidak_sesuai_standar",
    "kk_sarpras_air_limbah_tidak_sesuai",
    "kk_sarpras_sampah_tidak_sesuai",
    "kk_sistem_sampah_tidak_sesuai",
    "bangunan_tanpa_prasarana_proteksi_kebakaran",
    "bangunan_tanpa_sarana_proteksi_kebakaran",
)
KEPALA = (
    "kode_lokasi",
    "nama_lokasi",
    "kecamatan",
    "kelurahan",
    "rt",
    "rw",
    "tahun",
    "tanggal_survei",
    "surveyor",
    "penduduk_laki_laki",
    "penduduk_perempuan",
    *KOLOM_NUMERIK,
    "status_penguasaan",
    "kesesuaian_rtr",
    "strategis",
    "potensi_sosekbud",
    "nilai_kekumuhan_lama",
    "tingkat_kekumuhan_lama",
)


def _numerik(acak: random.Random) -> dict[str, float | int]:
    """One RT's (or lokasi's) Format Numerik: every part within its whole."""
    bangunan, kk = acak.randint(40, 160), acak.randint(30, 150)
    luas = round(acak.uniform(0.5, 3.0), 2)
    jalan, drainase = acak.randint(150, 900), acak.randint(200, 1200)
    jalan_ada, drainase_ada = acak.randint(jalan // 3, jalan), acak.randint(drainase // 4, drainase)
    return {
        "luas_verifikasi_ha": luas,
        "jumlah_bangunan": bangunan,
        "jumlah_kk": kk,
        "panjang_jalan_ideal_m": jalan,
        "panjang_drainase_ideal_m": drainase,
        "bangunan_tidak_teratur": acak.randint(0, bangunan),
        "luas_kepadatan_tinggi_ha": round(acak.uniform(0, luas), 2),
        "bangunan_tidak_sesuai_teknis": acak.randint(0, bangunan),
        "panjang_jalan_eksisting_m": jalan_ada,
        "panjang_jalan_rusak_m": acak.randint(0, jalan_ada),
        "kk_tanpa_akses_air_minum_aman": acak.randint(0, kk),
        "kk_kebutuhan_air_minum_tidak_terpenuhi": acak.randint(0, kk),
        "panjang_drainase_eksisting_m": drainase_ada,
        "luas_genangan_ha": round(acak.uniform(0, luas), 2),
        "panjang_drainase_rusak_m": acak.randint(0, drainase_ada),
        "kk_air_limbah_tidak_sesuai_standar": acak.randint(0, kk),
        "kk_sarpras_air_limbah_tidak_sesuai": acak.randint(0, kk),
        "kk_sarpras_sampah_tidak_sesuai": acak.randint(0, kk),
        "kk_sistem_sampah_tidak_sesuai": acak.randint(0, kk),
        "bangunan_tanpa_prasarana_proteksi_kebakaran": acak.randint(0, bangunan),
        "bangunan_tanpa_sarana_proteksi_kebakaran": acak.randint(0, bangunan),
    }


def tulis_berkas(
    tujuan: str | Path,
    *,
    baris: int,
    kelurahan: list[tuple[str, str]],
    rt_per_lokasi: int = 5,
    tahun: int = 2025,
    benih: int = 5,
    kolom_tambahan: int = 0,
) -> None:
    """Write a baseline workbook of `baris` rows; `kelurahan` is [(kecamatan, kelurahan)].

    With rt_per_lokasi 0 every row is a lokasi surveyed as a whole. `kolom_tambahan` pads every
    row with that many filled columns the import does not know (a wide KOTAKU sheet); such a
    file is written write_only, without <dimension>.
    """
    acak = random.Random(benih)
    # Not write_only: like Excel, a normal workbook records the sheet's <dimension>, without
    # which openpyxl's read-only mode parses the whole sheet twice more to find its size.
    buku = Workbook(write_only=bool(kolom_tambahan))
    lembar = buku.create_sheet("Data") if kolom_tambahan else buku.active
    lembar.title = "Data"
    tambahan = [f"catatan {i + 1}" for i in range(kolom_tambahan)]
    lembar.append([*KEPALA, *tambahan])
    isi_tambahan = ["x"] * kolom_tambahan
    per_lokasi = max(rt_per_lokasi, 1)
    for i in range(baris):
        nomor_lokasi, nomor_rt = divmod(i, per_lokasi)
        kecamatan, nama_kelurahan = kelurahan[nomor_lokasi % len(kelurahan)]
        if nomor_rt == 0:
            bersama = {
                "status_penguasaan": acak.choice("+-"),
                "kesesuaian_rtr": acak.choice("+-"),
                "strategis": acak.choice(["ya", "tidak"]),
                "potensi_sosekbud": acak.choice(["ya", "tidak"]),
            }
        nilai = {
            "kode_lokasi": f"B-{nomor_lokasi + 1:05d}",
            "nama_lokasi": f"Kawasan Uji {nomor_lokasi + 1}",
            "kecamatan": kecamatan,
            "kelurahan": nama_kelurahan,
            "tahun": tahun,
            "tanggal_survei": f"{acak.randint(1, 28):02d}-{acak.randint(1, 12):02d}-{tahun}",
            "surveyor": f"Surveyor {nomor_lokasi % 37 + 1}",
            "penduduk_laki_laki": acak.randint(60, 300),
            "penduduk_perempuan": acak.randint(60, 300),
            **_numerik(acak),
            **bersama,
        }
        if rt_per_lokasi:
            nilai |= {"rt": f"{nomor_rt + 1:03d}", "rw": f"{nomor_lokasi % 9 + 1:03d}"}
        if i % 10 == 0:  # old results to compare, some of them wrong
            nilai["nilai_kekumuhan_lama"] = acak.randint(10, 60)
            nilai["tingkat_kekumuhan_lama"] = "Kumuh Ringan"
        lembar.append([*(nilai.get(k) for k in KEPALA), *isi_tambahan])
    buku.save(tujuan)


def _siapkan_django(folder: Path) -> None:
    sys.path.insert(0, str(AKAR))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "hanya-untuk-bench")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kumuh.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _wilayah():
    from lokasi.models import KabupatenKota, Kecamatan, Kelurahan, Pengguna, Peran, Provinsi

    provinsi = Provinsi.objects.create(kode="99", nama="Provinsi Bench")
    kota = KabupatenKota.objects.create(
        kode="99.71", nama="Kota Bench", provinsi=provinsi, jenis="kota", kategori="sedang"
    )
    kecamatan: dict[str, Kecamatan] = {}
    for nama_kec, nama_kel in KELURAHAN:
        if nama_kec not in kecamatan:
            kode = f"99.71.{len(kecamatan) + 1:02d}"
            kecamatan[nama_kec] = Kecamatan.objects.create(
                kabupaten_kota=kota, kode=kode, nama=nama_kec
            )
        kec = kecamatan[nama_kec]
        Kelurahan.objects.create(
            kecamatan=kec,
            kode=f"{kec.kode}.1{kec.kelurahan.count() + 1:03d}",
            nama=nama_kel,
            jenis="kelurahan",
        )
    operator = Pengguna.objects.create_user(
        username="operator.bench", password="-", peran=Peran.OPERATOR, kabupaten_kota=kota
    )
    return kota, operator


def _mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def berkas_maksimal(tujuan: Path, rt_per_lokasi: int = 5) -> tuple[int, int]:
    """Write the largest workbook the default limits accept; return its (rows, columns).

    Rows: the header and IMPOR_BARIS_MAKS - 1 rows (RT rows, rt_per_lokasi per lokasi, or with
    0 a lokasi — and a survey with 16 criteria — per row, the heavier); columns: KEPALA padded
    so that rows × columns is IMPOR_SEL_MAKS. Run in a child process (see ukur_memori).
    """
    from django.conf import settings

    baris = settings.IMPOR_BARIS_MAKS
    lebar = settings.IMPOR_SEL_MAKS // baris
    assert lebar >= len(KEPALA)
    tulis_berkas(
        tujuan,
        baris=baris - 1,
        kelurahan=KELURAHAN,
        rt_per_lokasi=rt_per_lokasi,
        kolom_tambahan=lebar - len(KEPALA),
    )
    return baris, lebar


def ukur_memori(rt_per_lokasi: int) -> dict[str, float | int | bool]:
    """In this (child) process: a fresh database, the largest accepted file, one import."""
    with tempfile.TemporaryDirectory(prefix="bench-impor-memori-") as folder:
        folder = Path(folder)
        _siapkan_django(folder)
        from penilaian.impor.simpan import impor_simpan

        kota, operator = _wilayah()
        berkas = folder / "maksimal.xlsx"
        baris, lebar = berkas_maksimal(berkas, rt_per_lokasi)
        # Written write_only (streamed), so the writer's own peak stays far below the import's.
        tulis_mb = _mb()
        t = time.perf_counter()
        laporan = impor_simpan(berkas=str(berkas), kabupaten_kota=kota, pengguna=operator)
        return {
            "baris": baris,
            "kolom": lebar,
            "tersimpan": laporan.tersimpan,
            "masalah": len(laporan.masalah),
            "detik": round(time.perf_counter() - t, 1),
            "mb_puncak": round(_mb(), 1),
            "mb_sebelum": round(tulis_mb, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baris", type=int, default=10_000)
    parser.add_argument("--bentuk", choices=["rt", "lokasi"], default="rt")
    parser.add_argument("--rt-per-lokasi", type=int, default=5)
    parser.add_argument("--ulang", type=int, default=1, help="runs, each on a fresh database")
    parser.add_argument("--tulis-saja", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--benih", type=int, default=5, help=argparse.SUPPRESS)
    parser.add_argument("--ukur-memori", action="store_true", help="largest accepted file, RSS")
    args = parser.parse_args()
    rt = args.rt_per_lokasi if args.bentuk == "rt" else 0
    if args.ukur_memori:
        print(json.dumps(ukur_memori(rt)))
        return
    if args.tulis_saja:  # the child process that writes the file
        tulis_berkas(
            args.tulis_saja,
            baris=args.baris,
            kelurahan=KELURAHAN,
            rt_per_lokasi=rt,
            benih=args.benih,
        )
        return

    with tempfile.TemporaryDirectory(prefix="bench-impor-") as folder:
        folder = Path(folder)
        _siapkan_django(folder)
        from django.db import connection

        from lokasi.models import Lokasi, UnitSurvei
        from penilaian.impor.rencana import impor_periksa
        from penilaian.impor.simpan import impor_simpan
        from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian

        kota, operator = _wilayah()
        berkas, berkas_baru = folder / "baseline.xlsx", folder / "baseline-baru.xlsx"
        # Written by a child process, so that the peak memory below is the import's own. The
        # second file has the same lokasi and RTs with other measurements.
        for tujuan, benih in ((berkas, 5), (berkas_baru, 6)):
            subprocess.run(
                [sys.executable, __file__, "--tulis-saja", str(tujuan), "--baris",
                 str(args.baris), "--bentuk", args.bentuk, "--rt-per-lokasi",
                 str(args.rt_per_lokasi), "--benih", str(benih)],
                check=True,
            )  # fmt: skip
        ukuran = berkas.stat().st_size / 1024 / 1024
        awal_mb = _mb()
        print(f"Berkas: {args.baris:,} baris ({args.bentuk}), {ukuran:.1f} MB; SQLite di {folder}")
        for ulang in range(args.ulang):
            if ulang:  # a fresh database for every run
                for model in (IsianKriteria, NumerikPenilaian, Penilaian, UnitSurvei, Lokasi):
                    model.objects.all().delete()
                with connection.cursor() as kursor:
                    kursor.execute("DELETE FROM lokasi_riwayatperubahan")
            t = time.perf_counter()
            laporan = impor_periksa(berkas=str(berkas), kabupaten_kota=kota)
            periksa = time.perf_counter() - t
            assert laporan.sah, laporan.masalah[:5]
            t = time.perf_counter()
            laporan = impor_simpan(berkas=str(berkas), kabupaten_kota=kota, pengguna=operator)
            simpan = time.perf_counter() - t
            t = time.perf_counter()
            sama = impor_simpan(berkas=str(berkas), kabupaten_kota=kota, pengguna=operator)
            lagi = time.perf_counter() - t
            t = time.perf_counter()
            ubah = impor_simpan(berkas=str(berkas_baru), kabupaten_kota=kota, pengguna=operator)
            baru = time.perf_counter() - t
            print(
                f"run {ulang + 1}: periksa {periksa:.2f} s | impor (periksa + tulis) "
                f"{simpan:.2f} s | berkas sama lagi {lagi:.2f} s | berkas dengan angka baru "
                f"(semua draf ditimpa) {baru:.2f} s"
            )
            for judul, hasil in (("impor", laporan), ("sama", sama), ("baru", ubah)):
                print(f"  {judul}: {hasil.jumlah}")
        print(f"Memori puncak (RSS): {_mb():.0f} MB (setelah Django dan migrasi: {awal_mb:.0f} MB)")
        print(
            f"Tersimpan: {Lokasi.objects.count():,} lokasi, {UnitSurvei.objects.count():,} unit, "
            f"{Penilaian.objects.count():,} penilaian, {IsianKriteria.objects.count():,} isian, "
            f"{NumerikPenilaian.objects.count():,} lembar numerik"
        )


if __name__ == "__main__":
    main()


# --- issue 10 item 15: the largest accepted file imports in under 500 MB ----------------------

MEMORI_MAKS_MB = 500


@pytest.mark.parametrize("bentuk", ["rt", "lokasi"])
def test_the_largest_accepted_file_imports_in_under_500_mb(bentuk):
    """The peak RSS of a child process importing a file at both limits (rows and cells)."""
    hasil = subprocess.run(
        [sys.executable, __file__, "--ukur-memori", "--bentuk", bentuk],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench")},
    )
    ukur = json.loads(hasil.stdout.strip().splitlines()[-1])
    print(ukur)
    assert ukur["tersimpan"] and not ukur["masalah"], ukur
    assert ukur["mb_puncak"] < MEMORI_MAKS_MB, ukur
