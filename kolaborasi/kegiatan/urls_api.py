"""API v1 routes of this part (collected by kolaborasi/urls_api.py, mounted at /api/v1/)."""

from django.urls import path

from kolaborasi.kegiatan import api

urlpatterns = [
    path("kegiatan/", api.KegiatanViewSet.as_view({"get": "list"}), name="api_kegiatan_daftar"),
    path(
        "kegiatan/<int:pk>/",
        api.KegiatanViewSet.as_view({"get": "retrieve"}),
        name="api_kegiatan_detail",
    ),
]
