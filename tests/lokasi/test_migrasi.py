"""Lokasi becoming Tercatat (migration 0002) keeps every row and fills in who created it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEBELUM = [("lokasi", "0001_awal")]
SESUDAH = [("lokasi", "0002_lokasi_tercatat_dibuat_oleh")]


@pytest.fixture
def kembali_ke_terbaru():
    """Leave the schema at the latest migrations: later tests in the session expect it."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_creator_comes_from_the_history_and_no_row_is_lost(kembali_ke_terbaru):
    executor = MigrationExecutor(connection)
    executor.migrate(SEBELUM)
    lama = executor.loader.project_state(SEBELUM).apps
    Provinsi = lama.get_model("lokasi", "Provinsi")
    KabupatenKota = lama.get_model("lokasi", "KabupatenKota")
    Lokasi = lama.get_model("lokasi", "Lokasi")
    Pengguna = lama.get_model("lokasi", "Pengguna")
    RiwayatPerubahan = lama.get_model("lokasi", "RiwayatPerubahan")
    ContentType = lama.get_model("contenttypes", "ContentType")
    kabkota = KabupatenKota.objects.create(
        kode="91.71", nama="Kota Alfa", jenis="kota", kategori="sedang",
        provinsi=Provinsi.objects.create(kode="91", nama="P"),
    )  # fmt: skip
    pembuat = Pengguna.objects.create(username="pembuat")
    pengubah = Pengguna.objects.create(username="pengubah")
    dicatat = Lokasi.objects.create(kabupaten_kota=kabkota, nama="Dicatat", diubah_oleh=pengubah)
    tanpa = Lokasi.objects.create(kabupaten_kota=kabkota, nama="Tanpa riwayat")
    jenis, _ = ContentType.objects.get_or_create(app_label="lokasi", model="lokasi")
    for pengguna, tindakan in ((pembuat, "dibuat"), (pengubah, "diubah")):
        RiwayatPerubahan.objects.create(
            content_type=jenis, object_id=dicatat.pk, pengguna=pengguna, tindakan=tindakan
        )

    executor = MigrationExecutor(connection)
    executor.migrate(SESUDAH)
    baru = executor.loader.project_state(SESUDAH).apps.get_model("lokasi", "Lokasi")
    assert baru.objects.count() == 2
    assert baru.objects.get(pk=dicatat.pk).dibuat_oleh_id == pembuat.pk
    assert baru.objects.get(pk=dicatat.pk).diubah_oleh_id == pengubah.pk
    assert baru.objects.get(pk=tanpa.pk).dibuat_oleh_id is None
