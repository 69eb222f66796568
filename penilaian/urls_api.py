"""API v1 routes of penilaian (mounted at /api/v1/ by kumuh/urls.py)."""

from django.urls import path

from penilaian import api

urlpatterns = [
    path("penilaian/", api.PenilaianViewSet.as_view({"get": "list"}), name="api_penilaian_daftar"),
    path(
        "penilaian/<int:pk>/",
        api.PenilaianViewSet.as_view({"get": "retrieve"}),
        name="api_penilaian_detail",
    ),
    path("penilaian/hitung/", api.HitungView.as_view(), name="api_penilaian_hitung"),
]
