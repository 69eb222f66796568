"""Benchmark of a long PDF table (Lampiran I of an SK): one WeasyPrint table vs `kumuh.pdf`.

    .venv/bin/python bench/pdf_tabel.py                          # 500 rows, 2 processes
    .venv/bin/python bench/pdf_tabel.py --baris 500 --proses 2 --potongan 26,52,125 --ulang 5
    .venv/bin/python bench/pdf_tabel.py --metode                 # forkserver vs spawn
    .venv/bin/python bench/pdf_tabel.py --opsi                   # write_pdf options

A plain script, not a pytest module (pytest collects test_*.py only). No Django: a synthetic
16-column table (A4 landscape, grouped header rows repeated on every page) with realistic cell
texts. Every variant runs in its own child process, so that each reports its own peak memory
(the parent's ru_maxrss and, for the pool, each worker's VmHWM) and pays its own cold start:

- naif: one HTML table, automatic layout, `render_pdf`, page numbers by `counter(page)`;
- tetap: the same with `table-layout: fixed` and a `<colgroup>`, one document, one process;
- potongan N: fixed layout, chunks of N rows (title in the first, totals and signatures in the
  last), `render_paralel` + `gabung` + `beri_nomor_halaman`; timed cold (the pool starts) and
  then warm (the pool reused, as in a long-running server).

Chunk boundaries are page breaks: a chunk's last page is only partly filled, so the chunked
variants have more pages than `tetap` unless a chunk holds whole pages. Set PDF_TABEL_SIMPAN to a
folder to keep each variant's PDF. The machine may be shared: each variant runs --ulang times
and the best run counts (the median is shown beside it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
if str(AKAR) not in sys.path:
    sys.path.insert(0, str(AKAR))

from kumuh import pdf  # noqa: E402

# --- the synthetic table ---------------------------------------------------------------------

KECAMATAN = {
    "Pekalongan Utara": ["Panjang Wetan", "Kandang Panjang", "Krapyak", "Degayu", "Bandengan"],
    "Pekalongan Barat": ["Pasirsari", "Tirto", "Bendan Kergon", "Podosugih", "Medono"],
    "Pekalongan Timur": ["Klego", "Poncol", "Noyontaansari", "Gamer", "Sokorejo"],
    "Pekalongan Selatan": ["Kuripan Kidul", "Jenggot", "Banyurip", "Buaran Kradenan", "Yosorejo"],
}
NAMA = [
    "Kampung Nelayan",
    "Bantaran Kali Loji",
    "Pesisir Pantai Sari",
    "Kawasan Pasar Banjarsari",
    "Perkampungan Batik",
    "Tepian Sungai Bremi",
    "Kampung Arab",
    "Permukiman Tambak Lorok",
    "Bantaran Rel Kereta",
    "Kampung Pecinan",
]
TINGKAT = ["Kumuh Ringan", "Kumuh Sedang", "Kumuh Berat"]
PL = ["Rendah", "Sedang", "Tinggi"]
# mm; 277 mm = A4 landscape minus 10 mm margins.
LEBAR_KOLOM = [8, 34, 14, 24, 24, 24, 22, 23, 15, 15, 11, 14, 11, 14, 13, 16]


def _angka(x: float, desimal: int = 2) -> str:
    teks = f"{x:,.{desimal}f}"
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


def _dms(nilai: float, arah: tuple[str, str]) -> str:
    a = abs(nilai)
    d, m = int(a), int(a * 60) % 60
    s = (a * 3600) % 60
    return f"{d}° {m:02d}' {_angka(s)}\" {arah[0] if nilai < 0 else arah[1]}"


def baris_contoh(jumlah: int, benih: int = 5) -> list[list[str]]:
    acak = random.Random(benih)
    hasil = []
    for i in range(1, jumlah + 1):
        kec = acak.choice(list(KECAMATAN))
        kel = acak.sample(KECAMATAN[kec], acak.choice((1, 1, 1, 2)))
        rw = acak.randint(1, 12)
        rt = acak.randint(1, 6)
        nilai_k = acak.randint(19, 70)
        hasil.append(
            [
                str(i),
                f"{acak.choice(NAMA)} {acak.randint(1, 20)}",
                _angka(acak.uniform(0.5, 40)),
                f"RT {rt:02d}-{rt + acak.randint(1, 5):02d} / RW {rw:02d}",
                ", ".join(kel),
                kec,
                _dms(-6.85 - acak.random() * 0.05, ("LS", "LU")),
                _dms(109.65 + acak.random() * 0.05, ("BB", "BT")),
                _angka(acak.randint(300, 9000), 0),
                _angka(acak.uniform(50, 600)),
                str(nilai_k),
                TINGKAT[min(2, (nilai_k - 19) // 17)].removeprefix("Kumuh "),
                str(acak.randint(1, 15)),
                acak.choice(PL),
                acak.choice(("Legal", "Tidak Legal")),
                f"{acak.choice('ABC')}{acak.randint(1, 3)}/ {acak.randint(1, 9)}",
            ]
        )
    return hasil


CSS = """
@page { size: A4 landscape; margin: 12mm 10mm 16mm 10mm; }
body { font-family: "Liberation Sans"; font-size: 7pt; line-height: 1.2; margin: 0 }
h1 { font-size: 10pt; text-align: center; margin: 0 0 4mm }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #000; padding: 1pt 2pt; vertical-align: top }
th { font-weight: bold; text-align: center; vertical-align: middle; background: #e8e8e8 }
thead { display: table-header-group }
tr { break-inside: avoid }
td.a { text-align: right }
td.c { text-align: center }
.ttd { margin-top: 8mm; display: flex; justify-content: space-between; break-inside: avoid }
.ttd div { width: 70mm; text-align: center }
"""
CSS_NOMOR = '@page { @bottom-center { content: "Halaman " counter(page) " dari " counter(pages);'
CSS_NOMOR += " font-size: 8pt } }"
CSS_TETAP = "table { table-layout: fixed }"
RATA = "c.a.....aacccccc"  # per column: c centre, a right, . left


def _kepala() -> str:
    kolom = (
        "<tr><th rowspan=2>NO</th><th rowspan=2>NAMA LOKASI</th><th rowspan=2>LUAS (Ha)</th>"
        "<th colspan=3>LINGKUP ADMINISTRATIF</th><th colspan=2>TITIK KOORDINAT</th>"
        "<th rowspan=2>JUMLAH PENDUDUK (jiwa)</th><th rowspan=2>KEPADATAN (jiwa/ha)</th>"
        "<th colspan=2>KEKUMUHAN</th><th colspan=2>PERTIMBANGAN LAIN</th>"
        "<th rowspan=2>LEGALITAS LAHAN</th><th rowspan=2>PRIORITAS</th></tr>"
        "<tr><th>RT/RW</th><th>KELURAHAN</th><th>KECAMATAN</th><th>LINTANG</th><th>BUJUR</th>"
        "<th>NILAI</th><th>TINGK.</th><th>NILAI</th><th>TINGK.</th></tr>"
    )
    nomor = "<tr>" + "".join(f"<th>({k})</th>" for k in range(1, 17)) + "</tr>"
    return f"<thead>{kolom}{nomor}</thead>"


def _sel(teks: str, k: int) -> str:
    kelas = {"c": ' class="c"', "a": ' class="a"'}.get(RATA[k], "")
    return f"<td{kelas}>{teks}</td>"


def dokumen(baris, *, tetap: bool, pertama: bool, terakhir: bool, nomor: bool) -> str:
    """One complete HTML document: a table of `baris` (title / totals when first / last)."""
    css = CSS + (CSS_TETAP if tetap else "") + (CSS_NOMOR if nomor else "")
    bagian = [f'<!doctype html><html lang="id"><head><meta charset="utf-8"><style>{css}</style>']
    bagian.append("</head><body>")
    if pertama:
        bagian.append(
            "<h1>LAMPIRAN I<br>DAFTAR LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH<br>"
            "KOTA PEKALONGAN TAHUN 2025</h1>"
        )
    bagian.append("<table>")
    if tetap:
        lebar = "".join(f'<col style="width: {w}mm">' for w in LEBAR_KOLOM)
        bagian.append(f"<colgroup>{lebar}</colgroup>")
    bagian.append(_kepala())
    bagian.append("<tbody>")
    for b in baris:
        bagian.append("<tr>" + "".join(_sel(t, k) for k, t in enumerate(b)) + "</tr>")
    if terakhir:
        bagian.append(
            '<tr><td colspan="2"><b>JUMLAH</b></td><td class="a"><b>12.345,67</b></td>'
            '<td colspan="5"></td><td class="a"><b>2.345.678</b></td>'
            '<td colspan="7"></td></tr>'
        )
    bagian.append("</tbody></table>")
    if terakhir:
        bagian.append(
            '<div class="ttd"><div>Diverifikasi oleh<br>Tim Pokja PKP<br><br><br><br>'
            "<u>Ir. SUTRISNO, M.T.</u><br>NIP 19700101 199503 1 001</div>"
            "<div>Pekalongan, 12 Maret 2025<br>WALI KOTA PEKALONGAN<br><br><br><br>"
            "<u>AHMAD AFZAN ARSLAN DJUNAID</u></div></div>"
        )
    bagian.append("</body></html>")
    return "".join(bagian)


def potong(baris, ukuran: int, *, tetap: bool = True) -> list[str]:
    kelompok = [baris[i : i + ukuran] for i in range(0, len(baris), ukuran)] or [[]]
    return [
        dokumen(k, tetap=tetap, pertama=i == 0, terakhir=i == len(kelompok) - 1, nomor=False)
        for i, k in enumerate(kelompok)
    ]


# --- measuring -------------------------------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_pekerja_mb() -> list[float]:
    """VmHWM of the live pool workers (Linux); they are children of the fork server."""
    pool = pdf._pool
    hasil = []
    for pid in list(getattr(pool, "_processes", None) or {}):
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as f:
                for baris in f:
                    if baris.startswith("VmHWM:"):
                        hasil.append(int(baris.split()[1]) / 1024)
        except OSError:
            pass
    return hasil


def ukur_varian(varian: str, jumlah: int, proses: int, ulang: int) -> dict:
    """Run one variant `ulang` times in this process; the best run counts (the machine may be
    shared), the median is reported too. Parts (render, join, number) are of the best run."""
    baris = baris_contoh(jumlah)
    hasil: dict = {"varian": varian}
    waktu: list[float] = []
    ulang = max(1, ulang)
    if varian in ("naif", "tetap"):
        pdf.render_pdf("<p>pemanasan</p>")  # import and first-render set-up not counted
        for _ in range(ulang):
            t = time.perf_counter()
            html = dokumen(baris, tetap=varian == "tetap", pertama=True, terakhir=True, nomor=True)
            isi = pdf.render_pdf(html)
            waktu.append(time.perf_counter() - t)
    else:
        ukuran = int(varian.split(":")[1])
        for k in range(ulang + 1):  # the first is cold: the pool starts
            t = time.perf_counter()
            potongan = potong(baris, ukuran)
            bagian = pdf.render_paralel(potongan, proses=proses)
            t_render = time.perf_counter()
            gabungan = pdf.gabung(bagian)
            t_gabung = time.perf_counter()
            isi = pdf.beri_nomor_halaman(gabungan)
            t_nomor = time.perf_counter()
            if k == 0:
                hasil["dingin"] = t_nomor - t
                continue
            waktu.append(t_nomor - t)
            if waktu[-1] == min(waktu):
                bagian_waktu = (t_render - t, t_gabung - t_render, t_nomor - t_gabung)
        hasil.update(
            render=bagian_waktu[0],
            gabung=bagian_waktu[1],
            nomor=bagian_waktu[2],
            potongan=len(potongan),
            pekerja_mb=_rss_pekerja_mb(),
        )
    hasil["detik"] = min(waktu)
    hasil["median"] = statistics.median(waktu)
    hasil["halaman"] = pdf.jumlah_halaman(isi)
    hasil["kb"] = len(isi) / 1024
    hasil["rss_mb"] = _rss_mb()
    if os.environ.get("PDF_TABEL_SIMPAN"):
        Path(os.environ["PDF_TABEL_SIMPAN"], f"{varian.replace(':', '-')}.pdf").write_bytes(isi)
    return hasil


def ukur_metode(metode: str, proses: int) -> dict:
    """Seconds until `proses` workers have rendered a tiny page: from nothing (first call),
    with the pool running (second call), and after `tutup_pool` (pool restarted)."""
    pdf.METODE_MULAI = metode
    tiny = ["<p>a</p>"] * proses
    hasil = {"metode": metode}
    for langkah in ("pertama", "kedua", "ulang"):
        if langkah == "ulang":
            pdf.tutup_pool()
        t = time.perf_counter()
        pdf.render_paralel(tiny, proses=proses)
        hasil[langkah] = time.perf_counter() - t
    return hasil


def ukur_opsi(jumlah: int, ulang: int) -> list[dict]:
    """Layout (`HTML.render`) and `write_pdf` timed apart for each option, on a fresh layout
    every time (a Document caches its fonts after the first write); the best of `ulang`."""
    from weasyprint import HTML

    html = dokumen(baris_contoh(jumlah), tetap=True, pertama=True, terakhir=True, nomor=True)
    pdf.render_pdf("<p>pemanasan</p>")
    hasil = []
    for nama, opsi in [
        ("bawaan (default)", {}),
        ("uncompressed_pdf=True", {"uncompressed_pdf": True}),
        ("full_fonts=True", {"full_fonts": True}),
        ("hinting=True", {"hinting": True}),
        ("optimize_images=True", {"optimize_images": True}),
        ("pdf_tags=True", {"pdf_tags": True}),
        ("pdf_variant=pdf/a-3b", {"pdf_variant": "pdf/a-3b"}),
    ]:
        tata = tulis = float("inf")
        for _ in range(ulang):
            t = time.perf_counter()
            dok = HTML(string=html).render(**opsi)
            t_tata = time.perf_counter()
            isi = dok.write_pdf(**opsi)
            tata = min(tata, t_tata - t)
            tulis = min(tulis, time.perf_counter() - t_tata)
        hasil.append({"opsi": nama, "layout": tata, "tulis": tulis, "kb": len(isi) / 1024})
    return hasil


def _anak(*argumen: str) -> dict | list:
    keluaran = subprocess.run(
        [sys.executable, __file__, *argumen], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(keluaran.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--baris", type=int, default=500)
    p.add_argument("--proses", type=int, default=2)
    p.add_argument(
        "--potongan", default="13,26,52,78,125,250", help="rows per chunk, comma-separated"
    )
    p.add_argument("--ulang", type=int, default=3, help="runs per variant (the best counts)")
    p.add_argument("--tanpa-naif", action="store_true", help="skip the slow single-table runs")
    p.add_argument("--metode", action="store_true", help="compare forkserver and spawn")
    p.add_argument("--opsi", action="store_true", help="time write_pdf options")
    p.add_argument("--_varian", help=argparse.SUPPRESS)
    p.add_argument("--_metode", help=argparse.SUPPRESS)
    a = p.parse_args()

    if a._varian:
        print(json.dumps(ukur_varian(a._varian, a.baris, a.proses, a.ulang)))
        return
    if a._metode:
        print(json.dumps(ukur_metode(a._metode, a.proses)))
        return
    if a.metode:
        print(f"start method, {a.proses} workers, median of {a.ulang} runs (each a new process):")
        print("  method       first call (pool starts) / next call / after tutup_pool")
        for metode in ("forkserver", "spawn"):
            r = [_anak("--_metode", metode, "--proses", str(a.proses)) for _ in range(a.ulang)]
            m = {k: statistics.median(x[k] for x in r) for k in ("pertama", "kedua", "ulang")}
            print(
                f"  {metode:<11} {m['pertama']:6.2f} s / {m['kedua']:6.3f} s / {m['ulang']:6.2f} s"
            )
        return
    if a.opsi:
        print(f"write_pdf options, {a.baris} rows, fixed layout, one document, best of {a.ulang}:")
        print(f"  {'option':<24}{'layout s':>9}{'write s':>9}{'KB':>8}")
        for r in ukur_opsi(a.baris, a.ulang):
            print(f"  {r['opsi']:<24}{r['layout']:9.2f}{r['tulis']:9.2f}{r['kb']:8.0f}")
        return

    varian = [] if a.tanpa_naif else ["naif", "tetap"]
    varian += [f"potongan:{n}" for n in a.potongan.split(",")]
    print(
        f"{a.baris} rows × 16 columns, A4 landscape, {a.proses} processes, {os.cpu_count()} cores;"
        f" best (median) of {a.ulang} warm runs, cold = first run with a new pool"
    )
    print(
        f"{'variant':<14}{'s':>6}{'(med)':>7}{'cold':>6}{'render':>7}{'join':>6}{'numb.':>6}"
        f"{'chunks':>7}{'pages':>6}{'KB':>5}{'parent MB':>10}  workers MB  speed-up"
    )
    naif = None
    for v in varian:
        argumen = ["--baris", str(a.baris), "--proses", str(a.proses), "--ulang", str(a.ulang)]
        r = _anak("--_varian", v, *argumen)
        naif = r["detik"] if v == "naif" else naif
        dingin = f"{r['dingin']:6.2f}" if "dingin" in r else f"{'':6}"
        rinci = (
            f"{r['render']:7.2f}{r['gabung']:6.2f}{r['nomor']:6.2f}{r['potongan']:7d}"
            if "render" in r
            else f"{'':26}"
        )
        pekerja = ", ".join(f"{m:.0f}" for m in r.get("pekerja_mb", []))
        cepat = f"×{naif / r['detik']:.1f}" if naif and v != "naif" else ""
        print(
            f"{v:<14}{r['detik']:6.2f}{'(' + format(r['median'], '.2f') + ')':>7}{dingin}{rinci}"
            f"{r['halaman']:6d}{r['kb']:5.0f}{r['rss_mb']:10.0f}  {pekerja:<10}  {cepat}"
        )


if __name__ == "__main__":
    main()
