"""Placeholder: the wilayah and lokasi endpoints are being built (issue 5)."""

urlpatterns = []
