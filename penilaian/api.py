"""REST endpoints of penilaian (DRF). They call the same rules as the pages."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from penilaian.kalkulator import STATUS_TIDAK_TERBACA, hitung_teks, tulis_jsonl


@extend_schema(
    summary="Hitung penilaian tanpa menyimpan (kalkulator)",
    request={
        "application/json": {"type": "array", "items": {"type": "object"}},
        "application/x-ndjson": {"type": "string"},
    },
    responses={
        (200, "application/x-ndjson"): OpenApiTypes.STR,
        (400, "application/x-ndjson"): OpenApiTypes.STR,
    },
)
class HitungView(APIView):
    """POST a JSON array or JSON Lines of survey records; get JSON Lines of results back.

    Same contract as `manage.py kumuh_hitung` (kalkulator.md); nothing is saved. Answers 200
    when the input was read (rejected records carry their "error"), 400 when it is not JSON.
    """

    permission_classes = [IsAuthenticated]
    # Read the raw body ourselves: JSON Lines is not something DRF's parsers understand.
    parser_classes = []

    def post(self, request: Request) -> HttpResponse:
        teks = request.body.decode("utf-8-sig", errors="replace")
        hasil, status = hitung_teks(teks)
        return HttpResponse(
            tulis_jsonl(hasil),
            status=400 if status == STATUS_TIDAK_TERBACA else 200,
            content_type="application/x-ndjson; charset=utf-8",
            headers={"X-Kumuh-Status": str(status)},
        )
