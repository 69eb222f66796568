"""URLs of the watchlist (included by monev/urls.py under potensi/, namespace "monev")."""

from django.urls import path

from monev.potensi import views

urlpatterns = [
    path("", views.daftar, name="potensi_daftar"),
    path("tambah/", views.tambah, name="potensi_tambah"),
    path("<int:pk>/", views.detail, name="potensi_detail"),
    path("<int:pk>/ubah/", views.ubah, name="potensi_ubah"),
]
