"""The internal settings page of publication (collected by monev/urls.py, namespace "monev")."""

from django.urls import path

from monev.publik import pengaturan

urlpatterns = [path("", pengaturan.pengaturan, name="publik_pengaturan")]
