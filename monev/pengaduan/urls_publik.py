"""Public URLs of pengaduan masyarakat (included by kumuh/urls.py under /pengaduan/)."""

from django.urls import path

from monev.pengaduan import views_publik

app_name = "pengaduan"
urlpatterns = [
    path("", views_publik.kirim, name="kirim"),
    path("terkirim/", views_publik.terkirim, name="terkirim"),
    path("cek/", views_publik.cari, name="cari"),
    path("<str:kode>/", views_publik.status, name="status"),
]
