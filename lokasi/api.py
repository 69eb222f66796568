"""Read-only REST API v1 of wilayah and lokasi (DRF); see docs/api.md.

Every queryset starts from the caller's scope (`kabkota_terjangkau()`, `Lokasi.objects.untuk`),
so another city's object is absent from lists and 404 in detail, as on the pages.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.renderers import JSONRenderer
from rest_framework.viewsets import ReadOnlyModelViewSet

from kumuh.api import HalamanAPI, Urutan
from lokasi.models import KabupatenKota, Lokasi, Tipologi, TipologiLokasi, UnitSurvei
from lokasi.serializers import (
    LokasiFiturSerializer,
    LokasiKoleksiSerializer,
    LokasiSerializer,
    WilayahSerializer,
)

# --- GeoJSON --------------------------------------------------------------------------------


class GeoJSONRenderer(JSONRenderer):
    """Render lokasi as GeoJSON (`?format=geojson`): a page as a FeatureCollection, one as a
    Feature. The page's count/next/previous stay as foreign members of the collection."""

    media_type = "application/geo+json"
    format = "geojson"

    def render(self, data: Any, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, dict) and "results" in data:
            data = {
                "type": "FeatureCollection",
                "count": data.get("count"),
                "next": data.get("next"),
                "previous": data.get("previous"),
                "features": [_fitur(d) for d in data["results"]],
            }
        elif isinstance(data, dict) and "geometri" in data:
            data = _fitur(data)
        return super().render(data, accepted_media_type, renderer_context)


def _fitur(lokasi: dict) -> dict:
    properti = {k: v for k, v in lokasi.items() if k != "geometri"}
    return {
        "type": "Feature",
        "id": lokasi["id"],
        "geometry": lokasi["geometri"],
        "properties": properti,
    }


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "geojson"],
    description="`geojson` untuk GeoJSON (sama dengan header `Accept: application/geo+json`).",
)


# --- wilayah ----------------------------------------------------------------------------------


class WilayahFilter(django_filters.FilterSet):
    provinsi = django_filters.CharFilter(
        field_name="provinsi__kode", help_text="Kode Kemendagri provinsi, misalnya `33`."
    )

    class Meta:
        model = KabupatenKota
        fields = ["provinsi"]


@extend_schema(tags=["wilayah"])
@extend_schema_view(
    list=extend_schema(
        summary="Kabupaten/kota yang boleh dilihat, dengan kecamatan dan kelurahannya",
        description=(
            "Kabupaten/kota dalam lingkup pemanggil (kab/kota sendiri, seprovinsi bagi "
            "verifikator provinsi, semua bagi verifikator pusat), masing-masing dengan "
            "provinsi, kategori kota (menentukan pita kepadatan penilaian) dan seluruh "
            "kecamatan serta kelurahan/desanya bersarang. Kode-kode ini yang dipakai saringan "
            "`kecamatan` dan `kelurahan` di /lokasi/ dan /penilaian/."
        ),
    ),
    retrieve=extend_schema(
        summary="Satu kabupaten/kota menurut kode Kemendagri (misalnya 33.75)",
        description="Kab/kota di luar lingkup pemanggil menjawab 404.",
    ),
)
class WilayahViewSet(ReadOnlyModelViewSet):
    """Kab/kota within the caller's scope, each with its provinsi and its kecamatan and
    kelurahan/desa nested, so one call gives every code the other endpoints filter on."""

    queryset = KabupatenKota.objects.none()  # the real one depends on the caller
    serializer_class = WilayahSerializer
    filterset_class = WilayahFilter
    pagination_class = HalamanAPI
    renderer_classes = [JSONRenderer]  # see LokasiViewSet
    lookup_field = "kode"

    def get_queryset(self) -> QuerySet[KabupatenKota]:
        return (
            self.request.user.kabkota_terjangkau()
            .select_related("provinsi")
            .prefetch_related("kecamatan__kelurahan")
            .order_by("kode")
        )


# --- lokasi -----------------------------------------------------------------------------------


LOKASI_KELURAHAN = Lokasi.kelurahan.through


class LokasiFilter(django_filters.FilterSet):
    kabupaten_kota = django_filters.CharFilter(
        field_name="kabupaten_kota__kode", help_text="Kode Kemendagri kab/kota, misalnya `33.75`."
    )
    kecamatan = django_filters.CharFilter(
        method="saring_kecamatan", help_text="Kode Kemendagri kecamatan, misalnya `33.75.01`."
    )
    kelurahan = django_filters.CharFilter(
        method="saring_kelurahan",
        help_text="Kode Kemendagri kelurahan/desa, misalnya `33.75.01.1001`.",
    )
    tipologi = django_filters.ChoiceFilter(choices=Tipologi.choices, method="saring_tipologi")
    q = django_filters.CharFilter(method="cari", help_text="Cari pada nama, kode lokasi, RT/RW.")
    ordering = Urutan(fields={"nama": "nama", "kode": "kode", "id": "id"})  # {field: parameter}

    class Meta:
        model = Lokasi
        fields = ["kabupaten_kota", "kecamatan", "kelurahan", "tipologi", "q"]

    # Through subqueries, not joins: a lokasi with two matching kelurahan stays one row.
    def saring_kecamatan(self, qs: QuerySet[Lokasi], name: str, kode: str) -> QuerySet[Lokasi]:
        return qs.filter(
            pk__in=LOKASI_KELURAHAN.objects.filter(kelurahan__kecamatan__kode=kode).values(
                "lokasi_id"
            )
        )

    def saring_kelurahan(self, qs: QuerySet[Lokasi], name: str, kode: str) -> QuerySet[Lokasi]:
        return qs.filter(
            pk__in=LOKASI_KELURAHAN.objects.filter(kelurahan__kode=kode).values("lokasi_id")
        )

    def saring_tipologi(self, qs: QuerySet[Lokasi], name: str, kode: str) -> QuerySet[Lokasi]:
        return qs.filter(pk__in=TipologiLokasi.objects.filter(kode=kode).values("lokasi_id"))

    def cari(self, qs: QuerySet[Lokasi], name: str, teks: str) -> QuerySet[Lokasi]:
        return qs.filter(
            Q(nama__icontains=teks) | Q(kode__icontains=teks) | Q(rt_rw__icontains=teks)
        )


@extend_schema(tags=["lokasi"], parameters=[FORMAT_PARAMETER])
@extend_schema_view(
    list=extend_schema(
        summary="Daftar lokasi kumuh dalam lingkup pemanggil",
        description=(
            "Lokasi kab/kota pemanggil (atau provinsinya, atau semua bagi pusat) dengan kode "
            "kelurahan dan kecamatan, tipologi, angka kawasan, unit RT/RW dan `geometri` "
            "GeoJSON (batas kawasan bila sudah digambar, selain itu titik). "
            "`?format=geojson` memberi FeatureCollection."
        ),
        responses={
            (200, "application/json"): LokasiSerializer(many=True),
            (200, "application/geo+json"): LokasiKoleksiSerializer,
        },
    ),
    retrieve=extend_schema(
        summary="Satu lokasi dengan unit RT dan geometrinya",
        description="Lokasi di luar lingkup pemanggil menjawab 404. "
        "`?format=geojson` memberi satu Feature.",
        responses={
            (200, "application/json"): LokasiSerializer,
            (200, "application/geo+json"): LokasiFiturSerializer,
        },
    ),
)
class LokasiViewSet(ReadOnlyModelViewSet):
    """Lokasi of the caller's kab/kota (or provinsi, or all for pusat), with kelurahan codes,
    tipologi, the kawasan numbers, RT units and `geometri` as GeoJSON."""

    queryset = Lokasi.objects.none()  # the real one depends on the caller
    serializer_class = LokasiSerializer
    filterset_class = LokasiFilter
    pagination_class = HalamanAPI
    # No BrowsableAPIRenderer: its pages use inline styles the CSP refuses; /api/v1/docs/ is
    # the page for browsing.
    renderer_classes = [JSONRenderer, GeoJSONRenderer]

    def get_queryset(self) -> QuerySet[Lokasi]:
        return (
            Lokasi.objects.untuk(self.request.user)
            .untuk_daftar()
            .prefetch_related(
                Prefetch("unit_survei", queryset=UnitSurvei.objects.select_related("kelurahan"))
            )
            .order_by("nama", "pk")
        )
