"""URLs of kolaborasi: the area's home page and each part's own list (no part edits another's)."""

from django.urls import path

from kolaborasi import views
from kolaborasi.impor import urls as impor
from kolaborasi.kegiatan import urls as kegiatan
from kolaborasi.pemangku import urls as pemangku
from kolaborasi.pks import urls as pks
from kolaborasi.proyeksi import urls as proyeksi

app_name = "kolaborasi"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    *pemangku.urlpatterns,
    *impor.urlpatterns,
    *kegiatan.urlpatterns,
    *proyeksi.urlpatterns,
    *pks.urlpatterns,
]
