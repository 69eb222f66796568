"""The Daftar Lokasi is defined once: every consumer prints the same columns and cell texts."""

from __future__ import annotations

import dataclasses
import html
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kumuh import angka
from kumuh.xlsx import isi_xlsx
from penilaian import daftar_lokasi
from penilaian.daftar_lokasi import KOLOM_DAFTAR, KOLOM_LAMPIRAN, kepala, teks_baris
from penilaian.ekspor import BARIS_KEPALA as BARIS_KEPALA_EKSPOR
from penilaian.ekspor import buku_daftar_prioritas
from penilaian.prioritas import BarisPrioritas
from penilaian.sk import tata as sk_tata
from penilaian.sk.contoh import isi_contoh
from penilaian.sk.isi import LokasiSK
from penilaian.sk.xlsx import BARIS_DATA, BARIS_KEPALA, LEMBAR_LAMPIRAN, buku_sk
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk

_MEDAN = {f.name for f in dataclasses.fields(BarisPrioritas)}


def baris_prioritas(lok: LokasiSK) -> BarisPrioritas:
    """Return the priority-list row of the same lokasi, as the page would build it."""
    data = {k: v for k, v in dataclasses.asdict(lok).items() if k in _MEDAN}
    return BarisPrioritas(**data, tahun=lok.tahun_penilaian, kabupaten_kota="Kota Contoh")


def _isi(jumlah: int = 5):
    isi = isi_contoh(jumlah)
    # One lokasi with gaps and an area of four decimals, the edge cases of the texts.
    kosong = dataclasses.replace(
        isi.lokasi[-1],
        luas_ha=Decimal("1.2345"),
        rt_rw="",
        kelurahan=(),
        jumlah_penduduk=None,
        kepadatan_penduduk=None,
        lintang=None,
        bujur=None,
    )
    return dataclasses.replace(isi, lokasi=(*isi.lokasi[:-1], kosong))


def _lembar(buku, nama=None):
    buku = load_workbook(BytesIO(isi_xlsx(buku)))
    return buku[nama] if nama else buku.active


def _kepala_xlsx(lembar, atas: int, jumlah: int) -> list[tuple[str, str]]:
    """Return each column's (top, bottom) header, "" where a merged cell continues."""
    return [
        (lembar.cell(atas, k).value or "", lembar.cell(atas + 1, k).value or "")
        for k in range(1, jumlah + 1)
    ]


def _isi_kepala(kolom, *, sk: bool = False) -> list[tuple[str, str]]:
    """The definition's header paths as a merged sheet shows them (group in its first cell)."""
    hasil = []
    for i, (atas, bawah) in enumerate(kepala(kolom, sk=sk)):
        lanjut = bawah and i and kolom[i - 1].grup == kolom[i].grup
        hasil.append(("" if lanjut else atas, bawah))
    return hasil


def _teks_sel(potongan: str) -> list[list[str]]:
    """Return the text of every cell of every <tr> in an HTML fragment."""
    sel = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in sel.findall(tr)]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", potongan, re.S)
    ]


# --- the definition ----------------------------------------------------------------------------


def test_lampiran_has_the_templates_16_columns_and_the_list_adds_pola_and_kewenangan():
    assert KOLOM_DAFTAR[:16] == KOLOM_LAMPIRAN
    assert [k.kunci for k in KOLOM_DAFTAR[16:]] == ["pola_penanganan", "kewenangan"]
    assert sk_tata.KOLOM is KOLOM_LAMPIRAN
    assert sum(k.lebar_mm for k in KOLOM_LAMPIRAN) == sk_tata.LEBAR_TABEL_MM == 277
    assert len({k.kunci for k in KOLOM_DAFTAR}) == len(KOLOM_DAFTAR)


def test_sk_headers_differ_from_the_lists_only_in_the_templates_spelling():
    beda = {k.kunci: (k.judul, k.judul_sk) for k in KOLOM_LAMPIRAN if k.judul != k.judul_sk}
    assert beda == {
        "kelurahan": ("KELURAHAN/DESA", "KELURAHAN/ DESA"),
        "kecamatan": ("KECAMATAN", "KECAMATAN /DISTRIK"),
    }
    [kepadatan] = [k for k in KOLOM_LAMPIRAN if "\u00ad" in k.judul_cetak]
    assert kepadatan.judul_sk == kepadatan.judul == "KEPADATAN (JIWA/HA)"


def test_a_missing_value_prints_a_dash_in_every_column():
    lok = _isi().lokasi[-1]
    teks = dict(zip((k.kunci for k in KOLOM_DAFTAR), teks_baris(lok), strict=True))
    for kunci in ("rt_rw", "kelurahan", "jumlah_penduduk", "kepadatan", "lintang", "bujur"):
        assert teks[kunci] == angka.KOSONG, kunci
    assert teks["luas"] == "1,23"
    assert daftar_lokasi.nilai_baris(lok)[2] == Decimal("1.23")  # the SK totals what it prints


# --- every consumer, the same headers in the same order --------------------------------------


def _rapat(teks: str) -> str:
    """A text without spaces and break hints, to compare it with its wrapped lines."""
    return re.sub(r"[\s\u00ad]", "", teks)


def _sambung(baris: tuple[str, ...]) -> str:
    """Join a cell's wrapped lines (a hyphen ending a line is a used soft hyphen)."""
    return _rapat(
        "".join(
            b[:-1] if b.endswith("-") and i < len(baris) - 1 else b for i, b in enumerate(baris)
        )
    )


def test_both_workbooks_and_the_pdf_show_the_definitions_headers():
    isi = _isi()
    sk = _lembar(buku_sk(isi), LEMBAR_LAMPIRAN)
    assert _kepala_xlsx(sk, BARIS_KEPALA, 16) == _isi_kepala(KOLOM_LAMPIRAN, sk=True)
    daftar = _lembar(buku_daftar_prioritas([baris_prioritas(lok) for lok in isi.lokasi], judul="J"))
    assert _kepala_xlsx(daftar, BARIS_KEPALA_EKSPOR + 1, 18) == _isi_kepala(KOLOM_DAFTAR)
    assert daftar.cell(BARIS_KEPALA_EKSPOR + 1, 19).value is None

    # The PDF's header cells as laid out (penilaian.sk.tata), lines joined again.
    sel = sk_tata.kepala()[0]
    atas = [_sambung(s.teks) for s in sel if s.baris == 0]
    bawah = [_sambung(s.teks) for s in sel if s.baris == 1]
    assert atas == [_rapat(g) for g, _ in daftar_lokasi.grup_kolom(KOLOM_LAMPIRAN, sk=True)]
    assert bawah == [_rapat(k.judul_cetak) for k in KOLOM_LAMPIRAN if k.grup]


def test_one_lokasi_reads_the_same_in_the_pdf_and_both_workbooks():
    isi = _isi()
    sk = _lembar(buku_sk(isi), LEMBAR_LAMPIRAN)
    baris = [baris_prioritas(lok) for lok in isi.lokasi]
    daftar = _lembar(buku_daftar_prioritas(baris, judul="J"))
    # The PDF's cells as laid out (penilaian.sk.tata), each cell's lines joined again.
    pdf = [tuple(map(_sambung, b.sel)) for h in sk_tata.tata_halaman(isi) for b in h]

    def teks_xlsx(lembar, nomor, kolom):
        return tuple(
            k.teks(None if (v := lembar.cell(nomor, i).value) == angka.KOSONG else v)
            for i, k in enumerate(kolom, start=1)
        )

    for i, (lok, b) in enumerate(zip(isi.lokasi, baris, strict=True)):
        harap = teks_baris(lok, KOLOM_LAMPIRAN)
        assert teks_baris(b) == (*harap, b.pola_penanganan, b.kewenangan)
        assert pdf[i] == tuple(map(_rapat, harap))
        assert harap == sk_tata.sel_lampiran1(lok)
        assert teks_xlsx(sk, BARIS_DATA + i, KOLOM_LAMPIRAN) == harap
        assert teks_xlsx(daftar, BARIS_KEPALA_EKSPOR + 3 + i, KOLOM_DAFTAR) == teks_baris(b)


def test_both_workbooks_write_a_cell_alike():
    isi = _isi()
    sk = _lembar(buku_sk(isi), LEMBAR_LAMPIRAN)
    daftar = _lembar(buku_daftar_prioritas([baris_prioritas(lok) for lok in isi.lokasi], judul="J"))
    for k in range(1, 17):
        a, b = sk.cell(BARIS_DATA, k), daftar.cell(BARIS_KEPALA_EKSPOR + 3, k)
        assert (a.value, a.number_format, a.alignment.horizontal) == (
            b.value,
            b.number_format,
            b.alignment.horizontal,
        )
        assert (
            sk.column_dimensions[a.column_letter].width
            == daftar.column_dimensions[b.column_letter].width
        )


# --- the page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_the_excels_headers_and_cells(operator_a, kota_a):
    # Four decimals of area: page and Excel both print (and the Excel stores) 1,23.
    lokasi = buat_lokasi(kota_a, "Kampung Batik", luas_verifikasi_ha=Decimal("1.2345"))
    buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")
    klien = klien_untuk(operator_a)
    halaman = klien.get(reverse("penilaian:prioritas")).content.decode()
    tabel = re.search(r'<table class="tabel tabel-prioritas".*?</table>', halaman, re.S).group(0)
    atas, bawah, sel, _jumlah = _teks_sel(tabel)
    assert atas == [g for g, _ in daftar_lokasi.grup_kolom(KOLOM_DAFTAR)] + ["TAHUN PENILAIAN"]
    assert bawah == [k.judul for k in KOLOM_DAFTAR if k.grup]

    lembar = _lembar_respons(klien.get(reverse("penilaian:prioritas_excel")))
    assert _kepala_xlsx(lembar, BARIS_KEPALA_EKSPOR + 1, 18) == _isi_kepala(KOLOM_DAFTAR)
    excel = [
        k.teks(lembar.cell(BARIS_KEPALA_EKSPOR + 3, i).value)
        for i, k in enumerate(KOLOM_DAFTAR, start=1)
    ]
    assert sel == [*excel, "2025"]
    assert excel[:3] == ["1", "Kampung Batik", "1,23"]


def _lembar_respons(respons):
    return load_workbook(BytesIO(respons.content)).active
