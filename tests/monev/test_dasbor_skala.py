"""Regression of the dashboard's figures on a varied dataset (issue 14 item 2).

The expected values were computed by the dashboard as it read every frozen row in Python
(before the totals moved into the database) and are written here explicitly: reading them with
database aggregates must give exactly the same figures, flags and order. The dataset holds
what the rules distinguish: a revoked SK, two SKs in force together, areas that round at the
printed 0,01 ha (half up), a row without area, without kecamatan or tingkat, RT units that do
or do not add up, a reference area that differs, newer-worse / newer-better / older-worse /
unapproved re-surveys, three cities (one without SK), kegiatan in every state with funding and
two monitoring entries, and targets.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from monev.dasbor.data import Dasbor, muat_dasbor
from monev.models import TargetKota
from penilaian import rumus
from penilaian.sk.isi import UnitSK
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.monev.pemantauan_bantu import buat_pemantauan
from tests.monev.test_dasbor_angka import lok
from tests.monev.test_dasbor_views import buat_sk

pytestmark = pytest.mark.django_db
HARI_INI = date(2026, 6, 15)
BURUK = dict.fromkeys([k.kode for k in rumus.KRITERIA], "76-100")


def _unit(*luas: str | None) -> tuple[UnitSK, ...]:
    return tuple(
        UnitSK(f"RT 00{i}/RW 001", "Kel", None if x is None else D(x), 100, 40)
        for i, x in enumerate(luas, start=1)
    )


@pytest.fixture
def beragam(kota_a, kota_b, kota_c, pokja_a):
    a = {n: buat_lokasi(kota_a, n) for n in (
        "Pesisir", "Bantaran", "Kali", "Tanpa Luas", "Tanpa Kec", "Unit Salah", "Unit Cocok",
        "Acuan", "Tanpa Tingkat", "Baru",
    )}  # fmt: skip
    baris1 = [
        lok(1, "Pesisir", "10.25", "Alfa Barat", "Kumuh Berat"),
        lok(2, "Bantaran", "4.505", "Alfa Timur", "Kumuh Ringan", luas_verifikasi_ha=D("4.505")),
        lok(3, "Kali", "1.004999", "Alfa Barat", "Kumuh Sedang"),
        lok(4, "Tanpa Luas", None, "Alfa Timur", "Kumuh Sedang"),
        lok(5, "Tanpa Kec", "2.675", "", "Kumuh Ringan"),
        lok(6, "Unit Salah", "3.00", "Alfa Timur", "Kumuh Berat", unit=_unit("1", "1", "0.5")),
        lok(7, "Unit Cocok", "3.000001", "Alfa Barat", "Kumuh Ringan",
            unit=_unit("1.5", "1.500001"), luas_verifikasi_ha=D("3.000001")),
        lok(8, "Acuan", "5.00", "Alfa Timur", "Kumuh Sedang", luas_sk_ha=D("5.50")),
        replace(lok(9, "Tanpa Tingkat", "0.335", "Alfa Barat", "Kumuh Sedang"),
                tingkat_kekumuhan=""),
    ]  # fmt: skip
    nama = [b.nama for b in baris1]
    sk1 = buat_sk(
        kota_a, "1/2023", date(2023, 3, 1), [(a[n], b) for n, b in zip(nama, baris1, strict=True)]
    )
    baris2 = [
        lok(1, "Pesisir", "10.25", "Alfa Barat", "Kumuh Sedang"),
        lok(2, "Kali", "1.004999", "Alfa Barat", "Kumuh Sedang"),
        lok(3, "Unit Salah", "3.00", "Alfa Timur", "Kumuh Berat", unit=_unit("1", None, "0.5")),
        lok(4, "Unit Cocok", "3.000001", "Alfa Barat", "Kumuh Ringan",
            unit=_unit("1.5", "1.500001"), luas_verifikasi_ha=D("3.000001")),
        lok(5, "Tanpa Luas", None, "", "Kumuh Sedang"),
    ]  # fmt: skip
    buat_sk(kota_a, "2/2025", date(2025, 6, 15), [(a[b.nama], b) for b in baris2],
            menggantikan=sk1)  # fmt: skip
    # A second SK in force beside SK 2: both count.
    buat_sk(kota_a, "3/2026", date(2026, 1, 10),
            [(a["Baru"], lok(1, "Baru", "0.125", "Alfa Selatan", "Kumuh Ringan"))])  # fmt: skip
    # Re-surveys: newer and worse (flag), newer and better, older and worse, unapproved.
    buat_penilaian(a["Pesisir"], tahun=2026, status="disetujui_pokja", pita=BURUK)
    buat_penilaian(a["Kali"], tahun=2026, status="disetujui_pokja", pita={})
    buat_penilaian(a["Unit Cocok"], tahun=2021, status="disetujui_pokja", pita=BURUK)
    buat_penilaian(a["Baru"], tahun=2026, status="draf", pita=BURUK)
    kali = buat_lokasi(kota_b, "Kali Beta")
    buat_sk(kota_b, "7/2024", date(2024, 2, 1),
            [(kali, lok(1, "Kali Beta", "3.00", "Beta Barat", "Kumuh Sedang"))])  # fmt: skip
    # Kegiatan in every state, funded from two sources, monitored twice (the latest counts).
    for i, status in enumerate(["usulan", "direncanakan", "berjalan", "selesai", "selesai"]):
        k = buat_kegiatan(
            kota_a if i % 2 == 0 else kota_b, status=status,
            dana={"apbd_kabkota": D(100_000_000 + i), "apbn": D(50_000_000)},
        )  # fmt: skip
        buat_pemantauan(k, tanggal=date(2025, 3, 1), dana={"apbd_kabkota": D(1_000)})
        buat_pemantauan(k, tanggal=date(2025, 9, 1), dana={"apbd_kabkota": D(40_000_000 + i)})
    for kota, tahun, luas, n in ((kota_a, 2024, "30", 10), (kota_a, 2026, "12", None),
                                 (kota_b, 2026, "2.5", 1)):  # fmt: skip
        TargetKota.objects.create(kabupaten_kota=kota, tahun=tahun, luas_ha=D(luas), lokasi=n)


def _d(x) -> str:
    # The same figure prints the same whatever the backend's Decimal exponent.
    return str(D(x).quantize(D("0.01")))


def _j(j) -> tuple[int, str]:
    return (j.lokasi, _d(j.luas))


def ringkas(d: Dasbor) -> dict:
    """Every figure the page prints, as plain values (no database ids)."""
    return {
        "riwayat": [
            (
                p.tahun,
                p.acuan.isoformat(),
                p.sk,
                _j(p.total),
                sorted((k, _j(v)) for k, v in p.per_tingkat.items()),
                sorted((k, _j(v)) for k, v in p.per_kecamatan.items()),
                sorted((k, _j(v)) for k, v in p.per_kota.items()),
            )
            for p in d.riwayat
        ],
        "tingkat": d.tingkat,
        "kecamatan": d.kecamatan,
        "capaian": d.capaian
        and (
            d.capaian.tahun_awal,
            _j(d.capaian.awal),
            d.capaian.tahun_kini,
            _j(d.capaian.kini),
            _d(d.capaian.persen_berkurang),
        ),
        "tanda": [(t.jenis, t.sk, t.pesan) for t in d.tanda],
        "kegiatan": d.kegiatan,
        "dana": [(b.sumber, _d(b.alokasi), _d(b.realisasi)) for b in d.dana]
        + [("Jumlah", _d(d.dana_jumlah.alokasi), _d(d.dana_jumlah.realisasi))],
        "target": [
            (b.target.tahun, _d(b.target.luas), b.target.lokasi, b.status, b.resmi and _j(b.resmi))
            for b in d.banding_target
        ],
        "tanpa_sk": d.tanpa_sk,
        "baris_kota": [(n, _j(j), telat) for n, j, _i, telat in d.baris_kota],
    }


def test_the_citys_figures_are_unchanged(kota_a, beragam):
    assert ringkas(muat_dasbor([kota_a], HARI_INI)) == KOTA_A


def test_the_central_verifiers_figures_are_unchanged(kota_a, kota_b, kota_c, beragam):
    kota = sorted([kota_a, kota_b, kota_c], key=lambda k: k.nama)
    assert ringkas(muat_dasbor(kota, HARI_INI)) == GABUNGAN


def test_the_page_prints_the_same_totals(pokja_a, verifikator_pusat, beragam):
    teks = klien_untuk(pokja_a).get(reverse("monev:dasbor")).content.decode()
    assert "17,38 ha" in teks and "29,78" in teks  # today, and 2023 as the printed rows add up
    teks = klien_untuk(verifikator_pusat).get(reverse("monev:dasbor")).content.decode()
    assert "Kota Gama" in teks


# Computed by the dashboard before issue 14 (every frozen row read in Python).
KOTA_A: dict = {
    "riwayat": [
        (
            2023,
            "2023-12-31",
            ("SK Nomor 1/2023 Tahun 2023",),
            (9, "29.78"),
            [
                ("Kumuh Berat", (2, "13.25")),
                ("Kumuh Ringan", (3, "10.19")),
                ("Kumuh Sedang", (3, "6.00")),
                ("–", (1, "0.34")),
            ],
            [("Alfa Barat", (4, "14.59")), ("Alfa Timur", (4, "12.51")), ("–", (1, "2.68"))],
            [("Kota Alfa", (9, "29.78"))],
        ),
        (
            2024,
            "2024-12-31",
            ("SK Nomor 1/2023 Tahun 2023",),
            (9, "29.78"),
            [
                ("Kumuh Berat", (2, "13.25")),
                ("Kumuh Ringan", (3, "10.19")),
                ("Kumuh Sedang", (3, "6.00")),
                ("–", (1, "0.34")),
            ],
            [("Alfa Barat", (4, "14.59")), ("Alfa Timur", (4, "12.51")), ("–", (1, "2.68"))],
            [("Kota Alfa", (9, "29.78"))],
        ),
        (
            2025,
            "2025-12-31",
            ("SK Nomor 2/2025 Tahun 2025",),
            (5, "17.25"),
            [
                ("Kumuh Berat", (1, "3.00")),
                ("Kumuh Ringan", (1, "3.00")),
                ("Kumuh Sedang", (3, "11.25")),
            ],
            [("Alfa Barat", (3, "14.25")), ("Alfa Timur", (1, "3.00")), ("–", (1, "0.00"))],
            [("Kota Alfa", (5, "17.25"))],
        ),
        (
            2026,
            "2026-06-15",
            ("SK Nomor 2/2025 Tahun 2025", "SK Nomor 3/2026 Tahun 2026"),
            (6, "17.38"),
            [
                ("Kumuh Berat", (1, "3.00")),
                ("Kumuh Ringan", (2, "3.13")),
                ("Kumuh Sedang", (3, "11.25")),
            ],
            [
                ("Alfa Barat", (3, "14.25")),
                ("Alfa Selatan", (1, "0.13")),
                ("Alfa Timur", (1, "3.00")),
                ("–", (1, "0.00")),
            ],
            [("Kota Alfa", (6, "17.38"))],
        ),
    ],
    "tingkat": ["Kumuh Berat", "Kumuh Sedang", "Kumuh Ringan", "–"],
    "kecamatan": ["Alfa Barat", "Alfa Selatan", "Alfa Timur", "–"],
    "capaian": (2023, (9, "29.78"), 2026, (6, "17.38"), "41.64"),
    "tanda": [
        (
            "total",
            "SK Nomor 1/2023 Tahun 2023",
            "Luas total pada KEEMPAT SK Nomor 1/2023 Tahun 2023 (29,78 ha, jumlah luas baris "
            "yang sudah dibulatkan) tidak sama dengan jumlah luas baris bekunya sebelum "
            "dibulatkan (29,77 ha).",
        ),
        (
            "kosong",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 4. Tanpa Luas pada SK Nomor 1/2023 Tahun 2023 tidak mempunyai luas; ia tidak "
            "terhitung dalam hektar.",
        ),
        (
            "kecamatan",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 5. Tanpa Kec pada SK Nomor 1/2023 Tahun 2023 tidak menyebut kecamatan.",
        ),
        (
            "unit",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 6. Unit Salah pada SK Nomor 1/2023 Tahun 2023: luas baris 3,00 ha tidak sama "
            "dengan jumlah luas 3 unit RT-nya (2,50 ha).",
        ),
        (
            "acuan",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 8. Acuan pada SK Nomor 1/2023 Tahun 2023: luas baris 5,00 ha tidak sama "
            "dengan luas SK yang tercatat pada baris yang sama (5,50 ha).",
        ),
        (
            "total",
            "SK Nomor 2/2025 Tahun 2025",
            "Luas total pada KEEMPAT SK Nomor 2/2025 Tahun 2025 (17,25 ha, jumlah luas baris "
            "yang sudah dibulatkan) tidak sama dengan jumlah luas baris bekunya sebelum "
            "dibulatkan (17,26 ha).",
        ),
        (
            "kosong",
            "SK Nomor 2/2025 Tahun 2025",
            "Lokasi 5. Tanpa Luas pada SK Nomor 2/2025 Tahun 2025 tidak mempunyai luas; ia tidak "
            "terhitung dalam hektar.",
        ),
        (
            "survei",
            "SK Nomor 2/2025 Tahun 2025",
            "Lokasi 1. Pesisir pada SK Nomor 2/2025 Tahun 2025: survei 2026 (nilai 80, Kumuh "
            "Berat) lebih baru dan lebih buruk daripada survei yang dibekukan SK (2022, nilai "
            "50, Kumuh Sedang).",
        ),
    ],
    "kegiatan": [
        ("Usulan", 1),
        ("Direncanakan", 0),
        ("Dianggarkan", 0),
        ("Berjalan", 1),
        ("Selesai", 1),
        ("Diserahterimakan", 0),
    ],
    "dana": [
        ("APBN", "100000000.00", "0.00"),
        ("APBD Kab/Kota", "200000006.00", "80000006.00"),
        ("Jumlah", "300000006.00", "80000006.00"),
    ],
    "target": [
        (2024, "30.00", 10, "tercapai", (9, "29.78")),
        (2026, "12.00", None, "tahun berjalan", (6, "17.38")),
    ],
    "tanpa_sk": [],
    "baris_kota": [("Kota Alfa", (6, "17.38"), 1)],
}
GABUNGAN: dict = {
    "riwayat": [
        (
            2023,
            "2023-12-31",
            ("SK Nomor 1/2023 Tahun 2023",),
            (9, "29.78"),
            [
                ("Kumuh Berat", (2, "13.25")),
                ("Kumuh Ringan", (3, "10.19")),
                ("Kumuh Sedang", (3, "6.00")),
                ("–", (1, "0.34")),
            ],
            [
                ("Alfa Barat (Kota Alfa)", (4, "14.59")),
                ("Alfa Timur (Kota Alfa)", (4, "12.51")),
                ("– (Kota Alfa)", (1, "2.68")),
            ],
            [("Kota Alfa", (9, "29.78"))],
        ),
        (
            2024,
            "2024-12-31",
            ("SK Nomor 1/2023 Tahun 2023", "SK Nomor 7/2024 Tahun 2024"),
            (10, "32.78"),
            [
                ("Kumuh Berat", (2, "13.25")),
                ("Kumuh Ringan", (3, "10.19")),
                ("Kumuh Sedang", (4, "9.00")),
                ("–", (1, "0.34")),
            ],
            [
                ("Alfa Barat (Kota Alfa)", (4, "14.59")),
                ("Alfa Timur (Kota Alfa)", (4, "12.51")),
                ("Beta Barat (Kota Beta)", (1, "3.00")),
                ("– (Kota Alfa)", (1, "2.68")),
            ],
            [("Kota Alfa", (9, "29.78")), ("Kota Beta", (1, "3.00"))],
        ),
        (
            2025,
            "2025-12-31",
            ("SK Nomor 7/2024 Tahun 2024", "SK Nomor 2/2025 Tahun 2025"),
            (6, "20.25"),
            [
                ("Kumuh Berat", (1, "3.00")),
                ("Kumuh Ringan", (1, "3.00")),
                ("Kumuh Sedang", (4, "14.25")),
            ],
            [
                ("Alfa Barat (Kota Alfa)", (3, "14.25")),
                ("Alfa Timur (Kota Alfa)", (1, "3.00")),
                ("Beta Barat (Kota Beta)", (1, "3.00")),
                ("– (Kota Alfa)", (1, "0.00")),
            ],
            [("Kota Alfa", (5, "17.25")), ("Kota Beta", (1, "3.00"))],
        ),
        (
            2026,
            "2026-06-15",
            (
                "SK Nomor 7/2024 Tahun 2024",
                "SK Nomor 2/2025 Tahun 2025",
                "SK Nomor 3/2026 Tahun 2026",
            ),
            (7, "20.38"),
            [
                ("Kumuh Berat", (1, "3.00")),
                ("Kumuh Ringan", (2, "3.13")),
                ("Kumuh Sedang", (4, "14.25")),
            ],
            [
                ("Alfa Barat (Kota Alfa)", (3, "14.25")),
                ("Alfa Selatan (Kota Alfa)", (1, "0.13")),
                ("Alfa Timur (Kota Alfa)", (1, "3.00")),
                ("Beta Barat (Kota Beta)", (1, "3.00")),
                ("– (Kota Alfa)", (1, "0.00")),
            ],
            [("Kota Alfa", (6, "17.38")), ("Kota Beta", (1, "3.00"))],
        ),
    ],
    "tingkat": ["Kumuh Berat", "Kumuh Sedang", "Kumuh Ringan", "–"],
    "kecamatan": [
        "Alfa Barat (Kota Alfa)",
        "Alfa Selatan (Kota Alfa)",
        "Alfa Timur (Kota Alfa)",
        "Beta Barat (Kota Beta)",
        "– (Kota Alfa)",
    ],
    "capaian": (2023, (9, "29.78"), 2026, (7, "20.38"), "31.56"),
    "tanda": [
        (
            "total",
            "SK Nomor 1/2023 Tahun 2023",
            "Luas total pada KEEMPAT SK Nomor 1/2023 Tahun 2023 (29,78 ha, jumlah luas baris "
            "yang sudah dibulatkan) tidak sama dengan jumlah luas baris bekunya sebelum "
            "dibulatkan (29,77 ha).",
        ),
        (
            "kosong",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 4. Tanpa Luas pada SK Nomor 1/2023 Tahun 2023 tidak mempunyai luas; ia tidak "
            "terhitung dalam hektar.",
        ),
        (
            "kecamatan",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 5. Tanpa Kec pada SK Nomor 1/2023 Tahun 2023 tidak menyebut kecamatan.",
        ),
        (
            "unit",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 6. Unit Salah pada SK Nomor 1/2023 Tahun 2023: luas baris 3,00 ha tidak sama "
            "dengan jumlah luas 3 unit RT-nya (2,50 ha).",
        ),
        (
            "acuan",
            "SK Nomor 1/2023 Tahun 2023",
            "Lokasi 8. Acuan pada SK Nomor 1/2023 Tahun 2023: luas baris 5,00 ha tidak sama "
            "dengan luas SK yang tercatat pada baris yang sama (5,50 ha).",
        ),
        (
            "total",
            "SK Nomor 2/2025 Tahun 2025",
            "Luas total pada KEEMPAT SK Nomor 2/2025 Tahun 2025 (17,25 ha, jumlah luas baris "
            "yang sudah dibulatkan) tidak sama dengan jumlah luas baris bekunya sebelum "
            "dibulatkan (17,26 ha).",
        ),
        (
            "kosong",
            "SK Nomor 2/2025 Tahun 2025",
            "Lokasi 5. Tanpa Luas pada SK Nomor 2/2025 Tahun 2025 tidak mempunyai luas; ia tidak "
            "terhitung dalam hektar.",
        ),
        (
            "survei",
            "SK Nomor 2/2025 Tahun 2025",
            "Lokasi 1. Pesisir pada SK Nomor 2/2025 Tahun 2025: survei 2026 (nilai 80, Kumuh "
            "Berat) lebih baru dan lebih buruk daripada survei yang dibekukan SK (2022, nilai "
            "50, Kumuh Sedang).",
        ),
    ],
    "kegiatan": [
        ("Usulan", 1),
        ("Direncanakan", 1),
        ("Dianggarkan", 0),
        ("Berjalan", 1),
        ("Selesai", 2),
        ("Diserahterimakan", 0),
    ],
    "dana": [
        ("APBN", "200000000.00", "0.00"),
        ("APBD Kab/Kota", "400000010.00", "160000010.00"),
        ("Jumlah", "600000010.00", "160000010.00"),
    ],
    "target": [],
    "tanpa_sk": ["Kota Gama"],
    "baris_kota": [
        ("Kota Alfa", (6, "17.38"), 1),
        ("Kota Beta", (1, "3.00"), 1),
        ("Kota Gama", (0, "0.00"), 0),
    ],
}
