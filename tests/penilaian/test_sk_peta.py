"""SK maps as SVG (penilaian.sk_peta): pure drawing, no database; one render through WeasyPrint."""

import itertools
import math
import random
import re
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from penilaian.sk import peta as sk_peta
from penilaian.sk import svg
from penilaian.sk.isi import LokasiSK
from penilaian.sk.peta import WARNA_PRIORITAS, peta_lokasi, peta_sebaran
from penilaian.sk.svg import (
    Kotak,
    Proyeksi,
    label_dms,
    label_jarak,
    panjang_bulat,
    potong_kotak,
    titik_tengah,
)

SVG = "{http://www.w3.org/2000/svg}"
KELAS = {1: "A1", 2: "B1", 3: "C1", 4: "A3", 5: "B3", 6: "C3", 7: "A5", 8: "B5", 9: "C5"}
KECAMATAN = ("Pekalongan Barat", "Pekalongan Timur", "Pekalongan Selatan", "Pekalongan Utara")
# Kota Pekalongan's middle.
LAT0, LON0 = -6.89, 109.67


def buat(
    nomor: int,
    *,
    lintang: float | None = None,
    bujur: float | None = None,
    batas: dict | None = None,
    prioritas: int = 2,
    kecamatan: tuple[str, ...] = ("Pekalongan Barat",),
    nama: str = "",
) -> LokasiSK:
    return LokasiSK(
        nomor=nomor,
        lokasi_pk=nomor,
        penilaian_pk=nomor,
        tahun_penilaian=2025,
        kode=f"L{nomor:03d}",
        nama=nama or f"Lokasi {nomor}",
        luas_ha=Decimal("5.00"),
        rt_rw="RT 01 / RW 02",
        kelurahan=("Kergon",),
        kecamatan=kecamatan,
        jumlah_penduduk=1000,
        kepadatan_penduduk=Decimal("200"),
        lintang=None if lintang is None else Decimal(str(lintang)),
        bujur=None if bujur is None else Decimal(str(bujur)),
        nilai_kekumuhan=45,
        tingkat_kekumuhan="Kumuh Sedang",
        nilai_pertimbangan_lain=30,
        tingkat_pertimbangan_lain="Tinggi",
        legalitas="Legal",
        klasifikasi=KELAS.get(prioritas, "A1"),
        prioritas=prioritas,
        pola_penanganan="Peremajaan",
        kewenangan="Pemerintah Daerah Kabupaten/Kota",
        batas=batas,
    )


def segienam(lintang: float, bujur: float, jari_m: float) -> dict:
    """Return a GeoJSON hexagon of radius `jari_m` metres around a point."""
    dlat = jari_m / 111_320
    dlon = dlat / math.cos(math.radians(lintang))
    cincin = [
        [
            round(bujur + dlon * math.cos(math.radians(60 * i)), 7),
            round(lintang + dlat * math.sin(math.radians(60 * i)), 7),
        ]
        for i in range(6)
    ]
    return {"type": "Polygon", "coordinates": [[*cincin, cincin[0]]]}


def data_pekalongan(n: int = 30, seed: int = 7, lebar_km: float = 6.0) -> list[LokasiSK]:
    """Lokasi spread over Kota Pekalongan: hexagons, some points only, no. 17 without any."""
    acak = random.Random(seed)
    setengah = lebar_km / 2 / 111.32
    hasil = []
    for nomor in range(1, n + 1):
        lat = LAT0 + acak.uniform(-setengah, setengah)
        lon = LON0 + acak.uniform(-setengah, setengah)
        # Quadrants: north of the middle is Utara, south Selatan, else west Barat / east Timur.
        if lat > LAT0 + setengah / 3:
            kec = "Pekalongan Utara"
        elif lat < LAT0 - setengah / 3:
            kec = "Pekalongan Selatan"
        else:
            kec = "Pekalongan Barat" if lon < LON0 else "Pekalongan Timur"
        prioritas = acak.randint(1, 9)
        if nomor == 17:
            hasil.append(buat(nomor, prioritas=prioritas, kecamatan=(kec,)))
        elif nomor % 9 == 4:
            hasil.append(
                buat(nomor, lintang=round(lat, 6), bujur=round(lon, 6), prioritas=prioritas,
                     kecamatan=(kec,))
            )  # fmt: skip
        else:
            batas = segienam(lat, lon, acak.uniform(150, 300))
            hasil.append(
                buat(nomor, lintang=round(lat, 6), bujur=round(lon, 6), batas=batas,
                     prioritas=prioritas, kecamatan=(kec,))
            )  # fmt: skip
    return hasil


def pohon(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def semua_teks(akar: ET.Element) -> list[str]:
    return [t.text or "" for t in akar.iter(f"{SVG}text")]


def bentuk_berwarna(akar: ET.Element, tag: str) -> list[ET.Element]:
    """Return the filled lokasi shapes (paths / circles carrying a palette colour)."""
    return [e for e in akar.iter(f"{SVG}{tag}") if e.get("fill") in WARNA_PRIORITAS.values()]


# --- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meter", "bulat"),
    [(1, 1), (1.4, 1), (1.6, 2), (180, 200), (333, 500), (700, 500), (760, 1000), (4000, 5000)],
)
def test_panjang_bulat_is_1_2_5_times_a_power_of_ten(meter, bulat):
    assert panjang_bulat(meter) == pytest.approx(bulat)


@pytest.mark.parametrize(
    ("meter", "km", "teks"),
    [
        (250, None, "250 m"),
        (1000, None, "1 km"),
        (1500, None, "1,5 km"),
        (2500, None, "2,5 km"),
        (10_000, None, "10 km"),
        (500, True, "0,5 km"),
        (2.5, None, "2,5 m"),
        (0.5, None, "0,5 m"),
    ],
)
def test_label_jarak_uses_decimal_comma(meter, km, teks):
    assert label_jarak(meter, km) == teks


@pytest.mark.parametrize(
    ("derajat", "sumbu", "teks"),
    [
        (Decimal(-6 * 3600 - 53 * 60) / 3600, "lintang", "6° 53' LS"),
        (Decimal(-6 * 3600 - 53 * 60 - 30) / 3600, "lintang", "6° 53' 30\" LS"),
        (Decimal(109 * 3600 + 40 * 60) / 3600, "bujur", "109° 40' BT"),
        (Decimal("0.5"), "lintang", "0° 30' LU"),
        (Decimal("-0.25"), "bujur", "0° 15' BB"),
        (Decimal("-6.123456"), "lintang", "6° 7' 24,44\" LS"),  # not whole: kept as dms gives
    ],
)
def test_label_dms_shortens_whole_seconds_and_keeps_the_hemisphere(derajat, sumbu, teks):
    assert label_dms(derajat, sumbu) == teks


def test_proyeksi_keeps_north_up_and_east_right():
    p = Proyeksi([(109.66, -6.90), (109.68, -6.88)], Kotak(0, 0, 100, 100), luas_min_m=800)
    x_barat, y_selatan = p.xy(109.66, -6.90)
    x_timur, y_utara = p.xy(109.68, -6.88)
    assert x_timur > x_barat and y_utara < y_selatan
    assert p.bujur(p.xy(109.67, -6.89)[0]) == pytest.approx(109.67)
    assert p.lintang(p.xy(109.67, -6.89)[1]) == pytest.approx(-6.89)


def test_proyeksi_has_a_minimum_extent():
    # One point alone: the 100 mm box shows 800 m, not a point blown up to infinity.
    p = Proyeksi([(LON0, LAT0)], Kotak(0, 0, 100, 50), luas_min_m=800)
    assert p.skala == pytest.approx(50 / 800)
    assert p.xy(LON0, LAT0) == pytest.approx((50, 25))


def test_a_lone_small_lokasi_is_not_a_giant_blob():
    # A 50 m hexagon on the A4 map: at most ~1/8 of the frame height (800 m minimum extent).
    svg = peta_sebaran([buat(1, batas=segienam(LAT0, LON0, 50), prioritas=1)])
    jalur = bentuk_berwarna(pohon(svg), "path")[0].get("d")
    ys = [float(v) for v in re.findall(r"[-\d.]+", jalur)[1::2]]
    assert 0 < max(ys) - min(ys) < 180 / 8


def test_titik_tengah_is_the_area_weighted_centroid():
    # An L shape: a 4×1 bar (centroid 2, 0.5) and a 1×3 leg (0.5, 2.5); the vertex mean
    # (1.67, 1.67) is not its centroid.
    bentuk_l = [(0, 0), (4, 0), (4, 1), (1, 1), (1, 4), (0, 4)]
    assert titik_tengah(bentuk_l) == pytest.approx((9.5 / 7, 9.5 / 7))
    assert titik_tengah(bentuk_l[::-1]) == pytest.approx((9.5 / 7, 9.5 / 7))  # either winding


def test_potong_kotak_clips_a_ring_to_the_frame():
    persegi = [(-5, -5), (5, -5), (5, 5), (-5, 5)]
    terpotong = potong_kotak(persegi, Kotak(0, 0, 10, 10))
    assert sorted(terpotong) == [(0, 0), (0, 5), (5, 0), (5, 5)]
    assert potong_kotak([(20, 20), (30, 20), (30, 30)], Kotak(0, 0, 10, 10)) == []


# --- peta sebaran ----------------------------------------------------------------------------


def test_peta_sebaran_is_valid_svg_of_the_page_size():
    akar = pohon(peta_sebaran(data_pekalongan(), judul="PETA SEBARAN LOKASI"))
    assert akar.tag == f"{SVG}svg"
    assert (akar.get("width"), akar.get("height")) == ("277mm", "180mm")
    assert akar.get("viewBox") == "0 0 277 180"
    assert "Liberation Sans" in akar.get("font-family")


def test_every_drawn_lokasi_number_is_a_label():
    data = data_pekalongan()
    teks = semua_teks(pohon(peta_sebaran(data)))
    for lk in data:
        if lk.nomor != 17:  # without coordinates
            # Twice: the white halo and the letters.
            assert teks.count(str(lk.nomor)) >= 2, lk.nomor


def test_prioritas_1_polygon_takes_the_first_palette_colour():
    svg = peta_sebaran([buat(1, batas=segienam(LAT0, LON0, 200), prioritas=1)])
    jalur = bentuk_berwarna(pohon(svg), "path")
    assert [p.get("fill") for p in jalur] == ["#800026"]
    assert WARNA_PRIORITAS[1] == "#800026" and WARNA_PRIORITAS[9] == "#ffffcc"


def test_a_lokasi_without_boundary_is_a_circle():
    svg = peta_sebaran(
        [
            buat(1, lintang=LAT0, bujur=LON0, prioritas=3),
            buat(2, batas=segienam(LAT0 + 0.01, LON0, 200), prioritas=5),
        ]
    )
    akar = pohon(svg)
    lingkaran = bentuk_berwarna(akar, "circle")
    assert [c.get("fill") for c in lingkaran] == [WARNA_PRIORITAS[3]]
    assert float(lingkaran[0].get("r")) == pytest.approx(sk_peta.JARI_TITIK)
    assert [p.get("fill") for p in bentuk_berwarna(akar, "path")] == [WARNA_PRIORITAS[5]]


def test_lokasi_without_coordinates_is_listed_not_drawn():
    data = [
        buat(1, lintang=LAT0, bujur=LON0),
        buat(3),
        buat(5, lintang=LAT0 + 0.01, bujur=None),  # half a coordinate is none
        buat(7),
    ]
    akar = pohon(peta_sebaran(data))
    assert len(bentuk_berwarna(akar, "circle")) == 1
    catatan = " ".join(semua_teks(akar))
    assert "Tanpa koordinat (3 lokasi, tidak digambar): no. 3, 5, 7" in catatan
    assert "3" not in semua_teks(akar) and "7" not in semua_teks(akar)


def test_no_note_when_every_lokasi_has_coordinates():
    assert "Tanpa koordinat" not in peta_sebaran([buat(1, lintang=LAT0, bujur=LON0)])


def test_a_long_note_is_cut():
    data = [buat(1, lintang=LAT0, bujur=LON0)] + [buat(n) for n in range(2, 400)]
    akar = pohon(peta_sebaran(data))
    baris = [t for t in semua_teks(akar) if re.match(r"Tanpa koordinat|\d+, ", t)]
    assert len(baris) <= sk_peta.CATATAN_MAKS_BARIS
    assert baris[-1].endswith("…")


def test_kecamatan_names_appear_once_each():
    teks = semua_teks(pohon(peta_sebaran(data_pekalongan())))
    for nama in KECAMATAN:
        # Halo and letters.
        assert teks.count(f"KEC. {nama.upper()}") == 2, nama


def test_legend_counts_every_prioritas_with_its_classes():
    data = data_pekalongan()
    teks = semua_teks(pohon(peta_sebaran(data)))
    assert "LEGENDA" in teks
    assert "Prioritas 1 (A1, A2)" in teks and "Prioritas 9 (C5, C6)" in teks
    for p in range(1, 10):
        assert f"{sum(lk.prioritas == p for lk in data)} lokasi" in teks
    assert f"Jumlah: {len(data)} lokasi" in teks
    assert {"Batas lokasi", "Titik lokasi (tanpa batas)"} <= set(teks)


def test_scale_bar_is_labelled_with_a_round_length():
    teks = semua_teks(pohon(peta_sebaran(data_pekalongan())))
    jarak = [t for t in teks if re.fullmatch(r"[\d,]+ k?m", t)]
    assert len(jarak) == 2  # half and full
    setengah, penuh = jarak
    assert penuh.split()[1] == setengah.split()[1]  # one unit for the whole bar
    nilai = float(penuh.split()[0].replace(",", "."))
    assert nilai / 10 ** math.floor(math.log10(nilai)) in (1, 2, 5)


def test_graticule_labels_are_south_and_east():
    teks = semua_teks(pohon(peta_sebaran(data_pekalongan())))
    lintang = [t for t in teks if t.endswith(" LS")]
    bujur = [t for t in teks if t.endswith(" BT")]
    # Labelled on both opposite edges, 2–6 ticks each (minus those too near a corner).
    assert 2 <= len(lintang) <= 12 and 2 <= len(bujur) <= 12
    assert all(t.startswith("6° ") for t in lintang)
    assert all(t.startswith("109° ") for t in bujur)
    assert not any(t.endswith((" LU", " BB")) for t in teks)


def test_names_and_title_are_escaped():
    data = [buat(1, lintang=LAT0, bujur=LON0, kecamatan=("Tirto & <Baru>",))]
    svg = peta_sebaran(data, judul='Peta "A" & <B>')
    akar = pohon(svg)  # parses: nothing raw
    teks = semua_teks(akar)
    assert "KEC. TIRTO & <BARU>" in teks
    assert any("&" in t and "<B>" in t for t in teks)
    assert "&amp;" in svg and "<Baru>" not in svg


def test_empty_input_is_still_a_map_frame():
    for data in ([], [buat(1), buat(2)]):
        akar = pohon(peta_sebaran(data))
        assert "Tidak ada lokasi berkoordinat" in semua_teks(akar)
        assert not bentuk_berwarna(akar, "path") and not bentuk_berwarna(akar, "circle")


def test_output_is_deterministic_and_small():
    data = data_pekalongan()
    assert peta_sebaran(data) == peta_sebaran(list(data))
    besar = peta_sebaran(data_pekalongan(500, lebar_km=20))
    assert len(besar) < 1_000_000
    # Coordinates are written with at most two decimals.
    assert not re.search(r"\d\.\d{3}", besar)


def test_labels_stay_inside_the_frame_and_apart():
    # Many lokasi crowded in one spot: nudged, but still inside the frame.
    data = [
        buat(n, batas=segienam(LAT0 + (n % 3) * 1e-4, LON0 + (n // 3) * 1e-4, 40))
        for n in range(1, 13)
    ]
    akar = pohon(peta_sebaran(data))
    bingkai_kanan = 277 - 1 - sk_peta.LEBAR_PANEL - sk_peta.TEPI
    posisi = {
        (float(t.get("x")), float(t.get("y")))
        for t in akar.iter(f"{SVG}text")
        if t.text and t.text.isdigit() and t.text != "0"  # "0" of the scale bar
    }
    legenda = {p for p in posisi if p[0] > bingkai_kanan}
    peta = posisi - legenda
    assert len(peta) == 12  # no two numbers on the same spot
    assert all(sk_peta.TEPI < x < bingkai_kanan and sk_peta.TEPI < y < 180 for x, y in peta)


# --- peta lokasi -----------------------------------------------------------------------------


def test_peta_lokasi_draws_the_lokasi_and_neighbours_in_grey():
    data = data_pekalongan()
    utama = data[0]
    svg = peta_lokasi(utama, data, lebar_mm=80, tinggi_mm=60)
    akar = pohon(svg)
    assert (akar.get("width"), akar.get("height"), akar.get("viewBox")) == (
        "80mm",
        "60mm",
        "0 0 80 60",
    )
    berwarna = bentuk_berwarna(akar, "path") + bentuk_berwarna(akar, "circle")
    assert len(berwarna) == 1  # only the lokasi itself in colour
    assert str(utama.nomor) in semua_teks(akar)
    assert "U" in semua_teks(akar)


def test_peta_lokasi_clips_neighbours_to_the_view():
    utama = buat(1, batas=segienam(LAT0, LON0, 100), prioritas=1)
    # A big neighbour overlapping the edge, and one far away.
    dekat = buat(2, batas=segienam(LAT0, LON0 + 0.004, 300))
    jauh = buat(3, batas=segienam(LAT0 + 0.1, LON0, 300))
    akar = pohon(peta_lokasi(utama, [utama, dekat, jauh]))
    jalur = [p for p in akar.iter(f"{SVG}path") if p.get("d") and "Z" in p.get("d")]
    for p in jalur:
        angka = [float(v) for v in re.findall(r"-?[\d.]+", p.get("d"))]
        assert all(-0.01 <= v <= 80.01 for v in angka[0::2])
        assert all(-0.01 <= v <= 60.01 for v in angka[1::2])
    teks = semua_teks(akar)
    assert "3" not in teks  # out of view


def test_peta_lokasi_for_a_point_and_without_coordinates():
    akar = pohon(peta_lokasi(buat(4, lintang=LAT0, bujur=LON0, prioritas=9)))
    assert [c.get("fill") for c in bentuk_berwarna(akar, "circle")] == ["#ffffcc"]
    akar = pohon(peta_lokasi(buat(5)))
    assert "Lokasi tanpa koordinat" in semua_teks(akar)


def test_peta_lokasi_shows_at_least_400_m():
    kecil = buat(1, batas=segienam(LAT0, LON0, 20))
    teks = semua_teks(pohon(peta_lokasi(kecil)))
    # The scale bar (a quarter of the width) of an 80 mm map of ≥ 400 m is at least 50 m.
    penuh = [t for t in teks if re.fullmatch(r"[\d,]+ k?m", t)][-1]
    assert penuh.endswith(" m") and int(penuh.split()[0]) >= 50


# --- through WeasyPrint ----------------------------------------------------------------------


def _pdf(svg: str, path, landscape: bool = True) -> str:
    from weasyprint import HTML

    halaman = "A4 landscape" if landscape else "A4"
    html = (
        f"<html><head><style>@page {{ size: {halaman}; margin: 10mm; }} body {{ margin: 0 }}"
        f"</style></head><body>{svg}</body></html>"
    )
    HTML(string=html).write_pdf(path)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_peta_sebaran_renders_in_weasyprint_with_text(tmp_path):
    data = data_pekalongan()
    teks = _pdf(peta_sebaran(data, judul="PETA SEBARAN LOKASI KUMUH"), tmp_path / "peta.pdf")
    assert "LEGENDA" in teks
    assert "Prioritas 1 (A1, A2)" in teks
    assert "Tanpa koordinat" in teks
    kata = set(re.findall(r"\S+", teks))
    assert {"12", "23", "30"} <= kata
    assert "LS" in kata and "BT" in kata


def test_peta_lokasi_renders_in_weasyprint(tmp_path):
    data = data_pekalongan()
    teks = _pdf(peta_lokasi(data[0], data), tmp_path / "lokasi.pdf", landscape=False)
    assert str(data[0].nomor) in teks.split()


# --- more helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize("lebar_derajat", [0.008, 0.02, 0.05, 0.1, 0.3, 0.7, 1.5, 4.0])
def test_graticule_has_two_to_six_round_ticks(lebar_derajat):
    tik = svg.tik_gratikul(109.6, 109.6 + lebar_derajat)
    assert 2 <= len(tik) <= 6
    selang = {b - a for a, b in itertools.pairwise(tik)}
    assert len(selang) == 1 and selang.pop() in svg.INTERVAL_GRATIKUL


def test_graticule_of_an_absurd_extent_still_has_few_ticks():
    assert 1 <= len(svg.tik_gratikul(95, 141)) <= 6


def test_scale_bar_drops_the_half_label_when_crowded():
    # 1 mm per metre: a 20 mm target is a 20 m bar with room for "10 m".
    lapang, _ = svg.skala_batang(0, 10, 1.0, 20)
    assert "10 m" in lapang and "20 m" in lapang
    # 0.2 mm per km: a 10 mm bar of 50 km has no room for "25 km" beside "50 km".
    sempit, _ = svg.skala_batang(0, 10, 0.0002, 10)
    assert "50 km" in sempit and "25 km" not in sempit


def test_multipolygon_with_a_hole_is_one_evenodd_path_labelled_on_its_largest_part():
    besar = segienam(LAT0, LON0, 300)["coordinates"][0]
    lubang = segienam(LAT0, LON0, 100)["coordinates"][0][::-1]
    kecil = segienam(LAT0 + 0.01, LON0 + 0.01, 80)["coordinates"][0]
    batas = {"type": "MultiPolygon", "coordinates": [[kecil], [besar, lubang]]}
    akar = pohon(peta_sebaran([buat(1, batas=batas)]))
    jalur = bentuk_berwarna(akar, "path")
    assert len(jalur) == 1 and jalur[0].get("d").count("M") == 3
    induk = {anak: g for g in akar.iter(f"{SVG}g") for anak in g}
    assert induk[jalur[0]].get("fill-rule") == "evenodd"
    # The label sits at the big hexagon's middle, not between the two parts.
    bagian = [
        [float(v) for v in re.findall(r"-?[\d.]+", sub)] for sub in jalur[0].get("d").split("M")[1:]
    ]
    terlebar = max(bagian, key=lambda v: max(v[0::2]) - min(v[0::2]))
    tengah_x = (max(terlebar[0::2]) + min(terlebar[0::2])) / 2
    tengah_y = (max(terlebar[1::2]) + min(terlebar[1::2])) / 2
    label = [t for t in akar.iter(f"{SVG}text") if t.text == "1"]
    assert float(label[-1].get("x")) == pytest.approx(tengah_x, abs=0.05)
    baseline = tengah_y + sk_peta.UKURAN_NOMOR * 0.36
    assert float(label[-1].get("y")) == pytest.approx(baseline, abs=0.05)


def test_a_lokasi_without_kecamatan_gets_no_kecamatan_label():
    teks = semua_teks(pohon(peta_sebaran([buat(1, lintang=LAT0, bujur=LON0, kecamatan=())])))
    assert not any(t.startswith("KEC. ") for t in teks)


# --- kecamatan boundaries (issue 10 item 6) --------------------------------------------------


def _persegi(barat: float, selatan: float, timur: float, utara: float) -> list[list[float]]:
    return [[barat, selatan], [timur, selatan], [timur, utara], [barat, utara], [barat, selatan]]


def batas_kecamatan() -> dict[str, dict]:
    """Kota Pekalongan's data area cut in five: an L-shaped Utara (its centroid falls outside
    it), and a kecamatan without any lokasi."""
    d = 6.0 / 2 / 111.32 * 1.2
    w, e, s, n = LON0 - d, LON0 + d, LAT0 - d, LAT0 + d
    atas, bawah = LAT0 + d / 3, LAT0 - d / 3
    l_bentuk = [[w, atas], [e, atas], [e, n], [LON0 + d / 2, n], [LON0 + d / 2, atas + d / 4],
                [w, atas + d / 4], [w, atas]]  # fmt: skip
    return {
        "Pekalongan Barat": {"type": "Polygon", "coordinates": [_persegi(w, bawah, LON0, atas)]},
        "Pekalongan Timur": {"type": "Polygon", "coordinates": [_persegi(LON0, bawah, e, atas)]},
        "Pekalongan Selatan": {"type": "Polygon", "coordinates": [_persegi(w, s, e, bawah)]},
        "Pekalongan Utara": {"type": "Polygon", "coordinates": [l_bentuk]},
        "Tanpa Lokasi": {"type": "Polygon", "coordinates": [_persegi(e, s, e + d, n)]},
    }


def _cincin_jalur(d: str) -> list[tuple[float, float]]:
    angka = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", d.split("Z")[0])]
    return list(itertools.pairwise(angka))[::2]


def test_kecamatan_boundaries_are_drawn_dashed_and_each_name_sits_inside_its_kecamatan():
    batas = batas_kecamatan()
    akar = pohon(peta_sebaran(data_pekalongan(), kecamatan=batas))

    (g,) = [g for g in akar.iter(f"{SVG}g") if g.get("stroke-dasharray")]
    jalur = [p.get("d") for p in g.iter(f"{SVG}path")]
    assert len(jalur) == len(batas)
    letters = [t for t in akar.iter(f"{SVG}text") if (t.text or "").startswith("KEC. ")]
    posisi = {t.text: (float(t.get("x")), float(t.get("y"))) for t in letters}
    for nama, d in zip(batas, jalur, strict=True):
        x, y = posisi[f"KEC. {nama.upper()}"]
        tengah = (x, y - sk_peta.UKURAN_KECAMATAN * 0.36)
        assert svg.di_dalam(tengah, _cincin_jalur(d)), nama
    assert "Batas kecamatan" in semua_teks(akar)


def test_without_boundaries_nothing_dashed_is_drawn_and_no_legend_row():
    akar = pohon(peta_sebaran(data_pekalongan(), kecamatan={"Pekalongan Barat": None}))
    assert not [g for g in akar.iter(f"{SVG}g") if g.get("stroke-dasharray")]
    assert "Batas kecamatan" not in semua_teks(akar)


def test_titik_label_of_a_crescent_is_inside_it():
    bulan_sabit = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 8), (8, 8), (8, 2), (0, 2), (0, 0)]
    assert not svg.di_dalam(titik_tengah(bulan_sabit), bulan_sabit)
    assert svg.di_dalam(svg.titik_label(bulan_sabit), bulan_sabit)
