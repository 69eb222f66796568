"""REST API v1 of kegiatan: scope, effects and funding, filters, pagination, schema."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import buat_lokasi, buat_unit, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku

pytestmark = pytest.mark.django_db

DAFTAR = reverse("api_kegiatan_daftar")


def _nama(r) -> list[str]:
    assert r.status_code == 200, r.content
    return [k["nama"] for k in r.json()["results"]]


def test_detail_has_effects_with_unit_and_funding(operator_a, kota_a, lokasi_a):
    unit = buat_unit(lokasi_a)
    pt = buat_pemangku(kota_a, "PT Contoh", "perusahaan")
    dana = {"apbd_kabkota": 60, "csr": 40}
    k = buat_kegiatan(
        kota_a, lokasi_a, nama="Jalan A", efek={"2a": "500.5"}, dana=dana, tahun=2027,
        tahun_awal_rencana=2025,
    )  # fmt: skip
    k.efek.create(lokasi=lokasi_a, unit=unit, kriteria="6a", volume=90)
    k.pendanaan.filter(sumber="csr").update(pemangku=pt)
    r = klien_untuk(operator_a).get(reverse("api_kegiatan_detail", args=[k.pk]))
    d = r.json()
    assert d["nama"] == "Jalan A" and d["lokasi"] == lokasi_a.pk and d["kabupaten_kota"] == "91.71"
    assert d["horizon"] == "menengah" and d["status"] == "direncanakan"
    assert Decimal(d["biaya"]) == 100
    assert sorted(d["efek"], key=lambda e: e["kriteria"]) == [
        {"kriteria": "2a", "volume": "500.50", "satuan": "m", "lokasi": lokasi_a.pk, "unit": None},
        {
            "kriteria": "6a",
            "volume": "90.00",
            "satuan": "KK",
            "lokasi": lokasi_a.pk,
            "unit": unit.pk,
        },
    ]
    assert {p["sumber"]: (Decimal(p["jumlah"]), p["pemangku"]) for p in d["pendanaan"]} == {
        "apbd_kabkota": (60, None), "csr": (40, pt.pk),
    }  # fmt: skip


def test_scope_other_city_absent_and_404(operator_b, verifikator_p, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, nama="Jalan A")
    assert _nama(klien_untuk(operator_b).get(DAFTAR)) == []
    assert (
        klien_untuk(operator_b).get(reverse("api_kegiatan_detail", args=[k.pk])).status_code == 404
    )
    assert _nama(klien_untuk(verifikator_p).get(DAFTAR)) == ["Jalan A"]
    assert klien_untuk(None).get(DAFTAR).status_code in (401, 403)


def test_filters(operator_a, kota_a, lokasi_a):
    lain = buat_lokasi(kota_a, "Kampung Lain")
    buat_kegiatan(kota_a, lokasi_a, nama="A 2026")
    buat_kegiatan(kota_a, lain, nama="Lain 2027", tahun=2027, status="usulan")
    kota = buat_kegiatan(kota_a, None, nama="Kota 2026")
    kota.efek.create(lokasi=lokasi_a, kriteria="7b", volume=5)
    klien = klien_untuk(operator_a)
    assert _nama(klien.get(DAFTAR, {"tahun": 2027})) == ["Lain 2027"]
    assert _nama(klien.get(DAFTAR, {"status": ["usulan", "selesai"]})) == ["Lain 2027"]
    assert sorted(_nama(klien.get(DAFTAR, {"lokasi": lokasi_a.pk}))) == ["A 2026", "Kota 2026"]
    kecamatan = lokasi_a.kelurahan.first().kecamatan.kode
    assert len(_nama(klien.get(DAFTAR, {"kecamatan": kecamatan}))) == 3
    assert _nama(klien.get(DAFTAR, {"kecamatan": "00.00.00"})) == []
    assert klien.get(DAFTAR, {"tahun": 1800}).status_code == 400


def test_pagination_and_constant_queries(
    operator_a, kota_a, lokasi_a, django_assert_max_num_queries
):
    for i in range(7):
        buat_kegiatan(kota_a, lokasi_a, nama=f"K{i}", efek={"2a": 5, "6a": 1})
    klien = klien_untuk(operator_a)
    with django_assert_max_num_queries(10):
        r = klien.get(DAFTAR, {"page_size": 5})
    d = r.json()
    assert d["count"] == 7 and len(d["results"]) == 5 and d["next"]


def test_schema_documents_the_kegiatan_endpoints(client):
    r = client.get(reverse("api_schema"), {"format": "json"})
    paths = r.json()["paths"]
    assert "/api/v1/kegiatan/" in paths and "/api/v1/kegiatan/{id}/" in paths
    nama = {p["name"] for p in paths["/api/v1/kegiatan/"]["get"]["parameters"]}
    assert {"tahun", "status", "lokasi", "kecamatan", "page", "page_size"} <= nama
