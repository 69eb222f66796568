"""Maps of an SK penetapan lokasi kumuh as SVG strings: Lampiran II and the Buku Profil pages.

Pure (standard library, `kumuh.angka`, `penilaian.sk.isi`, `penilaian.rumus` and the drawing
kit `penilaian.sk.svg`) and offline: no tiles, everything is drawn from the lokasi's
coordinates. WeasyPrint's own SVG engine renders it, so it keeps to plain SVG 1.1 with
presentation attributes only: no CSS classes, filters, markers, clip paths or `paint-order`. A
label's white halo is the same text drawn first with a white stroke.

User units are millimetres (the viewBox equals the paper size), so every size below is in mm.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from penilaian.rumus import PRIORITAS
from penilaian.sk.isi import LokasiSK
from penilaian.sk.svg import (
    LEBAR_HURUF,
    WARNA_TEKS,
    Kotak,
    Poligon,
    Proyeksi,
    Titik,
    dengan_halo,
    di_dalam,
    dokumen,
    elemen,
    gratikul,
    grup,
    jalur,
    lebar_teks,
    luas_bertanda,
    panah_utara,
    potong_kotak,
    skala_batang,
    titik_label,
    titik_tengah,
    tulisan,
)

# --- palette and type ------------------------------------------------------------------------

# Prioritas 1 (most urgent) to 9: ColorBrewer YlOrRd, the same as static/css/prioritas.css, so
# paper and screen agree.
WARNA_PRIORITAS: dict[int, str] = {
    1: "#800026",
    2: "#bd0026",
    3: "#e31a1c",
    4: "#fc4e2a",
    5: "#fd8d3c",
    6: "#feb24c",
    7: "#fed976",
    8: "#ffeda0",
    9: "#ffffcc",
}
WARNA_LAIN = "#bdbdbd"  # a prioritas outside 1–9 (should not happen)
WARNA_GARIS = "#3b2a20"  # boundary stroke, as on screen
WARNA_KECAMATAN = "#6b6b6b"
WARNA_BATAS_KECAMATAN = "#7a7a7a"  # kecamatan boundary: grey dashes, under the lokasi
WARNA_TETANGGA = "#e4e4e4"  # neighbour lokasi on a profile map: present but not the subject
WARNA_GARIS_TETANGGA = "#9e9e9e"
WARNA_TEKS_TETANGGA = "#757575"

# --- sizes (mm) ------------------------------------------------------------------------------

# Peta sebaran (Lampiran II, A4 landscape).
TEPI = 7.0  # around the map frame: room for the graticule labels outside it
LEBAR_PANEL = 64.0  # the legend panel on the right
SELA_DALAM = 13.0  # frame to nearest lokasi: keeps the corners free for north arrow and scale
LUAS_MIN_SEBARAN = 800.0  # metres: a single lokasi is not blown up into a giant blob

# Peta lokasi (one page of the Buku Profil).
LUAS_MIN_LOKASI = 400.0  # metres
SELA_LOKASI = 0.3  # of the lokasi's own size, added on each side so its surroundings show
TEPI_LOKASI = 2.0  # frame to the fitted extent

JARI_TITIK = 2.2  # a lokasi known only by its point
GARIS_BATAS = 0.25  # boundary stroke
GARIS_KECAMATAN = 0.3
POLA_KECAMATAN = "1.8 0.9"  # dash, gap (mm): the convention for an administrative boundary
UKURAN_NOMOR = 2.8  # lokasi number: bold, readable at arm's length
UKURAN_KECAMATAN = 2.5
SPASI_KECAMATAN = 0.35  # letter-spacing: the cartographic convention for area names

# Legend panel.
UKURAN_JUDUL = 3.2
UKURAN_LEGENDA = 3.4
UKURAN_BARIS = 2.5
UKURAN_CATATAN = 2.2
BARIS_LEGENDA = 5.6  # height of a legend row
CONTOH_LEBAR, CONTOH_TINGGI = 7.0, 4.2  # colour swatch
CATATAN_MAKS_BARIS = 8  # the note of lokasi without coordinates is cut after this


@dataclass(frozen=True)
class _Fitur:
    """What can be drawn of one lokasi, in degrees: its polygons, or else its point."""

    lokasi: LokasiSK
    poligon: tuple[Poligon, ...]
    titik: Titik | None

    def koordinat(self) -> list[Titik]:
        if self.poligon:
            return [p for pol in self.poligon for cincin in pol for p in cincin]
        return [self.titik] if self.titik else []


def _fitur(lokasi: LokasiSK) -> _Fitur | None:
    """Return the drawable geometry of a lokasi, or None when it has no coordinates."""
    poligon = tuple(_poligon_batas(lokasi.batas))
    titik = None
    if lokasi.lintang is not None and lokasi.bujur is not None:
        titik = (float(lokasi.bujur), float(lokasi.lintang))
    if not poligon and titik is None:
        return None
    return _Fitur(lokasi, poligon, titik)


def _poligon_batas(batas: dict | None) -> list[Poligon]:
    """Read a GeoJSON Polygon / MultiPolygon into polygons of (lon, lat); skip what is broken."""
    if not isinstance(batas, dict):
        return []
    jenis, koordinat = batas.get("type"), batas.get("coordinates")
    if jenis == "Polygon":
        daftar = [koordinat]
    elif jenis == "MultiPolygon" and isinstance(koordinat, list):
        daftar = koordinat
    else:
        return []
    hasil = []
    for pol in daftar:
        try:
            cincin_cincin = [[(float(p[0]), float(p[1])) for p in c] for c in pol]
        except (TypeError, ValueError, IndexError):
            continue
        cincin_cincin = [c for c in cincin_cincin if len(c) >= 3]
        if cincin_cincin:
            hasil.append(cincin_cincin)
    return hasil


def warna_prioritas(prioritas: int) -> str:
    """Return the fill colour of a prioritas (1 darkest … 9 lightest)."""
    return WARNA_PRIORITAS.get(prioritas, WARNA_LAIN)


# --- drawing a set of lokasi -----------------------------------------------------------------


@dataclass
class _Label:
    """A number label: where its lokasi is (anchor) and where the text went (x, y)."""

    teks: str
    jangkar: Titik
    x: float
    y: float
    lebar: float
    tinggi: float

    @property
    def kotak(self) -> Kotak:
        return Kotak(self.x - self.lebar / 2, self.y - self.tinggi / 2, self.lebar, self.tinggi)


@dataclass(frozen=True)
class _Bentuk:
    """A lokasi's shape on paper: a path of its rings or a circle, and where its label goes."""

    tag: str
    atribut: dict[str, object]
    tengah: Titik
    kotak: Kotak

    def svg(self, **cat: object) -> str:
        return elemen(self.tag, **self.atribut, **cat)


def _bentuk(fitur: _Fitur, proyeksi: Proyeksi, potong: Kotak | None = None) -> _Bentuk | None:
    """Project a lokasi; the label goes to the centroid of its largest ring, else its point.

    With `potong`, rings are clipped to it (the label to what is left of the largest ring) and
    None is returned when nothing is left in it.
    """
    if fitur.poligon:
        pol_mm = [[[proyeksi.xy(*p) for p in c] for c in pol] for pol in fitur.poligon]
        cincin_cincin = [c for pol in pol_mm for c in pol]
        luar = [pol[0] for pol in pol_mm]
        if potong is not None:
            cincin_cincin = [c for c in (potong_kotak(c, potong) for c in cincin_cincin) if c]
            luar = [c for c in (potong_kotak(c, potong) for c in luar) if c]
            if not luar:
                return None
        terbesar = max(luar, key=lambda c: abs(luas_bertanda(c)))
        return _Bentuk(
            "path",
            {"d": jalur(cincin_cincin)},
            titik_tengah(terbesar),
            Kotak.dari_titik(p for c in luar for p in c),
        )
    assert fitur.titik is not None
    x, y = proyeksi.xy(*fitur.titik)
    if potong is not None and not potong.berisi(x, y):
        return None
    kotak = Kotak(x - JARI_TITIK, y - JARI_TITIK, 2 * JARI_TITIK, 2 * JARI_TITIK)
    return _Bentuk("circle", {"cx": x, "cy": y, "r": JARI_TITIK}, (x, y), kotak)


# Where a number goes when its spot is taken, in label widths and heights: below first, then
# right, then the other sides; never further than two lines, so it stays near its lokasi.
GESER_LABEL = (
    (0, 1), (1, 0), (1, 1), (0, -1), (-1, 0), (-1, 1), (1, -1), (-1, -1), (0, 2), (0, -2),
)  # fmt: skip


def _atur_label(label: list[_Label], batas: Kotak) -> None:
    """Move a label that would cover an earlier one next to its spot, keeping it in `batas`.

    When every nearby spot is taken too (a crowded cluster) the label stays on its lokasi.
    """
    # Placed boxes by grid cell, so each label is checked against its neighbours only.
    sel = UKURAN_NOMOR * 4
    petak: dict[tuple[int, int], list[Kotak]] = {}

    def bebas(kotak: Kotak) -> bool:
        return not any(
            kotak.bertumpuk(k)
            for i in range(math.floor(kotak.x / sel) - 1, math.floor(kotak.kanan / sel) + 1)
            for j in range(math.floor(kotak.y / sel) - 1, math.floor(kotak.bawah / sel) + 1)
            for k in petak.get((i, j), ())
        )

    for lb in label:
        x0 = min(max(lb.x, batas.x + lb.lebar / 2), batas.kanan - lb.lebar / 2)
        y0 = min(max(lb.y, batas.y + lb.tinggi / 2), batas.bawah - lb.tinggi / 2)
        lb.x, lb.y = x0, y0
        if not bebas(lb.kotak):
            for dx, dy in GESER_LABEL:
                lb.x, lb.y = x0 + dx * lb.lebar, y0 + dy * lb.tinggi
                if batas.memuat(lb.kotak) and bebas(lb.kotak):
                    break
            else:
                lb.x, lb.y = x0, y0
        kotak = lb.kotak
        petak.setdefault((math.floor(kotak.x / sel), math.floor(kotak.y / sel)), []).append(kotak)


def _buat_label(teks: str, titik: Titik) -> _Label:
    # Box a little larger than the glyphs, so nudged labels do not touch.
    return _Label(
        teks, titik, titik[0], titik[1], lebar_teks(teks, UKURAN_NOMOR) + 0.6, UKURAN_NOMOR
    )


def _gambar_label(label: Sequence[_Label], warna: str = WARNA_TEKS) -> str:
    """Draw number labels (bold, haloed) with a thin leader to those moved off their lokasi."""
    garis = [
        elemen("line", x1=lb.jangkar[0], y1=lb.jangkar[1], x2=lb.x, y2=lb.y)
        for lb in label
        if math.dist(lb.jangkar, (lb.x, lb.y)) > UKURAN_NOMOR * 0.8
    ]
    # Baseline a third of the font size below the middle: the digits sit centred on the point.
    teks = [tulisan(lb.x, lb.y + UKURAN_NOMOR * 0.36, lb.teks) for lb in label]
    leader = grup(garis, stroke=warna, stroke_width=0.15) if garis else ""
    return leader + dengan_halo(
        teks, font_size=UKURAN_NOMOR, font_weight="bold", text_anchor="middle", fill=warna
    )


def _label_kecamatan(
    label: Sequence[_Label],
    kecamatan: Sequence[str],
    batas: Kotak,
    rintangan: Sequence[Kotak],
    bentuk: Sequence[Kotak],
    wilayah: Mapping[str, Sequence[list[Titik]]] | None = None,
) -> str:
    """Write "KEC. …" for each kecamatan, off the numbers and the lokasi shapes.

    A kecamatan with a boundary (`wilayah`: its projected outer rings by name) is named inside
    it, near a point within its largest ring, lokasi or not; one without is named near the
    middle of its lokasi's numbers. `rintangan` (north arrow, scale bar) and the numbers must
    not be covered; `bentuk` (the lokasi shapes' boxes) should be covered as little as possible.
    """
    wilayah = wilayah or {}
    kelompok: dict[str, list[_Label]] = {}
    for lb, nama in zip(label, kecamatan, strict=True):
        if nama.strip():
            kelompok.setdefault(nama.strip(), []).append(lb)
    keras = [lb.kotak for lb in label] + list(rintangan)
    teks = []
    for nama in sorted({*kelompok, *wilayah}):
        isi = f"KEC. {nama.upper()}"
        lebar = lebar_teks(isi, UKURAN_KECAMATAN, spasi=SPASI_KECAMATAN, besar=True)
        dalam = None
        if wilayah.get(nama):
            cincin = wilayah[nama]
            terbesar = max(cincin, key=lambda c: abs(luas_bertanda(c)))
            pusat = titik_label(terbesar)

            def dalam(titik: Titik, cincin=cincin) -> bool:
                return any(di_dalam(titik, c) for c in cincin)

        else:
            anggota = kelompok[nama]
            pusat = (
                sum(lb.x for lb in anggota) / len(anggota),
                sum(lb.y for lb in anggota) / len(anggota),
            )
        kotak = _tempat_kecamatan(
            pusat, lebar, UKURAN_KECAMATAN * 1.2, batas, keras, bentuk, dalam=dalam
        )
        keras.append(kotak)
        x, y = kotak.tengah
        teks.append(tulisan(x, y + UKURAN_KECAMATAN * 0.36, isi))
    if not teks:
        return ""
    return dengan_halo(
        teks,
        font_size=UKURAN_KECAMATAN,
        font_style="italic",
        letter_spacing=SPASI_KECAMATAN,
        text_anchor="middle",
        fill=WARNA_KECAMATAN,
    )


def _tempat_kecamatan(
    pusat: Titik,
    lebar: float,
    tinggi: float,
    batas: Kotak,
    keras: Sequence[Kotak],
    lunak: Sequence[Kotak],
    *,
    dalam: Callable[[Titik], bool] | None = None,
) -> Kotak:
    """Choose the box near `pusat` covering no `keras` box and the least of the `lunak` ones.

    With `dalam`, only boxes whose middle it accepts (inside the kecamatan) are candidates.

    Candidates lie on a grid around `pusat` (rows a line apart, columns a third of the text
    apart); the cost is 1000 per covered hard box, the covered soft area in mm², and half a
    point per mm from `pusat`. Ties keep the first candidate, so the result is deterministic.
    """
    # Only boxes within reach of a candidate count.
    jangkauan = Kotak(
        pusat[0] - lebar * 7 / 6, pusat[1] - tinggi * 9.4, lebar * 7 / 3, tinggi * 18.8
    )
    keras = [k for k in keras if k.bertumpuk(jangkauan)]
    lunak = [k for k in lunak if k.bertumpuk(jangkauan)]
    terbaik, biaya_terbaik = None, math.inf
    for baris in range(-8, 9):
        for kolom in range(-2, 3):
            x = pusat[0] + kolom * lebar / 3
            y = pusat[1] + baris * tinggi * 1.1
            kotak = Kotak(x - lebar / 2, y - tinggi / 2, lebar, tinggi)
            if not batas.memuat(kotak) or (dalam is not None and not dalam((x, y))):
                continue
            biaya = (
                1000 * sum(kotak.bertumpuk(k) for k in keras)
                + sum(kotak.irisan(k) for k in lunak)
                + 0.5 * math.dist(pusat, (x, y))
            )
            if biaya < biaya_terbaik:
                terbaik, biaya_terbaik = kotak, biaya
    if terbaik is None:  # wider than the frame: centre it on the group anyway
        return Kotak(pusat[0] - lebar / 2, pusat[1] - tinggi / 2, lebar, tinggi)
    return terbaik


# --- peta sebaran (Lampiran II) --------------------------------------------------------------


def peta_sebaran(
    lokasi: Sequence[LokasiSK],
    *,
    lebar_mm: float = 277,
    tinggi_mm: float = 180,
    judul: str = "",
    kecamatan: Mapping[str, dict | None] | None = None,
) -> str:
    """Draw the Lampiran II map of all lokasi of a kab/kota, with its legend panel, as SVG.

    `kecamatan`: the kab/kota's kecamatan boundaries (GeoJSON) by name, drawn when given; the
    map then spans the whole kab/kota and names each kecamatan inside its boundary.
    """
    panel = Kotak(lebar_mm - 1 - LEBAR_PANEL, TEPI, LEBAR_PANEL, tinggi_mm - 2 * TEPI)
    bingkai = Kotak(TEPI, TEPI, panel.x - 2 * TEPI, tinggi_mm - 2 * TEPI)
    semua = [(lk, _fitur(lk)) for lk in lokasi]
    fitur = [f for _, f in semua if f is not None]
    tanpa_koordinat = [lk.nomor for lk, f in semua if f is None]
    wilayah = {
        nama: pol for nama, batas in (kecamatan or {}).items() if (pol := _poligon_batas(batas))
    }
    isi = [elemen("rect", x=0, y=0, width=lebar_mm, height=tinggi_mm, fill="#fff")]
    if fitur or wilayah:
        isi.append(_isi_peta_sebaran(fitur, bingkai, wilayah))
    else:
        isi.append(
            tulisan(*bingkai.tengah, "Tidak ada lokasi berkoordinat", font_size=UKURAN_LEGENDA,
                  text_anchor="middle", fill=WARNA_KECAMATAN)
        )  # fmt: skip
    isi.append(
        elemen("rect", x=bingkai.x, y=bingkai.y, width=bingkai.lebar, height=bingkai.tinggi,
            fill="none", stroke=WARNA_TEKS, stroke_width=0.35)
    )  # fmt: skip
    isi.append(_panel_legenda(panel, lokasi, tanpa_koordinat, judul, bool(wilayah)))
    return dokumen(lebar_mm, tinggi_mm, isi)


def _isi_peta_sebaran(
    fitur: Sequence[_Fitur], bingkai: Kotak, wilayah: Mapping[str, list[Poligon]]
) -> str:
    """Draw the kecamatan boundaries, the lokasi, their labels and the map furniture."""
    proyeksi = Proyeksi(
        [
            *(p for f in fitur for p in f.koordinat()),
            *(p for pol in wilayah.values() for c in pol for cincin in c for p in cincin),
        ],
        bingkai.susut(SELA_DALAM),
        luas_min_m=LUAS_MIN_SEBARAN,
    )
    # Each kecamatan's rings on paper: all of them drawn, the outer ones hold its name.
    wilayah_mm = {
        nama: [[[proyeksi.xy(*p) for p in c] for c in pol] for pol in daftar]
        for nama, daftar in wilayah.items()
    }
    svg_wilayah = [
        elemen("path", d=jalur(c for pol in daftar for c in pol)) for daftar in wilayah_mm.values()
    ]
    urut_nomor = sorted(fitur, key=lambda f: f.lokasi.nomor)
    bentuk = [b for f in urut_nomor if (b := _bentuk(f, proyeksi))]  # never None unclipped
    # Where shapes overlap, the most urgent lokasi is drawn last so it stays visible.
    urut_gambar = sorted(range(len(urut_nomor)), key=lambda i: -urut_nomor[i].lokasi.prioritas)
    svg_bentuk = [
        bentuk[i].svg(fill=warna_prioritas(urut_nomor[i].lokasi.prioritas)) for i in urut_gambar
    ]
    label = [
        _buat_label(str(f.lokasi.nomor), b.tengah) for f, b in zip(urut_nomor, bentuk, strict=True)
    ]
    _atur_label(label, bingkai.susut(1.0))

    panah, kotak_panah = panah_utara(bingkai.kanan - 7.0, bingkai.y + 2.0)
    batang, kotak_batang = skala_batang(
        bingkai.x + 5.0, bingkai.bawah - 4.0, proyeksi.skala, bingkai.lebar / 5
    )
    kecamatan = _label_kecamatan(
        label,
        [f.lokasi.kecamatan_utama for f in urut_nomor],
        bingkai.susut(1.0),
        [kotak_panah, kotak_batang],
        [b.kotak for b in bentuk],
        {nama: [pol[0] for pol in daftar] for nama, daftar in wilayah_mm.items()},
    )
    return "".join(
        [
            grup(svg_wilayah, fill="none", stroke=WARNA_BATAS_KECAMATAN,
                  stroke_width=GARIS_KECAMATAN, stroke_dasharray=POLA_KECAMATAN,
                  stroke_linejoin="round") if svg_wilayah else "",
            grup(svg_bentuk, stroke=WARNA_GARIS, stroke_width=GARIS_BATAS,
                  stroke_linejoin="round", fill_rule="evenodd"),
            kecamatan,
            _gambar_label(label),
            gratikul(proyeksi, bingkai),
            panah,
            batang,
        ]
    )  # fmt: skip


def _kelas_prioritas() -> dict[int, list[str]]:
    kelas: dict[int, list[str]] = {}
    for k, p in PRIORITAS.items():
        kelas.setdefault(p, []).append(k)
    return kelas


def _panel_legenda(
    panel: Kotak,
    lokasi: Sequence[LokasiSK],
    tanpa_koordinat: Sequence[int],
    judul: str,
    batas_kecamatan: bool = False,
) -> str:
    """Draw the side panel: title, LEGENDA with all 9 prioritas and counts, symbols, notes."""
    kiri, kanan = panel.x + 3.0, panel.kanan - 3.0
    lebar = kanan - kiri
    isi = [
        elemen("rect", x=panel.x, y=panel.y, width=panel.lebar, height=panel.tinggi,
            fill="#fff", stroke=WARNA_TEKS, stroke_width=0.35)
    ]  # fmt: skip
    y = panel.y + 3.0
    if judul.strip():
        muat = max(10, int(lebar / (UKURAN_JUDUL * LEBAR_HURUF * 1.05)))
        for baris in textwrap.wrap(judul.strip(), muat):
            y += UKURAN_JUDUL * 1.3
            isi.append(tulisan(panel.x + panel.lebar / 2, y, baris, font_size=UKURAN_JUDUL,
                             font_weight="bold", text_anchor="middle"))  # fmt: skip
        y += 3.0
        isi.append(elemen("line", x1=panel.x, y1=y, x2=panel.kanan, y2=y, stroke=WARNA_TEKS,
                       stroke_width=0.25))  # fmt: skip
    y += UKURAN_LEGENDA + 3.0
    isi.append(tulisan(panel.x + panel.lebar / 2, y, "LEGENDA", font_size=UKURAN_LEGENDA,
                     font_weight="bold", text_anchor="middle", letter_spacing=0.3))  # fmt: skip
    y += 5.5
    isi.append(tulisan(kiri, y, "Prioritas penanganan", font_size=UKURAN_BARIS, font_weight="bold"))
    y += 2.0

    jumlah = dict.fromkeys(WARNA_PRIORITAS, 0)
    for lk in lokasi:
        jumlah[lk.prioritas] = jumlah.get(lk.prioritas, 0) + 1
    kelas = _kelas_prioritas()
    for p, warna in WARNA_PRIORITAS.items():
        redup = jumlah[p] == 0
        teks_warna = "#8a8a8a" if redup else WARNA_TEKS
        dasar = y + CONTOH_TINGGI / 2 + UKURAN_BARIS * 0.36
        isi += [
            elemen("rect", x=kiri, y=y, width=CONTOH_LEBAR, height=CONTOH_TINGGI, fill=warna,
                stroke=WARNA_GARIS, stroke_width=GARIS_BATAS),
            tulisan(kiri + CONTOH_LEBAR + 2.0, dasar,
                  f"Prioritas {p} ({', '.join(kelas.get(p, []))})", fill=teks_warna),
            tulisan(kanan, dasar, f"{jumlah[p]} lokasi", text_anchor="end", fill=teks_warna),
        ]  # fmt: skip
        y += BARIS_LEGENDA
    lain = sum(n for p, n in jumlah.items() if p not in WARNA_PRIORITAS)
    if lain:
        isi.append(tulisan(kiri, y + 3.0, f"Prioritas lain: {lain} lokasi"))
        y += BARIS_LEGENDA
    y += 1.0
    isi.append(elemen("line", x1=kiri, y1=y, x2=kanan, y2=y, stroke="#b0b0b0", stroke_width=0.2))
    y += 2.5
    simbol = _simbol_legenda(kiri, y, batas_kecamatan)
    isi += simbol
    y += (5 if batas_kecamatan else 4) * BARIS_LEGENDA + 2.0
    isi.append(tulisan(kiri, y, f"Jumlah: {len(lokasi)} lokasi", font_weight="bold"))
    y += 1.5

    if tanpa_koordinat:
        catatan = (
            f"Tanpa koordinat ({len(tanpa_koordinat)} lokasi, tidak digambar): no. "
            + ", ".join(str(n) for n in tanpa_koordinat)
        )
        muat = max(10, int(lebar / (UKURAN_CATATAN * LEBAR_HURUF)))
        baris_baris = textwrap.wrap(catatan, muat)
        if len(baris_baris) > CATATAN_MAKS_BARIS:
            baris_baris = baris_baris[:CATATAN_MAKS_BARIS]
            baris_baris[-1] = baris_baris[-1].rstrip(",") + " …"
        for baris in baris_baris:
            y += UKURAN_CATATAN * 1.35
            isi.append(tulisan(kiri, y, baris, font_size=UKURAN_CATATAN))

    bawah = panel.bawah - 3.0
    isi.append(tulisan(kiri, bawah, "Sistem koordinat geografis (WGS 84)", font_size=UKURAN_CATATAN,
                     fill=WARNA_KECAMATAN))  # fmt: skip
    isi.append(tulisan(kiri, bawah - UKURAN_CATATAN * 1.35, "Sumber: hasil penilaian lokasi",
                     font_size=UKURAN_CATATAN, fill=WARNA_KECAMATAN))  # fmt: skip
    return grup(isi, font_size=UKURAN_BARIS, fill=WARNA_TEKS)


def _simbol_legenda(kiri: float, y: float, batas_kecamatan: bool = False) -> list[str]:
    """Draw the symbol rows: boundary, point, number, kecamatan name, and the kecamatan
    boundary when the map draws it (tops from y)."""
    tengah_x, tengah_y = kiri + CONTOH_LEBAR / 2, y + CONTOH_TINGGI / 2
    tx = kiri + CONTOH_LEBAR + 2.0
    dasar = tengah_y + UKURAN_BARIS * 0.36
    b = BARIS_LEGENDA
    simbol = [
        elemen("rect", x=kiri, y=y, width=CONTOH_LEBAR, height=CONTOH_TINGGI, fill="#fff",
            stroke=WARNA_GARIS, stroke_width=GARIS_BATAS),
        tulisan(tx, dasar, "Batas lokasi"),
        elemen("circle", cx=tengah_x, cy=tengah_y + b, r=JARI_TITIK * 0.8, fill="#fff",
            stroke=WARNA_GARIS, stroke_width=GARIS_BATAS),
        tulisan(tx, dasar + b, "Titik lokasi (tanpa batas)"),
        dengan_halo([tulisan(tengah_x, tengah_y + 2 * b + UKURAN_NOMOR * 0.36, "12")],
                     font_size=UKURAN_NOMOR, font_weight="bold", text_anchor="middle"),
        tulisan(tx, dasar + 2 * b, "Nomor lokasi (Lampiran I)"),
        tulisan(kiri, dasar + 3 * b, "KEC.", font_size=UKURAN_KECAMATAN, font_style="italic",
              letter_spacing=SPASI_KECAMATAN, fill=WARNA_KECAMATAN),
        tulisan(tx, dasar + 3 * b, "Nama kecamatan"),
    ]  # fmt: skip
    if batas_kecamatan:
        garis_y = tengah_y + 4 * b
        simbol += [
            elemen("line", x1=kiri, y1=garis_y, x2=kiri + CONTOH_LEBAR, y2=garis_y,
                   stroke=WARNA_BATAS_KECAMATAN, stroke_width=GARIS_KECAMATAN,
                   stroke_dasharray=POLA_KECAMATAN),
            tulisan(tx, dasar + 4 * b, "Batas kecamatan"),
        ]  # fmt: skip
    return simbol


# --- peta lokasi (Buku Profil) ---------------------------------------------------------------


def peta_lokasi(
    lokasi: LokasiSK,
    tetangga: Sequence[LokasiSK] = (),
    *,
    lebar_mm: float = 80,
    tinggi_mm: float = 60,
) -> str:
    """Draw a small map of one lokasi, its neighbours in grey, north arrow and scale, as SVG."""
    bingkai = Kotak(0, 0, lebar_mm, tinggi_mm).susut(0.2)
    isi = [elemen("rect", x=0, y=0, width=lebar_mm, height=tinggi_mm, fill="#fff")]
    utama = _fitur(lokasi)
    if utama is None:
        isi.append(
            tulisan(*bingkai.tengah, "Lokasi tanpa koordinat", font_size=UKURAN_BARIS,
                  text_anchor="middle", fill=WARNA_KECAMATAN)
        )  # fmt: skip
    else:
        isi.append(_isi_peta_lokasi(utama, tetangga, bingkai))
    isi.append(
        elemen("rect", x=bingkai.x, y=bingkai.y, width=bingkai.lebar, height=bingkai.tinggi,
            fill="none", stroke=WARNA_TEKS, stroke_width=0.3)
    )  # fmt: skip
    return dokumen(lebar_mm, tinggi_mm, isi)


def _di_pandangan(fitur: _Fitur, proyeksi: Proyeksi, bingkai: Kotak) -> bool:
    """Tell whether a lokasi's bounding box reaches into the frame (cheap, before projecting)."""
    bujur, lintang = zip(*fitur.koordinat(), strict=True)
    return (
        min(bujur) <= proyeksi.bujur(bingkai.kanan)
        and max(bujur) >= proyeksi.bujur(bingkai.x)
        and min(lintang) <= proyeksi.lintang(bingkai.y)
        and max(lintang) >= proyeksi.lintang(bingkai.bawah)
    )


def _isi_peta_lokasi(utama: _Fitur, tetangga: Sequence[LokasiSK], bingkai: Kotak) -> str:
    """Draw the lokasi centred, its neighbours clipped to the frame, and the map furniture."""
    proyeksi = Proyeksi(
        utama.koordinat(),
        bingkai.susut(TEPI_LOKASI),
        luas_min_m=LUAS_MIN_LOKASI,
        sela=SELA_LOKASI,
    )
    bentuk_tetangga, label_tetangga = [], []
    dalam = bingkai.susut(1.5)
    for lk in sorted(tetangga, key=lambda t: t.nomor):
        if (lk.lokasi_pk, lk.nomor) == (utama.lokasi.lokasi_pk, utama.lokasi.nomor):
            continue
        f = _fitur(lk)
        b = f and _di_pandangan(f, proyeksi, bingkai) and _bentuk(f, proyeksi, potong=bingkai)
        if not b:
            continue
        bentuk_tetangga.append(b.svg())
        if dalam.berisi(*b.tengah):  # the middle of what shows
            label_tetangga.append(_buat_label(str(lk.nomor), b.tengah))
    bentuk = _bentuk(utama, proyeksi, potong=bingkai)
    assert bentuk is not None  # the view is built around it
    label_utama = _buat_label(str(utama.lokasi.nomor), bentuk.tengah)
    # The lokasi's own number is placed first, so neighbours' numbers move out of its way.
    semua_label = [label_utama, *label_tetangga]
    _atur_label(semua_label, dalam)

    panah, kotak_panah = panah_utara(bingkai.kanan - 4.5, bingkai.y + 1.5, tinggi=5.0)
    batang, kotak_batang = skala_batang(
        bingkai.x + 3.5, bingkai.bawah - 2.0, proyeksi.skala, bingkai.lebar / 4
    )
    # A neighbour's number under the north arrow or scale bar is left out: it is only context.
    label_tetangga = [
        lb
        for lb in label_tetangga
        if not (lb.kotak.bertumpuk(kotak_panah) or lb.kotak.bertumpuk(kotak_batang))
    ]
    return "".join(
        [
            grup(bentuk_tetangga, fill=WARNA_TETANGGA, stroke=WARNA_GARIS_TETANGGA,
                  stroke_width=0.2, stroke_linejoin="round", fill_rule="evenodd"),
            grup([bentuk.svg(fill=warna_prioritas(utama.lokasi.prioritas))], stroke=WARNA_GARIS,
                  stroke_width=0.35, stroke_linejoin="round", fill_rule="evenodd"),
            _gambar_label(label_tetangga, WARNA_TEKS_TETANGGA) if label_tetangga else "",
            _gambar_label([label_utama]),
            panah,
            batang,
        ]
    )  # fmt: skip
