"""Sessions last a working day (issue 14 item 5), not Django's two weeks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import SANDI

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_login_session_lasts_eight_hours(operator_a):
    klien = Client()
    r = klien.post(reverse("login"), {"username": "operator_a", "password": SANDI})
    assert r.status_code == 302
    assert r.cookies["sessionid"]["max-age"] == 8 * 3600
    assert klien.session.get_expiry_age() == 8 * 3600
    assert klien.session.get_expire_at_browser_close() is False


def test_kumuh_sesi_detik_sets_the_session_length():
    lingkungan = dict(os.environ, KUMUH_SESI_DETIK="3600")
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)",
        ],
        cwd=ROOT,
        env=lingkungan | {"DJANGO_SETTINGS_MODULE": "kumuh.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.stdout.strip() == "3600", r.stderr


@pytest.mark.django_db
def test_the_session_user_comes_with_its_area_in_one_query(operator_a, django_assert_num_queries):
    """The header names the user's kab/kota on every page: no query of its own for it."""
    from django.contrib.auth import get_user
    from django.http import HttpRequest

    klien = Client()
    klien.post(reverse("login"), {"username": "operator_a", "password": SANDI})
    request = HttpRequest()
    request.session = klien.session
    # The session row, then the user with its kab/kota and provinsi joined.
    with django_assert_num_queries(2):
        user = get_user(request)
        assert user.wilayah_tugas == str(operator_a.kabupaten_kota)
    assert user.pk == operator_a.pk


@pytest.mark.django_db
def test_an_inactive_user_loses_the_session(operator_a):
    klien = Client()
    klien.post(reverse("login"), {"username": "operator_a", "password": SANDI})
    operator_a.is_active = False
    operator_a.save()
    assert klien.get(reverse("beranda")).status_code == 302
