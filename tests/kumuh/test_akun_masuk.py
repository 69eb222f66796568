"""Login lockout on /masuk/ and /kelola/ (issue 14 item 5, django-axes): 5 wrong passwords for
one username from one address lock that pair for 15 minutes, with an Indonesian page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.conftest import SANDI, buat_pengguna

pytestmark = pytest.mark.django_db

MASUK = reverse("login")
MASUK_KELOLA = reverse("admin:login")


def _masuk(klien: Client, username: str, sandi: str, url: str = MASUK):
    return klien.post(url, {"username": username, "password": sandi})


def _gagal(klien: Client, username: str, kali: int, url: str = MASUK) -> list[int]:
    """Send `kali` wrong passwords; return the status codes."""
    return [_masuk(klien, username, "salah-sekali", url).status_code for _ in range(kali)]


def test_settings_lock_a_username_and_ip_pair_for_15_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_five_wrong_passwords_lock_out_even_the_right_one(operator_a):
    klien = Client()
    # The fifth failure already answers with the lockout page instead of the form.
    assert _gagal(klien, "operator_a", 5) == [200, 200, 200, 200, 429]
    r = _masuk(klien, "operator_a", SANDI)
    assert r.status_code == 429
    html = r.content.decode()
    assert "Masuk ditolak: 5 kali kata sandi salah" in html
    assert "Tunggu 15 menit" in html
    assert "_auth_user_id" not in klien.session


def test_the_lockout_is_per_user_another_user_still_logs_in(operator_a, operator_b):
    klien = Client()
    _gagal(klien, "operator_a", 5)
    r = _masuk(klien, "operator_b", SANDI)
    assert r.status_code == 302 and r.url == reverse("beranda")


def test_the_lockout_is_per_address(operator_a):
    _gagal(Client(), "operator_a", 5)
    r = _masuk(Client(REMOTE_ADDR="10.0.0.9"), "operator_a", SANDI)
    assert r.status_code == 302


def test_a_successful_login_resets_the_count(operator_a):
    klien = Client()
    assert _gagal(klien, "operator_a", 4) == [200] * 4
    assert _masuk(klien, "operator_a", SANDI).status_code == 302
    klien.logout()
    assert _gagal(klien, "operator_a", 4) == [200] * 4
    assert _masuk(klien, "operator_a", SANDI).status_code == 302


def test_the_lock_ends_after_the_cooloff(operator_a):
    klien = Client()
    _gagal(klien, "operator_a", 5)
    assert _masuk(klien, "operator_a", SANDI).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert _masuk(klien, "operator_a", SANDI).status_code == 302


def test_the_admin_login_is_protected_too(db):
    buat_pengguna("pengurus", is_staff=True, is_superuser=True)
    klien = Client()
    assert _gagal(klien, "pengurus", 5, MASUK_KELOLA)[-1] == 429
    r = _masuk(klien, "pengurus", SANDI, MASUK_KELOLA)
    assert r.status_code == 429
    assert "Masuk ditolak" in r.content.decode()
    # The same pair is locked on the app's own login page as well.
    assert _masuk(klien, "pengurus", SANDI).status_code == 429
