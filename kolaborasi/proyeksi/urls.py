"""URLs of this part of kolaborasi (collected by kolaborasi/urls.py under app_name "kolaborasi")."""

from django.urls import URLPattern, path

from kolaborasi.proyeksi import views

urlpatterns: list[URLPattern] = [
    path("proyeksi/", views.proyeksi, name="proyeksi"),
    path("proyeksi/lokasi/<int:lokasi_pk>/", views.proyeksi_lokasi, name="proyeksi_lokasi"),
    path("memorandum/", views.memorandum, name="memorandum"),
    path("memorandum/excel/", views.memorandum_excel, name="memorandum_excel"),
]
