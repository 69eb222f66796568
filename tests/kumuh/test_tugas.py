"""Durable background jobs: SK files queued in the database and run by `manage.py db_worker`.

The other tests run tasks inline (ImmediateBackend); these queue them in the database as
production does and run a real worker in this process (`db_worker --batch`), since the SQLite
test database lives in memory and a worker process could not see it. The worker commits and
closes its connection between tasks like a real one, so these tests commit too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from penilaian.models import SK, EksporSK
from penilaian.sk import services as services_sk
from penilaian.sk.tugas import buat_ekspor_sk
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk, lupakan_backend_tugas

ROOT = Path(__file__).resolve().parents[2]
PUSAT = "terverifikasi_pusat"
LAMA = services_sk.BATAS_SENYAP + timedelta(minutes=1)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def antrean_basisdata(settings):
    """Queue tasks in the database, as production does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    lupakan_backend_tugas()
    yield
    lupakan_backend_tugas()  # the settings fixture restores TASKS after this


@pytest.fixture
def sk(kota_a, pokja_a) -> SK:
    buat_penilaian(buat_lokasi(kota_a, "Lokasi Antrean"), status=PUSAT)
    return services_sk.sk_buat(pengguna=pokja_a, tahun=2026)


def jalankan_pekerja() -> None:
    """Run every queued task with a real worker, then return (`db_worker --batch`)."""
    # The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    sinyal = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    finally:
        for s, penangan in sinyal.items():
            signal.signal(s, penangan)


def minta(klien, sk: SK, bagian: str = "keputusan", format: str = "pdf"):
    r = klien.post(f"/penilaian/sk/{sk.pk}/berkas/", {"bagian": bagian, "format": format})
    assert r.status_code == 302
    return EksporSK.objects.latest("pk")


def panel(klien, sk: SK) -> str:
    r = klien.get(f"/penilaian/sk/{sk.pk}/berkas/", headers={"HX-Request": "true"})
    return r.content.decode()


def test_a_job_waits_in_the_database_until_a_worker_runs_it(antrean_basisdata, sk, pokja_a):
    klien = klien_untuk(pokja_a)
    ekspor = minta(klien, sk)
    tugas = DBTaskResult.objects.get()
    assert (ekspor.status, tugas.status) == (EksporSK.Status.ANTRI, TaskResultStatus.READY)
    assert str(tugas.id) == ekspor.tugas_id
    assert 'hx-trigger="every 1s"' in panel(klien, sk)  # waiting is shown, and polled

    jalankan_pekerja()

    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.kemajuan) == (EksporSK.Status.SELESAI, 100)
    with ekspor.berkas.open("rb") as f:
        assert f.read(4) == b"%PDF"
    assert buat_ekspor_sk.get_result(ekspor.tugas_id).status == TaskResultStatus.SUCCESSFUL
    unduh = klien.get(f"/penilaian/sk/{sk.pk}/berkas/{ekspor.pk}/")
    assert b"".join(unduh.streaming_content).startswith(b"%PDF")


def _mati_di_tengah(ekspor: EksporSK) -> None:
    """Let a worker take the job, report 40 %, then vanish (SIGKILL: no trace left)."""
    tugas = DBTaskResult.objects.get(id=ekspor.tugas_id)
    tugas.claim("pekerja-yang-mati")
    dulu = timezone.now() - LAMA
    DBTaskResult.objects.filter(pk=tugas.pk).update(started_at=dulu)
    EksporSK.objects.filter(pk=ekspor.pk).update(
        status=EksporSK.Status.BERJALAN, kemajuan=40, diperbarui_pada=dulu
    )


def test_a_job_whose_worker_died_is_marked_failed_and_runs_again(antrean_basisdata, sk, pokja_a):
    klien = klien_untuk(pokja_a)
    mati = minta(klien, sk)
    _mati_di_tengah(mati)

    teks = panel(klien, sk)

    mati.refresh_from_db()
    assert mati.status == EksporSK.Status.GAGAL and "terputus" in mati.pesan
    hasil = buat_ekspor_sk.get_result(mati.tugas_id)
    assert hasil.status == TaskResultStatus.FAILED
    assert hasil.errors[0].exception_class_path == "kumuh.tugas.PekerjaHilang"
    assert "terputus" in teks and "Coba lagi" in teks
    assert "hx-trigger" not in teks  # nothing runs any more: no polling

    baru = minta(klien, sk)  # the "Coba lagi" button posts the same bagian and format
    assert baru.pk != mati.pk and baru.status == EksporSK.Status.ANTRI
    jalankan_pekerja()

    baru.refresh_from_db()
    assert baru.status == EksporSK.Status.SELESAI and baru.berkas
    mati.refresh_from_db()
    assert mati.status == EksporSK.Status.GAGAL  # the dead task is not run twice
    assert DBTaskResult.objects.get(id=mati.tugas_id).status == TaskResultStatus.FAILED
    assert "Unduh" in panel(klien, sk)


def test_a_job_waiting_long_for_a_worker_is_not_dead(antrean_basisdata, sk, pokja_a):
    ekspor = minta(klien_untuk(pokja_a), sk)
    EksporSK.objects.filter(pk=ekspor.pk).update(
        dibuat_pada=timezone.now() - LAMA, diperbarui_pada=timezone.now() - LAMA
    )
    assert services_sk.ekspor_tandai_terputus(sk=sk) == []
    assert "belum diambil pekerja latar" in panel(klien_untuk(pokja_a), sk)

    # Taken by a worker only now: its silence counts from then, not from the request.
    DBTaskResult.objects.get().claim("pekerja-baru")
    assert services_sk.ekspor_tandai_terputus(sk=sk) == []
    sama = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="keputusan", format="pdf")
    assert sama.pk == ekspor.pk


def test_a_job_whose_task_ended_without_it_fails_at_once(antrean_basisdata, sk, pokja_a):
    ekspor = minta(klien_untuk(pokja_a), sk)
    tugas = DBTaskResult.objects.get()
    tugas.claim("pekerja")
    tugas.set_failed(ImportError("modul tugas hilang"))

    assert [e.pk for e in services_sk.ekspor_tandai_terputus(sk=sk)] == [ekspor.pk]
    ekspor.refresh_from_db()
    assert ekspor.status == EksporSK.Status.GAGAL


def test_a_worker_stopped_mid_render_records_it(antrean_basisdata, sk, pokja_a, monkeypatch):
    def dihentikan(*args, **kwargs):
        raise SystemExit(1)  # what db_worker raises on a second Ctrl+C or SIGTERM

    ekspor = minta(klien_untuk(pokja_a), sk)
    monkeypatch.setattr(services_sk, "buat_berkas", dihentikan)
    jalankan_pekerja()

    ekspor.refresh_from_db()
    assert ekspor.status == EksporSK.Status.GAGAL and "dihentikan" in ekspor.pesan
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


def _backend_tanpa_tes(**env: str) -> str:
    """Name the default task backend of a fresh process, without the tests' environment."""
    lingkungan = {k: v for k, v in os.environ.items() if k != "KUMUH_TUGAS_BACKEND"}
    lingkungan.update(DJANGO_DEBUG="1", **env)
    kode = "from django.tasks import task_backends; print(type(task_backends['default']).__name__)"
    r = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", kode],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return r.stdout.strip()


def test_production_queues_in_the_database_and_the_backend_stays_configurable():
    assert _backend_tanpa_tes() == "DatabaseBackend"
    assert _backend_tanpa_tes(KUMUH_TUGAS_BACKEND="kumuh.tugas.LatarBackend") == "LatarBackend"
