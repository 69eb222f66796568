"""URLs of this part of monev (collected by monev/urls.py under app_name "monev")."""

from django.urls import URLPattern, path

from monev.pengaduan import views

urlpatterns: list[URLPattern] = [
    path("pengaduan/", views.daftar, name="pengaduan_daftar"),
    path("pengaduan/tambah/", views.tambah, name="pengaduan_tambah"),
    path("pengaduan/laporan/", views.laporan_pdf, name="pengaduan_laporan"),
    path("pengaduan/<int:pk>/", views.detail, name="pengaduan_detail"),
    path("pengaduan/<int:pk>/langkah/", views.langkah, name="pengaduan_langkah"),
    path("pengaduan/<int:pk>/foto/", views.foto, name="pengaduan_foto"),
]
