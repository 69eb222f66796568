"""The governance calendar: each rule's items for one city, and the page for every role."""

from datetime import date

import pytest
from django.urls import reverse

from monev.models import EvaluasiTahunan, PeninjauanUlang
from monev.op import jadwal
from monev.op.kalender import butir_kalender
from penilaian.models import SK
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.kolaborasi.pemangku_bantu import buat_lembaga, buat_pertemuan
from tests.kolaborasi.test_pks_halaman import buat_pks
from tests.monev.test_op_views import buat_aset, periksa

pytestmark = pytest.mark.django_db

HARI_INI = date(2026, 6, 15)


def buat_sk(kabkota, nomor: str, tanggal: date | None, status: str = "ditetapkan") -> SK:
    return SK.objects.create(
        kabupaten_kota=kabkota, tahun=(tanggal or HARI_INI).year, nomor=nomor, tanggal=tanggal,
        tempat="Alfa", tentang="Penetapan lokasi perumahan kumuh", penandatangan_nama="Wali",
        penandatangan_jabatan="Wali Kota", status=status,
    )  # fmt: skip


@pytest.fixture
def kalender_a(kota_a, kota_b):
    buat_pertemuan(kota_a, "pokja_monitoring", tanggal=date(2026, 3, 10))
    buat_pertemuan(kota_a, "pokja_rutin", tanggal=date(2026, 6, 1))  # not a monitoring meeting
    buat_lembaga(kota_a, rencana_selesai=date(2026, 7, 31))
    for tahun, status in ((2023, "usulan"), (2024, "selesai"), (2025, "selesai"),
                          (2026, "berjalan"), (2027, "direncanakan")):  # fmt: skip
        buat_kegiatan(kota_a, status=status, tahun=tahun)
    EvaluasiTahunan.objects.create(kabupaten_kota=kota_a, tahun=2024, status="final")
    EvaluasiTahunan.objects.create(kabupaten_kota=kota_a, tahun=2025, status="draf")
    buat_sk(kota_a, "SK/2021/1", date(2021, 3, 15))
    selesai = buat_sk(kota_a, "SK/2021/2", date(2021, 9, 1))
    PeninjauanUlang.objects.create(kabupaten_kota=kota_a, sk=selesai, tahun=2026, status="selesai")
    buat_sk(kota_a, "SK/2021/3", date(2021, 12, 1))
    buat_sk(kota_a, "SK/DRAF", None, status="draf")
    rapat = buat_pertemuan(kota_a, "pokja_rutin")
    buat_pks(kota_a, "PKS/BELUM", "ditandatangani", tanggal=date(2026, 6, 1))
    buat_pks(kota_a, "PKS/DRAF", "draf")
    buat_pks(kota_a, "PKS/SUDAH", "berjalan", dilaporkan_pada=rapat)
    telat = buat_aset(kota_a, "Jalan telat", tanggal_serah_terima=date(2025, 1, 10))
    periksa(telat, date(2025, 7, 10))
    buat_aset(kota_a, "Jalan baru", tanggal_serah_terima=date(2026, 6, 1))  # terjadwal: hidden
    buat_aset(kota_a, "Segera", tanggal_serah_terima=date(2026, 1, 1))  # due 1 July
    buat_aset(kota_b, "Aset kota lain", tanggal_serah_terima=date(2020, 1, 1))
    buat_sk(kota_b, "SK/BETA", date(2020, 1, 1))
    return kota_a


def _ringkas(kota) -> dict[str, tuple]:
    return {
        b.judul: (b.tenggat, b.status.kode, b.status.hari) for b in butir_kalender(kota, HARI_INI)
    }


def test_it_lists_each_rule_with_due_date_and_status(kalender_a):
    assert _ringkas(kalender_a) == {
        "Rapat monitoring Pokja PKP berikutnya": (date(2026, 5, 10), jadwal.TERLAMBAT, 36),
        "Rencana kerja Pokja PKP berakhir": (date(2026, 7, 31), jadwal.JATUH_TEMPO, 46),
        "Evaluasi tahunan 2025": (date(2026, 3, 31), jadwal.TERLAMBAT, 76),
        "Evaluasi tahunan 2026": (date(2027, 3, 31), jadwal.TERJADWAL, 289),
        "Peninjauan ulang SK SK/2021/1": (date(2026, 3, 15), jadwal.TERLAMBAT, 92),
        "Peninjauan ulang SK SK/2021/3": (date(2026, 12, 1), jadwal.JATUH_TEMPO, 169),
        "Laporkan PKS PKS/BELUM ke Pokja PKP": (date(2026, 8, 1), jadwal.JATUH_TEMPO, 47),
        "Periksa Jalan telat": (date(2026, 1, 10), jadwal.TERLAMBAT, 156),
        "Periksa Segera": (date(2026, 7, 1), jadwal.JATUH_TEMPO, 16),
    }


def test_it_orders_late_first_then_by_date(kalender_a):
    kode = [b.status.kode for b in butir_kalender(kalender_a, HARI_INI)]
    assert kode == sorted(kode, key=[jadwal.TERLAMBAT, jadwal.JATUH_TEMPO, jadwal.TERJADWAL].index)
    assert butir_kalender(kalender_a, HARI_INI)[0].judul == "Periksa Jalan telat"


def test_without_monitoring_meeting_it_is_late_now(kota_b):
    (rapat,) = butir_kalender(kota_b, HARI_INI)
    assert (rapat.tenggat, rapat.status.kode) == (None, jadwal.TERLAMBAT)


@pytest.mark.parametrize("peran", ["operator_a", "admin_a", "pokja_a"])
def test_page_shows_own_city(request, peran, kalender_a):
    r = klien_untuk(request.getfixturevalue(peran)).get(reverse("monev:kalender"))
    teks = r.content.decode()
    assert r.status_code == 200
    assert "SK/2021/1" in teks and "terlambat" in teks and "SK/BETA" not in teks
    assert reverse("kolaborasi:pertemuan_tambah") in teks


def test_other_city_operator_sees_only_own(operator_b, kalender_a):
    teks = klien_untuk(operator_b).get(reverse("monev:kalender")).content.decode()
    assert "SK/BETA" in teks and "SK/2021/1" not in teks
    # A city user cannot switch to another city through the query string.
    teks = klien_untuk(operator_b).get(reverse("monev:kalender"), {"kabkota": kalender_a.pk})
    assert "SK/2021/1" not in teks.content.decode()


def test_verifier_picks_a_city_within_reach(verifikator_p, kota_c, kalender_a):
    k = klien_untuk(verifikator_p)
    teks = k.get(reverse("monev:kalender")).content.decode()
    assert "Pilih kabupaten/kota" in teks and "SK/2021/1" not in teks
    assert (
        "SK/2021/1" in k.get(reverse("monev:kalender"), {"kabkota": kalender_a.pk}).content.decode()
    )
    # A city outside the province is not offered and shows nothing.
    teks = k.get(reverse("monev:kalender"), {"kabkota": kota_c.pk}).content.decode()
    assert "Pilih kabupaten/kota untuk melihat" in teks


def test_complaint_recommendations_due_or_past_due_are_governance_items(kota_a, kota_b):
    from tests.monev.test_pengaduan_views import buat_pengaduan

    hari_ini = date(2026, 6, 10)
    telat = buat_pengaduan(kota_a, status="rekomendasi", tenggat=date(2026, 6, 1),
                           penanggung_jawab="DPUPR")  # fmt: skip
    dekat = buat_pengaduan(kota_a, status="rekomendasi", tenggat=date(2026, 6, 15))
    buat_pengaduan(kota_a, status="rekomendasi", tenggat=date(2026, 7, 30))  # not yet
    buat_pengaduan(kota_a, status="selesai", tenggat=date(2026, 6, 1))  # closed
    buat_pengaduan(kota_b, status="rekomendasi", tenggat=date(2026, 6, 1))  # another city
    butir = {b.judul: b for b in butir_kalender(kota_a, hari_ini) if b.jenis.startswith("Rek")}
    assert set(butir) == {f"Tindak lanjuti pengaduan {telat.kode}",
                          f"Tindak lanjuti pengaduan {dekat.kode}"}  # fmt: skip
    b = butir[f"Tindak lanjuti pengaduan {telat.kode}"]
    assert b.status.kode == jadwal.TERLAMBAT and b.keterangan == "DPUPR"
    assert butir[f"Tindak lanjuti pengaduan {dekat.kode}"].status.kode == jadwal.JATUH_TEMPO
