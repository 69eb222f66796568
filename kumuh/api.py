"""API plumbing every app's REST endpoints share: paging, stable ordering, typed filters.

A leaf: it imports no app, so lokasi, penilaian and the apps above can all use it.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, OrderBy, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field
from rest_framework.pagination import PageNumberPagination


class HalamanAPI(PageNumberPagination):
    """50 rows a page (settings.PAGE_SIZE); a system syncing may ask for up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
    # DRF's own "Invalid page." has no Indonesian catalogue entry; name the parameter.
    invalid_page_message = _("Parameter page tidak valid: halaman {page_number} tidak ada.")


class Urutan(django_filters.OrderingFilter):
    """`?ordering=a,-b` with NULLs last on every database and a final `pk`, so pages are stable.

    (SQLite and PostgreSQL put NULLs at opposite ends; a page boundary on a tie would otherwise
    repeat or skip rows.)
    """

    def filter(self, qs: QuerySet, value: list[str] | None) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        return qs.order_by(*(self.get_ordering_value(p) for p in value if p), "pk")

    def get_ordering_value(self, param: str) -> OrderBy:
        turun = param.startswith("-")
        kolom = F(self.param_map[param.removeprefix("-")])
        return kolom.desc(nulls_last=True) if turun else kolom.asc(nulls_last=True)


ID_MAKS = 2**63 - 1  # BigAutoField; a larger number overflows SQLite (500, not an empty list)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAKS})
class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=ID_MAKS, **kwargs)


# Penilaian.tahun's validators, so that clients (and schemathesis) know the range.
@extend_schema_field({"type": "integer", "minimum": 2000, "maximum": 2100})
class TahunFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=2000, max_value=2100, **kwargs)
