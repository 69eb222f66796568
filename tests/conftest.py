"""Role fixtures and small builders shared by every test.

City A (Kota Alfa) and city B (Kota Beta) lie in provinsi P; city C (Kota Gama) in provinsi Q.
Every view test checks the roles that matter: operator and Pokja of A, operator of B, the
verifier of P, and an anonymous visitor.
"""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from django.test import Client

from lokasi.models import (
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Pengguna,
    Peran,
    Provinsi,
    UnitSurvei,
)

SANDI = "sandi-tes-123"


# --- builders ---------------------------------------------------------------------------------


def buat_kabkota(kode: str, nama: str, provinsi: Provinsi, kategori: str = "sedang"):
    kabkota = KabupatenKota.objects.create(
        kode=kode, nama=nama, provinsi=provinsi, jenis="kota", kategori=kategori
    )
    for k in (1, 2):
        kec = Kecamatan.objects.create(
            kabupaten_kota=kabkota,
            kode=f"{kode}.0{k}",
            nama=f"{nama[5:]} {'Barat' if k == 1 else 'Timur'}",
        )
        for j in (1, 2):
            Kelurahan.objects.create(
                kecamatan=kec,
                kode=f"{kec.kode}.100{j}",
                nama=f"Kel {kec.nama} {j}",
                jenis="kelurahan",
            )
    return kabkota


def buat_pengguna(username: str, peran: str = "", kabkota=None, provinsi=None, **extra) -> Pengguna:
    return Pengguna.objects.create_user(
        username=username,
        password=SANDI,
        peran=peran,
        kabupaten_kota=kabkota,
        provinsi=provinsi,
        first_name=username.replace("_", " ").title(),
        **extra,
    )


def buat_lokasi(kabkota: KabupatenKota, nama: str = "Kampung Nelayan", **nilai) -> Lokasi:
    kelurahan = nilai.pop("kelurahan", None) or [
        Kelurahan.objects.filter(kecamatan__kabupaten_kota=kabkota).order_by("kode").first()
    ]
    bawaan = {
        "luas_sk_ha": Decimal("4.5"),
        "luas_verifikasi_ha": Decimal("4.5"),
        "lintang": Decimal("-6.889"),
        "bujur": Decimal("109.675"),
        "jumlah_bangunan": 400,
        "penduduk_laki_laki": 700,
        "penduduk_perempuan": 720,
        "jumlah_kk": 390,
    }
    bawaan.update(nilai)
    lokasi = Lokasi.objects.create(kabupaten_kota=kabkota, nama=nama, **bawaan)
    lokasi.kelurahan.set(kelurahan)
    return lokasi


def buat_unit(lokasi: Lokasi, rt: str = "001", rw: str = "002", **nilai) -> UnitSurvei:
    bawaan = {
        "kelurahan": lokasi.kelurahan.first(),
        "luas_ha": Decimal("1.25"),
        "jumlah_bangunan": 100,
        "penduduk_laki_laki": 150,
        "penduduk_perempuan": 160,
        "jumlah_kk": 90,
        "panjang_jalan_ideal_m": Decimal("300"),
        "panjang_drainase_ideal_m": Decimal("600"),
    }
    bawaan.update(nilai)
    return UnitSurvei.objects.create(lokasi=lokasi, rt=rt, rw=rw, **bawaan)


def klien_untuk(pengguna: Pengguna | None) -> Client:
    klien = Client()
    if pengguna is not None:
        klien.force_login(pengguna)
    return klien


# --- wilayah and role fixtures ----------------------------------------------------------------


@pytest.fixture
def provinsi_p(db) -> Provinsi:
    return Provinsi.objects.create(kode="91", nama="Provinsi Percobaan")


@pytest.fixture
def provinsi_q(db) -> Provinsi:
    return Provinsi.objects.create(kode="92", nama="Provinsi Kedua")


@pytest.fixture
def kota_a(provinsi_p) -> KabupatenKota:
    return buat_kabkota("91.71", "Kota Alfa", provinsi_p)


@pytest.fixture
def kota_b(provinsi_p) -> KabupatenKota:
    return buat_kabkota("91.72", "Kota Beta", provinsi_p)


@pytest.fixture
def kota_c(provinsi_q) -> KabupatenKota:
    return buat_kabkota("92.71", "Kota Gama", provinsi_q)


@pytest.fixture
def operator_a(kota_a) -> Pengguna:
    return buat_pengguna("operator_a", Peran.OPERATOR, kota_a)


@pytest.fixture
def admin_a(kota_a) -> Pengguna:
    return buat_pengguna("admin_a", Peran.ADMIN_KABKOTA, kota_a)


@pytest.fixture
def pokja_a(kota_a) -> Pengguna:
    return buat_pengguna("pokja_a", Peran.POKJA, kota_a)


@pytest.fixture
def operator_b(kota_b) -> Pengguna:
    return buat_pengguna("operator_b", Peran.OPERATOR, kota_b)


@pytest.fixture
def verifikator_p(provinsi_p) -> Pengguna:
    return buat_pengguna("verifikator_p", Peran.VERIFIKATOR_PROVINSI, provinsi=provinsi_p)


@pytest.fixture
def verifikator_pusat(db) -> Pengguna:
    return buat_pengguna("verifikator_pusat", Peran.VERIFIKATOR_PUSAT)


@pytest.fixture
def lokasi_a(kota_a) -> Lokasi:
    return buat_lokasi(kota_a, "Kampung Nelayan Alfa")


@pytest.fixture
def lokasi_b(kota_b) -> Lokasi:
    return buat_lokasi(kota_b, "Bantaran Beta")


@pytest.fixture
def klien(request):
    """Return a logged-in client for a role fixture named by indirect parametrisation."""
    nama = getattr(request, "param", None)
    return klien_untuk(request.getfixturevalue(nama) if nama else None)


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path) -> None:
    # Uploaded files go to a per-test folder, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_kosong() -> None:
    # The cache outlives a test's rolled-back rows, whose primary keys the next test reuses:
    # each test starts with an empty one (rate limits, the priority list's year options).
    from django.core.cache import cache

    cache.clear()


def lupakan_backend_tugas() -> None:
    """Drop django.tasks' cached backends so the next enqueue reads TASKS again: unlike caches
    or databases, it has no setting_changed receiver."""
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def antrean_latar(settings):
    """A backend that queues instead of running inline (Django's DummyBackend): what a test
    sees in `.results` is what production's worker would run."""
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    lupakan_backend_tugas()
    yield task_backends["default"]
    lupakan_backend_tugas()  # the settings fixture restores TASKS after this


# --- browser (Playwright on Debian's Chromium) -------------------------------------------------

CHROMIUM = os.environ.get("KUMUH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # `playwright install` cannot download browsers here; Debian's chromium is used instead.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# --- penilaian builders -----------------------------------------------------------------------

PITA_SEDANG = {
    # 1a 5, 1b 3, 1c 3, 2a 3, 2b 3, 3a 1, 3b 1, 4a 3, 4b 3, 4c 3, 5a 3, 5b 3, 6a 3, 6b 3,
    # 7a 1, 7b 1 → 42, Kumuh Sedang
    "1a": "76-100", "1b": "51-75", "1c": "51-75", "2a": "51-75", "2b": "51-75",
    "3a": "25-50", "3b": "25-50", "4a": "51-75", "4b": "51-75", "4c": "51-75",
    "5a": "51-75", "5b": "51-75", "6a": "51-75", "6b": "51-75", "7a": "25-50", "7b": "25-50",
}  # fmt: skip


def buat_penilaian(
    lokasi: Lokasi,
    tahun: int = 2025,
    status: str = "draf",
    pita: dict[str, str] | None = None,
    numerik: dict | None = None,
    **nilai,
):
    """Create a survey straight in the database with its results computed (no workflow).

    By default every criterion is a band of PITA_SEDANG, legalitas (+)(+), not strategic,
    no sosekbud potential and the lokasi's density (315,56 jiwa/ha for buat_lokasi): 42, B3, 5.
    """
    from penilaian import services
    from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian

    bawaan = {"status_penguasaan": True, "kesesuaian_rtr": True, "strategis": False,
              "potensi_sosekbud": False}  # fmt: skip
    bawaan.update(nilai)
    penilaian = Penilaian.objects.create(lokasi=lokasi, tahun=tahun, status=status, **bawaan)
    pita = PITA_SEDANG if pita is None else pita
    IsianKriteria.objects.bulk_create(
        [IsianKriteria(penilaian=penilaian, kode=k, pita=pita.get(k, "")) for k in PITA_SEDANG]
    )
    NumerikPenilaian.objects.create(
        penilaian=penilaian, **{**services.angka_kepala(lokasi), **(numerik or {})}
    )
    penilaian = Penilaian.objects.select_related("lokasi__kabupaten_kota").get(pk=penilaian.pk)
    services.hitung_ulang(penilaian)
    penilaian.save()
    return penilaian
