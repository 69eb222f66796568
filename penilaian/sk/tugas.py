"""Background tasks of penilaian (django.tasks; see kumuh/tugas.py for the backend)."""

from django.tasks import task

from penilaian.sk import services as services_sk


@task
def buat_ekspor_sk(ekspor_pk: int) -> None:
    """Render a requested SK file (PDF part or Excel) and record its progress."""
    services_sk.ekspor_jalankan(ekspor_pk)


@task
def prarender_sk(sk_pk: int, versi: int) -> None:
    """Warm the cache of an SK's Lampiran I after a change (services.prarender_minta)."""
    services_sk.prarender_jalankan(sk_pk, versi)
