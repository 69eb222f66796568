"""Reading a kegiatan workbook (pure, no database): grouping, funding sum, problems by cell."""

from __future__ import annotations

import io
from decimal import Decimal as D

from openpyxl import Workbook, load_workbook

from kolaborasi.impor.baca import KOLOM, baca
from kolaborasi.impor.templat import CONTOH, buku_templat


def buku(baris: list[dict], judul: list[str] | None = None) -> io.BytesIO:
    judul = judul or list(dict.fromkeys(k for b in baris for k in b))
    wb = Workbook()
    ws = wb.active
    ws.title = "Kegiatan"
    ws.append(judul)
    for b in baris:
        ws.append([b.get(k) for k in judul])
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    return berkas


DASAR = {"program": "Program A", "kegiatan": "Jalan paving", "ruang_lingkup": "PSU",
         "kode_lokasi": "K-01", "tahun": 2026, "kriteria": "2a", "volume": 450,
         "biaya": 675_000_000, "apbd_kabkota": 500_000_000, "csr": 175_000_000,
         "pelaksana": "Pihak ketiga"}  # fmt: skip


def test_the_templates_example_reads_without_problems():
    berkas = io.BytesIO()
    wb = buku_templat()
    wb.remove(wb["Kegiatan"])  # read the Contoh sheet as data
    wb["Contoh"].title = "Data"
    wb.save(berkas)
    berkas.seek(0)
    hasil = baca(berkas)
    assert hasil.masalah == []
    jalan, hidran = hasil.kegiatan
    assert [(e.kriteria, e.volume, e.kode_lokasi) for e in jalan.efek] == [
        ("2a", D(450), ""),
        ("2b", D(120), ""),
    ]
    assert jalan.dana == {"apbd_kabkota": D(500_000_000), "csr": D(175_000_000)}
    assert jalan.nilai["ruang_lingkup"] == "psu" and jalan.nilai["pelaksana"] == "pihak_ketiga"
    assert [e.kode_lokasi for e in hidran.efek] == ["DEMO-02", "DEMO-03"]
    assert len(CONTOH) == 5


def test_headers_take_other_spellings_and_labels():
    baris = {**DASAR, "APBD Kab/Kota": 500_000_000, "CSR/TJSLP": 175_000_000}
    del baris["apbd_kabkota"], baris["csr"]
    baris["Nama Kegiatan"] = baris.pop("kegiatan")
    baris["Biaya (Rp)"] = baris.pop("biaya")
    hasil = baca(buku([baris]))
    assert hasil.masalah == []
    assert hasil.kegiatan[0].nilai["kegiatan"] == "Jalan paving"


def test_funding_that_does_not_add_up_is_named_at_the_biaya_cell():
    hasil = baca(buku([{**DASAR, "csr": 100_000_000}]))
    assert [str(m) for m in hasil.masalah] == [
        "lembar Kegiatan, baris 2, kolom H (biaya): jumlah sumber dana kurang Rp 75.000.000 "
        "dari biaya (Rp 675.000.000)"
    ]


def test_bad_cells_and_missing_fields_are_all_reported():
    hasil = baca(buku([
        {**DASAR, "kriteria": "9z", "volume": -3, "tahun": 1990},
        {**DASAR, "kegiatan": "Tanpa program", "program": None, "pelaksana": None},
    ], judul=[k.kunci for k in KOLOM]))  # fmt: skip
    pesan = [str(m) for m in hasil.masalah]
    assert any("baris 2" in p and "(kriteria)" in p and "tidak dikenal ('9z')" in p for p in pesan)
    assert any("baris 2" in p and "(volume)" in p and "tidak boleh negatif" in p for p in pesan)
    assert any("baris 2" in p and "(tahun)" in p and "2000–2100" in p for p in pesan)
    assert any("baris 3" in p and "(program): wajib diisi" in p for p in pesan)
    assert any("baris 3" in p and "(pelaksana): wajib diisi" in p for p in pesan)


def test_continuation_rows_need_a_kegiatan_above_and_carry_only_effects():
    hasil = baca(buku([
        {"kriteria": "6a", "volume": 90},
        DASAR,
        {"kriteria": "6a", "volume": 90, "biaya": 5},
    ], judul=[k.kunci for k in KOLOM]))  # fmt: skip
    pesan = [str(m) for m in hasil.masalah]
    assert "baris 2" in pesan[0] and "baris efek tanpa kegiatan di atasnya" in pesan[0]
    assert any("baris 4" in p and "(biaya)" in p and "hanya berisi kriteria" in p for p in pesan)


def test_a_city_wide_kegiatan_names_the_lokasi_of_each_effect():
    kota = {**DASAR, "kode_lokasi": None}
    hasil = baca(buku([kota], judul=[k.kunci for k in KOLOM]))
    assert "tiap efek menyebut kode lokasinya" in str(hasil.masalah[0])


def test_the_same_criterion_twice_at_one_lokasi_is_refused():
    hasil = baca(buku([DASAR, {"kriteria": "2a", "volume": 10}], judul=[k.kunci for k in KOLOM]))
    assert "sudah disebut" in str(hasil.masalah[0])


def test_the_template_has_every_column_and_its_petunjuk():
    wb = load_workbook(_simpan(buku_templat()))
    assert wb.sheetnames == ["Kegiatan", "Petunjuk", "Contoh"]
    assert [c.value for c in wb["Kegiatan"][1]] == [k.kunci for k in KOLOM]


def _simpan(wb: Workbook) -> io.BytesIO:
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    return berkas
