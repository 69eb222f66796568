"""Lampiran I of an SK vs LibreOffice, side by side in one run (issue 14 item 4).

    .venv/bin/python bench/bench_sk_libreoffice.py                 # 500 lokasi, 3 rounds
    .venv/bin/python bench/bench_sk_libreoffice.py --lokasi 500 --ulang 5 --tidak-gagal

The office suite a Dinas uses today opens the project's own Excel of Lampiran I and exports a
PDF. This script measures, for the same rows (`penilaian.sk.contoh.isi_contoh(n)`), in one run
and in alternating order (the machine is shared, so both sides see the same load):

*dingin* (cold, a fresh process each time, wall clock from process start to the PDF written)
- kumuh, cache kosong: a fresh Python process loads Django, reads the rows (pickled IsiSK, as
  LibreOffice reads its .xlsx) and writes Lampiran I with `penilaian.sk.cetak.pdf_lampiran1`
  (drawn with ReportLab, penilaian.sk.lampiran1) into an empty cache: a first render of new
  content;
- kumuh, cache terisi: the same, the cache already holding this content (a second download,
  or one after the background pre-render of a draft);
- LibreOffice: `soffice --headless --convert-to pdf` of the Lampiran I workbook, with its user
  profile already created (as on a Dinas PC: the bar we must meet); and with a fresh profile
  directory each time (first start of LibreOffice, informative).

*hangat* (warm: a running web server or background worker)
- kumuh: one process, Django and the fonts loaded, renders: into an empty cache (miss), again
  (hit), and after one row was edited (drawn again);
- LibreOffice: the second conversion of a running LibreOffice: one `soffice` invocation that
  converts 3 copies, minus one that converts 1, divided by 2.

The workbook is `penilaian.sk.xlsx.buku_sk` with only its sheet "Lampiran I" kept (the other two
sheets, Nilai Kriteria and Keterangan, would add 67 pages to LibreOffice's side; `--buku-lengkap`
also converts the whole workbook). Medians of `--ulang` rounds, with the CPU seconds each side
used (process tree) and the page counts. Exits 1 when ours is slower than LibreOffice on any
line that is compared (the cache-miss lines and the cache-hit lines against LibreOffice's cold
and warm), unless `--tidak-gagal`; 2 when LibreOffice is missing and cannot be installed
(`scripts/paket-bench.sh` installs it as root).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
BARIS_DIUBAH = 250  # the row edited in the warm "1 baris diubah" measurement (1-based nomor)


def _siapkan_django() -> None:
    sys.path.insert(0, str(AKAR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumuh.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def _atur_cache(folder: str | None) -> None:
    from django.conf import settings

    settings.KUMUH_SK_CACHE_DIR = folder or ""


# --- CPU time of a process tree ------------------------------------------------------------------

_DETAK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process, from /proc."""
    try:
        teks = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    bidang = teks[teks.rindex(")") + 2 :].split()
    return int(bidang[1]), (int(bidang[11]) + int(bidang[12])) / _DETAK


def cpu_pohon() -> float:
    """CPU seconds of this process, its reaped children, and its live descendants (the render
    pool's fork server and workers are not reaped by us, so they are read while alive)."""
    diri = resource.getrusage(resource.RUSAGE_SELF)
    anak = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = diri.ru_utime + diri.ru_stime + anak.ru_utime + anak.ru_stime
    induk: dict[int, tuple[int, float]] = {}
    for nama in os.listdir("/proc"):
        if nama.isdigit() and (s := _stat(int(nama))):
            induk[int(nama)] = s
    keturunan = {os.getpid()}
    berubah = True
    while berubah:
        berubah = False
        for pid, (ppid, _cpu) in induk.items():
            if ppid in keturunan and pid not in keturunan:
                keturunan.add(pid)
                berubah = True
    return total + sum(induk[p][1] for p in keturunan if p != os.getpid() and p in induk)


def _jalankan(perintah: list[str], **kw) -> tuple[float, float]:
    """Run a command to the end; return (wall seconds, CPU seconds of its reaped tree)."""
    mulai = time.perf_counter()
    proses = subprocess.Popen(
        perintah, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=kw.get("cwd", AKAR)
    )
    _pid, status, pakai = os.wait4(proses.pid, 0)
    detik = time.perf_counter() - mulai
    keluar, galat = proses.stdout.read(), proses.stderr.read()
    proses.stdout.close()
    proses.stderr.close()
    proses.returncode = os.waitstatus_to_exitcode(status)
    if proses.returncode:
        raise RuntimeError(f"{perintah[0]} gagal ({proses.returncode}): {galat.decode()[-800:]}")
    kw.get("keluaran", {})["stdout"] = keluar.decode()
    return detik, pakai.ru_utime + pakai.ru_stime


def _halaman(pdf_berkas: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf_berkas).pages)


# --- our side -------------------------------------------------------------------------------------


def mode_cli(isi_pkl: str, keluaran: str, cache: str) -> None:
    """A fresh process, as `manage.py ekspor_sk` is: Django, the rows, Lampiran I, the file."""
    _siapkan_django()
    _atur_cache(cache)
    from penilaian.sk import cetak

    cetak.panaskan("lampiran1")  # as ekspor_sk does (no pool for Lampiran I: a no-op)

    with open(isi_pkl, "rb") as f:
        isi = pickle.load(f)
    Path(keluaran).write_bytes(cetak.pdf_lampiran1(isi))
    print(json.dumps({"cpu": cpu_pohon()}))


def mode_server(isi_pkl: str, folder: str, ulang: int) -> None:
    """A warm process (web server / worker): render into an empty cache, again, and after an
    edit of one row; `ulang` times each after one untimed warm-up."""
    _siapkan_django()
    from kumuh import pdf
    from penilaian.sk import cetak

    with open(isi_pkl, "rb") as f:
        isi = pickle.load(f)
    lokasi = list(isi.lokasi)
    i = min(BARIS_DIUBAH, len(lokasi)) - 1
    diubah = replace(
        isi, lokasi=(*lokasi[:i], replace(lokasi[i], nama="Kampung Diubah"), *lokasi[i + 1 :])
    )

    def ukur(fungsi) -> tuple[float, float, bytes]:
        cpu0, t0 = cpu_pohon(), time.perf_counter()
        data = fungsi()
        return time.perf_counter() - t0, cpu_pohon() - cpu0, data

    cetak.pdf_lampiran1(isi, cache=None)  # warm-up: imports, fonts
    hasil: dict[str, list] = {"miss": [], "hit": [], "edit": []}
    halaman = 0
    for r in range(ulang):
        cache = pdf.CachePDF(Path(folder) / f"server-{r}")
        w, c, data = ukur(lambda cache=cache: cetak.pdf_lampiran1(isi, cache=cache))
        hasil["miss"].append((w, c))
        halaman = pdf.jumlah_halaman(data)
        hasil["hit"].append(ukur(lambda cache=cache: cetak.pdf_lampiran1(isi, cache=cache))[:2])
        hasil["edit"].append(ukur(lambda cache=cache: cetak.pdf_lampiran1(diubah, cache=cache))[:2])
    print(json.dumps({"hasil": hasil, "halaman": halaman}))


# --- LibreOffice ----------------------------------------------------------------------------------


def _soffice(profil: Path, keluar: Path, berkas: list[Path]) -> tuple[float, float]:
    return _jalankan(
        [
            "soffice",
            f"-env:UserInstallation={profil.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(keluar),
            *map(str, berkas),
        ]
    )


# --- the run --------------------------------------------------------------------------------------


def _siapkan_data(folder: Path, jumlah: int, buku_lengkap: bool) -> dict[str, Path]:
    """The rows as our side reads them (pickle) and as LibreOffice reads them (.xlsx)."""
    _siapkan_django()
    from kumuh.xlsx import isi_xlsx
    from penilaian.sk import xlsx as sk_xlsx
    from penilaian.sk.contoh import isi_contoh

    isi = isi_contoh(jumlah)
    berkas = {"isi": folder / "isi.pkl", "xlsx": folder / "lampiran1.xlsx"}
    berkas["isi"].write_bytes(pickle.dumps(isi))
    buku = sk_xlsx.buku_sk(isi)
    if buku_lengkap:
        berkas["buku"] = folder / "buku-sk.xlsx"
        berkas["buku"].write_bytes(isi_xlsx(buku))
    for nama in buku.sheetnames:
        if nama != sk_xlsx.LEMBAR_LAMPIRAN:
            del buku[nama]
    berkas["xlsx"].write_bytes(isi_xlsx(buku))
    return berkas


def _median(nilai: list[float]) -> float:
    return statistics.median(nilai) if nilai else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lokasi", type=int, default=500, help="baris Lampiran I")
    parser.add_argument("--ulang", type=int, default=3, help="putaran (median)")
    parser.add_argument("--tidak-gagal", action="store_true", help="selalu keluar 0")
    parser.add_argument("--buku-lengkap", action="store_true", help="juga buku Excel lengkap")
    parser.add_argument("--json", type=Path, help="tulis hasil mentah ke berkas ini")
    parser.add_argument("--cli", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--server", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cli:
        mode_cli(*args.cli)
        return 0
    if args.server:
        mode_server(*args.server, args.ulang)
        return 0

    paket = subprocess.run(["sh", str(AKAR / "scripts" / "paket-bench.sh")], check=False)
    if paket.returncode or not shutil.which("soffice"):
        print("LibreOffice (soffice) tidak tersedia; lihat pesan di atas.", file=sys.stderr)
        return 2

    folder = Path(tempfile.mkdtemp(prefix="bench-sk-lo-"))
    try:
        return _bandingkan(folder, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bandingkan(folder: Path, args) -> int:
    berkas = _siapkan_data(folder, args.lokasi, args.buku_lengkap)
    keluar = folder / "keluar"
    keluar.mkdir()
    profil = folder / "lo-profil"
    _soffice(profil, keluar, [berkas["xlsx"]])  # creates the profile, as on a Dinas PC (untimed)
    salinan = [berkas["xlsx"]] + [folder / f"salinan{k}.xlsx" for k in (1, 2)]
    for s in salinan[1:]:
        shutil.copy(berkas["xlsx"], s)
    py = [sys.executable, str(Path(__file__).resolve())]
    kita_pdf = keluar / "kita.pdf"

    def kita_cli(cache: Path) -> tuple[float, float]:
        luar: dict = {}
        w, _c = _jalankan(
            [*py, "--cli", str(berkas["isi"]), str(kita_pdf), str(cache)], keluaran=luar
        )
        return w, json.loads(luar["stdout"].strip().splitlines()[-1])["cpu"]

    ukur: dict[str, list[tuple[float, float]]] = {}
    beban = [os.getloadavg()[0]]
    for r in range(args.ulang):
        # Alternate the order each round so neither side always runs first.
        cache = folder / f"cli-{r}"
        langkah = [
            ("kita_dingin_miss", lambda cache=cache: kita_cli(cache)),
            ("lo_dingin", lambda: _soffice(profil, keluar, [berkas["xlsx"]])),
            ("kita_dingin_hit", lambda cache=cache: kita_cli(cache)),
            (
                "lo_dingin_profil_baru",
                lambda r=r: _soffice(folder / f"lo-baru-{r}", keluar, [berkas["xlsx"]]),
            ),
            ("lo_tiga", lambda: _soffice(profil, keluar, salinan)),
        ]
        if args.buku_lengkap:
            langkah.append(("lo_buku_lengkap", lambda: _soffice(profil, keluar, [berkas["buku"]])))
        if r % 2:  # LibreOffice first; our miss still comes before our hit
            langkah = [langkah[1], langkah[0], langkah[3], langkah[2], *langkah[4:]]
        for nama, f in langkah:
            ukur.setdefault(nama, []).append(f())
        beban.append(os.getloadavg()[0])
    halaman_kita = _halaman(kita_pdf)
    halaman_lo = _halaman(keluar / "lampiran1.pdf")

    luar: dict = {}
    _jalankan(
        [*py, "--server", str(berkas["isi"]), str(folder), "--ulang", str(args.ulang)],
        keluaran=luar,
    )
    server = json.loads(luar["stdout"].strip().splitlines()[-1])
    for nama in ("miss", "hit", "edit"):
        ukur[f"kita_hangat_{nama}"] = [tuple(x) for x in server["hasil"][nama]]
    beban.append(os.getloadavg()[0])
    # LibreOffice warm: the 2nd and 3rd conversion of one running instance.
    ukur["lo_hangat"] = [
        ((w3 - w1) / 2, (c3 - c1) / 2)
        for (w1, c1), (w3, c3) in zip(ukur["lo_dingin"], ukur["lo_tiga"], strict=True)
    ]

    med = {k: (_median([w for w, _ in v]), _median([c for _, c in v])) for k, v in ukur.items()}
    baris = [
        ("dingin", "kumuh, cache kosong (render pertama)", "kita_dingin_miss", halaman_kita),
        ("dingin", "kumuh, cache terisi (unduhan)", "kita_dingin_hit", halaman_kita),
        ("dingin", "LibreOffice, profil sudah ada", "lo_dingin", halaman_lo),
        ("dingin", "LibreOffice, profil baru", "lo_dingin_profil_baru", halaman_lo),
        ("hangat", "kumuh, cache kosong (render pertama)", "kita_hangat_miss", halaman_kita),
        ("hangat", f"kumuh, 1 baris diubah (no. {BARIS_DIUBAH})", "kita_hangat_edit", halaman_kita),
        ("hangat", "kumuh, cache terisi (unduhan)", "kita_hangat_hit", halaman_kita),
        ("hangat", "LibreOffice, konversi kedua", "lo_hangat", halaman_lo),
    ]
    if args.buku_lengkap:
        baris.insert(4, ("dingin", "LibreOffice, buku Excel lengkap", "lo_buku_lengkap", None))
    print(f"\nLampiran I, {args.lokasi} lokasi, median {args.ulang} putaran; "
          f"beban (uptime 1 menit) {min(beban):.1f}–{max(beban):.1f}")  # fmt: skip
    print(f"{'':7} {'':40} {'detik':>7} {'CPU s':>7} {'halaman':>7}")
    for jenis, label, kunci, hal in baris:
        w, c = med[kunci]
        print(f"{jenis:7} {label:40} {w:7.2f} {c:7.2f} {hal if hal else '–':>7}")

    banding = [
        ("dingin, render pertama", "kita_dingin_miss", "lo_dingin"),
        ("dingin, unduhan", "kita_dingin_hit", "lo_dingin"),
        ("hangat, render pertama", "kita_hangat_miss", "lo_hangat"),
        ("hangat, 1 baris diubah", "kita_hangat_edit", "lo_hangat"),
        ("hangat, unduhan", "kita_hangat_hit", "lo_hangat"),
    ]
    lolos = True
    print()
    for label, kita, lo in banding:
        ok = med[kita][0] <= med[lo][0]
        lolos &= ok
        print(f"{label:24} kumuh {med[kita][0]:5.2f} s vs LibreOffice {med[lo][0]:5.2f} s "
              f"({med[lo][0] / med[kita][0]:.2f}×): {'LULUS' if ok else 'GAGAL'}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"ukur": ukur, "median": med, "beban": beban}, indent=1))
    return 0 if lolos or args.tidak_gagal else 1


if __name__ == "__main__":
    sys.exit(main())
