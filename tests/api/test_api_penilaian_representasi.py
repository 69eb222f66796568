"""The penilaian API answers from plain rows (penilaian.api.RepresentasiPenilaian) for speed;
its JSON must stay byte for byte what the nested PenilaianSerializer gives (issue 14 item 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Prefetch
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from penilaian.api import URUTAN_NUMERIK, PenilaianSerializer
from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian
from tests.api.test_api import klien_token
from tests.conftest import buat_lokasi, buat_penilaian, buat_unit

pytestmark = pytest.mark.django_db


def _rujukan(pks: list[int], url: str) -> list[dict]:
    """What the nested serializer says about these surveys, in this order."""
    qs = (
        Penilaian.objects.select_related("lokasi__kabupaten_kota")
        .prefetch_related("lokasi__kelurahan", "isian", Prefetch("numerik", URUTAN_NUMERIK))
        .in_bulk(pks)
    )
    request = Request(RequestFactory().get(url))
    return PenilaianSerializer([qs[pk] for pk in pks], many=True, context={"request": request}).data


@pytest.fixture
def aneka(kota_a, lokasi_a):
    """Surveys that use every shape of the representation: units, photos, gaps, nulls."""
    kel = list(kota_a.kecamatan.get(kode="91.71.02").kelurahan.all())
    lokasi_2 = buat_lokasi(kota_a, "Dua Kelurahan", kelurahan=kel[:2], kode="")
    unit_1 = buat_unit(lokasi_a, rt="002", rw="001")
    unit_2 = buat_unit(lokasi_a, rt="001", rw="003")
    lengkap = buat_penilaian(
        lokasi_a,
        2025,
        "disetujui_pokja",
        surveyor_nama="Dewi «Ş»",
        tanggal_survei=date(2025, 7, 1),
        kepadatan_penduduk=Decimal("123.40"),
        strategis=None,
    )
    for unit in (unit_2, unit_1):
        NumerikPenilaian.objects.create(
            penilaian=lengkap, unit=unit, jumlah_kk=90, luas_verifikasi_ha=Decimal("1.5")
        )
    IsianKriteria.objects.filter(penilaian=lengkap, kode="5a").update(
        foto="penilaian/x/foto/5a-a.jpg", keterangan="Saluran"
    )
    kurang = buat_penilaian(lokasi_2, 2024, "draf", pita={}, status_penguasaan=None)
    return [lengkap, kurang, buat_penilaian(lokasi_2, 2023, "terverifikasi_pusat")]


def test_the_list_is_byte_for_byte_the_nested_serializers(operator_a, aneka):
    url = reverse("api_penilaian_daftar")
    r = klien_token(operator_a).get(url)
    assert r.status_code == 200
    data = r.json()
    pks = [p["id"] for p in data["results"]]
    assert len(pks) == 3
    rujukan = {"count": 3, "next": None, "previous": None, "results": _rujukan(pks, url)}
    assert data == rujukan
    assert r.content == JSONRenderer().render(rujukan)
    # The shapes the fixture is for are really there.
    lengkap = next(p for p in data["results"] if p["id"] == aneka[0].pk)
    assert [n["unit"] and n["unit"]["rt"] for n in lengkap["numerik"]] == [None, "002", "001"]
    assert lengkap["isian"][10]["foto"].endswith(f"/penilaian/{aneka[0].pk}/foto/5a/")
    assert lengkap["pertimbangan_lain"]["kepadatan_penduduk"] == "123.40"
    assert next(p for p in data["results"] if p["id"] == aneka[1].pk)["kekurangan"]


def test_pages_filters_and_ordering_keep_the_same_json(operator_a, aneka):
    klien = klien_token(operator_a)
    url = reverse("api_penilaian_daftar")
    for query in (
        {"page_size": 2, "page": 2},
        {"ordering": "-lokasi,tahun"},
        {"terakhir_disetujui": "true", "kumuh": "true"},
        {"status": "draf"},
    ):
        r = klien.get(url, query)
        data = r.json()
        pks = [p["id"] for p in data["results"]]
        assert data["results"] == _rujukan(pks, url), query


def test_detail_is_the_nested_serializers_and_404_outside_the_scope(operator_a, operator_b, aneka):
    for p in aneka:
        url = reverse("api_penilaian_detail", args=[p.pk])
        r = klien_token(operator_a).get(url)
        assert r.content == JSONRenderer().render(_rujukan([p.pk], url)[0])
        assert klien_token(operator_b).get(url).status_code == 404
