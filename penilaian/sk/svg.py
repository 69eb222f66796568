"""Drawing kit for offline maps as SVG strings: geometry on paper, SVG elements, map furniture.

Pure (standard library and `kumuh.angka` only). WeasyPrint draws the SVG with its own engine,
so everything here keeps to plain SVG 1.1 (path, circle, line, rect, text, g with transform)
with presentation attributes only. User units are millimetres; coordinates are written with
at most 2 decimals, so the output is deterministic. `penilaian.sk.peta` draws the SK's maps
with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from kumuh import angka

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

# --- sizes (mm) -------------------------------------------------------------------------------

WARNA_TEKS = "#1a1a1a"
HALO = 0.8  # white stroke under labels
UKURAN_GRATIKUL = 2.1
PANJANG_TIK = 1.5
SUDUT_BEBAS = 9.0  # no graticule label this close to a frame corner (labels would collide)
UKURAN_SKALA = 2.1
TINGGI_BATANG = 1.4  # scale bar thickness
TINGGI_PANAH = 7.0  # north arrow, without its "U"


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


def _sisi(cincin: Cincin) -> Iterable[tuple[Titik, Titik]]:
    """Return the edges of a ring, closing it whether or not its last point repeats the first."""
    return zip(cincin, cincin[1:] + cincin[:1], strict=True)


def luas_bertanda(cincin: Cincin) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in _sisi(cincin)) / 2


def titik_tengah(cincin: Cincin) -> Titik:
    """Return the area-weighted centroid of a ring (the vertex mean if it has no area)."""
    luas = luas_bertanda(cincin)
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


def di_dalam(titik: Titik, cincin: Cincin) -> bool:
    """Tell whether a point lies inside a ring (even-odd ray casting; the edge is either)."""
    x, y = titik
    dalam = False
    for (x0, y0), (x1, y1) in _sisi(cincin):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            dalam = not dalam
    return dalam


def titik_label(cincin: Cincin) -> Titik:
    """Return a point inside a ring to write its name at: the centroid when it is inside,
    else the middle of the widest horizontal span through the ring near the centroid's height
    (a crescent or an L-shaped kecamatan has its centroid outside)."""
    tengah = titik_tengah(cincin)
    if di_dalam(tengah, cincin):
        return tengah
    atas = min(p[1] for p in cincin)
    tinggi = max(p[1] for p in cincin) - atas
    terbaik, lebar_terbaik = tengah, -1.0
    # The centroid's height first, then heights moving away from it.
    for langkah in sorted(range(1, 20), key=lambda i: abs(atas + tinggi * i / 20 - tengah[1])):
        y = atas + tinggi * langkah / 20
        potong = sorted(
            x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            for (x0, y0), (x1, y1) in _sisi(cincin)
            if (y0 > y) != (y1 > y)
        )
        for kiri, kanan in zip(potong[::2], potong[1::2], strict=False):
            if kanan - kiri > lebar_terbaik:
                terbaik, lebar_terbaik = ((kiri + kanan) / 2, y), kanan - kiri
        if lebar_terbaik > 0:
            return terbaik
    return terbaik


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


def lebar_teks(teks: str, ukuran: float, *, spasi: float = 0.0, besar: bool = False) -> float:
    """Estimate the width of a text in mm."""
    return len(teks) * (ukuran * (LEBAR_HURUF_BESAR if besar else LEBAR_HURUF) + spasi)


# --- SVG writing -----------------------------------------------------------------------------


def mm(v: float) -> str:
    """Write a coordinate with at most 2 decimals: 12.50 → "12.5"."""
    teks = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if teks in ("-0", "") else teks


def _atribut(atribut: dict[str, object]) -> str:
    bagian = []
    for kunci, nilai in atribut.items():
        if nilai is None:
            continue
        teks = mm(nilai) if isinstance(nilai, float) else str(nilai)
        bagian.append(f' {kunci.rstrip("_").replace("_", "-")}="{escape(teks)}"')
    return "".join(bagian)


def elemen(tag: str, **atribut: object) -> str:
    return f"<{tag}{_atribut(atribut)}/>"


def tulisan(x: float, y: float, isi: str, **atribut: object) -> str:
    return f'<text x="{mm(x)}" y="{mm(y)}"{_atribut(atribut)}>{escape(isi, quote=False)}</text>'


def grup(isi: Iterable[str], **atribut: object) -> str:
    return f"<g{_atribut(atribut)}>{''.join(isi)}</g>"


def jalur(cincin_cincin: Iterable[Cincin]) -> str:
    """Return path data of closed rings: "M x y L x y x y … Z"."""
    bagian = []
    for cincin in cincin_cincin:
        if len(cincin) > 1 and cincin[0] == cincin[-1]:
            cincin = cincin[:-1]  # GeoJSON repeats the first point; Z closes the ring anyway
        if len(cincin) < 3:
            continue
        (x0, y0), *sisa = cincin
        titik = " ".join(f"{mm(x)} {mm(y)}" for x, y in sisa)
        bagian.append(f"M{mm(x0)} {mm(y0)}L{titik}Z")
    return "".join(bagian)


def dengan_halo(teks: list[str], **atribut: object) -> str:
    """Draw texts twice: a white stroked halo under all of them, then the letters."""
    return grup(
        [
            grup(teks, fill="#fff", stroke="#fff", stroke_width=HALO, stroke_linejoin="round"),
            grup(teks),
        ],
        **atribut,
    )


def dokumen(lebar_mm: float, tinggi_mm: float, isi: Iterable[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{mm(lebar_mm)}mm" '
        f'height="{mm(tinggi_mm)}mm" viewBox="0 0 {mm(lebar_mm)} {mm(tinggi_mm)}" '
        f'font-family="{HURUF}">{"".join(isi)}</svg>'
    )


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
        elemen("rect", x=kotak.x, y=kotak.y, width=kotak.lebar, height=kotak.tinggi,
            fill="#fff", fill_opacity="0.85"),
        elemen("path", d=jalur([kiri]), fill=WARNA_TEKS),
        elemen("path", d=jalur([kanan]), fill="#fff"),
        elemen("path", d=jalur([[(x, atas), (x - lebar / 2, bawah), (x, leher),
                               (x + lebar / 2, bawah)]]),
            fill="none", stroke=WARNA_TEKS, stroke_width=0.25, stroke_linejoin="round"),
        tulisan(x, y + ukuran_u * 0.9, "U", font_size=ukuran_u, font_weight="bold",
              text_anchor="middle", fill=WARNA_TEKS),
    ]  # fmt: skip
    return grup(isi), kotak


def skala_batang(x: float, y: float, skala: float, lebar_sasaran: float) -> tuple[str, Kotak]:
    """Draw a scale bar of a round length near `lebar_sasaran` mm, its bottom left at (x, y).

    `skala` is mm per metre. Four two-tone segments, labelled 0, half (left out when it would
    touch its neighbours) and the full length, both in the unit of the full length.
    """
    meter = panjang_bulat(lebar_sasaran / skala)
    panjang = meter * skala
    km = meter >= 1000
    teks_setengah, teks_penuh = label_jarak(meter / 2, km), label_jarak(meter, km)
    lebar_setengah = lebar_teks(teks_setengah, UKURAN_SKALA)
    lebar_penuh = lebar_teks(teks_penuh, UKURAN_SKALA)
    atas_batang = y - TINGGI_BATANG
    dasar_label = atas_batang - 0.8
    atas = dasar_label - UKURAN_SKALA - 0.6
    kanan = x + panjang + lebar_penuh / 2 + 1.5
    kotak = Kotak(x - 2.0, atas, kanan - (x - 2.0), y + 1.2 - atas)
    ruas = [
        elemen("rect", x=x + i * panjang / 4, y=atas_batang, width=panjang / 4,
            height=TINGGI_BATANG, fill=WARNA_TEKS if i % 2 == 0 else "#fff")
        for i in range(4)
    ]  # fmt: skip
    label = [tulisan(x, dasar_label, "0")]
    if panjang / 2 >= (lebar_setengah + lebar_penuh) / 2 + 2.5:
        label.append(tulisan(x + panjang / 2, dasar_label, teks_setengah))
    label.append(tulisan(x + panjang, dasar_label, teks_penuh))
    isi = [
        elemen("rect", x=kotak.x, y=kotak.y, width=kotak.lebar, height=kotak.tinggi,
            fill="#fff", fill_opacity="0.85"),
        grup(ruas, stroke=WARNA_TEKS, stroke_width=0.2),
        grup(label, font_size=UKURAN_SKALA, text_anchor="middle", fill=WARNA_TEKS),
    ]  # fmt: skip
    return grup(isi), kotak


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
            garis.append(elemen("line", x1=x, y1=y - arah * PANJANG_TIK, x2=x, y2=y + arah * 0.8))
        if bingkai.x + SUDUT_BEBAS <= x <= bingkai.kanan - SUDUT_BEBAS:
            label = label_dms(Decimal(detik) / 3600, "bujur")
            teks.append(tulisan(x, bingkai.y - PANJANG_TIK - 0.5, label))
            teks.append(
                tulisan(x, bingkai.bawah + PANJANG_TIK + 0.5 + UKURAN_GRATIKUL * 0.75, label)
            )
    for detik in tik_lintang:
        _, y = proyeksi.xy(0, detik / 3600)
        for x, arah in ((bingkai.x, 1), (bingkai.kanan, -1)):
            garis.append(elemen("line", x1=x - arah * PANJANG_TIK, y1=y, x2=x + arah * 0.8, y2=y))
        if bingkai.y + SUDUT_BEBAS <= y <= bingkai.bawah - SUDUT_BEBAS:
            label = label_dms(Decimal(detik) / 3600, "lintang")
            for x in (
                bingkai.x - PANJANG_TIK - 0.5,
                bingkai.kanan + PANJANG_TIK + 0.5 + UKURAN_GRATIKUL * 0.75,
            ):
                teks.append(
                    f'<g transform="translate({mm(x)} {mm(y)}) rotate(-90)">'
                    f"{tulisan(0, 0, label)}</g>"
                )
    return grup(garis, stroke=WARNA_TEKS, stroke_width=0.2) + grup(
        teks, font_size=UKURAN_GRATIKUL, text_anchor="middle", fill=WARNA_TEKS
    )
