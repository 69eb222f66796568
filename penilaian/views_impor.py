"""Placeholder: the baseline import is being built (issue 5)."""

from django.http import HttpResponse


def _belum(request, **kwargs):
    return HttpResponse(status=501)


unggah = templat = pratinjau = laporan = _belum
