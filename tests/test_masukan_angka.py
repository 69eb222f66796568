"""Query parameters that look like numbers but are not (issue 14's bad-input sweep).

`str.isdigit()` accepts "²" and "①", which `int()` and the ORM refuse: each of these answered
500 before the views checked `isdecimal()`. A number too large for the column is not an error
either. Every answer here is a normal page (or a 404 for an id that names nothing).
"""

import pytest

from tests.conftest import klien_untuk

ANEH = ["²", "1²", "①", "99999999999999999999999"]
PARAMETER = [
    ("/lokasi/pilihan-kelurahan/", "kecamatan"),
    ("/penilaian/", "tahun"),
    ("/penilaian/prioritas/", "tahun"),
    ("/penilaian/prioritas/peta/", "zoom"),
    ("/kolaborasi/pks/tambah/", "kegiatan"),
    ("/kolaborasi/tahap/", "kabkota"),
    ("/kolaborasi/pertemuan/tambah/", "lembaga"),
    ("/monev/dasbor/", "kabkota"),
]


@pytest.mark.parametrize(("url", "nama"), PARAMETER)
@pytest.mark.parametrize("nilai", ANEH)
def test_a_number_like_parameter_never_breaks_a_page(url, nama, nilai, admin_a):
    r = klien_untuk(admin_a).get(url, {nama: nilai})
    assert r.status_code in (200, 404), (url, nama, nilai, r.status_code)


@pytest.mark.parametrize("nilai", ANEH)
def test_a_number_like_target_id_is_no_such_target(nilai, pokja_a):
    r = klien_untuk(pokja_a).post("/monev/dasbor/target/", {"target": nilai})
    assert r.status_code == 404
