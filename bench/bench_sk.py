"""Benchmark of the SK's PDFs (issue 4 item 6): Lampiran I of 500 lokasi in ≤ 8 s and at least
twice as fast as the same rows as one plain HTML table; Buku Profil of 100 lokasi.

    .venv/bin/python bench/bench_sk.py                  # all three, 500 and 100 lokasi
    .venv/bin/python bench/bench_sk.py --lokasi 2000 --profil 0 --ulang 3

Each mode runs in a fresh process (so its peak memory is its own, workers included) and renders
`--ulang` times: the first run is cold (imports, template compilation, worker start), the others
warm, as in a running web server. Both must meet the budget.

- *naif*: the 500 rows as one HTML table, automatic table layout, one WeasyPrint document with
  CSS page numbers, plain `weasyprint.HTML` — what a straightforward implementation does;
- *lampiran1*: `sk_cetak.pdf_lampiran1` — laid out by penilaian.sk.tata and drawn with
  ReportLab (penilaian.sk.lampiran1), no WeasyPrint;
- *profil*: `sk_cetak.pdf_lampiran3` (Buku Profil: maps, 16-criterion tables, stages).

The data is `penilaian.sk_contoh.isi_contoh(n)`: deterministic, realistic lengths. Times cover
templating and rendering, not building the data. Results are recorded in docs/sk.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from html import escape
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
ANGGARAN_DETIK = 8.0
KELIPATAN_MINIMUM = 2.0


def _siapkan_django() -> None:
    sys.path.insert(0, str(AKAR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumuh.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def html_naif(isi) -> str:
    """The rows as one plain HTML table: automatic layout, no chunks, CSS page numbers."""
    from penilaian.sk.tata import sel_lampiran1

    # The very cell texts Lampiran I prints, so both sides render the same rows.
    baris = [
        "<tr>" + "".join(f"<td>{escape(t)}</td>" for t in sel_lampiran1(b)) + "</tr>"
        for b in isi.lokasi
    ]
    kepala = (
        "<tr><th rowspan=2>NO</th><th rowspan=2>NAMA LOKASI</th><th rowspan=2>LUAS (HA)</th>"
        "<th colspan=3>LINGKUP ADMINISTRATIF</th><th colspan=2>KEPENDUDUKAN</th>"
        "<th colspan=2>KOORDINAT</th><th colspan=2>KEKUMUHAN</th><th colspan=2>PERT. LAIN</th>"
        "<th rowspan=2>LEGALITAS TANAH</th><th rowspan=2>PRIORITAS</th></tr><tr><th>RT/RW</th>"
        "<th>KELURAHAN/ DESA</th><th>KECAMATAN /DISTRIK</th><th>JUMLAH</th><th>KEPADATAN</th>"
        "<th>LINTANG</th><th>BUJUR</th><th>NILAI</th><th>TINGK.</th><th>NILAI</th>"
        "<th>TINGK.</th></tr>"
    )
    gaya = (
        "@page { size: A4 landscape; margin: 12mm 10mm 15mm;"
        ' @bottom-center { content: "Halaman " counter(page) " dari " counter(pages) } }'
        'body { font: 7.2pt "Liberation Sans" } table { width: 100%; border-collapse: collapse }'
        "th, td { border: .5pt solid #000; padding: .6mm .8mm; vertical-align: top }"
    )
    return (
        f"<html><head><style>{gaya}</style></head><body><h1>DAFTAR LOKASI</h1><table>"
        f"<thead>{kepala}</thead><tbody>{''.join(baris)}</tbody></table></body></html>"
    )


def _render(mode: str, isi) -> bytes:
    from kumuh import pdf
    from penilaian.sk import cetak as sk_cetak

    if mode == "naif":
        # Plain WeasyPrint, as a straightforward implementation calls it (not kumuh.pdf, whose
        # smaller user-agent stylesheet is one of the optimisations measured here).
        from weasyprint import HTML

        return HTML(string=html_naif(isi)).write_pdf()
    if mode == "lampiran1":
        # Without the cache: this measures the drawing (bench_sk_libreoffice.py measures the
        # cache too).
        return sk_cetak.pdf_lampiran1(isi, cache=None)
    pdf.panaskan()
    return sk_cetak.pdf_lampiran3(isi)


def _ukur(mode: str, jumlah: int, ulang: int) -> dict:
    """Render `ulang` times in this fresh process: the first run is cold, the rest warm."""
    _siapkan_django()
    from kumuh import pdf
    from penilaian.sk.contoh import isi_contoh

    isi = isi_contoh(jumlah)
    detik = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        data = _render(mode, isi)
        detik.append(time.perf_counter() - mulai)
    sendiri = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    anak = max(_puncak_pekerja(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {
        "mode": mode,
        "lokasi": jumlah,
        "dingin": round(detik[0], 2),
        "hangat": round(statistics.median(detik[1:]), 2) if len(detik) > 1 else None,
        "halaman": pdf.jumlah_halaman(data),
        "mb_proses": round(sendiri / 1024),
        "mb_pekerja": round(anak / 1024),
    }


def _puncak_pekerja() -> int:
    """Peak RSS (KiB) of the largest render worker: children of the fork server, so not in
    RUSAGE_CHILDREN; read from /proc while they are alive."""
    from kumuh import pdf

    puncak = 0
    pool = pdf._pool  # a benchmark may look inside
    for pid in list(getattr(pool, "_processes", {}) or {}):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for baris in status.splitlines():
            if baris.startswith("VmHWM:"):
                puncak = max(puncak, int(baris.split()[1]))
    return puncak


def _di_proses_baru(mode: str, jumlah: int, ulang: int) -> dict:
    keluaran = subprocess.run(
        [sys.executable, __file__, "--satu", mode, "--lokasi", str(jumlah), "--ulang", str(ulang)],
        capture_output=True,
        text=True,
        check=True,
        cwd=AKAR,
    )
    return json.loads(keluaran.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lokasi", type=int, default=500, help="baris Lampiran I")
    parser.add_argument("--profil", type=int, default=100, help="lokasi Buku Profil (0: lewati)")
    parser.add_argument(
        "--ulang", type=int, default=4, help="render per proses: 1 dingin + sisanya hangat"
    )
    parser.add_argument("--satu", choices=["naif", "lampiran1", "profil"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.satu:
        print(json.dumps(_ukur(args.satu, args.lokasi, args.ulang)))
        return 0

    print(f"{'mode':10} {'lokasi':>6} {'dingin s':>8} {'hangat s':>8} {'halaman':>7} "
          f"{'MB proses':>9} {'MB pekerja':>10}")  # fmt: skip
    hasil = {}
    rencana = [("naif", args.lokasi, args.ulang), ("lampiran1", args.lokasi, args.ulang)]
    if args.profil:
        rencana.append(("profil", args.profil, min(args.ulang, 2)))
    for mode, jumlah, ulang in rencana:
        h = hasil[mode] = _di_proses_baru(mode, jumlah, ulang)
        hangat = f"{h['hangat']:>8.2f}" if h["hangat"] is not None else f"{'–':>8}"
        print(
            f"{h['mode']:10} {h['lokasi']:>6} {h['dingin']:>8.2f} {hangat} {h['halaman']:>7} "
            f"{h['mb_proses']:>9} {h['mb_pekerja']:>10}"
        )
    lolos = True
    for jenis in ("dingin", "hangat"):
        naif, cepat = hasil["naif"][jenis], hasil["lampiran1"][jenis]
        if naif is None or cepat is None:
            continue
        kali = naif / cepat
        ok = cepat <= ANGGARAN_DETIK and kali >= KELIPATAN_MINIMUM
        lolos &= ok
        print(
            f"Lampiran I ({jenis}): {cepat:.2f} s (anggaran {ANGGARAN_DETIK:.0f} s), {kali:.1f}× "
            f"lebih cepat dari tabel HTML polos ({naif:.2f} s; minimum "
            f"{KELIPATAN_MINIMUM:.0f}×): {'LULUS' if ok else 'GAGAL'}"
        )
    return 0 if lolos else 1


if __name__ == "__main__":
    sys.exit(main())
