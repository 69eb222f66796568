"""kumuh.pdf: chunks rendered in parallel, joined, numbered. No database, no Django.

Text is read back with poppler's pdftotext, as a reader of the SK would copy it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest
from pypdf import PdfReader, PdfWriter

from kumuh import pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils tidak ada")

A4 = (595.276, 841.89)  # pt, portrait
MM = 72 / 25.4


def _dokumen(isi: str, ukuran: str = "A4") -> str:
    return (
        f"<!doctype html><html><head><style>@page {{ size: {ukuran}; margin: 20mm }}"
        f" body {{ font-family: 'Liberation Sans'; font-size: 10pt }}</style></head>"
        f"<body>{isi}</body></html>"
    )


def _halaman(*teks: str, ukuran: str = "A4") -> str:
    """One page per text."""
    isi = "".join(
        f'<p style="break-before: {"page" if i else "auto"}">{t}</p>' for i, t in enumerate(teks)
    )
    return _dokumen(isi, ukuran)


def _pdftotext(isi: bytes, *argumen: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as berkas:
        berkas.write(isi)
        berkas.flush()
        return subprocess.run(
            ["pdftotext", *argumen, berkas.name, "-"], check=True, capture_output=True, text=True
        ).stdout


def teks(isi: bytes, halaman: int | None = None) -> str:
    """Text of the whole PDF, or of one page (1-based); whitespace squeezed."""
    argumen = ("-f", str(halaman), "-l", str(halaman)) if halaman else ()
    return " ".join(_pdftotext(isi, *argumen).split())


def kotak_kata(isi: bytes, halaman: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) on one page, y downwards from the top as shown."""
    keluaran = _pdftotext(isi, "-bbox", "-f", str(halaman), "-l", str(halaman))
    return [
        (kata, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, kata in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            keluaran,
        )
    ]


def ukuran_tampil(halaman) -> tuple[float, float]:
    """(width, height) of a page as shown: its crop box, turned by /Rotate."""
    lebar, tinggi = float(halaman.cropbox.width), float(halaman.cropbox.height)
    return (tinggi, lebar) if halaman.rotation % 180 else (lebar, tinggi)


# --- render_pdf ------------------------------------------------------------------------------


def test_render_pdf_holds_its_text():
    isi = pdf.render_pdf(_dokumen("<h1>Lampiran I</h1><p>Kampung Nelayan, RT 01-05 / RW 03</p>"))
    assert isi.startswith(b"%PDF")
    assert "Kampung Nelayan, RT 01-05 / RW 03" in teks(isi)
    assert pdf.jumlah_halaman(isi) == 1


def test_render_pdf_uses_base_url_for_images_and_keeps_inline_svg(tmp_path):
    from PIL import Image

    Image.new("RGB", (20, 10), "red").save(tmp_path / "logo.png")
    Image.new("RGB", (10, 20), "green").save(tmp_path / "foto.png")
    html = _dokumen(
        '<img src="logo.png" style="width: 20mm">'  # relative to base_url
        f'<img src="{(tmp_path / "foto.png").as_uri()}" style="width: 10mm">'
        '<svg width="40" height="20"><rect width="40" height="20" fill="blue"/>'
        '<text x="2" y="15">PETA</text></svg><p>dengan gambar</p>'
    )
    # In a worker process too: base_url travels with the chunk.
    satu, dua = pdf.render_paralel([html, html], base_url=str(tmp_path) + "/", proses=2)
    for isi in (satu, dua):
        halaman = PdfReader(io.BytesIO(isi)).pages[0]
        assert len(halaman.images) == 2
        assert "PETA" in teks(isi)


# --- render_paralel --------------------------------------------------------------------------


@pytest.mark.parametrize("proses", [2, 1])
def test_render_paralel_keeps_the_input_order_and_reports_progress(proses):
    # Uneven chunks, so that they finish out of order in the pool.
    potongan = [_halaman(f"POTONGAN {i}", *(["isi"] * (6 if i % 2 == 0 else 0))) for i in range(5)]
    kemajuan = []
    hasil = pdf.render_paralel(
        potongan, proses=proses, kemajuan=lambda k, n: kemajuan.append((k, n))
    )
    assert len(hasil) == 5
    for i, isi in enumerate(hasil):
        assert teks(isi, 1).startswith(f"POTONGAN {i}")
    assert kemajuan == [(k, 5) for k in range(1, 6)]


def test_render_paralel_of_nothing_and_of_one_chunk():
    assert pdf.render_paralel([]) == []
    (isi,) = pdf.render_paralel([_halaman("SATU")], proses=2)
    assert teks(isi) == "SATU"
    with pytest.raises(ValueError):
        pdf.render_paralel([_halaman("x")], proses=0)


@pytest.mark.parametrize("proses", [2, 1])
def test_a_failing_chunk_is_named_and_the_pool_stays_usable(proses):
    potongan = [_halaman("A"), _halaman("B"), 12345, _halaman("D")]
    with pytest.raises(pdf.GagalRender, match=r"potongan 2 gagal dirender: TypeError") as info:
        pdf.render_paralel(potongan, proses=proses)
    assert info.value.indeks == 2
    assert isinstance(info.value.__cause__, TypeError)
    # The next call works, on the same pool.
    hasil = pdf.render_paralel([_halaman("LAGI 0"), _halaman("LAGI 1")], proses=proses)
    assert [teks(isi) for isi in hasil] == ["LAGI 0", "LAGI 1"]


# --- gabung, beri_nomor_halaman --------------------------------------------------------------


def test_gabung_keeps_every_page_in_order():
    bagian = [
        pdf.render_pdf(_halaman("satu-1")),
        pdf.render_pdf(_halaman("dua-1", "dua-2")),
        pdf.render_pdf(_halaman("tiga-1", "tiga-2", "tiga-3")),
    ]
    gabungan = pdf.gabung(bagian)
    assert pdf.jumlah_halaman(gabungan) == sum(pdf.jumlah_halaman(b) for b in bagian) == 6
    urutan = ["satu-1", "dua-1", "dua-2", "tiga-1", "tiga-2", "tiga-3"]
    assert [teks(gabungan, i) for i in range(1, 7)] == urutan


def test_beri_nomor_halaman_numbers_every_page_of_the_joined_document():
    bagian = pdf.render_paralel(
        [_halaman(*(f"Baris tabel {p}-{h}" for h in range(n))) for p, n in enumerate((3, 1, 4))],
        proses=2,
    )
    dokumen = pdf.beri_nomor_halaman(pdf.gabung(bagian))
    assert pdf.jumlah_halaman(dokumen) == 8
    isi_halaman = [teks(dokumen, i) for i in range(1, 9)]
    asli = [f"Baris tabel {p}-{h}" for p, n in enumerate((3, 1, 4)) for h in range(n)]
    for i, (isi, baris) in enumerate(zip(isi_halaman, asli, strict=True), start=1):
        assert baris in isi  # the page's own text is still there…
        assert isi.endswith(f"Halaman {i} dari 8")  # …and exactly one number after it
        assert isi.count("Halaman") == 1
    # Bottom centre, about 8 mm above the bottom edge.
    kata = kotak_kata(dokumen, 3)
    nomor = [k for k in kata if k[0] in ("Halaman", "3", "dari", "8")][-4:]
    assert [k[0] for k in nomor] == ["Halaman", "3", "dari", "8"]
    kiri, kanan = nomor[0][1], nomor[-1][3]
    assert abs((kiri + kanan) / 2 - A4[0] / 2) < 2
    assert 5 * MM < A4[1] - max(k[4] for k in nomor) < 9 * MM


def test_beri_nomor_halaman_format_start_and_position():
    dokumen = pdf.render_pdf(_halaman("a", "b", "c"))
    bernomor = pdf.beri_nomor_halaman(dokumen, format="hlm. {n}/{total}", mulai=5)
    assert [teks(bernomor, i).split()[-2:] for i in (1, 2, 3)] == [
        ["hlm.", "5/7"],
        ["hlm.", "6/7"],
        ["hlm.", "7/7"],
    ]
    kanan_atas = pdf.beri_nomor_halaman(dokumen, posisi="atas-kanan", ukuran_pt=10)
    kata = [k for k in kotak_kata(kanan_atas, 2) if k[0] in ("Halaman", "dari", "3", "2")]
    assert max(k[3] for k in kata) == pytest.approx(A4[0] - pdf.JARAK_SISI_MM * MM, abs=2)
    assert min(k[2] for k in kata) < 12 * MM
    with pytest.raises(ValueError, match="posisi"):
        pdf.beri_nomor_halaman(dokumen, posisi="tengah")


def test_mixed_portrait_landscape_and_rotated_pages_keep_their_size():
    tegak = pdf.render_pdf(_halaman("TEGAK", ukuran="A4"))
    datar = pdf.render_pdf(_halaman("DATAR 1", "DATAR 2", ukuran="A4 landscape"))
    kecil = pdf.render_pdf(_halaman("KECIL", ukuran="A5"))
    # A portrait page turned by /Rotate 90: shown landscape, as some scanners produce.
    penulis = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf.render_pdf(_halaman("PUTAR")))))
    penulis.pages[0].rotate(90)
    putar = io.BytesIO()
    penulis.write(putar)

    gabungan = pdf.gabung([tegak, datar, kecil, putar.getvalue()])
    dokumen = pdf.beri_nomor_halaman(gabungan)

    sebelum = [ukuran_tampil(h) for h in PdfReader(io.BytesIO(gabungan)).pages]
    sesudah = PdfReader(io.BytesIO(dokumen)).pages
    assert [ukuran_tampil(h) for h in sesudah] == sebelum
    assert [round(w) for w, _ in sebelum] == [595, 842, 842, 420, 842]
    assert sesudah[4].rotation == 90
    for i, (lebar, tinggi) in enumerate(sebelum, start=1):
        assert teks(dokumen, i).endswith(f"Halaman {i} dari 5")
        nomor = [k for k in kotak_kata(dokumen, i) if k[0] in ("Halaman", "dari", str(i), "5")]
        nomor = nomor[-4:]
        # Inside the page, bottom centre of the page as shown.
        assert all(0 < x0 < x1 < lebar and 0 < y0 < y1 < tinggi for _, x0, y0, x1, y1 in nomor)
        assert abs((nomor[0][1] + nomor[-1][3]) / 2 - lebar / 2) < 2
        assert 5 * MM < tinggi - max(k[4] for k in nomor) < 9 * MM


def test_beri_nomor_halaman_is_quick_for_twenty_landscape_pages():
    dokumen = pdf.render_pdf(_halaman(*(f"halaman {i}" for i in range(20)), ukuran="A4 landscape"))
    pdf.beri_nomor_halaman(pdf.render_pdf(_halaman("pemanasan")))
    mulai = time.perf_counter()
    bernomor = pdf.beri_nomor_halaman(dokumen)
    assert time.perf_counter() - mulai < 1.5  # ≈ 0.1 s; generous on a shared machine
    assert teks(bernomor, 20).endswith("Halaman 20 dari 20")


def test_panaskan_returns_at_once_and_leaves_a_usable_pool():
    mulai = time.perf_counter()
    pdf.panaskan(2)
    assert time.perf_counter() - mulai < 0.5
    assert [teks(isi) for isi in pdf.render_paralel([_halaman("P0"), _halaman("P1")])] == [
        "P0",
        "P1",
    ]


def test_a_warm_up_too_late_for_the_process_is_dropped_quietly(monkeypatch):
    """A CLI run ending before the warm-up thread submits: the pool refuses new work at
    interpreter shutdown. Nothing to warm then, and nothing to print at exit."""

    def terlambat(*args, **kwargs):
        raise RuntimeError("cannot schedule new futures after interpreter shutdown")

    monkeypatch.setattr(pdf, "_kirim", terlambat)
    pdf._panaskan(2)  # no exception escapes the thread


def test_a_cli_ending_at_once_after_the_warm_up_prints_nothing_at_exit():
    import subprocess
    import sys

    kode = "from kumuh import pdf; pdf.panaskan(2)"
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr


class _MatikanPekerja:
    """Unpickled in the worker, it ends that process: a worker killed mid-chunk (OOM killer)."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_a_dead_worker_is_named_and_the_next_call_gets_a_new_pool():
    with pytest.raises(pdf.GagalRender, match=r"potongan 0 gagal dirender: BrokenProcessPool"):
        pdf.render_paralel([_MatikanPekerja(), _halaman("B")], proses=2)
    hasil = pdf.render_paralel([_halaman("HIDUP 0"), _halaman("HIDUP 1")], proses=2)
    assert [teks(isi) for isi in hasil] == ["HIDUP 0", "HIDUP 1"]


def test_print_documents_never_fetch_from_the_network(tmp_path):
    # An image from the internet is left out (WeasyPrint logs and goes on); a local one prints.
    gambar = tmp_path / "titik.png"
    from PIL import Image

    Image.new("RGB", (4, 4), "red").save(gambar)
    dengan_lokal = pdf.render_pdf(f'<img src="{gambar.as_uri()}">')
    dengan_jaringan = pdf.render_pdf('<img src="http://127.0.0.1:9/x.png">')
    assert b"/Image" in dengan_lokal
    assert b"/Image" not in dengan_jaringan
