"""The dashboard's figures worked by hand, without a database (monev/dasbor/angka.py)."""

from datetime import date
from decimal import Decimal as D

from monev.dasbor import angka, grafik
from penilaian.sk.isi import LokasiSK, UnitSK

HARI_INI = date(2026, 6, 15)


def lok(nomor: int, nama: str, luas: str | None, kecamatan: str, tingkat: str, **lain) -> LokasiSK:
    """A frozen SK row with only what the dashboard reads filled in."""
    nilai = {"Kumuh Berat": 70, "Kumuh Sedang": 50, "Kumuh Ringan": 30}[tingkat]
    data = {
        "nomor": nomor,
        "lokasi_pk": nomor,
        "penilaian_pk": nomor,
        "tahun_penilaian": 2022,
        "kode": f"L{nomor}",
        "nama": nama,
        "luas_ha": None if luas is None else D(luas),
        "rt_rw": "",
        "kelurahan": (),
        "kecamatan": (kecamatan,) if kecamatan else (),
        "jumlah_penduduk": None,
        "kepadatan_penduduk": None,
        "lintang": None,
        "bujur": None,
        "nilai_kekumuhan": nilai,
        "tingkat_kekumuhan": tingkat,
        "nilai_pertimbangan_lain": 0,
        "tingkat_pertimbangan_lain": "Rendah",
        "legalitas": "Legal",
        "klasifikasi": "B1",
        "prioritas": 1,
        "pola_penanganan": "",
        "kewenangan": "",
    }
    data.update(lain)
    return LokasiSK(**data)


def sk(pk, judul, mulai, berakhir, lokasi, kota="Kota Alfa") -> angka.SKBeku:
    return angka.SKBeku.dari_baris(pk, 1, kota, judul, mulai, berakhir, lokasi)


# SK 1 of 1 March 2023 lists two lokasi in two kecamatan; SK 2 of 15 June 2025 revokes it and
# lists only the first, now Kumuh Sedang (the second left the list).
SK1 = sk(1, "SK 1/2023", date(2023, 3, 1), date(2025, 6, 15), [
    lok(1, "Pesisir", "10.25", "Utara", "Kumuh Berat"),
    lok(2, "Bantaran", "4.50", "Selatan", "Kumuh Ringan"),
])  # fmt: skip
SK2 = sk(
    2, "SK 2/2025", date(2025, 6, 15), None, [lok(1, "Pesisir", "10.25", "Utara", "Kumuh Sedang")]
)


def test_hectares_by_year_switch_at_the_replacing_sks_tanggal():
    r = angka.riwayat([SK1, SK2], HARI_INI)
    assert [(p.tahun, p.total.lokasi, p.total.luas) for p in r] == [
        (2023, 2, D("14.75")), (2024, 2, D("14.75")), (2025, 1, D("10.25")),
        (2026, 1, D("10.25")),
    ]  # fmt: skip
    assert [p.sk for p in r] == [("SK 1/2023",), ("SK 1/2023",), ("SK 2/2025",), ("SK 2/2025",)]
    assert r[-1].acuan == HARI_INI  # the current year is read today, not on 31 December
    # The day before the second SK the first is in force; on its tanggal the second is.
    assert angka.titik([SK1, SK2], 2025, date(2025, 6, 14)).total.luas == D("14.75")
    assert angka.titik([SK1, SK2], 2025, date(2025, 6, 15)).sk == ("SK 2/2025",)


def test_tingkat_and_kecamatan_split_over_the_years():
    r = angka.riwayat([SK1, SK2], HARI_INI)
    assert angka.urutan_tingkat(r) == ["Kumuh Berat", "Kumuh Sedang", "Kumuh Ringan"]
    assert [(p.tingkat("Kumuh Berat").luas, p.tingkat("Kumuh Sedang").luas,
             p.tingkat("Kumuh Ringan").lokasi) for p in r] == [
        (D("10.25"), 0, 1), (D("10.25"), 0, 1), (0, D("10.25"), 0), (0, D("10.25"), 0),
    ]  # fmt: skip
    assert angka.urutan_kecamatan(r) == ["Selatan", "Utara"]
    assert [p.kecamatan("Selatan").luas for p in r] == [D("4.50"), D("4.50"), 0, 0]
    assert [p.kecamatan("Utara").lokasi for p in r] == [1, 1, 1, 1]


def test_achievement_from_the_first_year_in_force():
    c = angka.capaian(angka.riwayat([SK1, SK2], HARI_INI))
    assert (c.tahun_awal, c.tahun_kini, c.berkurang_luas, c.berkurang_lokasi) == (
        2023, 2026, D("4.50"), 1,
    )  # fmt: skip
    assert c.persen_berkurang == D("30.51")  # 4,50 / 14,75
    assert (c.perubahan_luas, c.perubahan_lokasi) == (D("-4.50"), -1)
    assert angka.capaian([]) is None


def test_several_cities_name_their_kecamatan_and_add_up():
    lain = sk(3, "SK 3/2024", date(2024, 1, 10), None,
              [lok(1, "Kali", "3.00", "Utara", "Kumuh Sedang")], kota="Kota Beta")  # fmt: skip
    kini = angka.riwayat([SK1, SK2, lain], HARI_INI, dengan_kota=True)[-1]
    assert kini.total.luas == D("13.25") and kini.total.lokasi == 2
    assert set(kini.per_kecamatan) == {"Utara (Kota Alfa)", "Utara (Kota Beta)"}
    assert {k: j.luas for k, j in kini.per_kota.items()} == {
        "Kota Alfa": D("10.25"), "Kota Beta": D("3.00"),
    }  # fmt: skip


def test_a_consistent_sk_raises_no_flag():
    assert angka.periksa_sk(SK1) == [] and angka.periksa_sk(SK2) == []


def test_keempat_total_against_the_unrounded_rows():
    # Printed: 1,01 + 1,01 + 1,01 = 3,03; recorded: 1,005 × 3 = 3,015 → 3,02.
    s = sk(5, "SK 5/2024", date(2024, 1, 1), None,
           [lok(i, f"L{i}", "1.005", "Utara", "Kumuh Ringan") for i in (1, 2, 3)])  # fmt: skip
    [t] = angka.periksa_sk(s)
    assert t.jenis == "total"
    assert t.pesan == (
        "Luas total pada KEEMPAT SK 5/2024 (3,03 ha, jumlah luas baris yang sudah dibulatkan) "
        "tidak sama dengan jumlah luas baris bekunya sebelum dibulatkan (3,02 ha)."
    )


def test_a_row_against_its_units_and_its_reference_area():
    unit = (UnitSK("RT 001/RW 001", "Kel", D("1.25"), None, None),
            UnitSK("RT 002/RW 001", "Kel", D("1.25"), None, None))  # fmt: skip
    baris = lok(1, "Pesisir", "3.00", "Utara", "Kumuh Sedang", unit=unit,
                luas_verifikasi_ha=D("2.50"), luas_sk_ha=D("3.00"))  # fmt: skip
    tanda = angka.periksa_sk(sk(6, "SK 6/2024", date(2024, 1, 1), None, [baris]))
    assert [t.jenis for t in tanda] == ["unit", "acuan"]
    assert tanda[0].pesan == (
        "Lokasi 1. Pesisir pada SK 6/2024: luas baris 3,00 ha tidak sama dengan jumlah luas 2 "
        "unit RT-nya (2,50 ha)."
    )
    assert "luas verifikasi yang tercatat pada baris yang sama (2,50 ha)" in tanda[1].pesan


def test_a_row_without_area_or_kecamatan_is_flagged():
    s = sk(7, "SK 7/2024", date(2024, 1, 1), None, [
        lok(1, "Tanpa Luas", None, "Utara", "Kumuh Ringan"),
        lok(2, "Tanpa Kecamatan", "1.00", "", "Kumuh Ringan"),
    ])  # fmt: skip
    assert [t.jenis for t in angka.periksa_sk(s)] == ["kosong", "kecamatan"]


def test_a_newer_worse_survey_is_flagged_and_an_older_or_better_one_is_not():
    kini = {
        1: angka.SurveiKini(2026, date(2026, 2, 1), 60, "Kumuh Sedang"),  # worse than 50
        2: angka.SurveiKini(2026, None, 10, "Tidak Kumuh"),
    }
    s = sk(8, "SK 8/2024", date(2024, 1, 1), None, [
        lok(1, "Pesisir", "1.00", "Utara", "Kumuh Sedang"),
        lok(2, "Bantaran", "1.00", "Utara", "Kumuh Sedang"),
    ])  # fmt: skip
    [t] = angka.periksa_survei(s, kini)
    assert t.lokasi_pk == 1 and t.pesan == (
        "Lokasi 1. Pesisir pada SK 8/2024: survei 2026 (nilai 60, Kumuh Sedang) lebih baru dan "
        "lebih buruk daripada survei yang dibekukan SK (2022, nilai 50, Kumuh Sedang)."
    )
    lama = {1: angka.SurveiKini(2021, None, 70, "Kumuh Berat")}  # older than the frozen 2022
    assert angka.periksa_survei(s, lama) == []


def test_funding_per_source_in_the_memorandum_order():
    label = {"apbn": "APBN", "apbd_kabkota": "APBD Kab/Kota", "csr": "CSR/TJSLP"}
    baris, jumlah = angka.dana_per_sumber(
        label, {"csr": D(100), "apbn": D(400)}, {"apbn": D(100), "csr": D(0)}
    )
    assert [(b.sumber, b.alokasi, b.realisasi, b.persen) for b in baris] == [
        ("APBN", D(400), D(100), D("25.00")), ("CSR/TJSLP", D(100), D(0), D("0.00")),
    ]  # fmt: skip
    assert (jumlah.alokasi, jumlah.realisasi, jumlah.persen) == (D(500), D(100), D("20.00"))


def test_charts_are_inline_svg_with_escaped_labels_and_values():
    svg = grafik.grafik_tingkat([2023, 2024], ["Kumuh <Berat>"], [[D("10.25"), D("0")]])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "Kumuh &lt;Berat&gt;" in svg and "<Berat>" not in svg
    assert "10,25" in svg  # the value printed on the bar, Indonesian style
    dana = grafik.grafik_dana(["APBN"], [D(400000)], [D(100000)])
    assert "Rp 400.000" in dana and "Rp 100.000" in dana and "Realisasi" in dana
