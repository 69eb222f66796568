"""URLs of the kegiatan import (collected by kolaborasi/urls.py under app_name "kolaborasi")."""

from django.urls import path

from kolaborasi.impor import views

urlpatterns = [
    path("kegiatan/impor/", views.impor, name="kegiatan_impor"),
    path("kegiatan/impor/templat/", views.templat, name="kegiatan_impor_templat"),
]
