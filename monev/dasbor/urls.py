"""URLs of this part of monev (collected by monev/urls.py under app_name "monev")."""

from django.urls import URLPattern, path

from monev.dasbor import views

urlpatterns: list[URLPattern] = [
    path("dasbor/", views.dasbor, name="dasbor"),
    path("dasbor/target/", views.target, name="dasbor_target"),
]
