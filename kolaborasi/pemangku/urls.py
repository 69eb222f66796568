"""URLs of this part of kolaborasi (collected by kolaborasi/urls.py under app_name "kolaborasi")."""

from django.urls import URLPattern, path

from kolaborasi.pemangku import views

urlpatterns: list[URLPattern] = [
    path("pemangku/", views.pemangku_daftar, name="pemangku_daftar"),
    path("pemangku/tambah/", views.pemangku_tambah, name="pemangku_tambah"),
    path("pemangku/<int:pk>/", views.pemangku_detail, name="pemangku_detail"),
    path("pemangku/<int:pk>/ubah/", views.pemangku_ubah, name="pemangku_ubah"),
    path("lembaga/", views.lembaga_daftar, name="lembaga_daftar"),
    path("lembaga/tambah/", views.lembaga_tambah, name="lembaga_tambah"),
    path("lembaga/<int:pk>/", views.lembaga_detail, name="lembaga_detail"),
    path("lembaga/<int:pk>/ubah/", views.lembaga_ubah, name="lembaga_ubah"),
    path("lembaga/<int:pk>/dokumen-sk/", views.lembaga_dokumen, name="lembaga_dokumen"),
    path("lembaga/<int:pk>/anggota/", views.anggota_tambah, name="anggota_tambah"),
    path(
        "lembaga/<int:pk>/anggota/<int:anggota_pk>/hapus/",
        views.anggota_hapus,
        name="anggota_hapus",
    ),
    path("pertemuan/", views.pertemuan_daftar, name="pertemuan_daftar"),
    path("pertemuan/tambah/", views.pertemuan_tambah, name="pertemuan_tambah"),
    path("pertemuan/<int:pk>/", views.pertemuan_detail, name="pertemuan_detail"),
    path("pertemuan/<int:pk>/ubah/", views.pertemuan_ubah, name="pertemuan_ubah"),
    path("pertemuan/<int:pk>/notulen.pdf", views.pertemuan_notulen, name="pertemuan_notulen"),
    path("pertemuan/<int:pk>/kehadiran/", views.kehadiran_anggota, name="kehadiran_anggota"),
    path("pertemuan/<int:pk>/peserta/", views.tamu_tambah, name="tamu_tambah"),
    path(
        "pertemuan/<int:pk>/kehadiran/<int:kehadiran_pk>/hapus/",
        views.kehadiran_hapus,
        name="kehadiran_hapus",
    ),
    path("pertemuan/<int:pk>/keputusan/", views.keputusan_tambah, name="keputusan_tambah"),
    path(
        "pertemuan/<int:pk>/keputusan/<int:keputusan_pk>/status/",
        views.keputusan_status,
        name="keputusan_status",
    ),
    path("pertemuan/<int:pk>/lampiran/", views.lampiran_unggah, name="lampiran_unggah"),
    path(
        "pertemuan/<int:pk>/lampiran/<int:lampiran_pk>/",
        views.lampiran_berkas,
        name="lampiran_berkas",
    ),
]
