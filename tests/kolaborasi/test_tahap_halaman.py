"""Stages per lokasi and the Pokja's intervention criteria and scores beside Tabel 4."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kolaborasi.models import KriteriaIntervensi, NilaiIntervensi, TahapKolaborasi
from lokasi.models import RiwayatPerubahan
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db

DAFTAR = reverse("kolaborasi:tahap_daftar")
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")  # A3, prioritas 4


@pytest.fixture
def prioritas(kota_a, lokasi_a):
    """Two priority-list lokasi of city A: Sedang (B3, 5) and Berat (A3, 4); one draft only."""
    berat = buat_lokasi(kota_a, "Bantaran Berat")
    buat_penilaian(lokasi_a, status="disetujui_pokja")
    buat_penilaian(berat, status="disetujui_pokja", pita=PITA_BERAT)
    buat_penilaian(buat_lokasi(kota_a, "Masih Draf"))
    return lokasi_a, berat


def _kriteria(kota, nama, bobot, urutan=0, maks=5):
    return KriteriaIntervensi.objects.create(
        kabupaten_kota=kota, nama=nama, bobot=Decimal(bobot), nilai_maks=maks, urutan=urutan
    )


def test_the_page_lists_priority_lokasi_with_stages_and_scores(operator_a, kota_a, prioritas):
    sedang, berat = prioritas
    k1, k2 = _kriteria(kota_a, "Kesiapan masyarakat", 2, 1), _kriteria(kota_a, "Lahan", 1, 2)
    NilaiIntervensi.objects.create(kriteria=k1, lokasi=sedang, nilai=5)
    NilaiIntervensi.objects.create(kriteria=k2, lokasi=sedang, nilai=4)
    NilaiIntervensi.objects.create(kriteria=k1, lokasi=berat, nilai=1)
    TahapKolaborasi.objects.create(lokasi=sedang, tahap="persiapan", mulai=date(2025, 1, 1),
                                   selesai=date(2025, 3, 1))  # fmt: skip
    klien = klien_untuk(operator_a)
    r = klien.get(DAFTAR)
    assert r.status_code == 200
    baris = r.context["baris"]
    assert [b.lokasi for b in baris] == [berat, sedang]  # Tabel 4: prioritas 4 before 5
    assert baris[1].tahap[0].keadaan == "selesai" and baris[1].tahap[1].keadaan == "belum"
    assert baris[1].total.tertimbang == 14 and baris[0].total.tertimbang == 2
    assert not baris[0].total.lengkap
    assert "Masih Draf" not in r.text
    r = klien.get(DAFTAR, {"urut": "pokja"})
    assert [b.lokasi for b in r.context["baris"]] == [sedang, berat]
    # An operator enters stages but does not decide criteria.
    assert (
        "Tambah kriteria" not in r.text
        and reverse("kolaborasi:tahap_ubah", args=[sedang.pk]) in r.text
    )


def test_verifiers_read_and_other_cities_see_their_own(verifikator_p, operator_b, prioritas):
    r = klien_untuk(verifikator_p).get(DAFTAR)
    assert r.status_code == 200 and len(r.context["baris"]) == 2
    assert "/tahap/lokasi/" not in r.text and "Tambah kriteria" not in r.text
    assert klien_untuk(operator_b).get(DAFTAR).context["baris"] == []


def test_anonymous_users_log_in(client):
    r = client.get(DAFTAR)
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_stages_are_saved_with_history_and_checked(operator_a, verifikator_p, operator_b, lokasi_a):
    url = reverse("kolaborasi:tahap_ubah", args=[lokasi_a.pk])
    assert klien_untuk(verifikator_p).get(url).status_code == 403
    assert klien_untuk(operator_b).get(url).status_code == 404
    klien = klien_untuk(operator_a)
    r = klien.post(url, {"persiapan-mulai": "2026-02-01", "persiapan-selesai": "2026-01-01"})
    assert r.status_code == 200 and "Tanggal selesai tidak boleh sebelum tanggal mulai." in r.text
    assert not TahapKolaborasi.objects.exists()
    r = klien.post(url, {"persiapan-mulai": "2026-01-01", "persiapan-bukti": "SK Pokja",
                         "perencanaan-mulai": "2026-03-01"})  # fmt: skip
    assert r.status_code == 302
    assert TahapKolaborasi.objects.filter(lokasi=lokasi_a).count() == 2
    klien.post(url, {"persiapan-mulai": "2026-01-01", "persiapan-selesai": "2026-02-15",
                     "persiapan-bukti": "SK Pokja", "perencanaan-mulai": "2026-03-01"})  # fmt: skip
    tahap = TahapKolaborasi.objects.get(tahap="persiapan")
    assert tahap.selesai == date(2026, 2, 15)
    entri = RiwayatPerubahan.objects.filter(object_id=tahap.pk).latest("pk")
    assert entri.tindakan == "diubah" and "selesai" in entri.perubahan


def test_criteria_are_decided_by_the_pokja(pokja_a, operator_a, operator_b, kota_a):
    tambah = reverse("kolaborasi:kriteria_tambah")
    assert klien_untuk(operator_a).get(tambah).status_code == 403
    klien = klien_untuk(pokja_a)
    r = klien.post(tambah, {"nama": "", "bobot": "1", "nilai_maks": "0", "urutan": "1"})
    assert "Kriteria wajib diisi." in r.text and "Nilai tertinggi" in r.text
    r = klien.post(tambah, {"nama": "Kesiapan lahan", "bobot": "1.5", "nilai_maks": "5",
                            "urutan": "1"})  # fmt: skip
    assert r.status_code == 302
    kriteria = KriteriaIntervensi.objects.get()
    assert kriteria.kabupaten_kota == kota_a
    ubah = reverse("kolaborasi:kriteria_ubah", args=[kriteria.pk])
    assert klien_untuk(operator_b).get(ubah).status_code == 404
    hapus = reverse("kolaborasi:kriteria_hapus", args=[kriteria.pk])
    assert klien_untuk(operator_a).post(hapus).status_code == 403
    assert klien.post(hapus).status_code == 302 and not KriteriaIntervensi.objects.exists()


def test_scores_are_bounded_and_set_by_the_pokja(pokja_a, operator_a, kota_a, lokasi_a):
    k = KriteriaIntervensi.objects.create(kabupaten_kota=kota_a, nama="Lahan", nilai_maks=5)
    url = reverse("kolaborasi:nilai_ubah", args=[lokasi_a.pk])
    assert klien_untuk(operator_a).get(url).status_code == 403
    klien = klien_untuk(pokja_a)
    r = klien.post(url, {f"k{k.pk}": "7"})
    assert r.status_code == 200 and "Lahan" in r.text and not NilaiIntervensi.objects.exists()
    assert klien.post(url, {f"k{k.pk}": "4"}).status_code == 302
    assert NilaiIntervensi.objects.get().nilai == 4
    klien.post(url, {f"k{k.pk}": ""})
    assert not NilaiIntervensi.objects.exists()


def test_stage_documents_are_checked_and_scoped(operator_a, operator_b, lokasi_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("kolaborasi:tahap_ubah", args=[lokasi_a.pk])
    palsu = SimpleUploadedFile("bukti.pdf", b"bukan pdf", content_type="application/pdf")
    r = klien_untuk(operator_a).post(url, {"persiapan-mulai": "2026-01-01",
                                           "persiapan-dokumen": palsu})  # fmt: skip
    assert r.status_code == 200 and "Isi berkas bukan PDF yang sah." in r.text
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 isi", content_type="application/pdf")
    klien_untuk(operator_a).post(url, {"persiapan-mulai": "2026-01-01", "persiapan-dokumen": pdf})
    tahap = TahapKolaborasi.objects.get()
    unduh = reverse("kolaborasi:tahap_dokumen", args=[tahap.pk])
    assert klien_untuk(operator_a).get(unduh).status_code == 200
    assert klien_untuk(operator_b).get(unduh).status_code == 404
