"""API v1 routes of wilayah and lokasi (mounted at /api/v1/ by kumuh/urls.py)."""

from django.urls import path

from lokasi import api

DAFTAR = {"get": "list"}
DETAIL = {"get": "retrieve"}

urlpatterns = [
    path("wilayah/", api.WilayahViewSet.as_view(DAFTAR), name="api_wilayah_daftar"),
    path("wilayah/<str:kode>/", api.WilayahViewSet.as_view(DETAIL), name="api_wilayah_detail"),
    path("lokasi/", api.LokasiViewSet.as_view(DAFTAR), name="api_lokasi_daftar"),
    path("lokasi/<int:pk>/", api.LokasiViewSet.as_view(DETAIL), name="api_lokasi_detail"),
]
