"""URLs of this part of kolaborasi (collected by kolaborasi/urls.py under app_name "kolaborasi")."""

from django.urls import path

from kolaborasi.kegiatan import views

urlpatterns = [
    path("kegiatan/", views.daftar, name="kegiatan_daftar"),
    path("kegiatan/tambah/", views.tambah, name="kegiatan_tambah"),
    path("kegiatan/<int:pk>/", views.detail, name="kegiatan_detail"),
    path("kegiatan/<int:pk>/ubah/", views.ubah, name="kegiatan_ubah"),
    path("kegiatan/<int:pk>/lanjutkan/", views.lanjutkan, name="kegiatan_lanjutkan"),
]
