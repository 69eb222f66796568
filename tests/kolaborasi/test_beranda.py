"""The kolaborasi home page: counts scoped to the user's kab/kota, for every role in scope."""

from django.urls import reverse

from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku


def test_it_counts_only_the_users_city(operator_a, kota_a, kota_b, lokasi_a):
    buat_pemangku(kota_a)
    buat_pemangku(kota_b, nama="Dinas kota lain")
    buat_kegiatan(kota_a, lokasi_a)
    r = klien_untuk(operator_a).get(reverse("kolaborasi:beranda"))
    assert r.status_code == 200
    assert "1 pemangku kepentingan · 1 kegiatan · 0 pertemuan" in r.text


def test_verifiers_read_it_and_anonymous_users_log_in(verifikator_p, client):
    assert klien_untuk(verifikator_p).get(reverse("kolaborasi:beranda")).status_code == 200
    r = client.get(reverse("kolaborasi:beranda"))
    assert r.status_code == 302 and "/masuk/" in r["Location"]
