"""Schema-driven check of the API: every operation of the generated OpenAPI schema, called with
generated parameters and bodies through the WSGI app, never answers 5xx, and what it answers
matches the schema (status 2xx bodies and content types).

Bounded for CI: 20 examples per operation, derandomized (the same cases every run), no
deadline. Run alone with `pytest tests/api/test_schemathesis.py`.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from kumuh.wsgi import application
from lokasi.models import TokenAPI
from penilaian.models import NumerikPenilaian
from tests.conftest import buat_lokasi, buat_penilaian, buat_unit

CONTOH_PER_OPERASI = 20
BATAS = {
    "type": "Polygon",
    "coordinates": [
        [[109.67, -6.88], [109.68, -6.88], [109.68, -6.89], [109.67, -6.89], [109.67, -6.88]]
    ],
}


def _schema_openapi() -> dict:
    """Return what /api/v1/schema/ serves, generated in-process.

    Not fetched through the app: at collection there is no test database yet, and
    ATOMIC_REQUESTS would open a connection (test_api checks the served URL itself).
    """
    dokumen = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(dokumen, renderer_context={}))


schema = schemathesis.openapi.from_dict(_schema_openapi())
# The calculator also takes JSON Lines, documented as a string: send that string as it is.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
# Real ids and codes of the current test's data, for map_path_parameters.
_DATA: dict = {}


@pytest.fixture
def koneksi_tetap():
    """Keep the test's database connection open across the app's requests.

    The WSGI handler closes "old" connections when a request starts and finishes; on PostgreSQL
    that would close the test transaction. Django's own test client disconnects them the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def data_api(koneksi_tetap, operator_a, kota_a, lokasi_a, lokasi_b) -> dict:
    """City A's data seen by operator A's token, and city B's that it must never get."""
    berbatas = buat_lokasi(kota_a, "Berbatas", batas=BATAS, lintang=None, bujur=None)
    berbatas.tipologi_set.create(kode="di_tepi_air")
    unit = buat_unit(lokasi_a)
    disetujui = buat_penilaian(lokasi_a, 2024, "disetujui_pokja")
    NumerikPenilaian.objects.create(penilaian=disetujui, unit=unit, jumlah_kk=90)
    draf = buat_penilaian(berbatas, 2025, pita={})  # incomplete: null results
    lain = buat_penilaian(lokasi_b, 2025, "disetujui_pokja")
    _DATA.update(
        token=TokenAPI.objects.buat(user=operator_a, nama="schemathesis")[1],
        lokasi=[lokasi_a.pk, berbatas.pk, lokasi_b.pk],
        penilaian=[disetujui.pk, draf.pk, lain.pk],
        kode=["91.71", "91.72"],
    )
    yield _DATA
    _DATA.clear()


@schema.hook
def map_path_parameters(context, path_parameters: dict) -> dict:
    # Random ids are almost always 404; send half of them to real rows (city B's among them,
    # which must stay 404) so that 200 bodies are checked against the schema too.
    if not _DATA or not path_parameters:
        return path_parameters
    nilai = path_parameters.get("id", path_parameters.get("kode"))
    if not str(nilai).isdigit() or int(nilai) % 2:
        return path_parameters
    urutan = int(nilai) // 2
    if "kode" in path_parameters:
        return {"kode": _DATA["kode"][urutan % 2]}
    pilihan = _DATA["lokasi" if "/lokasi/" in context.operation.path else "penilaian"]
    return {"id": pilihan[urutan % len(pilihan)]}


@schema.parametrize()
@settings(
    max_examples=CONTOH_PER_OPERASI,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_has_no_server_errors_and_follows_its_schema(case, data_api):
    case.call_and_validate(
        app=application,
        headers={"Authorization": f"Token {data_api['token']}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
