from django.urls import path

from penilaian import views, views_impor, views_prioritas, views_profil

app_name = "penilaian"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.buat, name="buat"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/isi/", views.isi, name="isi"),
    path("<int:pk>/panel/", views.panel, name="panel"),
    path("<int:pk>/alur/", views.alur, name="alur"),
    path("<int:pk>/foto/<str:kode>/", views.foto, name="foto"),
    path("prioritas/", views_prioritas.daftar, name="prioritas"),
    path("prioritas/excel/", views_prioritas.excel, name="prioritas_excel"),
    path("profil/<int:lokasi_pk>/", views_profil.profil, name="profil"),
    path("impor/", views_impor.unggah, name="impor"),
    path("impor/templat/", views_impor.templat, name="impor_templat"),
    path("impor/<str:kunci>/", views_impor.pratinjau, name="impor_pratinjau"),
    path("impor/<str:kunci>/laporan/", views_impor.laporan, name="impor_laporan"),
]
