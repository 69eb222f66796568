"""/kelola/ for a city's staff (issue 14 item 5): only their own kab/kota's rows, and no way to
hand out superuser or verifier rights."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lokasi.models import Peran, TokenAPI
from tests.conftest import buat_pengguna, klien_untuk

pytestmark = pytest.mark.django_db

HAK = [
    "view_pengguna",
    "change_pengguna",
    "view_lokasi",
    "view_kabupatenkota",
    "view_tokenapi",
    "change_tokenapi",
]


@pytest.fixture
def staf_a(kota_a):
    staf = buat_pengguna("staf_a", Peran.ADMIN_KABKOTA, kota_a, is_staff=True)
    staf.user_permissions.set(Permission.objects.filter(codename__in=HAK))
    return staf


def _ubah(model: str, pk: int) -> str:
    return reverse(f"admin:lokasi_{model}_change", args=[pk])


def test_staff_lists_only_their_city_users_and_lokasi(staf_a, operator_a, operator_b,
                                                       lokasi_a, lokasi_b):  # fmt: skip
    klien = klien_untuk(staf_a)
    pengguna = klien.get(reverse("admin:lokasi_pengguna_changelist"))
    assert pengguna.status_code == 200
    assert set(pengguna.context["cl"].queryset) == {operator_a, staf_a}
    assert "operator_b" not in pengguna.content.decode()
    lokasi = klien.get(reverse("admin:lokasi_lokasi_changelist"))
    assert list(lokasi.context["cl"].queryset) == [lokasi_a]
    kota = klien.get(reverse("admin:lokasi_kabupatenkota_changelist"))
    assert [k.nama for k in kota.context["cl"].queryset] == ["Kota Alfa"]


def test_staff_cannot_open_or_change_another_citys_user(staf_a, operator_a, operator_b):
    klien = klien_untuk(staf_a)
    assert klien.get(_ubah("pengguna", operator_a.pk)).status_code == 200
    # Out of scope = does not exist for the admin: redirected with "not found", no form.
    r = klien.get(_ubah("pengguna", operator_b.pk))
    assert r.status_code == 302
    r = klien.post(_ubah("pengguna", operator_b.pk), {"username": "dibajak"})
    assert r.status_code == 302
    operator_b.refresh_from_db()
    assert operator_b.username == "operator_b"
    sandi = reverse("admin:auth_user_password_change", args=[operator_b.pk])
    assert klien.get(sandi).status_code == 404


def test_staff_cannot_grant_superuser_or_verifier_roles(staf_a, operator_a):
    r = klien_untuk(staf_a).get(_ubah("pengguna", operator_a.pk))
    html = r.content.decode()
    assert 'name="peran"' in html
    assert 'name="is_superuser"' not in html and 'name="user_permissions"' not in html
    pilihan = [nilai for nilai, _ in r.context["adminform"].form.fields["peran"].choices]
    assert "verifikator_pusat" not in pilihan and "operator" in pilihan
    kota = r.context["adminform"].form.fields["kabupaten_kota"].queryset
    assert [k.nama for k in kota] == ["Kota Alfa"]


def test_staff_never_sees_a_superuser_even_of_their_city(staf_a, kota_a):
    akar = buat_pengguna("akar", kabkota=kota_a, is_staff=True, is_superuser=True)
    klien = klien_untuk(staf_a)
    assert klien.get(_ubah("pengguna", akar.pk)).status_code == 302


def test_staff_sees_only_their_city_tokens(staf_a, operator_a, operator_b):
    TokenAPI.objects.buat(user=operator_a, nama="dasbor A")
    TokenAPI.objects.buat(user=operator_b, nama="dasbor B")
    r = klien_untuk(staf_a).get(reverse("admin:lokasi_tokenapi_changelist"))
    assert [t.nama for t in r.context["cl"].queryset] == ["dasbor A"]


def test_a_superuser_still_sees_every_city(operator_a, operator_b, lokasi_a, lokasi_b):
    akar = buat_pengguna("akar", is_staff=True, is_superuser=True)
    klien = klien_untuk(akar)
    r = klien.get(reverse("admin:lokasi_lokasi_changelist"))
    assert set(r.context["cl"].queryset) == {lokasi_a, lokasi_b}
    assert klien.get(_ubah("pengguna", operator_b.pk)).status_code == 200
