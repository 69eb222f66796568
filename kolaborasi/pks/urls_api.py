"""API v1 routes of this part (collected by kolaborasi/urls_api.py, mounted at /api/v1/)."""

from django.urls import path

from kolaborasi.pks import api

urlpatterns = [
    path(
        "pemangku-kepentingan/",
        api.PemangkuViewSet.as_view({"get": "list"}),
        name="api_pemangku_daftar",
    ),
    path(
        "pemangku-kepentingan/<int:pk>/",
        api.PemangkuViewSet.as_view({"get": "retrieve"}),
        name="api_pemangku_detail",
    ),
    path(
        "perjanjian-kerja-sama/",
        api.PKSViewSet.as_view({"get": "list"}),
        name="api_pks_daftar",
    ),
    path(
        "perjanjian-kerja-sama/<int:pk>/",
        api.PKSViewSet.as_view({"get": "retrieve"}),
        name="api_pks_detail",
    ),
]
