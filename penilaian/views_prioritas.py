"""Placeholder: the priority list is being built (issue 3 item 6)."""

from django.http import HttpResponse


def daftar(request):
    return HttpResponse(status=501)


def excel(request):
    return HttpResponse(status=501)
