"""Lampiran I's cache and the background pre-render (issue 14 item 4).

The cache (kumuh.pdf.CachePDF) keys the drawn pages by everything they print
(penilaian.sk.lampiran1.sidik): whatever prints differently makes a miss, what Lampiran I does
not print does not, and a hit is the very PDF the drawing gives. A draft's note ("data per
<time>") is kept out of the cached pages and laid over every page, so it is always this
render's time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kumuh import pdf
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import services as services_sk
from penilaian.sk.contoh import isi_contoh
from tests.conftest import buat_lokasi, buat_penilaian


def _teks(data: bytes, tmp_path: Path) -> list[str]:
    berkas = tmp_path / "l1.pdf"
    berkas.write_bytes(data)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    return teks.split("\f")[: pdf.jumlah_halaman(data)]


def _render(isi, cache) -> bytes:
    return sk_cetak.pdf_lampiran1(isi, cache=cache)


def _ubah_baris(isi, nomor: int, **ubah):
    lokasi = list(isi.lokasi)
    lokasi[nomor - 1] = replace(lokasi[nomor - 1], **ubah)
    return replace(isi, lokasi=tuple(lokasi))


@pytest.fixture(scope="module")
def isi():
    return isi_contoh(60)  # three pages


@pytest.fixture
def cache(tmp_path):
    return pdf.CachePDF(tmp_path / "cache")


def test_a_second_render_is_read_from_the_cache_and_equals_an_uncached_one(isi, cache, tmp_path):
    pertama = _render(isi, cache)
    assert (cache.hit, cache.miss) == (0, 1)
    kedua = _render(isi, cache)
    assert (cache.hit, cache.miss) == (1, 1)
    tanpa = _render(isi, None)
    assert _teks(kedua, tmp_path) == _teks(tanpa, tmp_path) == _teks(pertama, tmp_path)
    assert kedua == tanpa  # the same drawing, byte for byte (ReportLab's invariant mode)


def test_editing_one_row_draws_again_with_the_edit(isi, cache, tmp_path):
    _render(isi, cache)
    diubah = _ubah_baris(isi, 30, nama="Kampung Diubah")
    data = _render(diubah, cache)
    assert (cache.hit, cache.miss) == (0, 2)
    assert "Kampung Diubah" in "".join(_teks(data, tmp_path))


def test_what_the_pages_print_is_the_key_and_nothing_else(isi, cache):
    _render(isi, cache)
    for ubah in (
        {"nomor": "100.3.3.2/45/2026"},  # NOMOR: in the annex header
        {"penandatangan_nama": "Nama Lain"},  # the head's signature
        {"stempel": ()},  # the verification blocks
    ):
        cache.hit = cache.miss = 0
        _render(replace(isi, **ubah), cache)
        assert (cache.hit, cache.miss) == (0, 1), ubah
    # What Lampiran I does not print: the Keputusan's considerations, a lokasi's criteria.
    cache.hit = cache.miss = 0
    lokasi = (replace(isi.lokasi[0], kriteria=(), permasalahan="lain"), *isi.lokasi[1:])
    _render(replace(isi, mengingat_tambahan=("Peraturan lain;",), lokasi=lokasi), cache)
    assert (cache.hit, cache.miss) == (1, 0)


def test_another_drawing_version_invalidates_the_cache(isi, cache, monkeypatch):
    from penilaian.sk import lampiran1

    _render(isi, cache)
    monkeypatch.setattr(lampiran1, "VERSI", lampiran1.VERSI + "-baru")
    cache.hit = cache.miss = 0
    _render(isi, cache)
    assert (cache.hit, cache.miss) == (0, 1)


def test_two_sks_sharing_a_cache_each_get_their_own_pages(isi, cache, tmp_path):
    lain = replace(
        isi_contoh(60),
        jenis_daerah="Kabupaten",
        nama_daerah="Batang",
        lokasi=tuple(replace(lok, kelurahan=("Kel. Lain",)) for lok in isi.lokasi),
    )
    a, b = _render(isi, cache), _render(lain, cache)
    assert cache.hit == 0  # nothing of one SK serves the other
    assert _teks(a, tmp_path) == _teks(_render(isi, None), tmp_path)
    assert _teks(b, tmp_path) == _teks(_render(lain, None), tmp_path)
    assert _teks(_render(isi, cache), tmp_path) == _teks(a, tmp_path)
    assert _teks(_render(lain, cache), tmp_path) == _teks(b, tmp_path)


def test_a_draft_note_always_says_this_render_s_time(isi, cache, tmp_path):
    _render(replace(isi, dibuat_pada="1 Desember 2026 08.00 WIB"), cache)
    cache.hit = cache.miss = 0
    data = _render(replace(isi, dibuat_pada="2 Desember 2026 09.30 WIB"), cache)
    assert (cache.hit, cache.miss) == (1, 0)  # the note is not in the cached pages
    halaman = _teks(data, tmp_path)
    assert all(
        "Draf SK — data per 2 Desember 2026 09.30 WIB, belum ditetapkan" in t for t in halaman
    )
    assert not any("1 Desember 2026" in t for t in halaman)
    # An issued SK has no note and no overlay.
    terbit = _teks(_render(replace(isi, draf=False), cache), tmp_path)
    assert not any("Draf SK" in t for t in terbit)


def test_the_cache_is_bounded_dropping_the_least_recently_used(tmp_path):
    cache = pdf.CachePDF(tmp_path / "c", maks_bita=250)
    for i in range(5):
        cache.simpan(f"k{i}", bytes(100))
    # Room for two files of 100 bytes: the newest ones stay.
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["k3.pdf", "k4.pdf"]
    assert cache.ambil("k0") is None and cache.ambil("k4") == bytes(100)


def test_an_unwritable_cache_only_costs_the_hits(tmp_path, isi):
    berkas = tmp_path / "bukan-folder"
    berkas.write_text("x")
    cache = pdf.CachePDF(berkas / "cache")  # cannot be created
    assert pdf.jumlah_halaman(_render(isi, cache)) >= 2
    assert cache.hit == 0


def test_the_default_cache_lives_under_media_and_can_be_turned_off(settings, tmp_path):
    assert sk_cetak.cache_lampiran1().folder == Path(settings.MEDIA_ROOT) / "cache" / "sk-lampiran1"
    settings.KUMUH_SK_CACHE_DIR = str(tmp_path / "lain")
    settings.KUMUH_SK_CACHE_MB = 1
    cache = sk_cetak.cache_lampiran1()
    assert (cache.folder, cache.maks_bita) == (tmp_path / "lain", 1024 * 1024)
    settings.KUMUH_SK_CACHE_DIR = ""
    assert sk_cetak.cache_lampiran1() is None


# --- background pre-render -------------------------------------------------------------------


def _antrean_prarender(backend) -> list[tuple]:
    return [tuple(h.args) for h in backend.results if h.task.name == "prarender_sk"]


@pytest.fixture
def sk_isi(kota_a, pokja_a):
    for i in range(3):
        buat_penilaian(buat_lokasi(kota_a, f"Lokasi {i}"), tahun=2025, status="terverifikasi_pusat")
    return services_sk.sk_buat(pengguna=pokja_a, tahun=2026)


def test_a_change_of_a_draft_queues_a_pre_render_of_its_version(antrean_latar, sk_isi, pokja_a):
    sk = services_sk.sk_simpan(
        sk=sk_isi, pengguna=pokja_a, versi=sk_isi.versi, data={"nomor": "1/2026"}
    )
    services_sk.verifikasi_simpan(
        sk=sk, pengguna=pokja_a, tim="pusat", data={"nama": "N", "jabatan": "Ketua"}
    )
    sk.refresh_from_db()
    assert _antrean_prarender(antrean_latar) == [(sk.pk, sk.versi - 1), (sk.pk, sk.versi)]


def test_an_inline_backend_never_makes_the_save_wait_for_a_render(sk_isi, pokja_a, monkeypatch):
    dipanggil = []
    monkeypatch.setattr(services_sk, "prarender_jalankan", lambda *a: dipanggil.append(a))
    services_sk.sk_simpan(sk=sk_isi, pengguna=pokja_a, versi=sk_isi.versi, data={"nomor": "2"})
    assert dipanggil == []


def test_the_pre_render_fills_the_cache_the_download_then_reads(
    sk_isi, pokja_a, monkeypatch, tmp_path
):
    cache = pdf.CachePDF(tmp_path / "cache")
    monkeypatch.setattr(sk_cetak, "cache_lampiran1", lambda: cache)
    sk = services_sk.sk_simpan(
        sk=sk_isi, pengguna=pokja_a, versi=sk_isi.versi, data={"tanggal": date(2026, 12, 1)}
    )
    assert services_sk.prarender_jalankan(sk.pk, sk.versi - 1) is False  # superseded: skipped
    assert cache.miss == 0
    assert services_sk.prarender_jalankan(sk.pk, sk.versi) is True
    assert (cache.hit, cache.miss) == (0, 1)
    data = services_sk.buat_berkas(sk, "lampiran1", "pdf")
    assert (cache.hit, cache.miss) == (1, 1)
    teks = _teks(data, tmp_path)
    assert "Lokasi 0" in "".join(teks) and "Draf SK — data per" in teks[0]


def test_lampiran1_is_drawn_without_weasyprint_or_its_workers():
    # The cold CLI's start-up (issue 14 item 4): neither WeasyPrint nor the render pool.
    kode = (
        "import sys, django; django.setup()\n"
        "from kumuh import pdf\n"
        "from penilaian.sk import cetak\n"
        "from penilaian.sk.contoh import isi_contoh\n"
        "assert cetak.pdf_lampiran1(isi_contoh(5), cache=None).startswith(b'%PDF')\n"
        "print('weasyprint' in sys.modules, pdf._pool is not None)\n"
    )
    hasil = subprocess.run(
        [sys.executable, "-c", kode],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kumuh.settings", "DJANGO_DEBUG": "1"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert hasil.stdout.split() == ["False", "False"]
