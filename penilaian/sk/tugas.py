"""Background tasks of penilaian (django.tasks; see kumuh/tugas.py for the backend)."""

from django.tasks import task

from penilaian.sk import services as services_sk


@task
def buat_ekspor_sk(ekspor_pk: int) -> None:
    """Render a requested SK file (PDF part or Excel) and record its progress."""
    services_sk.ekspor_jalankan(ekspor_pk)
