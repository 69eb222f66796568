"""URLs of this part of kolaborasi (collected by kolaborasi/urls.py under app_name "kolaborasi")."""

from django.urls import path

from kolaborasi.pks import views, views_tahap

urlpatterns = [
    path("pendanaan-kurang/", views.pendanaan_kurang, name="pendanaan_kurang"),
    path("ikrar/", views.ikrar_daftar, name="ikrar_daftar"),
    path("ikrar/tambah/", views.ikrar_tambah, name="ikrar_tambah"),
    path("ikrar/<int:pk>/ubah/", views.ikrar_ubah, name="ikrar_ubah"),
    path("ikrar/<int:pk>/hapus/", views.ikrar_hapus, name="ikrar_hapus"),
    path("pks/", views.pks_daftar, name="pks_daftar"),
    path("pks/excel/", views.pks_xlsx, name="pks_xlsx"),
    path("pks/tambah/", views.pks_tambah, name="pks_tambah"),
    path("pks/<int:pk>/", views.pks_detail, name="pks_detail"),
    path("pks/<int:pk>/ubah/", views.pks_ubah, name="pks_ubah"),
    path("pks/<int:pk>/status/", views.pks_status, name="pks_status"),
    path("pks/<int:pk>/lapor/", views.pks_lapor, name="pks_lapor"),
    path("pks/<int:pk>/dokumen/", views.pks_dokumen, name="pks_dokumen"),
    path("pks/<int:pk>/dokumen/unggah/", views.pks_dokumen_unggah, name="pks_dokumen_unggah"),
    path("tahap/", views_tahap.tahap_daftar, name="tahap_daftar"),
    path("tahap/lokasi/<int:lokasi_pk>/", views_tahap.tahap_ubah, name="tahap_ubah"),
    path("tahap/lokasi/<int:lokasi_pk>/nilai/", views_tahap.nilai_ubah, name="nilai_ubah"),
    path("tahap/dokumen/<int:pk>/", views_tahap.tahap_dokumen, name="tahap_dokumen"),
    path("kriteria-intervensi/tambah/", views_tahap.kriteria_tambah, name="kriteria_tambah"),
    path("kriteria-intervensi/<int:pk>/ubah/", views_tahap.kriteria_ubah, name="kriteria_ubah"),
    path("kriteria-intervensi/<int:pk>/hapus/", views_tahap.kriteria_hapus, name="kriteria_hapus"),
]
