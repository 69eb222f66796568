"""Import of kegiatan from Excel: matched in the user's city, all or nothing, rights."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kolaborasi.impor.baca import KOLOM
from kolaborasi.impor.simpan import impor_kegiatan
from kolaborasi.models import Kegiatan
from lokasi import riwayat
from tests.conftest import buat_lokasi, klien_untuk

JUDUL = [k.kunci for k in KOLOM]
JALAN = {"program": "Program A", "kegiatan": "Jalan paving", "ruang_lingkup": "PSU",
         "kode_lokasi": "K-01", "tahun": 2026, "kriteria": "2a", "volume": 450,
         "biaya": 675_000_000, "apbd_kabkota": 500_000_000, "csr": 175_000_000,
         "pelaksana": "Pihak ketiga"}  # fmt: skip


def berkas(*baris: dict) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kegiatan"
    ws.append(JUDUL)
    for b in baris:
        ws.append([b.get(k) for k in JUDUL])
    isi = io.BytesIO()
    wb.save(isi)
    isi.seek(0)
    return isi


@pytest.fixture
def lokasi_k(kota_a):
    return buat_lokasi(kota_a, "Kampung K", kode="K-01"), buat_lokasi(
        kota_a, "Kampung L", kode="K-02"
    )


def test_it_saves_kegiatan_with_effects_funding_and_history(kota_a, operator_a, lokasi_k):
    satu, dua = lokasi_k
    kota = {"program": "Program B", "kegiatan": "Hidran skala kota", "ruang_lingkup": "PSU",
            "tahun": 2027, "biaya": 300_000_000, "apbn": 300_000_000,
            "pelaksana": "TJSLP"}  # fmt: skip
    laporan = impor_kegiatan(
        berkas=berkas(JALAN, {"kriteria": "2b", "volume": 120}, kota,
                      {"kode_lokasi": "k-01", "kriteria": "7a", "volume": 40},
                      {"kode_lokasi": "K-02", "kriteria": "7a", "volume": 30}),
        kabupaten_kota=kota_a, pengguna=operator_a, simpan=True,
    )  # fmt: skip
    assert laporan.masalah == [] and laporan.tersimpan
    jalan = Kegiatan.objects.get(nama="Jalan paving")
    assert jalan.lokasi == satu and jalan.status == "usulan" and jalan.dibuat_oleh == operator_a
    assert sorted((e.kriteria, e.volume) for e in jalan.efek.all()) == [("2a", 450), ("2b", 120)]
    assert {d.sumber: d.jumlah for d in jalan.pendanaan.all()} == {
        "apbd_kabkota": D(500_000_000),
        "csr": D(175_000_000),
    }
    hidran = Kegiatan.objects.get(nama="Hidran skala kota")
    assert hidran.lokasi is None and hidran.pelaksana == "tjslp"
    assert {(e.lokasi, e.volume) for e in hidran.efek.all()} == {(satu, 40), (dua, 30)}
    assert [r.tindakan for r in riwayat.untuk(jalan)] == ["dibuat"]


def test_one_bad_row_saves_nothing(kota_a, operator_a, lokasi_k):
    laporan = impor_kegiatan(
        berkas=berkas(JALAN, {**JALAN, "kegiatan": "Drainase", "kode_lokasi": "X-99"}),
        kabupaten_kota=kota_a, pengguna=operator_a, simpan=True,
    )  # fmt: skip
    assert not laporan.tersimpan and Kegiatan.objects.count() == 0
    assert [str(m) for m in laporan.masalah] == [
        "lembar Kegiatan, baris 3, kolom E (kode_lokasi): kode lokasi tidak ada di "
        "kabupaten/kota ini (X-99)"
    ]


def test_a_workbook_over_the_row_or_cell_limit_is_refused_unread(
    kota_a, operator_a, lokasi_k, settings
):
    """The survey import's limits hold here too: nothing is read past them, nothing saved."""
    settings.IMPOR_BARIS_MAKS = 2
    tiga = [{**JALAN, "kegiatan": f"Jalan {i}"} for i in range(3)]
    laporan = impor_kegiatan(
        berkas=berkas(*tiga), kabupaten_kota=kota_a, pengguna=operator_a, simpan=True
    )
    assert [str(m) for m in laporan.masalah] == [
        "berkas terlalu besar: lebih dari 2 baris (4 baris); bagi menjadi beberapa berkas"
    ]
    assert laporan.jumlah_kegiatan == 0 and Kegiatan.objects.count() == 0
    settings.IMPOR_BARIS_MAKS, settings.IMPOR_SEL_MAKS = 100, 20
    laporan = impor_kegiatan(
        berkas=berkas(*tiga), kabupaten_kota=kota_a, pengguna=operator_a, simpan=True
    )
    assert len(laporan.masalah) == 1 and "lebih dari 20 sel" in str(laporan.masalah[0])
    assert Kegiatan.objects.count() == 0


def test_another_citys_lokasi_is_not_found(kota_a, kota_b, operator_a):
    buat_lokasi(kota_b, "Kampung B", kode="K-01")
    laporan = impor_kegiatan(berkas=berkas(JALAN), kabupaten_kota=kota_a, pengguna=operator_a,
                             simpan=True)  # fmt: skip
    assert "kode lokasi tidak ada" in str(laporan.masalah[0]) and Kegiatan.objects.count() == 0


def test_only_the_pokja_and_admin_import_a_decided_status(kota_a, operator_a, pokja_a, lokasi_k):
    rencana = berkas({**JALAN, "status": "Direncanakan"})
    laporan = impor_kegiatan(berkas=rencana, kabupaten_kota=kota_a, pengguna=operator_a,
                             simpan=True)  # fmt: skip
    assert "selain Usulan" in str(laporan.masalah[0]) and not laporan.tersimpan
    rencana.seek(0)
    laporan = impor_kegiatan(berkas=rencana, kabupaten_kota=kota_a, pengguna=pokja_a, simpan=True)
    assert laporan.tersimpan and Kegiatan.objects.get().status == "direncanakan"


def test_checking_saves_nothing(kota_a, operator_a, lokasi_k):
    laporan = impor_kegiatan(berkas=berkas(JALAN), kabupaten_kota=kota_a, pengguna=operator_a,
                             simpan=False)  # fmt: skip
    assert laporan.masalah == [] and not laporan.tersimpan and Kegiatan.objects.count() == 0


def test_the_page_imports_and_shows_problems(kota_a, operator_a, lokasi_k):
    klien = klien_untuk(operator_a)
    url = reverse("kolaborasi:kegiatan_impor")
    salah = SimpleUploadedFile("k.xlsx", berkas({**JALAN, "csr": 1}).getvalue())
    r = klien.post(url, {"berkas": salah, "aksi": "simpan"})
    assert r.status_code == 200 and "tidak ada yang disimpan" in r.text
    assert "jumlah sumber dana kurang" in r.text
    benar = SimpleUploadedFile("k.xlsx", berkas(JALAN).getvalue())
    r = klien.post(url, {"berkas": benar, "aksi": "simpan"})
    assert r.status_code == 302 and Kegiatan.objects.count() == 1


def test_a_file_that_is_not_xlsx_is_named(operator_a):
    r = klien_untuk(operator_a).post(
        reverse("kolaborasi:kegiatan_impor"),
        {"berkas": SimpleUploadedFile("k.xls", b"xx"), "aksi": "periksa"},
    )
    assert "Unggah berkas .xlsx" in r.text


def test_rights(verifikator_p, pokja_a, client):
    url = reverse("kolaborasi:kegiatan_impor")
    assert klien_untuk(verifikator_p).get(url).status_code == 403
    assert klien_untuk(pokja_a).get(url).status_code == 200
    assert client.get(url).status_code == 302
    r = klien_untuk(verifikator_p).get(reverse("kolaborasi:kegiatan_impor_templat"))
    assert load_workbook(io.BytesIO(r.content)).sheetnames == ["Kegiatan", "Petunjuk", "Contoh"]
