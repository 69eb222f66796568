"""Placeholder: the lokasi profile across surveys is being built (issue 3 item 7)."""

from django.http import HttpResponse


def profil(request, lokasi_pk):
    return HttpResponse(status=501)
