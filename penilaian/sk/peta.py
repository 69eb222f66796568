"""Maps of an SK penetapan lokasi kumuh as SVG strings: Lampiran II and the Buku Profil pages.

Pure (standard library, `kumuh.angka`, `penilaian.sk_isi` and `penilaian.rumus` only) and
offline: no tiles, everything is drawn from the lokasi's coordinates. The SVG is rendered by
WeasyPrint's own SVG engine, so it keeps to plain SVG 1.1 (path, circle, line, rect, text, g
with transform) with presentation attributes only: no CSS classes, filters, markers, clip paths
or `paint-order`. A label's white halo is the same text drawn first with a white stroke.

User units are millimetres (the viewBox equals the paper size), so every size below is in mm.
Coordinates are rounded to 2 decimals (1/100 mm) and the output is deterministic.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from kumuh import angka
from penilaian.rumus import PRIORITAS
from penilaian.sk.isi import LokasiSK

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
WARNA_TEKS = "#1a1a1a"
WARNA_KECAMATAN = "#6b6b6b"
WARNA_TETANGGA = "#e4e4e4"  # neighbour lokasi on a profile map: present but not the subject
WARNA_GARIS_TETANGGA = "#9e9e9e"
WARNA_TEKS_TETANGGA = "#757575"

HURUF = "Liberation Sans, DejaVu Sans, sans-serif"
# Average advance of a glyph per unit of font size (Liberation Sans): rough, only used to keep
# labels apart and inside the frame.
LEBAR_HURUF = 0.56
LEBAR_HURUF_BESAR = 0.68  # upper case

# --- geography -------------------------------------------------------------------------------

M_PER_DERAJAT = 111_320.0  # one degree of latitude (and of longitude at the equator), metres
# Graticule intervals in seconds of arc; the first giving at most GRATIKUL_MAKS ticks is used.
# Below 30" only for a map of a single small lokasi, which the 800 m minimum extent allows.
INTERVAL_GRATIKUL = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
GRATIKUL_MAKS = 6

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
UKURAN_NOMOR = 2.8  # lokasi number: bold, readable at arm's length
HALO = 0.8  # white stroke under labels
UKURAN_KECAMATAN = 2.5
SPASI_KECAMATAN = 0.35  # letter-spacing: the cartographic convention for area names
UKURAN_GRATIKUL = 2.1
PANJANG_TIK = 1.5
SUDUT_BEBAS = 9.0  # no graticule label this close to a frame corner (labels would collide)
UKURAN_SKALA = 2.1
TINGGI_BATANG = 1.4  # scale bar thickness
TINGGI_PANAH = 7.0  # north arrow, without its "U"

# Legend panel.
UKURAN_JUDUL = 3.2
UKURAN_LEGENDA = 3.4
UKURAN_BARIS = 2.5
UKURAN_CATATAN = 2.2
BARIS_LEGENDA = 5.6  # height of a legend row
CONTOH_LEBAR, CONTOH_TINGGI = 7.0, 4.2  # colour swatch
CATATAN_MAKS_BARIS = 8  # the note of lokasi without coordinates is cut after this


# --- geometry --------------------------------------------------------------------------------

Titik = tuple[float, float]
Cincin = list[Titik]
Poligon = list[Cincin]  # outer ring first, then holes


@dataclass(frozen=True)
class Kotak:
    """A rectangle on paper, in mm (y grows downwards)."""

    x: float
    y: float
    lebar: float
    tinggi: float

    @property
    def kanan(self) -> float:
        return self.x + self.lebar

    @property
    def bawah(self) -> float:
        return self.y + self.tinggi

    @property
    def tengah(self) -> Titik:
        return self.x + self.lebar / 2, self.y + self.tinggi / 2

    def susut(self, d: float) -> Kotak:
        """Return the rectangle shrunk by `d` on every side."""
        return Kotak(self.x + d, self.y + d, self.lebar - 2 * d, self.tinggi - 2 * d)

    def berisi(self, x: float, y: float) -> bool:
        return self.x <= x <= self.kanan and self.y <= y <= self.bawah

    def bertumpuk(self, lain: Kotak) -> bool:
        return (
            self.x < lain.kanan
            and lain.x < self.kanan
            and self.y < lain.bawah
            and lain.y < self.bawah
        )

    def irisan(self, lain: Kotak) -> float:
        """Return the area (mm²) shared with another rectangle."""
        lebar = min(self.kanan, lain.kanan) - max(self.x, lain.x)
        tinggi = min(self.bawah, lain.bawah) - max(self.y, lain.y)
        return max(lebar, 0.0) * max(tinggi, 0.0)

    def memuat(self, lain: Kotak) -> bool:
        return self.berisi(lain.x, lain.y) and self.berisi(lain.kanan, lain.bawah)

    @classmethod
    def dari_titik(cls, titik: Iterable[Titik]) -> Kotak:
        """Return the bounding box of points."""
        xs, ys = zip(*titik, strict=True)
        return cls(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


class Proyeksi:
    """Equirectangular projection around the extent's middle latitude, fitted into a Kotak.

    x = lon·cos(lat0), y = −lat, in metres, scaled (aspect kept) and centred in `area`. The
    extent is grown by `sela` of its size on each side and to at least `luas_min_m` metres.
    """

    def __init__(
        self, titik: Iterable[Titik], area: Kotak, *, luas_min_m: float, sela: float = 0.0
    ) -> None:
        semua = list(titik)
        if not semua:
            raise ValueError("proyeksi butuh sedikitnya satu titik")
        bujur = [p[0] for p in semua]
        lintang = [p[1] for p in semua]
        lat0 = (min(lintang) + max(lintang)) / 2
        self.kx = math.cos(math.radians(lat0)) * M_PER_DERAJAT  # metres per degree of lon
        x0, x1 = min(bujur) * self.kx, max(bujur) * self.kx
        y0, y1 = min(lintang) * M_PER_DERAJAT, max(lintang) * M_PER_DERAJAT
        lebar = max((x1 - x0) * (1 + 2 * sela), luas_min_m)
        tinggi = max((y1 - y0) * (1 + 2 * sela), luas_min_m)
        self.skala = min(area.lebar / lebar, area.tinggi / tinggi)  # mm per metre
        self._tengah_m = ((x0 + x1) / 2, (y0 + y1) / 2)
        self._tengah_mm = area.tengah

    def xy(self, lon: float, lat: float) -> Titik:
        """Return the paper position (mm) of a [lon, lat] coordinate."""
        return (
            self._tengah_mm[0] + (lon * self.kx - self._tengah_m[0]) * self.skala,
            self._tengah_mm[1] - (lat * M_PER_DERAJAT - self._tengah_m[1]) * self.skala,
        )

    def bujur(self, x: float) -> float:
        """Return the longitude at paper x (mm)."""
        return ((x - self._tengah_mm[0]) / self.skala + self._tengah_m[0]) / self.kx

    def lintang(self, y: float) -> float:
        """Return the latitude at paper y (mm)."""
        return (-(y - self._tengah_mm[1]) / self.skala + self._tengah_m[1]) / M_PER_DERAJAT


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


def _sisi(cincin: Cincin) -> Iterable[tuple[Titik, Titik]]:
    """Return the edges of a ring, closing it whether or not its last point repeats the first."""
    return zip(cincin, cincin[1:] + cincin[:1], strict=True)


def _luas_bertanda(cincin: Cincin) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in _sisi(cincin)) / 2


def titik_tengah(cincin: Cincin) -> Titik:
    """Return the area-weighted centroid of a ring (the vertex mean if it has no area)."""
    luas = _luas_bertanda(cincin)
    if abs(luas) < 1e-12:
        return (
            sum(p[0] for p in cincin) / len(cincin),
            sum(p[1] for p in cincin) / len(cincin),
        )
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in _sisi(cincin):
        silang = x0 * y1 - x1 * y0
        cx += (x0 + x1) * silang
        cy += (y0 + y1) * silang
    return cx / (6 * luas), cy / (6 * luas)


def potong_kotak(cincin: Cincin, kotak: Kotak) -> Cincin:
    """Clip a ring to a rectangle (Sutherland–Hodgman); an empty list when nothing is left."""
    sisi = (
        (lambda p: p[0] >= kotak.x, lambda a, b: _potong_x(a, b, kotak.x)),
        (lambda p: p[0] <= kotak.kanan, lambda a, b: _potong_x(a, b, kotak.kanan)),
        (lambda p: p[1] >= kotak.y, lambda a, b: _potong_y(a, b, kotak.y)),
        (lambda p: p[1] <= kotak.bawah, lambda a, b: _potong_y(a, b, kotak.bawah)),
    )
    hasil = list(cincin)
    for di_dalam, potong in sisi:
        masuk, hasil = hasil, []
        for i, b in enumerate(masuk):
            a = masuk[i - 1]
            if di_dalam(b):
                if not di_dalam(a):
                    hasil.append(potong(a, b))
                hasil.append(b)
            elif di_dalam(a):
                hasil.append(potong(a, b))
        if not hasil:
            return []
    return hasil


def _potong_x(a: Titik, b: Titik, x: float) -> Titik:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _potong_y(a: Titik, b: Titik, y: float) -> Titik:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


# --- labels: lengths and coordinates ---------------------------------------------------------


def panjang_bulat(meter: float) -> float:
    """Return the 1, 2 or 5 × 10ⁿ metres closest (by ratio) to `meter`."""
    if meter <= 0:
        raise ValueError("panjang harus positif")
    n = math.floor(math.log10(meter))
    calon = [k * 10.0**e for e in (n, n + 1) for k in (1, 2, 5)]
    return min(calon, key=lambda c: abs(math.log(c / meter)))


def label_jarak(meter: float, km: bool | None = None) -> str:
    """Write a distance with decimal comma: 250 → "250 m", 1500 → "1,5 km".

    `km` forces the unit (a scale bar labels its half in the unit of its full length); by
    default kilometres from 1000 m.
    """
    if km is None:
        km = meter >= 1000
    nilai, satuan = (meter / 1000, "km") if km else (meter, "m")
    teks = angka.format_desimal(Decimal(repr(round(nilai, 3))), 3)
    if "," in teks:
        teks = teks.rstrip("0").rstrip(",")
    return f"{teks} {satuan}"


def label_dms(derajat: float | Decimal, sumbu: str) -> str:
    """Write a graticule coordinate: 6° 53' LS, 109° 40' 30" BT (whole seconds shortened).

    `sumbu` is "lintang" or "bujur" as for `kumuh.angka.dms`, which gives the hemisphere.
    """
    teks = angka.dms(derajat, sumbu)
    teks = re.sub(r" 0,00\"", "", teks)  # 6° 53' 0,00" LS → 6° 53' LS
    return re.sub(r",00\"", '"', teks)  # 6° 53' 30,00" LS → 6° 53' 30" LS


def _lebar_teks(teks: str, ukuran: float, *, spasi: float = 0.0, besar: bool = False) -> float:
    """Estimate the width of a text in mm."""
    return len(teks) * (ukuran * (LEBAR_HURUF_BESAR if besar else LEBAR_HURUF) + spasi)


# --- SVG writing -----------------------------------------------------------------------------


def _n(v: float) -> str:
    """Write a coordinate with at most 2 decimals: 12.50 → "12.5"."""
    teks = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if teks in ("-0", "") else teks


def _atribut(atribut: dict[str, object]) -> str:
    bagian = []
    for kunci, nilai in atribut.items():
        if nilai is None:
            continue
        teks = _n(nilai) if isinstance(nilai, float) else str(nilai)
        bagian.append(f' {kunci.rstrip("_").replace("_", "-")}="{escape(teks)}"')
    return "".join(bagian)


def _el(tag: str, **atribut: object) -> str:
    return f"<{tag}{_atribut(atribut)}/>"


def _teks(x: float, y: float, isi: str, **atribut: object) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}"{_atribut(atribut)}>{escape(isi, quote=False)}</text>'


def _grup(isi: Iterable[str], **atribut: object) -> str:
    return f"<g{_atribut(atribut)}>{''.join(isi)}</g>"


def _jalur(cincin_cincin: Iterable[Cincin]) -> str:
    """Return path data of closed rings: "M x y L x y x y … Z"."""
    bagian = []
    for cincin in cincin_cincin:
        if len(cincin) > 1 and cincin[0] == cincin[-1]:
            cincin = cincin[:-1]  # GeoJSON repeats the first point; Z closes the ring anyway
        if len(cincin) < 3:
            continue
        (x0, y0), *sisa = cincin
        titik = " ".join(f"{_n(x)} {_n(y)}" for x, y in sisa)
        bagian.append(f"M{_n(x0)} {_n(y0)}L{titik}Z")
    return "".join(bagian)


def _dengan_halo(teks: list[str], **atribut: object) -> str:
    """Draw texts twice: a white stroked halo under all of them, then the letters."""
    return _grup(
        [
            _grup(teks, fill="#fff", stroke="#fff", stroke_width=HALO, stroke_linejoin="round"),
            _grup(teks),
        ],
        **atribut,
    )


def _svg(lebar_mm: float, tinggi_mm: float, isi: Iterable[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(lebar_mm)}mm" '
        f'height="{_n(tinggi_mm)}mm" viewBox="0 0 {_n(lebar_mm)} {_n(tinggi_mm)}" '
        f'font-family="{HURUF}">{"".join(isi)}</svg>'
    )


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
        return _el(self.tag, **self.atribut, **cat)


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
        terbesar = max(luar, key=lambda c: abs(_luas_bertanda(c)))
        return _Bentuk(
            "path",
            {"d": _jalur(cincin_cincin)},
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
        teks, titik, titik[0], titik[1], _lebar_teks(teks, UKURAN_NOMOR) + 0.6, UKURAN_NOMOR
    )


def _gambar_label(label: Sequence[_Label], warna: str = WARNA_TEKS) -> str:
    """Draw number labels (bold, haloed) with a thin leader to those moved off their lokasi."""
    garis = [
        _el("line", x1=lb.jangkar[0], y1=lb.jangkar[1], x2=lb.x, y2=lb.y)
        for lb in label
        if math.dist(lb.jangkar, (lb.x, lb.y)) > UKURAN_NOMOR * 0.8
    ]
    # Baseline a third of the font size below the middle: the digits sit centred on the point.
    teks = [_teks(lb.x, lb.y + UKURAN_NOMOR * 0.36, lb.teks) for lb in label]
    leader = _grup(garis, stroke=warna, stroke_width=0.15) if garis else ""
    return leader + _dengan_halo(
        teks, font_size=UKURAN_NOMOR, font_weight="bold", text_anchor="middle", fill=warna
    )


def _label_kecamatan(
    label: Sequence[_Label],
    kecamatan: Sequence[str],
    batas: Kotak,
    rintangan: Sequence[Kotak],
    bentuk: Sequence[Kotak],
) -> str:
    """Write "KEC. …" near the middle of each kecamatan's numbers, off numbers and shapes.

    `rintangan` (north arrow, scale bar) and the numbers must not be covered; `bentuk` (the
    lokasi shapes' boxes) should be covered as little as possible.
    """
    kelompok: dict[str, list[_Label]] = {}
    for lb, nama in zip(label, kecamatan, strict=True):
        if nama.strip():
            kelompok.setdefault(nama.strip(), []).append(lb)
    keras = [lb.kotak for lb in label] + list(rintangan)
    teks = []
    for nama in sorted(kelompok):
        anggota = kelompok[nama]
        isi = f"KEC. {nama.upper()}"
        lebar = _lebar_teks(isi, UKURAN_KECAMATAN, spasi=SPASI_KECAMATAN, besar=True)
        pusat = (
            sum(lb.x for lb in anggota) / len(anggota),
            sum(lb.y for lb in anggota) / len(anggota),
        )
        kotak = _tempat_kecamatan(pusat, lebar, UKURAN_KECAMATAN * 1.2, batas, keras, bentuk)
        keras.append(kotak)
        x, y = kotak.tengah
        teks.append(_teks(x, y + UKURAN_KECAMATAN * 0.36, isi))
    if not teks:
        return ""
    return _dengan_halo(
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
) -> Kotak:
    """Choose the box near `pusat` covering no `keras` box and the least of the `lunak` ones.

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
            if not batas.memuat(kotak):
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


# --- map furniture ---------------------------------------------------------------------------


def panah_utara(x: float, y: float, tinggi: float = TINGGI_PANAH) -> tuple[str, Kotak]:
    """Draw a north arrow with "U" (Utara) above it, its top centre at (x, y); return its box."""
    lebar = tinggi * 0.55
    ukuran_u = tinggi * 0.42
    atas = y + ukuran_u * 1.1  # tip of the arrow, under the letter
    bawah, leher = atas + tinggi, atas + tinggi * 0.72
    kiri = [(x, atas), (x - lebar / 2, bawah), (x, leher)]
    kanan = [(x, atas), (x + lebar / 2, bawah), (x, leher)]
    kotak = Kotak(x - lebar / 2 - 1.2, y - 0.8, lebar + 2.4, bawah - y + 1.6)
    isi = [
        _el("rect", x=kotak.x, y=kotak.y, width=kotak.lebar, height=kotak.tinggi,
            fill="#fff", fill_opacity="0.85"),
        _el("path", d=_jalur([kiri]), fill=WARNA_TEKS),
        _el("path", d=_jalur([kanan]), fill="#fff"),
        _el("path", d=_jalur([[(x, atas), (x - lebar / 2, bawah), (x, leher),
                               (x + lebar / 2, bawah)]]),
            fill="none", stroke=WARNA_TEKS, stroke_width=0.25, stroke_linejoin="round"),
        _teks(x, y + ukuran_u * 0.9, "U", font_size=ukuran_u, font_weight="bold",
              text_anchor="middle", fill=WARNA_TEKS),
    ]  # fmt: skip
    return _grup(isi), kotak


def skala_batang(x: float, y: float, skala: float, lebar_sasaran: float) -> tuple[str, Kotak]:
    """Draw a scale bar of a round length near `lebar_sasaran` mm, its bottom left at (x, y).

    `skala` is mm per metre. Four two-tone segments, labelled 0, half (left out when it would
    touch its neighbours) and the full length, both in the unit of the full length.
    """
    meter = panjang_bulat(lebar_sasaran / skala)
    panjang = meter * skala
    km = meter >= 1000
    teks_setengah, teks_penuh = label_jarak(meter / 2, km), label_jarak(meter, km)
    lebar_setengah = _lebar_teks(teks_setengah, UKURAN_SKALA)
    lebar_penuh = _lebar_teks(teks_penuh, UKURAN_SKALA)
    atas_batang = y - TINGGI_BATANG
    dasar_label = atas_batang - 0.8
    atas = dasar_label - UKURAN_SKALA - 0.6
    kanan = x + panjang + lebar_penuh / 2 + 1.5
    kotak = Kotak(x - 2.0, atas, kanan - (x - 2.0), y + 1.2 - atas)
    ruas = [
        _el("rect", x=x + i * panjang / 4, y=atas_batang, width=panjang / 4,
            height=TINGGI_BATANG, fill=WARNA_TEKS if i % 2 == 0 else "#fff")
        for i in range(4)
    ]  # fmt: skip
    label = [_teks(x, dasar_label, "0")]
    if panjang / 2 >= (lebar_setengah + lebar_penuh) / 2 + 2.5:
        label.append(_teks(x + panjang / 2, dasar_label, teks_setengah))
    label.append(_teks(x + panjang, dasar_label, teks_penuh))
    isi = [
        _el("rect", x=kotak.x, y=kotak.y, width=kotak.lebar, height=kotak.tinggi,
            fill="#fff", fill_opacity="0.85"),
        _grup(ruas, stroke=WARNA_TEKS, stroke_width=0.2),
        _grup(label, font_size=UKURAN_SKALA, text_anchor="middle", fill=WARNA_TEKS),
    ]  # fmt: skip
    return _grup(isi), kotak


def tik_gratikul(awal: float, akhir: float) -> list[int]:
    """Return the graticule ticks (in seconds of arc) between two coordinates in degrees."""
    a, b = sorted((awal * 3600, akhir * 3600))
    # Beyond the list (more than 12° across: no kab/kota) whole degrees, at most 6 ticks.
    cadangan = 3600 * math.ceil((b - a) / 3600 / GRATIKUL_MAKS)
    for interval in (*INTERVAL_GRATIKUL, cadangan):
        tik = range(math.ceil(a / interval), math.floor(b / interval) + 1)
        if len(tik) <= GRATIKUL_MAKS:
            break
    return [k * interval for k in tik]


def gratikul(proyeksi: Proyeksi, bingkai: Kotak) -> str:
    """Draw graticule ticks on the four frame edges with DMS labels outside it."""
    tik_bujur = tik_gratikul(proyeksi.bujur(bingkai.x), proyeksi.bujur(bingkai.kanan))
    tik_lintang = tik_gratikul(proyeksi.lintang(bingkai.bawah), proyeksi.lintang(bingkai.y))
    garis, teks = [], []
    for detik in tik_bujur:
        x, _ = proyeksi.xy(detik / 3600, 0)
        for y, arah in ((bingkai.y, 1), (bingkai.bawah, -1)):
            garis.append(_el("line", x1=x, y1=y - arah * PANJANG_TIK, x2=x, y2=y + arah * 0.8))
        if bingkai.x + SUDUT_BEBAS <= x <= bingkai.kanan - SUDUT_BEBAS:
            label = label_dms(Decimal(detik) / 3600, "bujur")
            teks.append(_teks(x, bingkai.y - PANJANG_TIK - 0.5, label))
            teks.append(_teks(x, bingkai.bawah + PANJANG_TIK + 0.5 + UKURAN_GRATIKUL * 0.75, label))
    for detik in tik_lintang:
        _, y = proyeksi.xy(0, detik / 3600)
        for x, arah in ((bingkai.x, 1), (bingkai.kanan, -1)):
            garis.append(_el("line", x1=x - arah * PANJANG_TIK, y1=y, x2=x + arah * 0.8, y2=y))
        if bingkai.y + SUDUT_BEBAS <= y <= bingkai.bawah - SUDUT_BEBAS:
            label = label_dms(Decimal(detik) / 3600, "lintang")
            for x in (
                bingkai.x - PANJANG_TIK - 0.5,
                bingkai.kanan + PANJANG_TIK + 0.5 + UKURAN_GRATIKUL * 0.75,
            ):
                teks.append(
                    f'<g transform="translate({_n(x)} {_n(y)}) rotate(-90)">'
                    f"{_teks(0, 0, label)}</g>"
                )
    return _grup(garis, stroke=WARNA_TEKS, stroke_width=0.2) + _grup(
        teks, font_size=UKURAN_GRATIKUL, text_anchor="middle", fill=WARNA_TEKS
    )


# --- peta sebaran (Lampiran II) --------------------------------------------------------------


def peta_sebaran(
    lokasi: Sequence[LokasiSK],
    *,
    lebar_mm: float = 277,
    tinggi_mm: float = 180,
    judul: str = "",
) -> str:
    """Draw the Lampiran II map of all lokasi of a kab/kota, with its legend panel, as SVG."""
    panel = Kotak(lebar_mm - 1 - LEBAR_PANEL, TEPI, LEBAR_PANEL, tinggi_mm - 2 * TEPI)
    bingkai = Kotak(TEPI, TEPI, panel.x - 2 * TEPI, tinggi_mm - 2 * TEPI)
    semua = [(lk, _fitur(lk)) for lk in lokasi]
    fitur = [f for _, f in semua if f is not None]
    tanpa_koordinat = [lk.nomor for lk, f in semua if f is None]
    isi = [_el("rect", x=0, y=0, width=lebar_mm, height=tinggi_mm, fill="#fff")]
    if fitur:
        isi.append(_isi_peta_sebaran(fitur, bingkai))
    else:
        isi.append(
            _teks(*bingkai.tengah, "Tidak ada lokasi berkoordinat", font_size=UKURAN_LEGENDA,
                  text_anchor="middle", fill=WARNA_KECAMATAN)
        )  # fmt: skip
    isi.append(
        _el("rect", x=bingkai.x, y=bingkai.y, width=bingkai.lebar, height=bingkai.tinggi,
            fill="none", stroke=WARNA_TEKS, stroke_width=0.35)
    )  # fmt: skip
    isi.append(_panel_legenda(panel, lokasi, tanpa_koordinat, judul))
    return _svg(lebar_mm, tinggi_mm, isi)


def _isi_peta_sebaran(fitur: Sequence[_Fitur], bingkai: Kotak) -> str:
    """Draw the lokasi, their labels and the map furniture inside the frame."""
    proyeksi = Proyeksi(
        (p for f in fitur for p in f.koordinat()),
        bingkai.susut(SELA_DALAM),
        luas_min_m=LUAS_MIN_SEBARAN,
    )
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
    )
    return "".join(
        [
            _grup(svg_bentuk, stroke=WARNA_GARIS, stroke_width=GARIS_BATAS,
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
    panel: Kotak, lokasi: Sequence[LokasiSK], tanpa_koordinat: Sequence[int], judul: str
) -> str:
    """Draw the side panel: title, LEGENDA with all 9 prioritas and counts, symbols, notes."""
    kiri, kanan = panel.x + 3.0, panel.kanan - 3.0
    lebar = kanan - kiri
    isi = [
        _el("rect", x=panel.x, y=panel.y, width=panel.lebar, height=panel.tinggi,
            fill="#fff", stroke=WARNA_TEKS, stroke_width=0.35)
    ]  # fmt: skip
    y = panel.y + 3.0
    if judul.strip():
        muat = max(10, int(lebar / (UKURAN_JUDUL * LEBAR_HURUF * 1.05)))
        for baris in textwrap.wrap(judul.strip(), muat):
            y += UKURAN_JUDUL * 1.3
            isi.append(_teks(panel.x + panel.lebar / 2, y, baris, font_size=UKURAN_JUDUL,
                             font_weight="bold", text_anchor="middle"))  # fmt: skip
        y += 3.0
        isi.append(_el("line", x1=panel.x, y1=y, x2=panel.kanan, y2=y, stroke=WARNA_TEKS,
                       stroke_width=0.25))  # fmt: skip
    y += UKURAN_LEGENDA + 3.0
    isi.append(_teks(panel.x + panel.lebar / 2, y, "LEGENDA", font_size=UKURAN_LEGENDA,
                     font_weight="bold", text_anchor="middle", letter_spacing=0.3))  # fmt: skip
    y += 5.5
    isi.append(_teks(kiri, y, "Prioritas penanganan", font_size=UKURAN_BARIS, font_weight="bold"))
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
            _el("rect", x=kiri, y=y, width=CONTOH_LEBAR, height=CONTOH_TINGGI, fill=warna,
                stroke=WARNA_GARIS, stroke_width=GARIS_BATAS),
            _teks(kiri + CONTOH_LEBAR + 2.0, dasar,
                  f"Prioritas {p} ({', '.join(kelas.get(p, []))})", fill=teks_warna),
            _teks(kanan, dasar, f"{jumlah[p]} lokasi", text_anchor="end", fill=teks_warna),
        ]  # fmt: skip
        y += BARIS_LEGENDA
    lain = sum(n for p, n in jumlah.items() if p not in WARNA_PRIORITAS)
    if lain:
        isi.append(_teks(kiri, y + 3.0, f"Prioritas lain: {lain} lokasi"))
        y += BARIS_LEGENDA
    y += 1.0
    isi.append(_el("line", x1=kiri, y1=y, x2=kanan, y2=y, stroke="#b0b0b0", stroke_width=0.2))
    y += 2.5
    isi += _simbol_legenda(kiri, y)
    y += 4 * BARIS_LEGENDA + 2.0
    isi.append(_teks(kiri, y, f"Jumlah: {len(lokasi)} lokasi", font_weight="bold"))
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
            isi.append(_teks(kiri, y, baris, font_size=UKURAN_CATATAN))

    bawah = panel.bawah - 3.0
    isi.append(_teks(kiri, bawah, "Sistem koordinat geografis (WGS 84)", font_size=UKURAN_CATATAN,
                     fill=WARNA_KECAMATAN))  # fmt: skip
    isi.append(_teks(kiri, bawah - UKURAN_CATATAN * 1.35, "Sumber: hasil penilaian lokasi",
                     font_size=UKURAN_CATATAN, fill=WARNA_KECAMATAN))  # fmt: skip
    return _grup(isi, font_size=UKURAN_BARIS, fill=WARNA_TEKS)


def _simbol_legenda(kiri: float, y: float) -> list[str]:
    """Draw the symbol rows: boundary, point, number, kecamatan name (tops from y)."""
    tengah_x, tengah_y = kiri + CONTOH_LEBAR / 2, y + CONTOH_TINGGI / 2
    tx = kiri + CONTOH_LEBAR + 2.0
    dasar = tengah_y + UKURAN_BARIS * 0.36
    b = BARIS_LEGENDA
    return [
        _el("rect", x=kiri, y=y, width=CONTOH_LEBAR, height=CONTOH_TINGGI, fill="#fff",
            stroke=WARNA_GARIS, stroke_width=GARIS_BATAS),
        _teks(tx, dasar, "Batas lokasi"),
        _el("circle", cx=tengah_x, cy=tengah_y + b, r=JARI_TITIK * 0.8, fill="#fff",
            stroke=WARNA_GARIS, stroke_width=GARIS_BATAS),
        _teks(tx, dasar + b, "Titik lokasi (tanpa batas)"),
        _dengan_halo([_teks(tengah_x, tengah_y + 2 * b + UKURAN_NOMOR * 0.36, "12")],
                     font_size=UKURAN_NOMOR, font_weight="bold", text_anchor="middle"),
        _teks(tx, dasar + 2 * b, "Nomor lokasi (Lampiran I)"),
        _teks(kiri, dasar + 3 * b, "KEC.", font_size=UKURAN_KECAMATAN, font_style="italic",
              letter_spacing=SPASI_KECAMATAN, fill=WARNA_KECAMATAN),
        _teks(tx, dasar + 3 * b, "Nama kecamatan"),
    ]  # fmt: skip


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
    isi = [_el("rect", x=0, y=0, width=lebar_mm, height=tinggi_mm, fill="#fff")]
    utama = _fitur(lokasi)
    if utama is None:
        isi.append(
            _teks(*bingkai.tengah, "Lokasi tanpa koordinat", font_size=UKURAN_BARIS,
                  text_anchor="middle", fill=WARNA_KECAMATAN)
        )  # fmt: skip
    else:
        isi.append(_isi_peta_lokasi(utama, tetangga, bingkai))
    isi.append(
        _el("rect", x=bingkai.x, y=bingkai.y, width=bingkai.lebar, height=bingkai.tinggi,
            fill="none", stroke=WARNA_TEKS, stroke_width=0.3)
    )  # fmt: skip
    return _svg(lebar_mm, tinggi_mm, isi)


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
            _grup(bentuk_tetangga, fill=WARNA_TETANGGA, stroke=WARNA_GARIS_TETANGGA,
                  stroke_width=0.2, stroke_linejoin="round", fill_rule="evenodd"),
            _grup([bentuk.svg(fill=warna_prioritas(utama.lokasi.prioritas))], stroke=WARNA_GARIS,
                  stroke_width=0.35, stroke_linejoin="round", fill_rule="evenodd"),
            _gambar_label(label_tetangga, WARNA_TEKS_TETANGGA) if label_tetangga else "",
            _gambar_label([label_utama]),
            panah,
            batang,
        ]
    )  # fmt: skip
