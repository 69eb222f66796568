"""The monev home page: every signed-in role in scope reads it; anonymous users log in."""

from django.urls import reverse

from tests.conftest import klien_untuk


def test_roles_read_it_and_anonymous_users_log_in(operator_a, verifikator_pusat, client):
    for pengguna in (operator_a, verifikator_pusat):
        r = klien_untuk(pengguna).get(reverse("monev:beranda"))
        assert r.status_code == 200 and "Monitoring dan evaluasi" in r.text
    r = client.get(reverse("monev:beranda"))
    assert r.status_code == 302 and "/masuk/" in r["Location"]
