"""A workflow step whose user was deleted (LangkahAlur.pengguna is SET_NULL) still shows."""

import pytest
from django.urls import reverse

from penilaian.models import LangkahAlur
from tests.conftest import buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db


def test_the_survey_page_shows_a_step_of_a_deleted_user(operator_a, lokasi_a):
    p = buat_penilaian(lokasi_a, status="diajukan")
    LangkahAlur.objects.create(penilaian=p, dari="draf", ke="diajukan", pengguna=None)
    r = klien_untuk(operator_a).get(reverse("penilaian:detail", args=[p.pk]))
    assert r.status_code == 200  # was a 500 (found with the synthetic data, whose steps have none)
    assert "tanpa akun: pengguna dihapus" in r.content.decode()
