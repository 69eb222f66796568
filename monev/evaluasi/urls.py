"""URLs of this part of monev (collected by monev/urls.py under app_name "monev")."""

from django.urls import URLPattern, path

from monev.evaluasi import views

urlpatterns: list[URLPattern] = [
    path("evaluasi/", views.evaluasi_daftar, name="evaluasi_daftar"),
    path("evaluasi/buat/", views.evaluasi_buat, name="evaluasi_buat"),
    path("evaluasi/<int:pk>/", views.evaluasi_detail, name="evaluasi_detail"),
    path("evaluasi/<int:pk>/narasi/", views.evaluasi_narasi, name="evaluasi_narasi"),
    path("evaluasi/<int:pk>/final/", views.evaluasi_final, name="evaluasi_final"),
    path("evaluasi/<int:pk>/pdf/", views.evaluasi_pdf, name="evaluasi_pdf"),
    path("evaluasi/<int:pk>/xlsx/", views.evaluasi_xlsx, name="evaluasi_xlsx"),
    path(
        "evaluasi/<int:pk>/rekomendasi/",
        views.rekomendasi_tambah,
        name="evaluasi_rekomendasi_tambah",
    ),
    path(
        "evaluasi/<int:pk>/rekomendasi/<int:rpk>/",
        views.rekomendasi_ubah,
        name="evaluasi_rekomendasi_ubah",
    ),
    path(
        "evaluasi/<int:pk>/rekomendasi/<int:rpk>/hapus/",
        views.rekomendasi_hapus,
        name="evaluasi_rekomendasi_hapus",
    ),
]
