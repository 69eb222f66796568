"""Login lockout page and API token authentication (docs/akun.md)."""

from __future__ import annotations

import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.views import PasswordChangeView
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from lokasi.models import Pengguna, TokenAPI


def respons_terkunci(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """Render the Indonesian lockout page (axes AXES_LOCKOUT_CALLABLE) for /masuk/ and /kelola/."""
    jeda = get_cool_off(request)
    return render(
        request,
        "registration/terkunci.html",
        {
            "batas": get_failure_limit(request, credentials),
            "menit": math.ceil(jeda.total_seconds() / 60) if jeda else 0,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class PenggunaBackend(ModelBackend):
    """ModelBackend whose session user comes with its kab/kota and provinsi in the same query.

    Every page's header names the user's area (`Pengguna.wilayah_tugas`) and nearly every view
    scopes by the kab/kota: loaded apart, that was one more query on every request (issue 14,
    load test)."""

    def get_user(self, user_id):
        try:
            user = Pengguna._default_manager.select_related("kabupaten_kota", "provinsi").get(
                pk=user_id
            )
        except Pengguna.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class TokenAPIAuthentication(BaseAuthentication):
    """`Authorization: Token <kunci>` checked against TokenAPI (hashed, with expiry)."""

    keyword = "Token"

    def authenticate(self, request) -> tuple[Pengguna, TokenAPI] | None:
        bagian = get_authorization_header(request).split()
        if not bagian or bagian[0].lower() != self.keyword.lower().encode():
            return None
        if len(bagian) != 2:
            raise exceptions.AuthenticationFailed(
                _("Header Authorization salah: tulis `Token <kunci>` tanpa spasi di kuncinya.")
            )
        try:
            kunci = bagian[1].decode()
        except UnicodeError as e:
            raise exceptions.AuthenticationFailed(
                _("Header Authorization salah: kunci token berisi karakter yang tidak sah.")
            ) from e
        token, masalah = TokenAPI.objects.periksa(kunci)
        if token is None:
            raise exceptions.AuthenticationFailed(masalah)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) instead of 403 for a missing/bad token.
        return self.keyword


class TokenAPISkema(OpenApiAuthenticationExtension):
    """Describe the token header in the OpenAPI schema (drf-spectacular finds it on import)."""

    target_class = "lokasi.auth.TokenAPIAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": _('Token API, ditulis "Token <kunci>" (manage.py buat_token).'),
        }


class GantiKataSandi(SuccessMessageMixin, PasswordChangeView):
    """/akun/kata-sandi/: the user changes their own password; other sessions are logged out."""

    template_name = "registration/kata_sandi.html"
    success_url = reverse_lazy("beranda")
    success_message = gettext_lazy(
        "Kata sandi diubah. Sesi di perangkat lain keluar; masuk lagi di sana dengan kata sandi "
        "baru."
    )
