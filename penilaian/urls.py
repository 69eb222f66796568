from django.urls import include, path

from penilaian import views, views_prioritas, views_profil
from penilaian.impor import views as views_impor
from penilaian.sk import views as views_sk

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
    path("prioritas/peta/", views_prioritas.peta, name="prioritas_peta"),
    path("prioritas/excel/", views_prioritas.excel, name="prioritas_excel"),
    path("prioritas/excel/<int:pk>/", views_prioritas.ekspor_status, name="prioritas_ekspor"),
    path(
        "prioritas/excel/<int:pk>/unduh/",
        views_prioritas.ekspor_unduh,
        name="prioritas_ekspor_unduh",
    ),
    path("profil/<int:lokasi_pk>/", views_profil.profil, name="profil"),
    path("sk/", views_sk.daftar, name="sk_daftar"),
    path("sk/baru/", views_sk.buat, name="sk_buat"),
    path("sk/pengaturan/", include("penilaian.sk.pengaturan_views")),
    path("sk/<int:pk>/", views_sk.detail, name="sk_detail"),
    path("sk/<int:pk>/ubah/", views_sk.ubah, name="sk_ubah"),
    path("sk/<int:pk>/verifikasi/<str:tim>/", views_sk.verifikasi, name="sk_verifikasi"),
    path("sk/<int:pk>/kecualikan/", views_sk.kecualikan, name="sk_kecualikan"),
    path("sk/<int:pk>/sertakan/<int:lokasi_pk>/", views_sk.sertakan, name="sk_sertakan"),
    path("sk/<int:pk>/tetapkan/", views_sk.tetapkan, name="sk_tetapkan"),
    path("sk/<int:pk>/excel/", views_sk.excel, name="sk_excel"),
    path("sk/<int:pk>/berkas/", views_sk.ekspor, name="sk_ekspor"),
    path("sk/<int:pk>/berkas/<int:ekspor_pk>/", views_sk.unduh, name="sk_unduh"),
    path("impor/", views_impor.unggah, name="impor"),
    path("impor/templat/", views_impor.templat, name="impor_templat"),
    path("impor/<str:kunci>/", views_impor.pratinjau, name="impor_pratinjau"),
    path("impor/<str:kunci>/laporan/", views_impor.laporan, name="impor_laporan"),
]
