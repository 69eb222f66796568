"""The dashboard within 100 ms (issue 14 item 2): what moved into the database gives what the
rules give in Python, and what the dashboard reads is never stale.

- "Newer and worse survey" flags: counted and the first ones read by a join of the frozen rows
  with the latest approved survey, against the rule (`angka.periksa_survei` over every frozen
  row, the latest surveys read from the surveys themselves) on a mixed dataset.
- A concluded review's totals from a few keys of its frozen results, against the recap.
- The calendars of several cities in one pass, against each city's own.
- The SK's rows copied as it is issued, the same as copied from its frozen JSON.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.dasbor import angka
from monev.dasbor.data import (
    KOLOM_BARIS,
    LEBIH_BURUK,
    muat_dasbor,
    salin_baris,
    sk_beku,
    tanda_survei,
)
from monev.models import BarisSKBeku
from monev.op.kalender import butir_kalender, butir_kalender_kota
from monev.peninjauan import services as services_peninjauan
from monev.peninjauan.muat import jumlah_kota_beku, muat_peninjauan
from penilaian import ringkasan
from penilaian.hitung_ulang import hitung_ulang_semua
from penilaian.models import STATUS_DISETUJUI, Penilaian
from penilaian.prioritas import penilaian_terakhir
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.monev.test_dasbor_angka import lok
from tests.monev.test_dasbor_views import buat_sk
from tests.monev.test_op_kalender import kalender_a  # noqa: F401 (fixture)
from tests.monev.test_peninjauan_muat import tangani, terbitkan_sk

pytestmark = pytest.mark.django_db
HARI_INI = date(2026, 6, 15)
URL = reverse("monev:dasbor")
BEKU = date(2022, 5, 1)  # the frozen survey's date (nilai 50, Kumuh Sedang, 2022)


def _survei(lokasi, tahun: int, nilai: int | None, tanggal: date | None, status="disetujui_pokja"):
    """A survey with this very score and date (saved: the latest-survey table follows)."""
    p = buat_penilaian(lokasi, tahun=tahun, status=status)
    p.nilai_kekumuhan, p.tanggal_survei = nilai, tanggal
    p.tingkat_kekumuhan = "Kumuh Berat" if nilai and nilai > 60 else p.tingkat_kekumuhan
    p.save()
    return p


@pytest.fixture
def campuran(kota_a, kota_b):
    """Two cities; in Kota Alfa a revoked SK, and two SKs in force (one lokasi in both). Each
    lokasi's surveys after the frozen one say what the comment beside it says."""
    nama = [
        "Buruk", "Tanggal", "Tahun awal", "Tanpa tanggal", "Beku tanpa tanggal", "Sama",
        "Membaik", "Draf", "Nilai kosong", "Tahun sama", "Dicabut", "Dua SK",
    ]  # fmt: skip
    a = {n: buat_lokasi(kota_a, n) for n in nama}

    def baris(i: int, n: str, tanggal: date | None = BEKU):
        return a[n], replace(lok(i, n, "1.5", "Alfa Barat", "Kumuh Sedang"), tanggal_survei=tanggal)

    lama = buat_sk(kota_a, "1/2023", date(2023, 3, 1), [baris(1, "Dicabut"), baris(2, "Buruk")])
    buat_sk(
        kota_a, "2/2024", date(2024, 2, 1),
        [baris(i, n, None if n in ("Beku tanpa tanggal", "Tahun sama") else BEKU)
         for i, n in enumerate([n for n in nama if n != "Dicabut"], start=1)],
        menggantikan=lama,
    )  # fmt: skip
    buat_sk(kota_a, "3/2025", date(2025, 1, 10), [baris(1, "Dua SK")])
    kali = buat_lokasi(kota_b, "Kali")
    buat_sk(
        kota_b, "7/2024", date(2024, 2, 1), [(kali, lok(1, "Kali", "3.00", "Beta", "Kumuh Sedang"))]
    )
    _survei(kali, 2025, 90, date(2025, 1, 1))  # flag in Kota Beta
    _survei(a["Buruk"], 2025, 70, date(2025, 3, 1))  # flag
    _survei(a["Tanggal"], 2022, 60, date(2022, 9, 1))  # same year, later date: flag
    _survei(a["Tahun awal"], 2023, 80, date(2022, 4, 1))  # later year, earlier date: none
    _survei(a["Tanpa tanggal"], 2024, 70, None)  # no date, later year: flag
    _survei(a["Beku tanpa tanggal"], 2023, 55, date(2023, 1, 1))  # frozen undated: flag
    _survei(a["Sama"], 2025, 50, date(2025, 1, 1))  # as kumuh as frozen: none
    _survei(a["Membaik"], 2024, 80, date(2024, 1, 1))
    _survei(a["Membaik"], 2025, 40, date(2025, 1, 1))  # the latest is better: none
    _survei(a["Draf"], 2026, 90, date(2026, 1, 1), status="draf")  # not approved: none
    _survei(a["Nilai kosong"], 2024, 90, date(2024, 1, 1))
    _survei(a["Nilai kosong"], 2025, None, date(2025, 1, 1))  # the latest has no score: none
    _survei(a["Tahun sama"], 2022, 90, None)  # undated, the same year: none
    _survei(a["Dicabut"], 2025, 90, date(2025, 1, 1))  # only in the revoked SK: none
    _survei(a["Dua SK"], 2025, 90, date(2025, 1, 1))  # in two SKs in force: two flags
    return kota_a, kota_b


def _tanda_lama(kota) -> list[angka.Tanda]:
    """The rule as the dashboard applied it before: every frozen row of the SKs in force and
    the latest approved, scored survey of each of their lokasi, in Python."""
    berlaku = [s for s in sk_beku(kota) if s.berlaku_pada(HARI_INI)]
    semua = [
        replace(
            s,
            baris=tuple(
                angka.BarisBeku(*b)
                for b in BarisSKBeku.objects.filter(sk=s.pk)
                .order_by("nomor")
                .values_list(*KOLOM_BARIS[1:])
            ),
        )
        for s in berlaku
    ]
    lokasi = [b.lokasi_pk for s in semua for b in s.baris]
    kini = {
        p.lokasi_id: angka.SurveiKini(
            p.tahun, p.tanggal_survei, p.nilai_kekumuhan, p.tingkat_kekumuhan
        )
        for p in penilaian_terakhir(
            Penilaian.objects.filter(lokasi_id__in=lokasi), status=STATUS_DISETUJUI
        ).filter(nilai_kekumuhan__isnull=False)
    }
    return [t for s in semua for t in angka.periksa_survei(s, kini)]


def test_survey_flags_from_the_database_are_the_rules_own(campuran):
    kota = sorted(campuran, key=lambda k: k.nama)
    lama = _tanda_lama(kota)
    assert [t.pesan.split(" pada ")[0] for t in lama] == [
        "Lokasi 1. Buruk", "Lokasi 2. Tanggal", "Lokasi 4. Tanpa tanggal",
        "Lokasi 5. Beku tanpa tanggal", "Lokasi 11. Dua SK", "Lokasi 1. Kali", "Lokasi 1. Dua SK",
    ]  # fmt: skip
    daftar = sk_beku(kota)
    assert tanda_survei(daftar, HARI_INI, None) == (len(lama), lama)
    assert tanda_survei(daftar, HARI_INI, 3) == (len(lama), lama[:3])
    assert tanda_survei(daftar, HARI_INI, 0) == (len(lama), [])
    # The page: the SKs' own flags (none here), then these, counted per kind.
    d = muat_dasbor(kota, HARI_INI, tanda_maks=2)
    assert (d.tanda, d.jumlah_tanda, d.tanda_per_jenis) == (lama[:2], 7, [("survei", 7)])


def test_a_new_survey_sk_or_kegiatan_shows_at_once(campuran, pokja_a, kota_a):
    klien = klien_untuk(pokja_a)
    d = klien.get(URL).context["d"]
    kegiatan, tanda, lokasi_kini = d.jumlah_kegiatan, d.jumlah_tanda, d.kini.total.lokasi
    _survei(buat_lokasi(kota_a, "x"), 2025, 99, None)  # not in any SK: nothing changes
    sama = Penilaian.objects.filter(lokasi__nama="Sama").latest("pk")
    sama.nilai_kekumuhan = 51  # now worse than frozen
    sama.save()
    buat_kegiatan(kota_a, status="berjalan", tahun=2026)
    baru = buat_lokasi(kota_a, "Baru")
    buat_sk(
        kota_a, "4/2026", date(2026, 1, 5), [(baru, lok(1, "Baru", "2.00", "Alfa", "Kumuh Berat"))]
    )
    d = klien.get(URL).context["d"]
    assert (d.jumlah_kegiatan, d.jumlah_tanda, d.kini.total.lokasi) == (
        kegiatan + 1, tanda + 1, lokasi_kini + 1,
    )  # fmt: skip


def test_a_concluded_reviews_totals_are_the_recaps(kota_a, pokja_a):
    """Out officially (a newer survey, Tidak Kumuh), out indicatively (handled away), handled
    in part, untouched: the totals read from the frozen decisions are the recap's."""
    lokasi = [buat_lokasi(kota_a, f"Kawasan {i}") for i in range(4)]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    buat_penilaian(lokasi[0], tahun=2025, status="terverifikasi_pusat",
                   pita=dict.fromkeys(PITA_SEDANG, "<25"))  # fmt: skip
    tangani(kota_a, lokasi[1], efek=dict.fromkeys(PITA_SEDANG, D(10_000)))
    tangani(kota_a, lokasi[2])
    p = services_peninjauan.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    services_peninjauan.peninjauan_selesai(peninjauan=p, pengguna=pokja_a)
    p.refresh_from_db()
    rekap = muat_peninjauan(p).kota
    assert (rekap.lokasi_keluar, rekap.lokasi_keluar_indikatif) == (1, 1)
    assert rekap.turun + rekap.tetap == 2
    assert jumlah_kota_beku([p.pk]) == {p.pk: rekap}
    # An SK whose rows were not copied for the dashboard: read from its frozen rows.
    BarisSKBeku.objects.filter(sk=sk).delete()
    assert jumlah_kota_beku([p.pk]) == {p.pk: rekap}
    [ind] = muat_dasbor([kota_a], HARI_INI).indikatif
    assert ind.jumlah == rekap


def test_the_calendars_of_several_cities_are_each_citys_own(kalender_a, kota_b):  # noqa: F811
    kota = [kalender_a, kota_b]
    with CaptureQueriesContext(connection) as satu:
        butir_kalender_kota(kota[:1], HARI_INI)
    with CaptureQueriesContext(connection) as dua:
        semua = butir_kalender_kota(kota, HARI_INI)
    assert semua == {k.pk: butir_kalender(k, HARI_INI) for k in kota}
    assert len(semua[kalender_a.pk]) > 5 and semua[kota_b.pk]
    assert len(satu) == len(dua) == 8


def test_issuing_an_sk_copies_its_rows_as_reading_them_would(kota_a, pokja_a):
    lokasi = [buat_lokasi(kota_a, f"Kawasan {i}") for i in range(3)]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    kolom = [f.attname for f in BarisSKBeku._meta.concrete_fields if f.name != "id"]
    saat_terbit = list(BarisSKBeku.objects.filter(sk=sk).order_by("nomor").values_list(*kolom))
    assert len(saat_terbit) == 3
    BarisSKBeku.objects.filter(sk=sk).delete()
    salin_baris({sk.pk: sk.judul_singkat})
    assert list(BarisSKBeku.objects.filter(sk=sk).order_by("nomor").values_list(*kolom)) == (
        saat_terbit
    )


def test_an_issued_sks_groups_come_from_the_cache_unchanged(kota_a, pokja_a):
    """The groups of an issued SK and its rows' own flags never change: the second read takes
    them from the cache, equal to the first, without reading the frozen rows; an SK issued
    later is added up on its first read."""
    from django.core.cache import cache

    from monev.dasbor.data import kunci_kelompok, sk_beku

    lama = [buat_lokasi(kota_a, f"Lama {i}") for i in range(3)]
    sk1 = terbitkan_sk(kota_a, pokja_a, lama)
    kosong = buat_lokasi(kota_a, "Tanpa luas")  # a row flagged on its own: no area
    sk0 = buat_sk(
        kota_a,
        "0/2022",
        date(2022, 1, 3),
        [(kosong, lok(1, "Tanpa luas", None, "", "Kumuh Berat"))],
    )
    pertama = sk_beku([kota_a])
    assert cache.get(kunci_kelompok(sk1)) is not None
    assert [b.nama for b in {s.pk: s for s in pertama}[sk0.pk].baris] == ["Tanpa luas"]
    with CaptureQueriesContext(connection) as kueri:
        kedua = sk_beku([kota_a])
    assert kedua == pertama
    assert not [q for q in kueri if "monev_barisskbeku" in q["sql"]]
    baru = [buat_lokasi(kota_a, f"Baru {i}") for i in range(2)]
    sk2 = terbitkan_sk(kota_a, pokja_a, baru)
    ketiga = {s.pk: s for s in sk_beku([kota_a])}
    assert ketiga[sk1.pk].kelompok == {s.pk: s for s in pertama}[sk1.pk].kelompok
    assert sum(k.lokasi for k in ketiga[sk2.pk].kelompok) == sk2.lokasi_beku.count() >= 2


def _tersimpan_buruk() -> set[int]:
    return set(BarisSKBeku.objects.filter(survei_lebih_buruk=True).values_list("pk", flat=True))


def _menurut_join() -> set[int]:
    return set(BarisSKBeku.objects.filter(LEBIH_BURUK).values_list("pk", flat=True))


def test_the_kept_verdicts_follow_every_write_of_the_latest_survey(campuran):
    """The "newer and worse" verdict stored on each frozen row is the join's, after a survey
    saved, a survey deleted, every survey rescored, and the narrow table rebuilt."""
    kota = sorted(campuran, key=lambda k: k.nama)
    sk_beku(kota)  # the first read copies the rows (with their verdicts)
    awal = _tersimpan_buruk()
    assert len(awal) == 9 and awal == _menurut_join()  # 7 in force, 2 in the revoked SK

    sama = Penilaian.objects.filter(lokasi__nama="Sama").latest("pk")
    sama.nilai_kekumuhan = 51
    sama.save()  # signal → ringkasan.segarkan → tandai_survei
    buruk = Penilaian.objects.filter(lokasi__nama="Buruk").latest("pk")
    buruk.delete()
    kini = _tersimpan_buruk()
    assert kini == _menurut_join()
    assert len(kini) == len(awal) - 1  # Sama: one more; Buruk, in two SKs: two fewer
    assert kini != awal

    # Rescoring writes the results by bulk UPDATE (ringkasan.perbarui_hasil, no signals): the
    # formula scores these hand-set surveys otherwise, so verdicts move.
    hitung_ulang_semua(alasan="uji", proses=1)
    assert _tersimpan_buruk() == _menurut_join() != kini

    BarisSKBeku.objects.update(survei_lebih_buruk=False)
    ringkasan.segarkan_semua()
    assert _tersimpan_buruk() == _menurut_join()


def test_the_migration_marks_the_rows_copied_before(campuran):
    from importlib import import_module

    from django.apps import apps

    sk_beku(sorted(campuran, key=lambda k: k.nama))
    benar = _tersimpan_buruk()
    BarisSKBeku.objects.update(survei_lebih_buruk=False)
    import_module("monev.migrations.0009_dasbor_tanda_survei").tandai_semua(apps, None)
    assert _tersimpan_buruk() == benar == _menurut_join() and benar
