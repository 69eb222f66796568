"""The shared history list shows entries without an account (a public filing, a deleted user)."""

from __future__ import annotations

from lokasi import riwayat
from tests.conftest import klien_untuk


def test_an_entry_without_a_user_is_shown_not_a_500(lokasi_a, operator_a):
    riwayat.catat(
        obj=lokasi_a, pengguna=None, tindakan="diubah", sebelum={"nama": "A"}, sesudah={"nama": "B"}
    )
    respons = klien_untuk(operator_a).get(lokasi_a.get_absolute_url())
    assert respons.status_code == 200
    assert "(tanpa akun: publik atau pengguna dihapus)" in respons.content.decode()
