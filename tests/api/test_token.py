"""API tokens (issue 14 item 5): hashed in the database, expiring, revocable, scoped like the
user, and `manage.py buat_token` printing the key once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lokasi.models import Pengguna, TokenAPI

pytestmark = pytest.mark.django_db

LOKASI = reverse("api_lokasi_daftar")


def _buat_token(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("buat_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def _klien(kunci: str) -> Client:
    return Client(headers={"Authorization": f"Token {kunci}"})


def _ids(respons) -> list[int]:
    assert respons.status_code == 200, respons.content
    return [baris["id"] for baris in respons.json()["results"]]


def test_a_token_works_until_it_expires(operator_a, lokasi_a):
    kunci, catatan = _buat_token("operator_a", "--hari", "7")
    assert "Kota Alfa" in catatan
    token = TokenAPI.objects.get(user=operator_a)
    assert token.kedaluwarsa - timezone.now() == pytest.approx(
        timedelta(days=7), abs=timedelta(minutes=1)
    )
    klien = _klien(kunci)
    assert _ids(klien.get(LOKASI)) == [lokasi_a.pk]
    token.refresh_from_db()
    assert token.terakhir_dipakai is not None

    TokenAPI.objects.filter(pk=token.pk).update(kedaluwarsa=timezone.now() - timedelta(seconds=1))
    r = klien.get(LOKASI)
    assert r.status_code == 401
    assert "kedaluwarsa" in r.json()["detail"]
    assert r["WWW-Authenticate"] == "Token"


def test_the_default_lifetime_is_90_days(operator_a):
    _buat_token("operator_a")
    token = TokenAPI.objects.get(user=operator_a)
    assert (token.kedaluwarsa - token.dibuat).days == 90


def test_a_revoked_token_gets_401_with_an_indonesian_message(operator_a, lokasi_a):
    kunci, _ = _buat_token("operator_a")
    klien = _klien(kunci)
    assert klien.get(LOKASI).status_code == 200
    _, catatan = _buat_token("operator_a", "--cabut")
    assert "1 token operator_a dicabut" in catatan
    assert TokenAPI.objects.get(user=operator_a).dicabut is not None
    r = klien.get(LOKASI)
    assert r.status_code == 401
    assert r.json()["detail"] == "Token sudah dicabut. Minta token baru kepada admin."


def test_ganti_revokes_the_old_token_and_prints_a_new_one(operator_a, lokasi_a):
    lama, _ = _buat_token("operator_a")
    baru, _ = _buat_token("operator_a", "--ganti")
    assert baru != lama
    assert _klien(lama).get(LOKASI).status_code == 401
    assert _ids(_klien(baru).get(LOKASI)) == [lokasi_a.pk]


def test_unknown_key_and_anonymous_get_401(operator_a):
    r = _klien("bukan-token-yang-sah").get(LOKASI)
    assert r.status_code == 401
    assert r.json()["detail"].startswith("Token tidak dikenal")
    assert Client().get(LOKASI).status_code == 401


def test_the_database_holds_no_plaintext_key(operator_a):
    kunci, _ = _buat_token("operator_a")
    assert len(kunci) >= 40
    token = TokenAPI.objects.get()
    assert token.awalan == kunci[:8]
    assert kunci not in token.hash_kunci
    with connection.cursor() as cur:
        cur.execute(f"SELECT * FROM {TokenAPI._meta.db_table}")
        baris = [str(nilai) for nilai in cur.fetchone()]
    assert not any(kunci in nilai for nilai in baris)
    # A key sharing the stored prefix but not the rest is refused (the hash decides).
    assert _klien(kunci[:8] + "x" * (len(kunci) - 8)).get(LOKASI).status_code == 401


def test_a_city_user_token_only_sees_its_city(operator_b, lokasi_a, lokasi_b):
    kunci, _ = _buat_token("operator_b")
    klien = _klien(kunci)
    assert _ids(klien.get(LOKASI)) == [lokasi_b.pk]
    assert klien.get(reverse("api_lokasi_detail", args=[lokasi_a.pk])).status_code == 404


def test_the_token_of_an_inactive_user_is_refused(operator_a, lokasi_a):
    kunci, _ = _buat_token("operator_a")
    Pengguna.objects.filter(pk=operator_a.pk).update(is_active=False)
    r = _klien(kunci).get(LOKASI)
    assert r.status_code == 401
    assert "tidak aktif" in r.json()["detail"]


def test_buat_token_refuses_unknown_and_inactive_users_and_bad_days(operator_a):
    with pytest.raises(CommandError, match="tidak ada"):
        _buat_token("siapa")
    with pytest.raises(CommandError, match="--hari"):
        _buat_token("operator_a", "--hari", "0")
    Pengguna.objects.filter(pk=operator_a.pk).update(is_active=False)
    with pytest.raises(CommandError, match="tidak aktif"):
        _buat_token("operator_a")
    assert not TokenAPI.objects.exists()
