"""API v1 of stakeholders and agreements: scope, detail 404, filters, paging, schema, queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku
from tests.kolaborasi.test_pks_halaman import buat_pertemuan, buat_pks

pytestmark = pytest.mark.django_db

PEMANGKU = reverse("api_pemangku_daftar")
PKS = reverse("api_pks_daftar")


def test_lists_are_scoped_and_details_of_other_cities_are_404(
    operator_a, operator_b, kota_a, kota_b
):
    dinas = buat_pemangku(kota_a)
    lain = buat_pemangku(kota_b, "Dinas Beta")
    pks = buat_pks(kota_a)
    klien = klien_untuk(operator_a)
    assert [x["nama"] for x in klien.get(PEMANGKU).json()["results"]] == [
        "Dinas Perkim", "PT Sumber PKS/001"]  # fmt: skip
    assert [x["id"] for x in klien.get(PKS).json()["results"]] == [pks.pk]
    assert klien.get(reverse("api_pemangku_detail", args=[lain.pk])).status_code == 404
    assert klien_untuk(operator_b).get(reverse("api_pks_detail", args=[pks.pk])).status_code == 404
    r = klien.get(reverse("api_pemangku_detail", args=[dinas.pk]))
    assert r.json()["internal"] is True and r.json()["kabupaten_kota"] == kota_a.kode


def test_anonymous_callers_are_refused(client):
    assert client.get(PEMANGKU).status_code in (401, 403)
    assert client.get(PKS).status_code in (401, 403)


def test_pks_detail_has_the_register_columns(verifikator_p, kota_a, lokasi_a):
    rapat = buat_pertemuan(kota_a, tanggal=date(2026, 4, 1))
    pks = buat_pks(kota_a, status="berjalan", dilaporkan_pada=rapat)
    keg = buat_kegiatan(kota_a, lokasi_a)
    pks.kegiatan.add(keg)
    pks.lokasi.add(lokasi_a)
    data = klien_untuk(verifikator_p).get(reverse("api_pks_detail", args=[pks.pk])).json()
    assert data["pihak_kedua"]["jenis"] == "perusahaan"
    assert data["kegiatan"][0]["id"] == keg.pk and data["lokasi"][0]["id"] == lokasi_a.pk
    assert data["dilaporkan_pada"] == {"id": rapat.pk, "jenis": "pokja_rutin",
                                       "tanggal": "2026-04-01"}  # fmt: skip
    assert data["belum_dilaporkan"] is False and data["nilai"] == "250000000.00"


def test_pks_filters_and_paging(operator_a, kota_a):
    buat_pks(kota_a, "PKS/001", "ditandatangani")
    buat_pks(kota_a, "PKS/002", "draf")
    buat_pks(kota_a, "PKS/003", "berjalan", dilaporkan_pada=buat_pertemuan(kota_a))
    klien = klien_untuk(operator_a)

    def nomor(**q):
        return [x["nomor"] for x in klien.get(PKS, q).json()["results"]]

    assert nomor(belum_dilaporkan="true") == ["PKS/001"]
    assert sorted(nomor(belum_dilaporkan="false")) == ["PKS/002", "PKS/003"]
    assert nomor(status="draf") == ["PKS/002"]
    assert nomor(ordering="nomor") == ["PKS/001", "PKS/002", "PKS/003"]
    r = klien.get(PKS, {"page_size": 2, "ordering": "-nomor"}).json()
    assert r["count"] == 3 and len(r["results"]) == 2 and r["next"]
    assert klien.get(PEMANGKU, {"jenis": "perusahaan"}).json()["count"] == 3


def test_schema_documents_the_endpoints(client):
    jalur = client.get(reverse("api_schema"), {"format": "json"}).json()["paths"]
    for url in ["pemangku-kepentingan/", "pemangku-kepentingan/{id}/",
                "perjanjian-kerja-sama/", "perjanjian-kerja-sama/{id}/"]:  # fmt: skip
        assert f"/api/v1/{url}" in jalur


@pytest.mark.parametrize("n", [2, 30])
def test_pks_list_queries_are_constant(
    n, operator_a, kota_a, lokasi_a, django_assert_max_num_queries
):
    keg = buat_kegiatan(kota_a, lokasi_a)
    for i in range(n):
        pks = buat_pks(kota_a, f"PKS/{i:03d}")
        pks.kegiatan.add(keg)
        pks.lokasi.add(lokasi_a)
    klien = klien_untuk(operator_a)
    # session, user, count, page, kegiatan, lokasi (+kab/kota, kelurahan); savepoints
    with django_assert_max_num_queries(12):
        r = klien.get(PKS)
    assert r.json()["count"] == n
