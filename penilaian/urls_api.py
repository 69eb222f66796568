from django.urls import path

from penilaian import api

urlpatterns = [
    path("penilaian/hitung/", api.HitungView.as_view(), name="api_penilaian_hitung"),
]
