"""Query budgets of the survey pages: constant in the number of surveys and criteria."""

import pytest
from django.urls import reverse

from penilaian import services
from tests.conftest import buat_lokasi, buat_penilaian, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [2, 40])
def test_survey_list_queries_are_constant(n, operator_a, kota_a, django_assert_max_num_queries):
    for i in range(n):
        buat_penilaian(buat_lokasi(kota_a, f"Lokasi {i:02d}"))
    klien = klien_untuk(operator_a)
    # session, user, user's kab/kota, count, page, lokasi options; + savepoints
    with django_assert_max_num_queries(9):
        r = klien.get(reverse("penilaian:daftar"))
    assert len(r.context["halaman"].object_list) == min(n, 25)


@pytest.mark.parametrize("unit", [1, 12])
def test_survey_form_queries_do_not_grow_with_units(
    unit, operator_a, lokasi_a, django_assert_max_num_queries
):
    for i in range(unit):
        buat_unit(lokasi_a, rt=f"{i:03d}")
    penilaian = services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(12):
        klien.get(reverse("penilaian:isi", args=[penilaian.pk]))
