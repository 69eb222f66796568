"""Lampiran I's chunk cache and the background pre-render (issue 14 item 4).

The cache keys a rendered chunk by its HTML (kumuh.pdf.CachePDF): editing one row re-renders the
one chunk that prints it, whatever else prints differently invalidates exactly the chunks it is
printed in, and a hit is the very PDF the HTML renders to. A draft's note ("data per <time>")
is kept out of the chunks and drawn over every page, so it is always this render's time.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kumuh import pdf
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import services as services_sk
from penilaian.sk.contoh import isi_contoh
from tests.conftest import buat_lokasi, buat_penilaian

POTONGAN = 3


def _teks(data: bytes, tmp_path: Path) -> list[str]:
    berkas = tmp_path / "l1.pdf"
    berkas.write_bytes(data)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    return teks.split("\f")[: pdf.jumlah_halaman(data)]


def _render(isi, cache) -> bytes:
    # One process: the tests need no pool; the chunks are the same either way.
    return sk_cetak.pdf_lampiran1(isi, potongan=POTONGAN, proses=1, cache=cache)


def _ubah_baris(isi, nomor: int, **ubah):
    lokasi = list(isi.lokasi)
    lokasi[nomor - 1] = replace(lokasi[nomor - 1], **ubah)
    return replace(isi, lokasi=tuple(lokasi))


@pytest.fixture(scope="module")
def isi():
    return isi_contoh(60)  # three pages, so three chunks


@pytest.fixture
def cache(tmp_path):
    return pdf.CachePDF(tmp_path / "cache")


def test_a_second_render_is_read_from_the_cache_and_equals_an_uncached_one(isi, cache, tmp_path):
    assert len(sk_cetak.rencana_lampiran1(isi, POTONGAN)) == POTONGAN
    pertama = _render(isi, cache)
    assert (cache.hit, cache.miss) == (0, POTONGAN)
    kedua = _render(isi, cache)
    assert (cache.hit, cache.miss) == (POTONGAN, POTONGAN)
    tanpa = _render(isi, None)
    assert _teks(kedua, tmp_path) == _teks(tanpa, tmp_path) == _teks(pertama, tmp_path)
    assert pdf.jumlah_halaman(kedua) == pdf.jumlah_halaman(tanpa)


def test_editing_one_row_re_renders_only_the_chunk_that_prints_it(isi, cache, tmp_path):
    asli = _teks(_render(isi, cache), tmp_path)
    kelompok = sk_cetak.rencana_lampiran1(isi, POTONGAN)
    # A row of the middle chunk, renamed to a name of the same width class (same plan).
    baris = kelompok[1][0][0]
    diubah = _ubah_baris(isi, baris.nomor, nama=baris.nama[:-1] + "X")
    assert [len(b) for b in sk_cetak.rencana_lampiran1(diubah, POTONGAN)] == [
        len(b) for b in kelompok
    ]
    cache.hit = cache.miss = 0
    data = _render(diubah, cache)
    assert (cache.hit, cache.miss) == (POTONGAN - 1, 1)
    assert _teks(data, tmp_path) == _teks(_render(diubah, None), tmp_path)
    baru = _teks(data, tmp_path)
    # Only the pages of the middle chunk changed.
    berubah = [i for i, (a, b) in enumerate(zip(asli, baru, strict=True)) if a != b]
    assert berubah and all(
        len(kelompok[0]) <= i < len(kelompok[0]) + len(kelompok[1]) for i in berubah
    )


def test_what_the_first_or_last_chunk_prints_invalidates_that_chunk_only(isi, cache):
    _render(isi, cache)
    cache.hit = cache.miss = 0
    _render(replace(isi, nomor="100.3.3.2/45/2026"), cache)  # NOMOR: in the annex header
    assert (cache.hit, cache.miss) == (POTONGAN - 1, 1)
    cache.hit = cache.miss = 0
    _render(replace(isi, penandatangan_nama="Nama Lain"), cache)  # the head's signature
    assert (cache.hit, cache.miss) == (POTONGAN - 1, 1)


def test_another_renderer_version_invalidates_every_chunk(isi, cache, monkeypatch):
    _render(isi, cache)
    monkeypatch.setattr(pdf, "VERSI_CACHE", pdf.VERSI_CACHE + "-baru")
    cache.hit = cache.miss = 0
    _render(isi, cache)
    assert (cache.hit, cache.miss) == (0, POTONGAN)


def test_two_sks_sharing_a_cache_each_get_their_own_pages(isi, cache, tmp_path):
    lain = replace(
        isi_contoh(60),
        jenis_daerah="Kabupaten",
        nama_daerah="Batang",
        lokasi=tuple(replace(lok, kelurahan="Kel. Lain") for lok in isi.lokasi),
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
    assert (cache.hit, cache.miss) == (POTONGAN, 0)  # the note is not in the chunks
    halaman = _teks(data, tmp_path)
    assert all("Draf SK — data per 2 Desember 2026 09.30 WIB" in t for t in halaman)
    assert not any("1 Desember 2026" in t for t in halaman)
    # Where the chunk itself used to print it: the same text, line by line, as before.
    dulu = sk_cetak.html_lampiran1(replace(isi, dibuat_pada="2 Desember 2026 09.30 WIB"))
    sekali = pdf.gabung(pdf.render_paralel(dulu, proses=1))
    assert halaman == _teks(sekali, tmp_path)
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
    assert pdf.jumlah_halaman(_render(isi, cache)) >= POTONGAN
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


def _lupakan_backend() -> None:
    # As tests/kumuh/test_tugas.py: django.tasks caches its backends, without a receiver for
    # changed settings.
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def antrean_latar(settings):
    """A backend that queues instead of running inline (Django's DummyBackend)."""
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    _lupakan_backend()
    yield task_backends["default"]
    _lupakan_backend()


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


def test_through_the_render_pool_too(cache, tmp_path):
    # As the server renders: worker processes, the note rendered in the pool beside the chunks.
    klein = isi_contoh(30)
    satu = sk_cetak.pdf_lampiran1(klein, potongan=2, cache=cache)
    dua = sk_cetak.pdf_lampiran1(klein, potongan=2, cache=cache)
    assert cache.hit == cache.miss == len(sk_cetak.rencana_lampiran1(klein, 2))
    assert _teks(dua, tmp_path) == _teks(satu, tmp_path)
    assert all("Draf SK — data per" in t for t in _teks(dua, tmp_path))
