"""Query budget of the SK pages: the count must not grow with the number of lokasi.

Run with `make bench` (and as part of `make test`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from penilaian.sk import services as services_sk
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db

PITA_TIDAK_KUMUH = dict.fromkeys(PITA_SEDANG, "<25")


def _isi(kabkota, n):
    for i in range(n):
        lokasi = buat_lokasi(kabkota, f"Lokasi {i:03d}")
        pita = PITA_TIDAK_KUMUH if i % 7 == 6 else None
        buat_penilaian(lokasi, tahun=2024, status="terverifikasi_pusat", pita=pita)
        if i % 4 == 0:
            buat_penilaian(lokasi, tahun=2025, status="disetujui_pokja")


def _kueri(klien, url) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert klien.get(url).status_code == 200
    return len(kueri)


@pytest.mark.parametrize("tetapkan", [False, True])
def test_sk_page_and_excel_queries_do_not_grow_with_the_lokasi(tetapkan, kota_a, pokja_a):
    """Measured for 3 and 40 lokasi: equal counts (the rows come in a fixed number of queries)."""
    hasil = []
    for n in (3, 40):
        _isi(kota_a, n if not hasil else n - 3)
        sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
        services_sk.sk_kecualikan(
            sk=sk, pengguna=pokja_a, lokasi=kota_a.lokasi.first(), alasan="uji"
        )
        sk.refresh_from_db()
        if tetapkan:
            for tim in ("pusat", "provinsi", "kabkota"):  # issuing needs the three blocks
                services_sk.verifikasi_simpan(
                    sk=sk, pengguna=pokja_a, tim=tim, data={"nama": tim, "jabatan": "Ketua"}
                )
            sk.refresh_from_db()
            sk = services_sk.sk_simpan(
                sk=sk, pengguna=pokja_a, versi=sk.versi,
                data={"nomor": f"1/{n}", "tanggal": "2026-11-20", "penandatangan_nama": "A"},
            )  # fmt: skip
            sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
        klien = klien_untuk(pokja_a)
        hasil.append(
            (
                _kueri(klien, f"/penilaian/sk/{sk.pk}/"),
                _kueri(klien, f"/penilaian/sk/{sk.pk}/excel/"),
            )
        )
    assert hasil[0] == hasil[1], hasil
    halaman, excel = hasil[1]
    # 21 for the page (session, user, SK, the SKs replacing it, verification blocks, history,
    # jobs, the draft's surveys with kelurahan, tipologi, photos, isian and numerik sheets, the
    # kecamatan boundaries, exclusions, newer surveys, the kab/kota's SK settings…), 16 for the
    # Excel; both include the savepoint pair of ATOMIC_REQUESTS.
    assert halaman <= 21 and excel <= 16, hasil
