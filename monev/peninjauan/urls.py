"""URLs of this part of monev (collected by monev/urls.py under app_name "monev")."""

from django.urls import URLPattern, path

from monev.peninjauan import views

urlpatterns: list[URLPattern] = [
    path("peninjauan/", views.peninjauan_daftar, name="peninjauan_daftar"),
    path("peninjauan/buat/", views.peninjauan_buat, name="peninjauan_buat"),
    path("peninjauan/<int:pk>/", views.peninjauan_detail, name="peninjauan_detail"),
    path("peninjauan/<int:pk>/pengaturan/", views.peninjauan_pengaturan,
         name="peninjauan_pengaturan"),
    path("peninjauan/<int:pk>/selesai/", views.peninjauan_selesai, name="peninjauan_selesai"),
    path("peninjauan/<int:pk>/keputusan/", views.peninjauan_keputusan,
         name="peninjauan_keputusan"),
    path("peninjauan/<int:pk>/tabel5.pdf", views.peninjauan_buku_pdf, name="peninjauan_buku_pdf"),
    path("peninjauan/<int:pk>/tabel5.xlsx", views.peninjauan_buku_xlsx,
         name="peninjauan_buku_xlsx"),
    path("peninjauan/<int:pk>/lokasi/<int:lokasi_pk>/", views.peninjauan_lokasi,
         name="peninjauan_lokasi"),
    path("peninjauan/<int:pk>/lokasi/<int:lokasi_pk>/tabel5.pdf", views.peninjauan_lokasi_pdf,
         name="peninjauan_lokasi_pdf"),
    path("peninjauan/<int:pk>/lokasi/<int:lokasi_pk>/tabel5.xlsx", views.peninjauan_lokasi_xlsx,
         name="peninjauan_lokasi_xlsx"),
]  # fmt: skip
