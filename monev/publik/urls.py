"""Public URLs (included from kumuh/urls.py under /publik/, namespace "publik")."""

from django.urls import path

from monev.publik import views

app_name = "publik"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<str:kode>/", views.kota, name="kota"),
    path("<str:kode>/peta/", views.peta, name="peta"),
    path("<str:kode>/lokasi.geojson", views.geojson, name="geojson"),
    path(
        "<str:kode>/pengaduan-<int:tahun>.pdf",
        views.laporan_pengaduan,
        name="laporan_pengaduan",
    ),
]
