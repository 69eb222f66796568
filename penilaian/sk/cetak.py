"""The SK's PDF files: Keputusan, Lampiran I (Daftar Lokasi), II (Peta Sebaran), III (Buku Profil).

Templates live in `templates/penilaian/cetak/`; they read only `sk_isi.IsiSK`, so a draft and an
issued SK render through the same code. Long parts are cut into chunks rendered in parallel
processes (`kumuh.pdf`) and joined. Each part is numbered on its own ("Halaman 3 dari 19"), as
an SK numbers each annex: Lampiran I's chunks are planned pages that number themselves
(sk_tata); the other parts get the numbers stamped on the joined file.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kumuh import pdf
from penilaian import rumus
from penilaian.sk import isi as sk_isi
from penilaian.sk import peta as sk_peta
from penilaian.sk import tata as sk_tata

BAGIAN = {
    "keputusan": "Keputusan",
    "lampiran1": "Lampiran I — Daftar Lokasi",
    "lampiran2": "Lampiran II — Peta Sebaran",
    "lampiran3": "Lampiran III — Buku Profil",
}
SEMUA = "semua"
BUKU_PROFIL = "lampiran3"


def bagian_sk(dengan_buku_profil: bool) -> dict[str, str]:
    """The parts an SK has: all four, or without the Buku Profil when the SK leaves it out."""
    return {k: v for k, v in BAGIAN.items() if dengan_buku_profil or k != BUKU_PROFIL}


# Chunks of Lampiran I: two per core keeps both cores busy to the end and the progress bar
# moving; more chunks only add per-document overhead (docs/sk.md).
POTONGAN_LAMPIRAN1 = 2 * (os.cpu_count() or 1)
# Lokasi per chunk of the Buku Profil (2–3 pages each); also the progress step.
LOKASI_PER_POTONGAN = 5
NOMOR_HALAMAN = "Halaman {n} dari {total}"

Kemajuan = Callable[[int, int], None]
log = logging.getLogger(__name__)


_NOMOR_PERATURAN = re.compile(sk_isi.POLA_NOMOR_PERATURAN)


def _html(template: str, isi: sk_isi.IsiSK, **konteks) -> str:
    html = render_to_string(f"penilaian/cetak/{template}.html", {"isi": isi, **konteks})
    # A line may break after a slash: "14/PRT/M/" + "2018" reads as two things (issue 10).
    return _NOMOR_PERATURAN.sub(r'<span class="nowrap">\g<0></span>', html)


def _potong(urutan: Sequence, ukuran: int) -> list[Sequence]:
    return [urutan[i : i + ukuran] for i in range(0, len(urutan), ukuran)] or [urutan]


def _bernomor(pdfs: list[bytes]) -> bytes:
    return pdf.beri_nomor_halaman(pdf.gabung(pdfs), format=NOMOR_HALAMAN)


# --- Keputusan -------------------------------------------------------------------------------


def html_keputusan(isi: sk_isi.IsiSK) -> str:
    return _html("sk_keputusan", isi)


def pdf_keputusan(isi: sk_isi.IsiSK, kemajuan: Kemajuan | None = None) -> bytes:
    hasil = _bernomor([pdf.render_pdf(html_keputusan(isi))])
    if kemajuan:
        kemajuan(1, 1)
    return hasil


# --- Lampiran I ------------------------------------------------------------------------------


def _baris_html(lok: sk_isi.LokasiSK, teks_sel: Sequence[str] | None = None) -> str:
    """One row of the Daftar Lokasi as HTML: built here, not in the template, since 500 rows ×
    16 cells through the template engine cost more than the rest of the parent's work.
    `teks_sel`: the row's cell texts when the caller has them already (sk_tata.sel_lampiran1)."""
    sel = []
    for teks, k in zip(teks_sel or sk_tata.sel_lampiran1(lok), sk_tata.KOLOM, strict=True):
        atribut = f' class="{k.kelas_css}"' if k.kelas_css else ""
        sel.append(f"<td{atribut}>{escape(teks)}</td>")
    return f"<tr>{''.join(sel)}</tr>"


def html_lampiran1(
    isi: sk_isi.IsiSK,
    *,
    kelompok: Sequence[Sequence[Sequence[sk_isi.LokasiSK]]] | None = None,
    halaman_per_potongan: Sequence[int] | None = None,
    catatan_draf: bool = True,
    teks_sel: Mapping[int, Sequence[str]] | None = None,
) -> list[str]:
    """Return the HTML chunks of the Daftar Lokasi: whole planned pages, one document each.

    `kelompok` is the plan (chunks of pages of lokasi, sk_tata). Each chunk numbers its own
    pages ("Halaman 7 dari 25"), starting after the pages of the chunks before it: by default
    the planned page counts, or `halaman_per_potongan` when the real counts differ.
    `catatan_draf=False` leaves a draft's note out (pdf_lampiran1 lays it over the pages).
    `teks_sel`: each row's cell texts by `id(lokasi)`, when the caller computed them already.
    """
    teks_sel = teks_sel or {}
    if kelompok is None:
        kelompok = rencana_lampiran1(isi)
    jumlah = list(halaman_per_potongan or (len(b) for b in kelompok))
    return [
        _html(
            "sk_lampiran1",
            isi,
            halaman=[
                mark_safe("".join(_baris_html(lok, teks_sel.get(id(lok))) for lok in h))
                for h in bagian
            ],
            pertama=i == 0,
            terakhir=i == len(kelompok) - 1,
            kolom=sk_tata.KOLOM,
            grup=sk_tata.grup_kolom(),
            nomor_awal=sum(jumlah[:i]),
            jumlah_halaman=sum(jumlah),
            tanpa_catatan_draf=not catatan_draf,
        )
        for i, bagian in enumerate(kelompok)
    ]


def html_catatan_draf(isi: sk_isi.IsiSK) -> str:
    """The draft note alone on one landscape page, to draw over every page of Lampiran I."""
    return _html("sk_catatan_draf", isi)


def rencana_lampiran1(
    isi: sk_isi.IsiSK,
    potongan: int | None = None,
    teks_sel: Mapping[int, Sequence[str]] | None = None,
) -> list:
    """Plan the pages and group them into chunks (see sk_tata)."""
    halaman = sk_tata.rencana_halaman(isi, teks_sel)
    return sk_tata.bagi_halaman(halaman, potongan or POTONGAN_LAMPIRAN1)


def cache_lampiran1() -> pdf.CachePDF | None:
    """The cache of Lampiran I's rendered chunks (settings KUMUH_SK_CACHE_DIR, "" turns it off;
    KUMUH_SK_CACHE_MB bounds it). Under MEDIA_ROOT by default: private like the SK's files, and
    shared by the web server and the background workers that share the media folder."""
    folder = getattr(settings, "KUMUH_SK_CACHE_DIR", None)
    if folder == "":
        return None
    if folder is None:
        folder = Path(settings.MEDIA_ROOT) / "cache" / "sk-lampiran1"
    mb = getattr(settings, "KUMUH_SK_CACHE_MB", 200)
    return pdf.CachePDF(folder, maks_bita=int(mb * 1024 * 1024))


_CACHE_BAWAAN = object()


def pdf_lampiran1(
    isi: sk_isi.IsiSK,
    kemajuan: Kemajuan | None = None,
    *,
    potongan: int | None = None,
    proses: int | None = None,
    cache=_CACHE_BAWAAN,
) -> bytes:
    """Render the Daftar Lokasi in parallel chunks that number their own pages.

    Chunks come from the chunk cache when their HTML was rendered before (`cache`: a
    kumuh.pdf.CachePDF, None for no cache, by default `cache_lampiran1()`); so editing one row
    of a draft re-renders one chunk. A draft's note ("data per <time>") changes with every
    render, so it is left out of the chunks and laid over the joined pages (rendered beside
    the chunks, in the same pool).

    Should a chunk come out with more pages than planned (the estimate of sk_tata missed), the
    chunks are rendered once more with the real counts, so the numbers are always right.
    """
    if cache is _CACHE_BAWAAN:
        cache = cache_lampiran1()
    pdf.panaskan(proses)  # start the workers while the pages are planned
    # Each row's 16 texts, computed once for planning and for the HTML (0.5 ms a row).
    teks_sel = {id(lok): sk_tata.sel_lampiran1(lok) for lok in isi.lokasi}
    kelompok = rencana_lampiran1(isi, potongan, teks_sel)
    rencana = [len(b) for b in kelompok]

    def render(jumlah: Sequence[int] | None, lapor: Kemajuan | None) -> tuple[list[bytes], list]:
        html = html_lampiran1(
            isi,
            kelompok=kelompok,
            halaman_per_potongan=jumlah,
            catatan_draf=False,
            teks_sel=teks_sel,
        )
        segar = [html_catatan_draf(isi)] if isi.draf else []
        hasil = pdf.render_paralel(
            html, proses=proses, kemajuan=lapor, cache=cache, segar=segar, selalu_pool=True
        )
        return hasil[: len(html)], hasil[len(html) :]

    hasil, lapisan = render(None, kemajuan)
    nyata = [pdf.jumlah_halaman(h) for h in hasil]
    if nyata != rencana:
        log.warning("Lampiran I: halaman %s, rencana %s; dirender ulang", nyata, rencana)
        hasil, lapisan = render(nyata, None)
    return pdf.gabung(hasil, lapisan=lapisan[0] if lapisan else None)


# --- Lampiran II -----------------------------------------------------------------------------


def html_lampiran2(isi: sk_isi.IsiSK) -> str:
    svg = sk_peta.peta_sebaran(
        isi.lokasi, lebar_mm=277, tinggi_mm=148, kecamatan=isi.batas_kecamatan
    )
    return _html("sk_lampiran2", isi, svg=svg)


def pdf_lampiran2(isi: sk_isi.IsiSK, kemajuan: Kemajuan | None = None) -> bytes:
    hasil = _bernomor([pdf.render_pdf(html_lampiran2(isi))])
    if kemajuan:
        kemajuan(1, 1)
    return hasil


# --- Lampiran III ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AspekProfil:
    kode: int
    nama: str
    kriteria: list[sk_isi.KriteriaSK]
    skor: int | None


@dataclass(frozen=True)
class FotoCetak:
    url: str
    keterangan: str


@dataclass(frozen=True)
class ProfilCetak:
    """One lokasi's page of the Buku Profil, shaped for the template."""

    lokasi: sk_isi.LokasiSK
    peta: str
    aspek: list[AspekProfil]
    tahapan: tuple
    pasal_pola: str
    tipologi: list[tuple[str, str]]
    foto: list[FotoCetak]
    # Each RT unit with its 16 scores in criteria order (None where the unit has none).
    unit: list[tuple[sk_isi.UnitSK, list[int | None]]] = field(default_factory=list)
    kode_kriteria: tuple[str, ...] = rumus.KODE_KRITERIA

    @property
    def jenis_kelamin_cocok(self) -> bool:
        """Whether the lokasi's split by sex adds up to the survey's penduduk."""
        lok = self.lokasi
        return (lok.penduduk_laki_laki or 0) + (lok.penduduk_perempuan or 0) == (
            lok.jumlah_penduduk or 0
        )

    @property
    def penguasaan(self) -> str:
        return _tanda(self.lokasi.status_penguasaan)

    @property
    def rtr(self) -> str:
        return _tanda(self.lokasi.kesesuaian_rtr)


def _tanda(nilai: bool | None) -> str:
    """Tabel 3 B writes legalitas inputs as (+) or (−)."""
    return "–" if nilai is None else ("(+) ya" if nilai else "(−) tidak")


def _foto_cetak(foto: sk_isi.FotoSK) -> FotoCetak | None:
    """Return the photo as a file URL for WeasyPrint, or None when the file is gone."""
    try:
        jalur = Path(default_storage.path(foto.berkas))
    except NotImplementedError:  # a storage without local paths: not printable offline
        return None
    return FotoCetak(jalur.as_uri(), foto.keterangan) if jalur.exists() else None


def profil_cetak(lokasi: sk_isi.LokasiSK, semua: Sequence[sk_isi.LokasiSK]) -> ProfilCetak:
    per_aspek: dict[int, list[sk_isi.KriteriaSK]] = {}
    for k in lokasi.kriteria:
        per_aspek.setdefault(k.aspek, []).append(k)
    return ProfilCetak(
        lokasi=lokasi,
        peta=sk_peta.peta_lokasi(lokasi, semua, lebar_mm=80, tinggi_mm=62),
        aspek=[
            AspekProfil(a.kode, a.nama, per_aspek.get(a.kode, []), lokasi.skor_aspek.get(a.kode))
            for a in rumus.ASPEK
        ],
        tahapan=sk_isi.TAHAPAN_POLA.get(lokasi.pola_penanganan, ()),
        pasal_pola=sk_isi.PASAL_POLA.get(lokasi.pola_penanganan, ""),
        tipologi=[(t, teks) for t in lokasi.tipologi if (teks := sk_isi.pertimbangan_tipologi(t))],
        foto=[f for f in map(_foto_cetak, lokasi.foto) if f],
        unit=[(u, [u.skor.get(k) for k in rumus.KODE_KRITERIA]) for u in lokasi.unit],
    )


def html_lampiran3(
    isi: sk_isi.IsiSK, *, lokasi_per_potongan: int = LOKASI_PER_POTONGAN
) -> list[str]:
    potongan = _potong(isi.lokasi, lokasi_per_potongan)
    return [
        _html(
            "sk_lampiran3",
            isi,
            profil=[profil_cetak(lok, isi.lokasi) for lok in bagian],
            pertama=i == 0,
        )
        for i, bagian in enumerate(potongan)
    ]


def pdf_lampiran3(
    isi: sk_isi.IsiSK,
    kemajuan: Kemajuan | None = None,
    *,
    lokasi_per_potongan: int = LOKASI_PER_POTONGAN,
    proses: int | None = None,
) -> bytes:
    pdf.panaskan(proses)
    potongan = html_lampiran3(isi, lokasi_per_potongan=lokasi_per_potongan)
    return _bernomor(pdf.render_paralel(potongan, proses=proses, kemajuan=kemajuan))


# --- all parts -------------------------------------------------------------------------------

_PEMBUAT = {
    "keputusan": pdf_keputusan,
    "lampiran1": pdf_lampiran1,
    "lampiran2": pdf_lampiran2,
    "lampiran3": pdf_lampiran3,
}
# Relative cost of each part, to turn per-part progress into one bar.
_BOBOT = {"keputusan": 1, "lampiran1": 3, "lampiran2": 1, "lampiran3": 15}


def pdf_sk(isi: sk_isi.IsiSK, bagian: str, kemajuan: Kemajuan | None = None) -> bytes:
    """Render one part, or all the SK's parts joined ("semua"), each numbered on its own."""
    if bagian != SEMUA:
        return _PEMBUAT[bagian](isi, kemajuan)
    nama_bagian = bagian_sk(isi.dengan_buku_profil)
    total = sum(_BOBOT[nama] for nama in nama_bagian)
    selesai = 0
    hasil = []
    for nama in nama_bagian:
        pembuat = _PEMBUAT[nama]

        def lapor(k: int, n: int, awal=selesai, bobot=_BOBOT[nama]) -> None:
            if kemajuan:
                kemajuan(awal * n + bobot * k, total * n)

        hasil.append(pembuat(isi, lapor))
        selesai += _BOBOT[nama]
    return pdf.gabung(hasil)
