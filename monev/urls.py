"""URLs of monev: the area's home page and each part's own list (no part edits another's)."""

from django.urls import include, path

from monev import views
from monev.dasbor import urls as dasbor
from monev.evaluasi import urls as evaluasi
from monev.op import urls as op
from monev.pemantauan import urls as pemantauan
from monev.pengaduan import urls as pengaduan
from monev.peninjauan import urls as peninjauan

app_name = "monev"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    *pemantauan.urlpatterns,
    *op.urlpatterns,
    *evaluasi.urlpatterns,
    *peninjauan.urlpatterns,
    *dasbor.urlpatterns,
    path("publik/", include("monev.publik.urls_dalam")),
    path("potensi/", include("monev.potensi.urls")),
    *pengaduan.urlpatterns,
]
