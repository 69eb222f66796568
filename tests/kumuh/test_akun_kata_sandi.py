"""Users change their own password at /akun/kata-sandi/ (issue 14 item 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import SANDI, klien_untuk

pytestmark = pytest.mark.django_db

URL = reverse("ganti_kata_sandi")
BARU = "Rumah-Layak-Huni-2026"


def _kirim(klien, lama: str, baru1: str, baru2: str | None = None):
    return klien.post(
        URL,
        {"old_password": lama, "new_password1": baru1, "new_password2": baru2 or baru1},
    )


def test_the_header_links_to_the_page_and_anonymous_is_sent_to_login(operator_a):
    html = klien_untuk(operator_a).get(reverse("beranda"), follow=True).content.decode()
    assert f'href="{URL}"' in html
    r = klien_untuk(None).get(URL)
    assert r.status_code == 302 and r.url.startswith(reverse("login"))


def test_it_changes_the_password_keeps_this_session_and_ends_the_others(operator_a):
    klien, lain = klien_untuk(operator_a), klien_untuk(operator_a)
    halaman = klien.get(URL)
    assert halaman.status_code == 200
    assert "Ganti kata sandi" in halaman.content.decode()
    r = _kirim(klien, SANDI, BARU)
    assert r.status_code == 302 and r.url == reverse("beranda")
    operator_a.refresh_from_db()
    assert operator_a.check_password(BARU)
    pesan = klien.get(reverse("beranda"), follow=True).content.decode()
    assert "Kata sandi diubah." in pesan
    assert klien.get(URL).status_code == 200  # still logged in here
    assert lain.get(URL).status_code == 302  # the other device's session ended


def test_a_wrong_current_password_is_refused_in_indonesian(operator_a):
    r = _kirim(klien_untuk(operator_a), "bukan-sandinya", BARU)
    assert r.status_code == 200
    assert "Sandi lama Anda yang dimasukkan salah" in r.content.decode()
    operator_a.refresh_from_db()
    assert operator_a.check_password(SANDI)


@pytest.mark.parametrize(
    ("baru", "galat"),
    [
        ("pendek1", "terlalu pendek"),
        ("12345678901", "seluruhnya terdiri dari angka"),
        ("password123", "terlalu umum"),
    ],
)
def test_the_password_validators_apply_in_indonesian(operator_a, baru, galat):
    r = _kirim(klien_untuk(operator_a), SANDI, baru)
    assert r.status_code == 200
    assert galat in r.content.decode()
    operator_a.refresh_from_db()
    assert operator_a.check_password(SANDI)


def test_the_two_new_passwords_must_match(operator_a):
    r = _kirim(klien_untuk(operator_a), SANDI, BARU, BARU + "x")
    assert r.status_code == 200
    assert "tidak cocok" in r.content.decode()
