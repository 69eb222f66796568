"""Long PDF documents, fast: render HTML chunks in parallel processes, join them, number the pages.

Pure helper (WeasyPrint and pypdf, both imported on first use, and the standard library; no
Django): it takes HTML strings and knows nothing of what they hold. The caller cuts a long
document (the Buku Profil of an SK) into independent, complete HTML documents:

    pdf = render_paralel(potongan, base_url=...)        # one PDF per chunk, in input order
    dokumen = beri_nomor_halaman(gabung(pdf))           # one PDF, "Halaman n dari N" stamped

`counter(page)` restarts in every chunk, so chunks are rendered without page numbers and
`beri_nomor_halaman` stamps them afterwards: one overlay PDF rendered by WeasyPrint (one page per
target page, each of that page's own size) merged onto the pages with pypdf.

Worker processes come from one pool per process, created on first use (or by `panaskan`),
reused by every later call and shut down at exit. They are started by the "forkserver" method
with this module and WeasyPrint preloaded in the server: never a plain fork of the caller, which
may be a threaded web server. The first start costs ~0.6 s as with "spawn" (one WeasyPrint
import), but a restarted pool is ready in ~0.1 s instead of ~0.6 s, and workers share the
server's pages (figures: `bench/pdf_tabel.py --metode`). Like every non-fork start method, a
worker imports the caller's main module as `__mp_main__`: a script that calls `render_paralel`
needs the `if __name__ == "__main__":` guard (manage.py, pytest and WSGI servers have it).
Workers import this module and WeasyPrint only, never Django settings.

Measured on 2 cores, a table of 500 rows × 16 columns (`bench/pdf_tabel.py`): one table with
automatic layout 5.8 s; fixed layout 4.4 s; fixed layout in 4-10 chunks on 2 processes 2.45 s
warm, 3.4 s with a cold pool (joining 0.03 s, numbering 20 pages 0.12 s). The SK's Lampiran I,
such a table, is drawn without WeasyPrint since (penilaian/sk/lampiran1.py: ≈ 0.1 s); it uses
only `CachePDF` and `gabung` from here.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import html as html_lib
import io
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfWriter

# Options of `write_pdf`. WeasyPrint's defaults are already the fastest (fonts subset, images
# left as they are, no hinting, compressed streams); see bench/pdf_tabel.py --opsi.
OPSI_PDF: dict = {}

# Start method of the worker processes: "forkserver" (fast, safe with threads) or "spawn".
METODE_MULAI = "forkserver"

# Where beri_nomor_halaman puts the number: distance from the nearest vertical edge and, for
# "kiri"/"kanan", from the side edge.
JARAK_TEPI_MM = 8.0
JARAK_SISI_MM = 15.0
POSISI = (
    "bawah-tengah",
    "bawah-kiri",
    "bawah-kanan",
    "atas-tengah",
    "atas-kiri",
    "atas-kanan",
)

_MM = 72 / 25.4


class GagalRender(RuntimeError):
    """A chunk could not be rendered; `indeks` is its position in the input (0-based)."""

    def __init__(self, indeks: int, sebab: BaseException):
        self.indeks = indeks
        super().__init__(f"potongan {indeks} gagal dirender: {type(sebab).__name__}: {sebab}")


# --- one document ------------------------------------------------------------------------------


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render one HTML document to PDF bytes."""
    if not isinstance(html, str):
        raise TypeError(f"html harus str, bukan {type(html).__name__}")
    return _kelas_html()(string=html, base_url=base_url, url_fetcher=_pengambil()).write_pdf(
        **OPSI_PDF
    )


_lokal = threading.local()


def _pengambil():
    """Return this thread's URL fetcher: local files and data: URLs only, never the network.

    A print document has no business fetching from the internet (and the machine may have
    none); one fetcher per thread also saves building an SSL context for every document.
    """
    if not hasattr(_lokal, "pengambil"):
        from weasyprint import URLFetcher

        _lokal.pengambil = URLFetcher(allowed_protocols={"file", "data"})
    return _lokal.pengambil


_HTMLCetak = None


def _kelas_html():
    """Return WeasyPrint's HTML class with our small user-agent stylesheet (cetak_ua.css)."""
    global _HTMLCetak
    if _HTMLCetak is None:
        # Imported here: ~0.5 s, paid only by processes that make PDFs (and the fork server).
        from weasyprint import CSS, HTML

        ua = CSS(filename=str(Path(__file__).with_name("cetak_ua.css")))

        class HTMLCetak(HTML):
            def _ua_stylesheets(self, forms: bool = False) -> list:
                return [ua]

        _HTMLCetak = HTMLCetak
    return _HTMLCetak


def _kerja(html: str, base_url: str | None) -> bytes:
    """What a worker process runs (top level, so that it pickles by name)."""
    return render_pdf(html, base_url=base_url)


# --- the chunk cache ---------------------------------------------------------------------------

# Part of every cache key: bump it when a change here (or in how WeasyPrint is called) changes
# the PDF a given HTML renders to, so that no stale chunk is served.
VERSI_CACHE = "1"


class CachePDF:
    """Rendered chunks on disk, addressed by what was rendered: the PDF of an HTML chunk is
    found again by the hash of that HTML (with its base URL, our user-agent stylesheet,
    WeasyPrint's version and VERSI_CACHE). The same HTML always renders to the same PDF, so a
    hit can never be stale: editing one row of a long document changes one chunk's HTML and
    re-renders that chunk only, whoever asks and from which document. A caller that draws its
    PDF some other way keys it with `kunci(text, …)` of a text naming everything it prints
    (penilaian.sk.lampiran1.sidik), and uses `ambil`/`simpan`.

    Bounded: after each write the oldest files (by last use: a hit touches its file) are
    removed until the folder holds at most `maks_bita`. Writes are atomic (a temporary file
    renamed), so concurrent renders (web server, background worker) never read half a file;
    a file that cannot be read or written is treated as a miss, never as an error.
    """

    def __init__(self, folder: str | os.PathLike, maks_bita: int = 200 * 1024 * 1024):
        self.folder = Path(folder)
        self.maks_bita = maks_bita
        self.hit = self.miss = 0

    def kunci(self, html: str, base_url: str | None) -> str:
        h = hashlib.sha256()
        for bagian in (VERSI_CACHE, _sidik_perender(), base_url or "", html):
            h.update(bagian.encode())
            h.update(b"\0")
        return h.hexdigest()

    def _jalur(self, kunci: str) -> Path:
        return self.folder / f"{kunci}.pdf"

    def ambil(self, kunci: str) -> bytes | None:
        jalur = self._jalur(kunci)
        try:
            data = jalur.read_bytes()
            os.utime(jalur)  # last use, for the pruning order
        except OSError:
            self.miss += 1
            return None
        self.hit += 1
        return data

    def simpan(self, kunci: str, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, sementara = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(sementara, self._jalur(kunci))
        except OSError:
            return
        self.pangkas()

    def pangkas(self) -> None:
        """Remove the least recently used files beyond `maks_bita` (and stray temporaries)."""
        berkas = []
        try:
            with os.scandir(self.folder) as isi:
                for e in isi:
                    try:
                        st = e.stat()
                    except OSError:
                        continue
                    if e.name.endswith(".tmp"):
                        if st.st_mtime < time.time() - 3600:  # left by a killed process
                            _hapus(e.path)
                        continue
                    berkas.append((st.st_mtime, st.st_size, e.path))
        except OSError:
            return
        total = sum(b[1] for b in berkas)
        for _waktu, ukuran, jalur in sorted(berkas):
            if total <= self.maks_bita:
                break
            _hapus(jalur)
            total -= ukuran


def _hapus(jalur: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(jalur)


_sidik: str | None = None


def _sidik_perender() -> str:
    """What besides the HTML decides the PDF: WeasyPrint's version, our UA sheet, the options."""
    global _sidik
    if _sidik is None:
        ua = Path(__file__).with_name("cetak_ua.css").read_bytes()
        _sidik = "|".join(
            (
                metadata.version("weasyprint"),
                metadata.version("pydyf"),
                hashlib.sha256(ua).hexdigest(),
                repr(sorted(OPSI_PDF.items())),
            )
        )
    return _sidik


# --- the pool ----------------------------------------------------------------------------------

_kunci = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_ukuran_pool = 0


def _konteks() -> multiprocessing.context.BaseContext:
    metode = METODE_MULAI
    if metode not in multiprocessing.get_all_start_methods():  # Windows has no forkserver
        metode = "spawn"
    konteks = multiprocessing.get_context(metode)
    if metode == "forkserver":
        # Once per process: the server imports these, every worker forked from it starts warm.
        # No effect if the server of this process is already running.
        konteks.set_forkserver_preload([__name__, "weasyprint"])
    return konteks


def _jumlah_cpu() -> int:
    # process_cpu_count (3.13) honours the CPU affinity of the process; else os.cpu_count.
    return (getattr(os, "process_cpu_count", None) or os.cpu_count)() or 1


def _kirim(ukuran: int, html: object, base_url: str | None) -> tuple[ProcessPoolExecutor, Future]:
    """Submit one chunk to the shared pool, growing it to `ukuran` workers if it is smaller.

    Under the lock, so that no caller submits to a pool another thread has just replaced; work
    already submitted to a replaced pool still finishes there. A pool found broken (a worker
    died while nobody was waiting on it) is replaced.
    """
    global _pool, _ukuran_pool
    with _kunci:
        for _ in range(2):
            if _pool is None or _ukuran_pool < ukuran:
                lama = _pool
                _ukuran_pool = max(ukuran, _jumlah_cpu())
                _pool = ProcessPoolExecutor(max_workers=_ukuran_pool, mp_context=_konteks())
                if lama is not None:
                    lama.shutdown(wait=False)
            try:
                return _pool, _pool.submit(_kerja, html, base_url)
            except BrokenProcessPool:
                _pool.shutdown(wait=False, cancel_futures=True)
                _pool, _ukuran_pool = None, 0
        raise BrokenProcessPool("pool PDF tidak dapat dimulai")


def _buang_pool(rusak: ProcessPoolExecutor) -> None:
    """Forget a broken pool (a worker died) so that the next call starts a new one."""
    global _pool, _ukuran_pool
    with _kunci:
        if _pool is rusak:
            _pool, _ukuran_pool = None, 0
    rusak.shutdown(wait=False, cancel_futures=True)


@atexit.register
def tutup_pool() -> None:
    """Stop the worker processes (at exit; callable any time, the next call starts new ones)."""
    global _pool, _ukuran_pool
    with _kunci:
        pool, _pool, _ukuran_pool = _pool, None, 0
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def render_paralel(
    potongan: Sequence[str],
    *,
    base_url: str | None = None,
    proses: int | None = None,
    kemajuan: Callable[[int, int], None] | None = None,
    cache: CachePDF | None = None,
    segar: Sequence[str] = (),
    selalu_pool: bool = False,
) -> list[bytes]:
    """Render each HTML chunk to PDF in up to `proses` worker processes; PDFs in input order.

    With `cache`, a chunk rendered before (the same HTML) is read from it and only the others
    are rendered, then stored; progress counts the chunks found as done at once. `segar`:
    documents rendered every time beside the chunks (never cached: an overlay with the time of
    the render); their PDFs follow the chunks' in the result. `selalu_pool`: render in the pool
    even a single document (when the pool was warmed already, and this process should not pay
    for importing WeasyPrint). Without these, as below.
    """
    if cache is None and not segar and not selalu_pool:
        return _render_paralel(potongan, base_url=base_url, proses=proses, kemajuan=kemajuan)
    total = len(potongan)
    kunci = [cache.kunci(html, base_url) if cache else "" for html in potongan]
    hasil: list[bytes | None] = [cache.ambil(k) if cache else None for k in kunci]
    kurang = [i for i, h in enumerate(hasil) if h is None]
    ada = total - len(kurang)
    if kemajuan is not None and ada:
        kemajuan(ada, total)

    def lapor(selesai: int, _n: int) -> None:
        if kemajuan is not None:
            kemajuan(min(total, ada + selesai), total)

    # The fresh documents go first: they are small, and then no core waits for one at the end.
    tugas = [*segar, *(potongan[i] for i in kurang)]
    try:
        baru = _render_paralel(
            tugas, base_url=base_url, proses=proses, kemajuan=lapor, selalu_pool=selalu_pool
        )
    except GagalRender as exc:  # name the chunk's index in the caller's list
        k = exc.indeks - len(segar)
        indeks = kurang[k] if k >= 0 else total + exc.indeks
        raise GagalRender(indeks, exc.__cause__ or exc) from exc.__cause__
    for i, data in zip(kurang, baru[len(segar) :], strict=True):
        hasil[i] = data
        if cache is not None:
            cache.simpan(kunci[i], data)
    return [*hasil, *baru[: len(segar)]]  # type: ignore[list-item]


def _render_paralel(
    potongan: Sequence[str],
    *,
    base_url: str | None = None,
    proses: int | None = None,
    kemajuan: Callable[[int, int], None] | None = None,
    selalu_pool: bool = False,
) -> list[bytes]:
    """Render each HTML chunk to PDF in up to `proses` worker processes; PDFs in input order.

    `proses` defaults to the number of CPUs and is capped at the number of chunks. With one chunk or
    one process the chunks are rendered in this process, without a pool. `kemajuan(done, total)`
    is called in this process after each chunk finishes. A chunk that fails raises `GagalRender`
    naming its index (the original exception is its `__cause__`); chunks not started yet are
    cancelled and the pool stays usable. A worker that dies (killed, out of memory) fails every
    chunk in flight with BrokenProcessPool, the lowest of them is named; the next call starts a
    new pool.
    """
    if proses is not None and proses < 1:
        raise ValueError(f"proses harus ≥ 1, bukan {proses}")
    total = len(potongan)
    proses = proses or _jumlah_cpu()
    if not (selalu_pool and total):
        proses = min(proses, total)
    hasil: list[bytes | None] = [None] * total
    if proses <= 1:
        for i, html in enumerate(potongan):
            try:
                hasil[i] = render_pdf(html, base_url=base_url)
            except Exception as exc:
                raise GagalRender(i, exc) from exc
            if kemajuan is not None:
                kemajuan(i + 1, total)
        return hasil  # type: ignore[return-value]

    berikut = 0
    jalan: dict[Future, tuple[int, ProcessPoolExecutor]] = {}
    selesai = 0
    try:
        while selesai < total:
            # At most `proses` chunks in flight, so that `proses` is honoured on a bigger pool.
            while berikut < total and len(jalan) < proses:
                pool, fut = _kirim(proses, potongan[berikut], base_url)
                jalan[fut] = (berikut, pool)
                berikut += 1
            beres, _ = wait(jalan, return_when=FIRST_COMPLETED)
            for fut in sorted(beres, key=lambda f: jalan[f][0]):
                i, pool = jalan.pop(fut)
                try:
                    hasil[i] = fut.result()
                except BrokenProcessPool as exc:
                    _buang_pool(pool)
                    raise GagalRender(i, exc) from exc
                except Exception as exc:
                    raise GagalRender(i, exc) from exc
                selesai += 1
                if kemajuan is not None:
                    kemajuan(selesai, total)
    finally:
        for fut in jalan:
            fut.cancel()
    return hasil  # type: ignore[return-value]


def panaskan(proses: int | None = None) -> None:
    """Start the pool's workers in the background and return at once (optional).

    A cold pool costs ~0.6-1 s on the first call (fork server start, WeasyPrint import); call
    this before querying the data and building the HTML chunks to overlap the two.
    """
    proses = proses or _jumlah_cpu()
    if proses > 1:
        # Starting the fork server blocks for its WeasyPrint import (~0.6 s): do it in a
        # thread, so the caller plans and templates meanwhile. _kirim holds the pool lock.
        threading.Thread(target=_panaskan, args=(proses,), daemon=True).start()


def _panaskan(proses: int) -> None:
    # Only a head start. A CLI run can end before this thread gets going, and submitting then
    # raised "cannot schedule new futures after interpreter shutdown" at exit; a pool that
    # will not start is met again, and reported, by the render that needs it.
    with contextlib.suppress(RuntimeError, BrokenProcessPool):
        for _ in range(proses):
            _kirim(proses, "<p></p>", None)


# --- joining and numbering ---------------------------------------------------------------------


def gabung(pdf: Sequence[bytes], *, lapisan: bytes | None = None) -> bytes:
    """Join PDFs in order into one (pypdf).

    `lapisan`: a one-page PDF drawn over every page (the pages must have its size). For what
    must stay out of cached chunks because it changes with every render, like a draft's
    "data per <time>" note: rendered with the same page CSS, its text lands exactly where a
    chunk would have printed it. Drawn as one form XObject that every page calls, without
    parsing the pages' own content (merge_page would: 25 ms per page of a long table).
    """
    from pypdf import PdfReader, PdfWriter  # ≈ 0.1 s: imported by the processes that join

    penulis = PdfWriter()
    for isi in pdf:
        penulis.append(PdfReader(io.BytesIO(isi)))
    if lapisan is not None:
        _tumpuk(penulis, lapisan)
    keluar = io.BytesIO()
    penulis.write(keluar)
    return keluar.getvalue()


def _tumpuk(penulis: PdfWriter, lapisan: bytes) -> None:
    """Make page 1 of `lapisan` a form XObject and call it at the end of every page."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
    )

    (atas,) = PdfReader(io.BytesIO(lapisan)).pages
    form = DecodedStreamObject()
    isi_atas = atas.get_contents()  # a stream is a dict: test for None, not for truth
    form.set_data(isi_atas.get_data() if isi_atas is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(x) for x in atas.mediabox),
            NameObject("/Resources"): atas["/Resources"].get_object().clone(penulis),
        }
    )
    ref = penulis._add_object(form)
    # The page's own content may leave the graphics state changed (WeasyPrint flips the y
    # axis): wrap it in q … Q so the form is drawn in the page's initial coordinates.
    buka, tutup = DecodedStreamObject(), DecodedStreamObject()
    buka.set_data(b"q\n")
    tutup.set_data(b"\nQ\nq /KumuhLapisan Do Q\n")
    buka_ref, tutup_ref = penulis._add_object(buka), penulis._add_object(tutup)
    for hal in penulis.pages:
        if "/Resources" not in hal:
            hal[NameObject("/Resources")] = DictionaryObject()
        sumber = hal["/Resources"].get_object()
        if "/XObject" not in sumber:
            sumber[NameObject("/XObject")] = DictionaryObject()
        sumber["/XObject"].get_object()[NameObject("/KumuhLapisan")] = ref
        isi = hal.get("/Contents")
        isi = isi.get_object() if isi is not None else ArrayObject()
        lama = list(isi) if isinstance(isi, ArrayObject) else [hal.raw_get("/Contents")]
        hal[NameObject("/Contents")] = ArrayObject([buka_ref, *lama, tutup_ref])


def jumlah_halaman(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _css_angka(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _html_nomor(
    halaman: Sequence[tuple[float, float]],
    teks: Sequence[str],
    posisi: str,
    ukuran_pt: float,
    font: str,
) -> str:
    """The overlay: one page per (width, height) in pt, `teks[i]` placed on page i."""
    vertikal, horisontal = posisi.split("-")
    ukuran = {u: f"u{k}" for k, u in enumerate(dict.fromkeys(halaman))}
    css = [
        "@page { margin: 0 }",
        "html, body { margin: 0; padding: 0 }",
        f"body {{ font-family: {_css_string(font)}, sans-serif;"
        f" font-size: {_css_angka(ukuran_pt)}pt; line-height: 1 }}",
        ".h { position: relative; overflow: hidden; break-before: page }",
        ".h:first-child { break-before: auto }",
        ".n { position: absolute; white-space: nowrap }",
    ]
    for (lebar, tinggi), nama in ukuran.items():
        # The block is 1pt shorter than the page so that rounding never spills onto a new page.
        css.append(f"@page {nama} {{ size: {_css_angka(lebar)}pt {_css_angka(tinggi)}pt }}")
        css.append(
            f".{nama} {{ page: {nama}; width: {_css_angka(lebar)}pt;"
            f" height: {_css_angka(tinggi - 1)}pt }}"
        )
    tepi = JARAK_TEPI_MM * _MM
    sisi = JARAK_SISI_MM * _MM
    letak = {
        "atas": f"top: {_css_angka(tepi)}pt",
        "bawah": f"bottom: {_css_angka(tepi - 1)}pt",
        "tengah": "left: 0; right: 0; text-align: center",
        "kiri": f"left: {_css_angka(sisi)}pt",
        "kanan": f"right: {_css_angka(sisi)}pt; text-align: right",
    }
    css.append(f".n {{ {letak[vertikal]}; {letak[horisontal]} }}")
    badan = "".join(
        f'<div class="h {ukuran[u]}"><div class="n">{html_lib.escape(t)}</div></div>'
        for u, t in zip(halaman, teks, strict=True)
    )
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><style>'
        + "\n".join(css)
        + f"</style></head><body>{badan}</body></html>"
    )


def _css_string(teks: str) -> str:
    return '"' + teks.replace("\\", "\\\\").replace('"', '\\"') + '"'


def beri_nomor_halaman(
    pdf: bytes,
    *,
    format: str = "Halaman {n} dari {total}",
    mulai: int = 1,
    posisi: str = "bawah-tengah",
    ukuran_pt: float = 8,
    font: str = "Liberation Sans",
) -> bytes:
    """Stamp page numbers on every page, each page keeping its own size and orientation.

    `format` takes `{n}` (this page's number, from `mulai`) and `{total}` (the last number,
    `mulai` + pages - 1). `posisi` is one of POSISI; the text sits JARAK_TEPI_MM from the top or
    bottom edge as the page is shown (its /Rotate and crop box honoured). The text is real text:
    pdftotext reads it after the page's own.
    """
    from pypdf import PdfReader, PdfWriter, Transformation

    if posisi not in POSISI:
        raise ValueError(f"posisi harus salah satu dari {POSISI}, bukan {posisi!r}")
    penulis = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    halaman = list(penulis.pages)
    if not halaman:
        return pdf
    total = mulai + len(halaman) - 1
    ukuran: list[tuple[float, float]] = []
    for hal in halaman:
        kotak = hal.cropbox
        lebar, tinggi = round(float(kotak.width), 3), round(float(kotak.height), 3)
        ukuran.append((tinggi, lebar) if hal.rotation % 180 else (lebar, tinggi))
    teks = [format.format(n=mulai + i, total=total) for i in range(len(halaman))]
    lapisan = PdfReader(
        io.BytesIO(render_pdf(_html_nomor(ukuran, teks, posisi, ukuran_pt, font)))
    ).pages
    if len(lapisan) != len(halaman):  # pragma: no cover - a layout surprise, not a user error
        raise RuntimeError(f"lapisan nomor {len(lapisan)} halaman, dokumen {len(halaman)}")

    for hal, atas in zip(halaman, lapisan, strict=True):
        kotak = hal.cropbox
        x0, y0 = float(kotak.left), float(kotak.bottom)
        lebar, tinggi = float(kotak.width), float(kotak.height)
        # Overlay coordinates are the page as shown; map them back to the unrotated page:
        # /Rotate r turns the shown page r degrees clockwise, so turn the overlay r anticlockwise.
        putar = hal.rotation % 360
        geser = {0: (0, 0), 90: (lebar, 0), 180: (lebar, tinggi), 270: (0, tinggi)}[putar]
        if putar == 0 and x0 == 0 and y0 == 0:
            hal.merge_page(atas)
        else:
            hal.merge_transformed_page(
                atas,
                Transformation().rotate(putar).translate(x0 + geser[0], y0 + geser[1]),
            )
        hal.compress_content_streams()
    keluar = io.BytesIO()
    penulis.write(keluar)
    return keluar.getvalue()
