"""The SK's PDFs read back as text: structure and content of each part (issue 4 items 2, 5, 7).

Rendered from synthetic SKs (penilaian.sk_contoh), no database: what the PDFs print depends on
IsiSK alone, which test_sk.py shows the services build and freeze.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from kumuh import angka, pdf
from penilaian import rumus
from penilaian.sk import cetak as sk_cetak
from penilaian.sk.contoh import isi_contoh


def _teks(data: bytes, tmp_path: Path, *, halaman: int | None = None, mode: str = "-raw") -> str:
    berkas = tmp_path / "x.pdf"
    berkas.write_bytes(data)
    perintah = ["pdftotext", mode, "-enc", "UTF-8"]
    if halaman is not None:
        perintah += ["-f", str(halaman), "-l", str(halaman)]
    keluaran = subprocess.run([*perintah, str(berkas), "-"], capture_output=True, check=True)
    return keluaran.stdout.decode()


def _rata(teks: str) -> str:
    """Collapse wrapped lines, so a sentence reads whole whatever the line breaks.

    A header wrapped at its slash ("KECAMATAN /" + "DISTRIK") reads without spaces around it.
    """
    return re.sub(r"\s*/\s*(?=[A-Z])", "/", re.sub(r"\s+", " ", teks))


@pytest.fixture(scope="module")
def isi130():
    return isi_contoh(130)


@pytest.fixture(scope="module")
def lampiran1(isi130):
    return sk_cetak.pdf_lampiran1(isi130)


def test_keputusan_follows_the_template_with_keempat_filled_in(tmp_path):
    isi = replace(
        isi_contoh(28, draf=False),
        mengingat_tambahan=("Peraturan Wali Kota Pekalongan Nomor 50 Tahun 2022;",),
    )
    teks = _rata(_teks(sk_cetak.pdf_keputusan(isi), tmp_path))

    urutan = ["WALI KOTA PEKALONGAN", "KEPUTUSAN WALI KOTA PEKALONGAN",
              "NOMOR : 100.3.3.2/45/2026", "TENTANG", "PENETAPAN LOKASI PERUMAHAN KUMUH",
              "Menimbang", "a. bahwa setiap orang", "d. bahwa berdasarkan pertimbangan",
              "Mengingat", "1. Undang-Undang Nomor 1 Tahun 2011",
              "2. Undang-Undang Nomor 23 Tahun 2014", "5. Peraturan Wali Kota",
              "6. Peraturan Wali Kota", "Memperhatikan", "MEMUTUSKAN", "Menetapkan", "KESATU",
              "KEDUA", "KETIGA", "KEEMPAT", "KELIMA",
              "Lampiran I", "Lampiran II", "Lampiran III", "KEENAM", "KETUJUH",
              "Ditetapkan di", "20 November 2026", "A. DEMO SANTOSO"]  # fmt: skip
    posisi = [teks.find(s) for s in urutan]
    assert -1 not in posisi, [s for s, p in zip(urutan, posisi, strict=True) if p == -1]
    assert posisi == sorted(posisi)
    luas = isi.luas_total_ha
    assert (
        "meliputi sejumlah 28 (dua puluh delapan) lokasi, di 4 (empat) kecamatan, dengan luas "
        f"total sebesar {angka.format_hektar(luas)} ({angka.terbilang(luas, 2)}) hektar;"
    ) in teks
    n = pdf.jumlah_halaman(sk_cetak.pdf_keputusan(isi))
    assert f"Halaman {n} dari {n}" in teks
    assert "Draf SK" not in teks  # an issued SK carries no draft note


def test_a_drafts_blanks_print_as_dots_with_the_draft_note(tmp_path):
    isi = replace(isi_contoh(3), penandatangan_nama="")
    teks = _rata(_teks(sk_cetak.pdf_keputusan(isi), tmp_path))
    assert "NOMOR : ....." in teks
    assert "NAMA LENGKAP TANPA GELAR" in teks
    assert "Draf SK — data per 25 November 2026 20.00 WIB" in teks


def test_lampiran1_lists_every_lokasi_under_repeated_headers(lampiran1, isi130, tmp_path):
    n = pdf.jumlah_halaman(lampiran1)
    assert n >= 4
    for h in range(1, n + 1):
        halaman = _rata(_teks(lampiran1, tmp_path, halaman=h))
        for kepala in ("NO", "NAMA LOKASI", "LUAS (HA)", "LINGKUP ADMINISTRATIF", "RT/RW",
                       "KELURAHAN/DESA", "KECAMATAN/DISTRIK", "KEPENDUDUKAN", "KOORDINAT",
                       "LINTANG", "BUJUR", "KEKUMUHAN", "TINGK.", "PERT. LAIN",
                       "LEGALITAS TANAH", "PRIORITAS"):  # fmt: skip
            assert kepala in halaman, (h, kepala)
        assert f"Halaman {h} dari {n}" in halaman
    semua = _rata(_teks(lampiran1, tmp_path))
    for lok in isi130.lokasi:
        baris = (
            f"{lok.nomor} {lok.nama} {angka.format_hektar(lok.luas_ha)} {lok.rt_rw} "
            f"{lok.kelurahan[0]} {lok.kecamatan[0]} {angka.format_bilangan(lok.jumlah_penduduk)} "
            f"{angka.format_desimal(lok.kepadatan_penduduk)} {angka.dms(lok.lintang, 'lintang')} "
            f"{angka.dms(lok.bujur, 'bujur')} {lok.nilai_kekumuhan} {lok.tingkat_singkat} "
            f"{lok.nilai_pertimbangan_lain} {lok.tingkat_pertimbangan_lain} {lok.legalitas} "
            f"{lok.label_prioritas}"
        )
        assert _rata(baris) in semua, baris


def test_lampiran1_ends_with_totals_and_verification_blocks(lampiran1, isi130, tmp_path):
    n = pdf.jumlah_halaman(lampiran1)
    akhir = _rata(_teks(lampiran1, tmp_path, halaman=n))
    assert "JUMLAH: 130 (seratus tiga puluh) lokasi" in akhir
    assert angka.format_hektar(isi130.luas_total_ha) in akhir
    assert angka.format_bilangan(isi130.jumlah_penduduk) in akhir
    assert "Mengetahui," in akhir
    for judul in ("Tim Verifikasi Pusat", "Tim Verifikasi Provinsi",
                  "Dinas Perumahan dan Kawasan Permukiman Kota Pekalongan",
                  "Budi Contoh, S.T.",
                  "NIP. 19700101 199503 1 001"):  # fmt: skip
        assert judul in akhir
    awal = _rata(_teks(lampiran1, tmp_path, halaman=1))
    assert "LAMPIRAN I KEPUTUSAN WALI KOTA PEKALONGAN" in awal
    assert "DAFTAR LOKASI PERUMAHAN KUMUH DAN PERMUKIMAN KUMUH DI KOTA PEKALONGAN" in awal.upper()
    assert "Mengetahui" not in awal and "JUMLAH:" not in awal


def test_lampiran1_pages_are_a4_landscape(lampiran1):
    from io import BytesIO

    from pypdf import PdfReader

    for halaman in PdfReader(BytesIO(lampiran1)).pages:
        lebar, tinggi = float(halaman.mediabox.width), float(halaman.mediabox.height)
        assert (round(lebar), round(tinggi)) == (842, 595)  # 297 × 210 mm in points


def test_lampiran2_draws_the_map_on_one_page(tmp_path):
    isi = isi_contoh(30)
    data = sk_cetak.pdf_lampiran2(isi)
    assert pdf.jumlah_halaman(data) == 1
    teks = _rata(_teks(data, tmp_path))
    assert "LAMPIRAN II" in teks
    assert "PETA SEBARAN LOKASI" in teks.upper()
    assert "LEGENDA" in teks
    for lok in isi.lokasi:
        assert re.search(rf"(?<![\d,]){lok.nomor}(?![\d,])", teks), lok.nomor
    for kec in {lok.kecamatan[0] for lok in isi.lokasi}:
        assert kec.upper() in teks.upper()


def test_lampiran3_profiles_each_lokasi_with_its_stages(tmp_path):
    isi = isi_contoh(6)
    data = sk_cetak.pdf_lampiran3(isi)
    teks = _rata(_teks(data, tmp_path))
    assert "BUKU PROFIL LOKASI" in teks.upper()
    for lok in isi.lokasi:
        assert f"{lok.nomor}. {lok.nama}" in teks
    kriteria = [f"{k.kode}. {k.nama}" for k in rumus.KRITERIA]
    for k in (*kriteria, "LEGALITAS LAHAN", "PERTIMBANGAN LAIN", "Pra konstruksi",
              "Pasca konstruksi", "Total nilai kekumuhan"):  # fmt: skip
        assert k in teks, k
    assert pdf.jumlah_halaman(data) >= 1 + len(isi.lokasi)
    n = pdf.jumlah_halaman(data)
    assert f"Halaman {n} dari {n}" in teks


def test_semua_joins_the_four_parts_each_numbered_on_its_own(tmp_path):
    isi = isi_contoh(5)
    bagian = {b: pdf.jumlah_halaman(sk_cetak.pdf_sk(isi, b)) for b in sk_cetak.BAGIAN}
    kemajuan = []
    semua = sk_cetak.pdf_sk(isi, "semua", lambda k, n: kemajuan.append(k / n))
    assert pdf.jumlah_halaman(semua) == sum(bagian.values())
    teks = _teks(semua, tmp_path)
    assert f"Halaman 1 dari {bagian['keputusan']}" in teks
    assert f"Halaman 1 dari {bagian['lampiran3']}" in teks
    assert kemajuan == sorted(kemajuan) and kemajuan[-1] == 1
