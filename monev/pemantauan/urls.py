"""URLs of this part of monev (collected by monev/urls.py under app_name "monev")."""

from django.urls import URLPattern, path

from monev.pemantauan import views

urlpatterns: list[URLPattern] = [
    path("pemantauan/", views.daftar, name="pemantauan_daftar"),
    path("pemantauan/kegiatan/<int:pk>/", views.kegiatan, name="pemantauan_kegiatan"),
    path("pemantauan/kegiatan/<int:pk>/tambah/", views.tambah, name="pemantauan_tambah"),
    path("pemantauan/foto/<int:pk>/", views.foto, name="pemantauan_foto"),
    path(
        "pemantauan/kegiatan/<int:pk>/temuan/", views.temuan_tambah, name="pemantauan_temuan_tambah"
    ),
    path(
        "pemantauan/temuan/<int:pk>/tindak-lanjut/",
        views.temuan_tindak_lanjut,
        name="pemantauan_temuan_tindak_lanjut",
    ),
]
