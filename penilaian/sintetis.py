"""A national-scale synthetic dataset for measuring speed (issue 14): kab/kota, kecamatan,
kelurahan, lokasi and their survey inputs, as plain values (pure, no Django).

`manage.py kumuh_sintetis` writes what this draws and scores every survey with the real
formula (`hasil_survei`). Everything is labelled: a province "Provinsi Sintetis" with a
Kemendagri code no real province has (99), kab/kota "Kota Sintetis 1" …, lokasi "Kawasan
Sintetis …", users "sintetis.…". One random stream per lokasi, seeded from `benih`, the city
and the lokasi's number: the same seed gives the same data, whatever else changed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from penilaian import rumus

# Kemendagri codes run 11–96 (Papua's newest provinces are 93–96): 99 is no real province, and
# every row of the dataset hangs under it, which is how `--hapus` finds them.
KODE_PROVINSI = "99"
NAMA_PROVINSI = "Provinsi Sintetis"
AWALAN_PENGGUNA = "sintetis."
SANDI_PENGGUNA = "sintetis-2026"
AWALAN_KODE_LOKASI = "SIN-"
TAHUN_AKHIR = 2026  # the latest survey year; older years go back from it
BENIH_BAKU = "kumuh-sintetis-1"

# Cities: category and a centre in the interior of Kalimantan (inside Indonesia's bounds,
# away from real city centres). The first holds half of all lokasi, as in the issue.
KATEGORI_KOTA = ("besar", "sedang", "metropolitan", "kecil")
PUSAT_KOTA = ((0.60, 113.60), (-1.20, 112.40), (1.40, 116.00), (-0.40, 115.20))

B, S, R, T = (
    rumus.TingkatKekumuhan.BERAT,
    rumus.TingkatKekumuhan.SEDANG,
    rumus.TingkatKekumuhan.RINGAN,
    rumus.TingkatKekumuhan.TIDAK_KUMUH,
)
# The latest survey's intended tingkat (the formula decides the real one): all four, with a
# tenth Tidak Kumuh, like a city's baseline.
PELUANG_TINGKAT = ((B, 0.2), (S, 0.35), (R, 0.35), (T, 0.1))
RENTANG_NILAI = {
    B: (rumus.BATAS_KUMUH_BERAT, rumus.NILAI_KEKUMUHAN_MAKS),
    S: (rumus.BATAS_KUMUH_SEDANG, rumus.BATAS_KUMUH_BERAT - 1),
    R: (rumus.BATAS_KUMUH_RINGAN, rumus.BATAS_KUMUH_SEDANG - 1),
    T: (0, rumus.BATAS_KUMUH_RINGAN - 1),
}
PELUANG_SKOR = {
    B: (0.0, 0.03, 0.25, 0.72),
    S: (0.05, 0.2, 0.5, 0.25),
    R: (0.15, 0.45, 0.35, 0.05),
    T: (0.5, 0.4, 0.1, 0.0),
}
SKOR = (0, 1, 3, 5)
# Shares drawn for a score stay 3 points inside its Tabel 3 band (rounding to whole buildings
# and KK then rarely moves a criterion; the formula decides either way).
RENTANG_PERSEN = {5: (79, 96), 3: (54, 72), 1: (28, 47), 0: (3, 21)}
PITA_UNTUK_SKOR = {5: "76-100", 3: "51-75", 1: "25-50", 0: "<25"}
NAIK = {0: 1, 1: 3, 3: 5}
# A road (drainage) cannot be both missing and damaged beyond its whole length.
PASANGAN = (("2a", "2b"), ("4a", "4c"))
PASANGAN_MAKS = 86
KRITERIA_PITA = ("1a", "1c", "7b")  # judged by eye: a fifth of the surveys choose bands
# Kepadatan penduduk (jiwa/ha) ranges that give each Tabel 3 C b score, per category.
KEPADATAN = {
    "metropolitan": ((60, 140), (160, 390), (410, 620)),
    "besar": ((60, 140), (160, 390), (410, 620)),
    "sedang": ((60, 140), (155, 195), (210, 420)),
    "kecil": ((40, 140), (155, 195), (210, 360)),
}
SURVEYOR = ("Surveyor Sintetis A", "Surveyor Sintetis B", "Surveyor Sintetis C")
TIPOLOGI = ("di_tepi_air", "dataran_rendah", "di_atas_air", "perbukitan", "rawan_bencana")


@dataclass(frozen=True)
class Kota:
    nomor: int  # 1 for Kota Sintetis 1
    kode: str
    nama: str
    kategori: str
    lintang: float
    bujur: float
    jumlah_lokasi: int

    @property
    def setengah_lebar(self) -> float:
        """Half the side of the city's square, in degrees: larger for more lokasi."""
        return 0.02 + 0.0011 * math.sqrt(self.jumlah_lokasi)


@dataclass(frozen=True)
class Kelurahan:
    kode: str
    nama: str


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str
    kotak: tuple[float, float, float, float]  # selatan, utara, barat, timur
    kelurahan: tuple[Kelurahan, ...]

    def batas(self) -> dict:
        selatan, utara, barat, timur = self.kotak
        cincin = [[barat, selatan], [timur, selatan], [timur, utara], [barat, utara]]
        return {"type": "Polygon", "coordinates": [[*cincin, cincin[0]]]}


@dataclass(frozen=True)
class Keseluruhan:
    """The wholes one Format Numerik sheet measures against (a lokasi or one RT unit)."""

    luas_ha: Decimal
    bangunan: int
    penduduk: int
    kk: int
    jalan_ideal_m: Decimal
    drainase_ideal_m: Decimal


@dataclass(frozen=True)
class Unit:
    rt: str
    rw: str
    angka: Keseluruhan


@dataclass(frozen=True)
class Survei:
    tahun: int
    tanggal: date
    surveyor: str
    status_penguasaan: bool
    kesesuaian_rtr: bool
    strategis: bool
    potensi_sosekbud: bool
    pita: dict[str, str]  # kode → band, only the criteria given as bands
    lembar: list[dict[str, Decimal]]  # one per unit (in Lokasi.unit order), or one


@dataclass(frozen=True)
class Lokasi:
    kode: str
    nama: str
    kecamatan: int  # index in the city's kecamatan
    kelurahan: int  # index in that kecamatan's kelurahan
    rt_rw: str
    lintang: Decimal
    bujur: Decimal
    batas: dict
    angka: Keseluruhan  # the header numbers (the units' sums when it has units)
    luas_sk_ha: Decimal
    tipologi: str
    unit: list[Unit] = field(default_factory=list)
    survei: list[Survei] = field(default_factory=list)

    @property
    def penduduk_laki_laki(self) -> int:
        return self.angka.penduduk // 2

    @property
    def penduduk_perempuan(self) -> int:
        return self.angka.penduduk - self.angka.penduduk // 2


def bagi_lokasi(jumlah: int, kota: int) -> list[int]:
    """Lokasi per city: the first holds half (15,000 of 30,000), the others share the rest."""
    if kota < 1:
        raise ValueError("paling sedikit satu kota")
    if kota == 1:
        return [jumlah]
    pertama = (jumlah + 1) // 2
    sisa = jumlah - pertama
    return [pertama] + [
        sisa // (kota - 1) + (1 if j < sisa % (kota - 1) else 0) for j in range(kota - 1)
    ]


def daftar_kota(jumlah_lokasi: int, jumlah_kota: int) -> list[Kota]:
    """The synthetic cities, Kota Sintetis 1 … (Kemendagri kota numbers 99.71 …)."""
    if not 1 <= jumlah_kota <= 29:
        raise ValueError("jumlah kota 1–29")
    return [
        Kota(
            nomor=j + 1,
            kode=f"{KODE_PROVINSI}.{71 + j}",
            nama=f"Kota Sintetis {j + 1}",
            kategori=KATEGORI_KOTA[j % len(KATEGORI_KOTA)],
            lintang=PUSAT_KOTA[j % len(PUSAT_KOTA)][0] + 0.8 * (j // len(PUSAT_KOTA)),
            bujur=PUSAT_KOTA[j % len(PUSAT_KOTA)][1],
            jumlah_lokasi=n,
        )
        for j, n in enumerate(bagi_lokasi(jumlah_lokasi, jumlah_kota))
    ]


def wilayah(kota: Kota, benih: str) -> list[Kecamatan]:
    """10–20 kecamatan on a grid over the city's square, each with 3–8 kelurahan."""
    acak = random.Random(f"{benih}:{kota.kode}:wilayah")
    jumlah = acak.randint(10, 20)
    kolom = math.ceil(math.sqrt(jumlah))
    baris = math.ceil(jumlah / kolom)
    h = kota.setengah_lebar
    tinggi, lebar = 2 * h / baris, 2 * h / kolom
    hasil = []
    for k in range(jumlah):
        selatan = round(kota.lintang - h + (k // kolom) * tinggi, 6)
        barat = round(kota.bujur - h + (k % kolom) * lebar, 6)
        kode = f"{kota.kode}.{k + 1:02d}"
        kelurahan = tuple(
            Kelurahan(f"{kode}.{1001 + j}", f"Sintetis {kota.nomor}-{k + 1:02d}-{j + 1:02d}")
            for j in range(acak.randint(3, 8))
        )
        hasil.append(
            Kecamatan(
                kode=kode,
                nama=f"Sintetis {kota.nomor}-{k + 1:02d}",
                kotak=(selatan, round(selatan + tinggi, 6), barat, round(barat + lebar, 6)),
                kelurahan=kelurahan,
            )
        )
    return hasil


def lokasi(kota: Kota, kecamatan: list[Kecamatan], i: int, benih: str, tahun: int) -> Lokasi:
    """The i-th lokasi of a city (0-based) with `tahun` surveys, the latest in TAHUN_AKHIR."""
    acak = random.Random(f"{benih}:{kota.kode}:{i}")
    k = acak.randrange(len(kecamatan))
    kec = kecamatan[k]
    j = acak.randrange(len(kec.kelurahan))
    luas = _luas(acak)
    kepadatan_skor = acak.randrange(3)
    bawah, atas = KEPADATAN[kota.kategori][kepadatan_skor]
    kepadatan = acak.uniform(bawah, atas)
    penduduk = max(10, int(float(luas) * kepadatan))
    kk = max(3, int(penduduk / acak.uniform(3.4, 4.2)))
    bangunan = max(3, int(kk * acak.uniform(0.8, 1.0)))
    jalan = Decimal(int(float(luas) * acak.uniform(140, 220)))
    drainase = Decimal(int(float(luas) * acak.uniform(260, 380)))
    angka = Keseluruhan(luas, bangunan, penduduk, kk, jalan, drainase)

    unit: list[Unit] = []
    rw = f"{acak.randint(1, 12):03d}"
    if acak.random() < 0.1:  # a tenth are kawasan of 2–3 RT units (§7: sums of the units)
        unit = [Unit(f"{r + 1:03d}", rw, u) for r, u in enumerate(_bagi(angka, acak))]
        angka = _jumlah([u.angka for u in unit])
        rt_rw = f"RT {', '.join(u.rt for u in unit)} / RW {rw}"
    else:
        rt_rw = f"RT {acak.randint(1, 9):03d}, {acak.randint(10, 15):03d} / RW {rw}"

    selatan, utara, barat, timur = kec.kotak
    sela = min(0.002, (utara - selatan) / 4)
    lat = Decimal(str(round(acak.uniform(selatan + sela, utara - sela), 6)))
    lon = Decimal(str(round(acak.uniform(barat + sela, timur - sela), 6)))
    nomor = i + 1
    hasil = Lokasi(
        kode=f"{AWALAN_KODE_LOKASI}{kota.nomor}-{nomor:05d}",
        nama=f"Kawasan Sintetis {kota.nomor}-{nomor:05d}",
        kecamatan=k,
        kelurahan=j,
        rt_rw=rt_rw,
        lintang=lat,
        bujur=lon,
        batas=poligon(lat, lon, luas),
        angka=angka,
        luas_sk_ha=angka.luas_ha,
        tipologi=TIPOLOGI[acak.randrange(len(TIPOLOGI))],
        unit=unit,
    )
    hasil.survei.extend(_survei_lokasi(hasil, acak, tahun))
    return hasil


def _survei_lokasi(lok: Lokasi, acak: random.Random, tahun: int) -> list[Survei]:
    """The latest survey drawn for an intended tingkat; each earlier one a little worse."""
    tingkat = acak.choices([t for t, _ in PELUANG_TINGKAT], [p for _, p in PELUANG_TINGKAT])[0]
    skor = _skor_acak(acak, tingkat)
    tetap = {
        "status_penguasaan": acak.random() < 0.75,
        "kesesuaian_rtr": acak.random() < 0.8,
        "strategis": acak.random() < 0.5,
        "potensi_sosekbud": acak.random() < 0.5,
    }
    pakai_pita = acak.random() < 0.2
    keseluruhan = [u.angka for u in lok.unit] or [lok.angka]
    hasil = []
    for n in range(tahun):
        thn = TAHUN_AKHIR - n
        if n:  # earlier: one to three criteria were worse before being handled
            for _ in range(acak.randint(1, 3)):
                geser(acak, skor, NAIK)
        persen = rapikan_pasangan(
            {kode: Decimal(acak.randint(*RENTANG_PERSEN[s])) for kode, s in skor.items()}, skor
        )
        lembar = []
        for whole in keseluruhan:
            selisih = {kode: acak.choice((-4, 0, 4)) if lok.unit else 0 for kode in skor}
            lembar.append(numerik_dari_persen(whole, persen, selisih))
        hasil.append(
            Survei(
                tahun=thn,
                tanggal=date(thn, acak.randint(2, 10), acak.randint(1, 28)),
                surveyor=acak.choice(SURVEYOR),
                pita={kode: PITA_UNTUK_SKOR[skor[kode]] for kode in KRITERIA_PITA}
                if pakai_pita
                else {},
                lembar=lembar,
                **tetap,
            )
        )
    hasil.reverse()  # oldest first
    return hasil


def _luas(acak: random.Random) -> Decimal:
    """Mostly under 10 ha (kab/kota's authority), some 10–15 (provinsi), a few ≥ 15 (pusat)."""
    u = acak.random()
    if u < 0.8:
        nilai = acak.uniform(0.5, 9.8)
    elif u < 0.95:
        nilai = acak.uniform(10.1, 14.8)
    else:
        nilai = acak.uniform(15.2, 32)
    return Decimal(str(round(nilai, 2)))


def _bagi(angka: Keseluruhan, acak: random.Random) -> list[Keseluruhan]:
    n = acak.randint(2, 3)
    return [
        Keseluruhan(
            _dua(angka.luas_ha / n),
            max(1, angka.bangunan // n),
            max(2, angka.penduduk // n),
            max(1, angka.kk // n),
            Decimal(int(angka.jalan_ideal_m / n)),
            Decimal(int(angka.drainase_ideal_m / n)),
        )
        for _ in range(n)
    ]


def _jumlah(daftar: list[Keseluruhan]) -> Keseluruhan:
    return Keseluruhan(
        sum((u.luas_ha for u in daftar), Decimal(0)),
        sum(u.bangunan for u in daftar),
        sum(u.penduduk for u in daftar),
        sum(u.kk for u in daftar),
        sum((u.jalan_ideal_m for u in daftar), Decimal(0)),
        sum((u.drainase_ideal_m for u in daftar), Decimal(0)),
    )


def poligon(lat: Decimal, lon: Decimal, luas_ha: Decimal) -> dict:
    """A hexagon of about the given area around the point, as GeoJSON [bujur, lintang]."""
    # 1 ha = 10 000 m²; a regular hexagon of radius r has area 2.598 r².
    r_m = math.sqrt(float(luas_ha) * 10_000 / 2.598)
    d_lat = r_m / 111_320
    d_lon = r_m / (111_320 * math.cos(math.radians(float(lat))))
    cincin = [
        [
            round(float(lon) + d_lon * math.cos(math.radians(60 * k + 15)), 6),
            round(float(lat) + d_lat * math.sin(math.radians(60 * k + 15)), 6),
        ]
        for k in range(6)
    ]
    cincin.append(cincin[0])
    return {"type": "Polygon", "coordinates": [cincin]}


def pasangan_boleh(skor: dict[str, int]) -> bool:
    return all(_muat(skor[a], skor[b]) for a, b in PASANGAN)


def _skor_acak(acak: random.Random, tingkat: rumus.TingkatKekumuhan) -> dict[str, int]:
    """16 criterion scores whose sum falls in the tingkat's range."""
    bawah, atas = RENTANG_NILAI[tingkat]
    peluang = PELUANG_SKOR[tingkat]
    kedua = {b for _a, b in PASANGAN}
    while True:
        skor = {
            k: acak.choices(SKOR, weights=peluang)[0] for k in rumus.KODE_KRITERIA if k not in kedua
        }
        for a, b in PASANGAN:
            # The pair's second criterion only from the scores its first leaves room for.
            boleh = [(s, w) for s, w in zip(SKOR, peluang, strict=True) if _muat(skor[a], s)]
            skor[b] = acak.choices([s for s, _w in boleh], [w + 0.01 for _s, w in boleh])[0]
        if bawah <= sum(skor.values()) <= atas:
            return {k: skor[k] for k in rumus.KODE_KRITERIA}


def _muat(a: int, b: int) -> bool:
    return RENTANG_PERSEN[a][0] + RENTANG_PERSEN[b][0] <= PASANGAN_MAKS


def geser(acak: random.Random, skor: dict[str, int], arah: dict[int, int]) -> None:
    """Move one random criterion one band along `arah`, keeping the road/drainage pairs sane."""
    calon = [k for k in rumus.KODE_KRITERIA if skor[k] in arah]
    acak.shuffle(calon)
    for kode in calon:
        baru = {**skor, kode: arah[skor[kode]]}
        if pasangan_boleh(baru):
            skor[kode] = baru[kode]
            return


def rapikan_pasangan(persen: dict[str, Decimal], skor: dict[str, int]) -> dict[str, Decimal]:
    """Lower a pair's shares until they fit PASANGAN_MAKS, each staying inside its band."""
    for a, b in PASANGAN:
        if persen[a] + persen[b] > PASANGAN_MAKS:
            persen[b] = max(PASANGAN_MAKS - persen[a], Decimal(RENTANG_PERSEN[skor[b]][0]))
            persen[a] = min(persen[a], PASANGAN_MAKS - persen[b])
    return persen


def _dua(nilai: Decimal) -> Decimal:
    return Decimal(nilai).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _bulat(nilai: Decimal) -> int:
    return int(nilai.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def numerik_dari_persen(
    whole: Keseluruhan, persen: dict[str, Decimal], selisih: dict[str, int]
) -> dict[str, Decimal]:
    """Every Format Numerik field of one sheet, so each criterion measures about `persen`.

    `selisih` shifts a criterion's share for one RT unit (points); clamped to 0–100.
    """

    def p(kode: str) -> Decimal:
        return min(max(persen[kode] + selisih[kode], Decimal(0)), Decimal(100)) / 100

    bangunan, kk = Decimal(whole.bangunan), Decimal(whole.kk)
    jalan, drainase = whole.jalan_ideal_m, whole.drainase_ideal_m
    jalan_ada = Decimal(_bulat(jalan * (1 - p("2a"))))
    drainase_ada = Decimal(_bulat(drainase * (1 - p("4a"))))
    return {
        "luas_verifikasi_ha": whole.luas_ha,
        "jumlah_bangunan": bangunan,
        "jumlah_penduduk": Decimal(whole.penduduk),
        "jumlah_kk": kk,
        "bangunan_tidak_teratur": Decimal(_bulat(bangunan * p("1a"))),
        "luas_kepadatan_tinggi_ha": _dua(whole.luas_ha * p("1b")),
        "bangunan_tidak_sesuai_teknis": Decimal(_bulat(bangunan * p("1c"))),
        "panjang_jalan_ideal_m": jalan,
        "panjang_jalan_eksisting_m": jalan_ada,
        "panjang_jalan_rusak_m": min(Decimal(_bulat(jalan * p("2b"))), jalan_ada),
        "kk_tanpa_akses_air_minum_aman": Decimal(_bulat(kk * p("3a"))),
        "kk_kebutuhan_air_minum_tidak_terpenuhi": Decimal(_bulat(kk * p("3b"))),
        "panjang_drainase_ideal_m": drainase,
        "panjang_drainase_eksisting_m": drainase_ada,
        "luas_genangan_ha": _dua(whole.luas_ha * p("4b")),
        "panjang_drainase_rusak_m": min(Decimal(_bulat(drainase * p("4c"))), drainase_ada),
        "kk_air_limbah_tidak_sesuai_standar": Decimal(_bulat(kk * p("5a"))),
        "kk_sarpras_air_limbah_tidak_sesuai": Decimal(_bulat(kk * p("5b"))),
        "kk_sarpras_sampah_tidak_sesuai": Decimal(_bulat(kk * p("6a"))),
        "kk_sistem_sampah_tidak_sesuai": Decimal(_bulat(kk * p("6b"))),
        "bangunan_tanpa_prasarana_proteksi_kebakaran": Decimal(_bulat(bangunan * p("7a"))),
        "bangunan_tanpa_sarana_proteksi_kebakaran": Decimal(_bulat(bangunan * p("7b"))),
    }
