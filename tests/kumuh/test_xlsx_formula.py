"""Issue 10 item 14: text a user typed that begins with =, +, - or @ is text in every exported
.xlsx, never a formula. The app writes no formulas of its own, so no exported cell may have
data_type "f"."""

from __future__ import annotations

import dataclasses
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kumuh.xlsx import isi_xlsx
from monev.evaluasi import services as evaluasi_services
from penilaian.sk.contoh import isi_contoh
from penilaian.sk.xlsx import buku_sk
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku
from tests.kolaborasi.test_pks_halaman import buat_pks
from tests.monev.test_peninjauan_muat import buat_peninjauan

JAHAT = ["=1+1", "@SUM(A1)", "+62 811", "-abc", '=HYPERLINK("http://x","klik")']


def _rumus(isi: bytes) -> list[str]:
    """Every cell of every sheet stored as a formula: 'Sheet!A1 = value'."""
    buku = load_workbook(BytesIO(isi))
    return [
        f"{lembar.title}!{sel.coordinate} = {sel.value}"
        for lembar in buku.worksheets
        for baris in lembar.iter_rows()
        for sel in baris
        if sel.data_type == "f"
    ]


def _teks(isi: bytes) -> set[str]:
    buku = load_workbook(BytesIO(isi))
    return {
        str(sel.value)
        for lembar in buku.worksheets
        for baris in lembar.iter_rows()
        for sel in baris
    }


def test_isi_xlsx_stores_formula_looking_text_as_text_whatever_the_writer():
    # Every export goes through isi_xlsx; a writer that forgot jadikan_teks (a raw .cell(),
    # ws.append, .value =) must still not produce a formula.
    buku = Workbook()
    lembar = buku.active
    lembar.cell(1, 1, JAHAT[0])
    lembar.append(JAHAT)
    kedua = buku.create_sheet("Kedua")
    kedua["B2"].value = "=" + "1+1"
    kedua["B3"] = "="
    isi = isi_xlsx(buku)
    assert _rumus(isi) == []
    assert {*JAHAT, "=1+1", "="} <= _teks(isi)


@pytest.mark.django_db
def test_every_export_keeps_hostile_text_as_text(operator_a, pokja_a, kota_a):
    """Records whose free text starts with =, @, + or -, exported through every xlsx URL."""
    lokasi = [
        buat_lokasi(kota_a, nama, kode=f"K{i}", rt_rw=JAHAT[(i + 1) % 5], permasalahan=nama)
        for i, nama in enumerate(JAHAT)
    ]
    for lok in lokasi:
        buat_penilaian(lok, 2025, "disetujui_pokja")
    pj = buat_pemangku(kota_a, JAHAT[0])
    for i, lok in enumerate(lokasi):
        buat_kegiatan(
            kota_a, lok, efek={"2a": 100}, tahun=2027, nama=JAHAT[i], penanggung_jawab=pj,
            dasar_dokumen=JAHAT[(i + 2) % 5],
        )  # fmt: skip
        buat_pks(
            kota_a, nomor=JAHAT[i], status="ditandatangani", pihak_pertama=JAHAT[(i + 1) % 5],
            ruang_lingkup=JAHAT[(i + 3) % 5],
            pemangku=buat_pemangku(kota_a, JAHAT[(i + 4) % 5] + f" {i}", "perusahaan"),
        )  # fmt: skip
    peninjauan = buat_peninjauan(kota_a, pokja_a, lokasi[0])
    evaluasi = evaluasi_services.evaluasi_buat(kabupaten_kota=kota_a, tahun=2027, pengguna=pokja_a)
    klien = klien_untuk(operator_a)
    unduhan = {
        "prioritas": reverse("penilaian:prioritas_excel"),
        "templat impor penilaian": reverse("penilaian:impor_templat"),
        "register PKS": reverse("kolaborasi:pks_xlsx"),
        "templat impor kegiatan": reverse("kolaborasi:kegiatan_impor_templat"),
        "memorandum": reverse("kolaborasi:memorandum_excel") + "?tahun=2027",
        "evaluasi": reverse("monev:evaluasi_xlsx", args=[evaluasi.pk]),
        "Tabel 5 kota": reverse("monev:peninjauan_buku_xlsx", args=[peninjauan.pk]),
        # The review's own row of the lokasi (its pk, not the Lokasi's: they only coincide on
        # a fresh SQLite database).
        "Tabel 5 lokasi": reverse(
            "monev:peninjauan_lokasi_xlsx", args=[peninjauan.pk, peninjauan.lokasi.get().pk]
        ),
    }
    rumus = {}
    for nama, url in unduhan.items():
        r = klien.get(url)
        assert r.status_code == 200, (nama, r.status_code)
        rumus[nama] = _rumus(r.content)
    assert {k: v for k, v in rumus.items() if v} == {}
    assert JAHAT[0] in _teks(klien.get(unduhan["prioritas"]).content)
    assert JAHAT[0] in _teks(klien.get(unduhan["register PKS"]).content)


def test_sk_excel_keeps_hostile_names_as_text():
    isi = isi_contoh(5)
    lokasi = tuple(
        dataclasses.replace(
            lok, nama=JAHAT[i], rt_rw=JAHAT[(i + 1) % 5], kelurahan=(JAHAT[(i + 2) % 5],),
            kecamatan=(JAHAT[(i + 3) % 5],),
        )
        for i, lok in enumerate(isi.lokasi)
    )  # fmt: skip
    isi = dataclasses.replace(isi, lokasi=lokasi)
    berkas = isi_xlsx(buku_sk(isi))
    assert _rumus(berkas) == []
    assert set(JAHAT) <= _teks(berkas)
