"""The SK's PDF files: Keputusan, Lampiran I (Daftar Lokasi), II (Peta Sebaran), III (Buku Profil).

Everything reads only `sk_isi.IsiSK`, so a draft and an issued SK render through the same code.
Lampiran I, the long table, is drawn straight onto PDF pages (penilaian.sk.lampiran1, laid out
by penilaian.sk.tata); the other parts are HTML templates in `templates/penilaian/cetak/`
rendered by WeasyPrint, the Buku Profil in chunks on parallel processes (`kumuh.pdf`). Each part
is numbered on its own ("Halaman 3 dari 19"), as an SK numbers each annex: Lampiran I numbers
its own pages; the other parts get the numbers stamped on the joined file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

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


# Lokasi per chunk of the Buku Profil (2–3 pages each); also the progress step.
LOKASI_PER_POTONGAN = 5
NOMOR_HALAMAN = "Halaman {n} dari {total}"

Kemajuan = Callable[[int, int], None]


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


def cache_lampiran1() -> pdf.CachePDF | None:
    """The cache of Lampiran I's drawn pages (settings KUMUH_SK_CACHE_DIR, "" turns it off;
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
    cache=_CACHE_BAWAAN,
) -> bytes:
    """Draw the Daftar Lokasi (penilaian.sk.lampiran1, pages laid out by penilaian.sk.tata).

    The drawn pages are kept in the cache by what they print (`cache`: a kumuh.pdf.CachePDF,
    None for no cache, by default `cache_lampiran1()`), so a second download of unchanged
    content reads a file. A draft's note ("data per <time>") changes with every render: it is
    drawn on a one-page overlay laid over every page, never into the cached pages.
    """
    from penilaian.sk import lampiran1

    if cache is _CACHE_BAWAAN:
        cache = cache_lampiran1()
    halaman = sk_tata.tata_halaman(isi)
    kunci = cache.kunci(lampiran1.sidik(isi, halaman), None) if cache else ""
    data = cache.ambil(kunci) if cache else None
    if data is None:
        data = lampiran1.pdf_lampiran1(isi, halaman)
        if cache:
            cache.simpan(kunci, data)
    if isi.draf:
        data = pdf.gabung([data], lapisan=lampiran1.pdf_catatan_draf(isi))
    if kemajuan:
        kemajuan(1, 1)
    return data


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


def panaskan(bagian: str) -> None:
    """Start the WeasyPrint workers in the background if rendering `bagian` will use them
    (every part but Lampiran I, which is drawn without WeasyPrint in the calling process)."""
    if bagian != "lampiran1":
        pdf.panaskan()


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
