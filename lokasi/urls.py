from django.urls import path

from lokasi import views

app_name = "lokasi"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("peta/", views.peta, name="peta"),
    path("tambah/", views.tambah, name="tambah"),
    path("pilihan-kelurahan/", views.pilihan_kelurahan, name="pilihan_kelurahan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/foto/", views.foto_unggah, name="foto_unggah"),
    path("<int:pk>/foto/<int:foto_pk>/", views.foto_berkas, name="foto_berkas"),
    path("<int:pk>/dokumen/", views.dokumen_unggah, name="dokumen_unggah"),
    path("<int:pk>/dokumen/<int:dokumen_pk>/", views.dokumen_berkas, name="dokumen_berkas"),
    path("<int:lokasi_pk>/unit/tambah/", views.unit_form, name="unit_tambah"),
    path("<int:lokasi_pk>/unit/<int:pk>/", views.unit_form, name="unit_ubah"),
    path("<int:lokasi_pk>/unit/<int:pk>/hapus/", views.unit_hapus, name="unit_hapus"),
]
