"""Survey pages (being built)."""

from django.http import HttpResponse


def _belum(request, **kwargs):
    return HttpResponse(status=501)


daftar = buat = detail = isi = panel = alur = foto = _belum
