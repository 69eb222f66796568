"""URLs of this part of monev (collected by monev/urls.py under app_name "monev")."""

from django.urls import URLPattern, path

from monev.op import views

urlpatterns: list[URLPattern] = [
    path("aset/", views.aset_daftar, name="aset_daftar"),
    path("aset/excel/", views.aset_xlsx, name="aset_xlsx"),
    path("aset/tambah/", views.aset_tambah, name="aset_tambah"),
    path("aset/<int:pk>/", views.aset_detail, name="aset_detail"),
    path("aset/<int:pk>/ubah/", views.aset_ubah, name="aset_ubah"),
    path("aset/<int:pk>/pemeriksaan/", views.pemeriksaan_tambah, name="pemeriksaan_tambah"),
    path("jadwal/", views.kalender_view, name="kalender"),
]
