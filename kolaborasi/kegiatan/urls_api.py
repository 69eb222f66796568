"""API v1 routes of this part (collected by kolaborasi/urls_api.py, mounted at /api/v1/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
