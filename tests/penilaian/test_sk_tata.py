"""Lampiran I's layout (penilaian.sk.tata): lines and pages computed before drawing, and the
drawing (penilaian.sk.lampiran1) prints exactly that plan."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from kumuh import pdf
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import tata as sk_tata
from penilaian.sk.contoh import isi_contoh


def test_a_short_text_takes_one_line_and_a_long_one_wraps():
    assert sk_tata.jumlah_baris("Legal", 14, 7.2) == 1
    assert sk_tata.jumlah_baris("", 14, 7.2) == 1
    panjang = "Kampung Nelayan Bantaran Kali Loji Pasirkratonkramat Kidul"
    assert sk_tata.jumlah_baris(panjang, 31, 7.2) >= 3
    # The wider the column, the fewer the lines.
    assert sk_tata.jumlah_baris(panjang, 60, 7.2) < sk_tata.jumlah_baris(panjang, 31, 7.2)


def test_a_word_wider_than_the_column_is_split_over_lines():
    kata = "Pasirkratonkramat" * 3
    lebar = sk_tata.lebar_teks_mm(kata, 7.2)
    assert sk_tata.jumlah_baris(kata, lebar / 2.5, 7.2) == 3


def test_text_width_scales_with_the_size_and_bold_is_wider():
    a = sk_tata.lebar_teks_mm("KELURAHAN", 7)
    assert sk_tata.lebar_teks_mm("KELURAHAN", 14) == pytest.approx(2 * a)
    assert sk_tata.lebar_teks_mm("KELURAHAN", 7, tebal=True) > a


def test_the_columns_fill_the_landscape_page_and_groups_follow_the_template():
    assert sk_tata.LEBAR_TABEL_MM == 277
    assert [g for g, n in sk_tata.grup_kolom() if n > 1] == [
        "LINGKUP ADMINISTRATIF", "KEPENDUDUKAN", "KOORDINAT", "KEKUMUHAN", "PERT. LAIN",
    ]  # fmt: skip
    assert sum(n for _, n in sk_tata.grup_kolom()) == 16


def test_a_row_with_a_long_name_is_taller():
    isi = isi_contoh(2)
    pendek = sk_tata.sel_lampiran1(isi.lokasi[0])
    panjang = sk_tata.sel_lampiran1(replace(isi.lokasi[0], nama="Kampung " * 12))
    assert sk_tata.tinggi_baris_mm(panjang) > sk_tata.tinggi_baris_mm(pendek)


def test_the_first_page_holds_fewer_rows_and_every_lokasi_is_planned_once():
    isi = isi_contoh(300)
    halaman = sk_tata.rencana_halaman(isi)
    assert [lok for h in halaman for lok in h] == list(isi.lokasi)
    assert len(halaman[0]) < len(halaman[1])


def test_every_line_fits_its_column_and_a_soft_hyphen_breaks_with_a_hyphen():
    isi = isi_contoh(300)
    for h in sk_tata.tata_halaman(isi):
        for baris in h:
            for garis, k in zip(baris.sel, sk_tata.KOLOM, strict=True):
                if k.nowrap:
                    continue
                ruang = k.lebar_mm - sk_tata.RUANG_SEL * sk_tata.MM_PER_PT
                assert all(sk_tata.lebar_teks_mm(g, 7.2) <= ruang for g in garis), garis
    # "KEPA\u00adDATAN (JIWA/HA)" in its 15 mm column.
    kepala = {sel.teks for sel in sk_tata.kepala()[0]}
    assert ("KEPA-", "DATAN", "(JIWA/HA)") in kepala
    assert sk_tata.bungkus("KEPA\u00adDATAN", 1000, 7) == ("KEPADATAN",)
    # A break after a slash is taken when it is the last one that fits.
    lebar = sk_tata.lebar_teks("KECAMATAN /", 6.8, sk_tata.TEBAL) + 1
    assert sk_tata.bungkus("KECAMATAN /DISTRIK", lebar, 6.8, sk_tata.TEBAL) == (
        "KECAMATAN /",
        "DISTRIK",
    )


def test_the_tail_gets_its_own_page_when_it_does_not_fit():
    isi = isi_contoh(300)
    # Some length of the list fills the last page so that the totals and the verification
    # blocks need a page of their own: the plan says so, and the PDF has that many pages.
    for jumlah in range(250, 300):
        pendek = replace(isi, lokasi=isi.lokasi[:jumlah])
        rencana = sk_tata.rencana_halaman(pendek)
        if rencana[-1] == []:
            break
    else:
        pytest.fail("no length of the list pushed the totals to a new page")
    assert pdf.jumlah_halaman(sk_cetak.pdf_lampiran1(pendek, cache=None)) == len(rencana)


def _halaman(data: bytes, tmp_path: Path) -> list[str]:
    berkas = tmp_path / "l1.pdf"
    berkas.write_bytes(data)
    teks = subprocess.run(
        ["pdftotext", "-raw", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    return teks.split("\f")[: pdf.jumlah_halaman(data)]


@pytest.mark.parametrize("jumlah", [0, 1, 45, 160])
def test_the_printed_pages_are_the_planned_pages(jumlah, tmp_path):
    isi = isi_contoh(jumlah)
    # Some long names and RT lists, so rows of many heights.
    lokasi = [
        replace(lok, nama=lok.nama + " Bantaran Sungai Loji Kidul" * (lok.nomor % 3))
        for lok in isi.lokasi
    ]
    isi = replace(isi, lokasi=tuple(lokasi))
    rencana = sk_tata.rencana_halaman(isi)
    halaman = _halaman(sk_cetak.pdf_lampiran1(isi, cache=None), tmp_path)
    n = len(rencana)
    assert len(halaman) == n
    for i, (teks, baris) in enumerate(zip(halaman, rencana, strict=True), start=1):
        assert f"Halaman {i} dari {n}" in teks
        if baris:
            assert f"\n{baris[0].nomor} " in teks, (i, baris[0].nomor)
            assert f"\n{baris[-1].nomor} " in teks, (i, baris[-1].nomor)
        if i < n and rencana[i]:  # the next page's first row is not on this page
            assert f"\n{rencana[i][0].nomor} " not in teks
