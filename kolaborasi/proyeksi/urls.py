"""URLs of this part of kolaborasi (collected by kolaborasi/urls.py under app_name "kolaborasi")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
