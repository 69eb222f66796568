"""Bar charts as inline SVG strings, drawn on the server (no script, no CDN; they print).

Pure (standard library and `kumuh.angka`). Every bar carries its value as text, so a chart
printed in grey still reads; the page prints each chart's table beneath it anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from kumuh import angka

# Colours that stay apart in greyscale (dark → light), heaviest tingkat darkest.
WARNA = ("#8c2d04", "#d94801", "#fdae6b", "#31688e", "#6ece58", "#777777", "#b5b5b5", "#3b0f70")
WARNA_TERANG = frozenset({"#fdae6b", "#6ece58", "#b5b5b5"})
HURUF = "Liberation Sans, DejaVu Sans, sans-serif"
LEBAR_HURUF = 0.56  # average glyph advance per unit of font size


@dataclass(frozen=True)
class Seri:
    nama: str
    nilai: tuple[Decimal, ...]
    warna: str = ""


def _teks(
    x: float,
    y: float,
    isi: str,
    *,
    ukuran: float = 11,
    jangkar: str = "start",
    tebal: bool = False,
    warna: str = "#1a1a1a",
) -> str:
    berat = ' font-weight="bold"' if tebal else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{ukuran}" text-anchor="{jangkar}"'
        f'{berat} fill="{warna}">{escape(isi)}</text>'
    )


def _lebar_teks(isi: str, ukuran: float) -> float:
    return len(isi) * ukuran * LEBAR_HURUF


def _bungkus(lebar: float, tinggi: float, judul: str, isi: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {lebar:.0f} '
        f'{tinggi:.0f}" width="{lebar:.0f}" height="{tinggi:.0f}" role="img" '
        f'aria-label="{escape(judul)}" font-family="{HURUF}"><title>{escape(judul)}</title>'
        + "".join(isi)
        + "</svg>"
    )


def _legenda(seri: Sequence[Seri], x: float, y: float) -> list[str]:
    isi = []
    for i, s in enumerate(seri):
        warna = s.warna or WARNA[i % len(WARNA)]
        isi.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{warna}"/>')
        isi.append(_teks(x + 14, y, s.nama, ukuran=12))
        x += 14 + _lebar_teks(s.nama, 12) + 16
    return isi


def batang_bertumpuk(
    kategori: Sequence[str],
    seri: Sequence[Seri],
    *,
    judul: str,
    format_nilai: Callable[[Decimal], str] = angka.format_hektar,
) -> str:
    """Vertical stacked bars, one per category (a year), one segment per series, with the
    total over each bar."""
    tinggi_plot, kaki, kepala = 220.0, 34.0, 44.0
    lebar_batang, jarak = 64.0, 28.0
    kiri = 12.0
    lebar = max(kiri * 2 + len(kategori) * (lebar_batang + jarak), 480.0)
    total = [sum((s.nilai[i] for s in seri), Decimal(0)) for i in range(len(kategori))]
    puncak = max(total, default=Decimal(0)) or Decimal(1)
    isi = _legenda(seri, kiri, 16)
    dasar = kepala + tinggi_plot
    isi.append(
        f'<line x1="{kiri}" y1="{dasar}" x2="{lebar - kiri}" y2="{dasar}" stroke="#1a1a1a"/>'
    )
    for i, nama in enumerate(kategori):
        x = kiri + jarak / 2 + i * (lebar_batang + jarak)
        y = dasar
        for j, s in enumerate(seri):
            nilai = s.nilai[i]
            if nilai <= 0:
                continue
            h = float(nilai / puncak) * tinggi_plot
            y -= h
            warna = s.warna or WARNA[j % len(WARNA)]
            isi.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{lebar_batang}" height="{h:.1f}" '
                f'fill="{warna}" stroke="#ffffff" stroke-width="0.5"><title>'
                f"{escape(nama)} — {escape(s.nama)}: {escape(format_nilai(nilai))}</title></rect>"
            )
            if h >= 16:  # the segment's own value inside it, white on the darker colours
                teks_warna = "#1a1a1a" if warna in WARNA_TERANG else "#ffffff"
                isi.append(
                    _teks(
                        x + lebar_batang / 2,
                        y + h / 2 + 4,
                        format_nilai(nilai),
                        ukuran=10,
                        jangkar="middle",
                        warna=teks_warna,
                    )
                )
        isi.append(
            _teks(
                x + lebar_batang / 2,
                y - 4,
                format_nilai(total[i]),
                ukuran=12,
                jangkar="middle",
                tebal=True,
            )
        )
        isi.append(_teks(x + lebar_batang / 2, dasar + 18, nama, ukuran=12, jangkar="middle"))
    return _bungkus(lebar, dasar + kaki, judul, isi)


def batang_mendatar(
    label: Sequence[str],
    seri: Sequence[Seri],
    *,
    judul: str,
    format_nilai: Callable[[Decimal], str] = angka.format_hektar,
) -> str:
    """Horizontal bars, one group per label, one bar per series (e.g. alokasi, realisasi),
    each with its value at its end."""
    tinggi_batang, jarak_grup = 18.0, 12.0
    lebar_label = min(max((_lebar_teks(x, 12) for x in label), default=60.0) + 12, 240.0)
    lebar_plot, ruang_nilai = 460.0, 130.0
    lebar = lebar_label + lebar_plot + ruang_nilai
    kepala = 30.0 if len(seri) > 1 else 8.0
    puncak = max((n for s in seri for n in s.nilai), default=Decimal(0)) or Decimal(1)
    isi = _legenda(seri, 4, 16) if len(seri) > 1 else []
    tinggi_grup = len(seri) * tinggi_batang + jarak_grup
    for i, nama in enumerate(label):
        y0 = kepala + i * tinggi_grup
        teks = nama if _lebar_teks(nama, 12) <= lebar_label - 8 else nama[:30] + "…"
        isi.append(
            _teks(
                lebar_label - 6,
                y0 + len(seri) * tinggi_batang / 2 + 4,
                teks,
                ukuran=12,
                jangkar="end",
            )
        )
        for j, s in enumerate(seri):
            nilai = s.nilai[i]
            w = float(max(nilai, Decimal(0)) / puncak) * lebar_plot
            y = y0 + j * tinggi_batang
            warna = s.warna or WARNA[j % len(WARNA)]
            isi.append(
                f'<rect x="{lebar_label:.1f}" y="{y:.1f}" width="{w:.1f}" '
                f'height="{tinggi_batang - 2}" fill="{warna}"><title>{escape(nama)} — '
                f"{escape(s.nama)}: {escape(format_nilai(nilai))}</title></rect>"
            )
            isi.append(
                _teks(lebar_label + w + 4, y + tinggi_batang - 5, format_nilai(nilai), ukuran=11)
            )
    tinggi = kepala + len(label) * tinggi_grup + 4
    isi.append(
        f'<line x1="{lebar_label:.1f}" y1="{kepala - 4:.1f}" x2="{lebar_label:.1f}" '
        f'y2="{tinggi - 4:.1f}" stroke="#1a1a1a"/>'
    )
    return _bungkus(lebar, tinggi, judul, isi)


# --- the dashboard's charts -------------------------------------------------------------------


def grafik_tingkat(
    tahun: Sequence[int], tingkat: Sequence[str], luas: Sequence[Sequence[Decimal]]
) -> str:
    """Official hectares in force per year, stacked by tingkat (luas[tingkat][tahun])."""
    return batang_bertumpuk(
        [str(t) for t in tahun],
        [Seri(nama, tuple(baris)) for nama, baris in zip(tingkat, luas, strict=True)],
        judul="Luas kumuh resmi (ha) per tahun menurut tingkat kekumuhan",
    )


def grafik_kecamatan(kecamatan: Sequence[str], luas: Sequence[Decimal]) -> str:
    return batang_mendatar(
        kecamatan, [Seri("Luas (ha)", tuple(luas))], judul="Luas kumuh resmi (ha) per kecamatan"
    )


def grafik_kegiatan(status: Sequence[str], jumlah: Sequence[int]) -> str:
    return batang_mendatar(
        status,
        [Seri("Kegiatan", tuple(Decimal(n) for n in jumlah), "#31688e")],
        judul="Jumlah kegiatan menurut status",
        format_nilai=angka.format_bilangan,
    )


def grafik_dana(
    sumber: Sequence[str], alokasi: Sequence[Decimal], realisasi: Sequence[Decimal]
) -> str:
    return batang_mendatar(
        sumber,
        [
            Seri("Alokasi", tuple(alokasi), "#b5b5b5"),
            Seri("Realisasi", tuple(realisasi), "#31688e"),
        ],
        judul="Alokasi dan realisasi anggaran (Rp) menurut sumber dana",
        format_nilai=angka.format_rupiah,
    )
