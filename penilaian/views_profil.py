"""The profile of a lokasi: each criterion's volume, %, score and photo across its surveys."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kumuh.sisipan import render_sisipan
from lokasi.akses import get_lokasi_for_user
from penilaian.profil import susun_profil


@login_required
@require_GET
def profil(request: HttpRequest, lokasi_pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_user(request.user, lokasi_pk)
    penilaian = lokasi.penilaian.order_by(
        "tahun", F("tanggal_survei").asc(nulls_last=True), "pk"
    ).prefetch_related("isian")
    unit = lokasi.unit_survei.select_related("kelurahan")
    konteks = {
        "lokasi": lokasi,
        "kelurahan": lokasi.kelurahan.select_related("kecamatan"),
        "profil": susun_profil(penilaian, unit),
        # Panels of higher apps (the plan's projection…), which this app does not know.
        "sisipan": render_sisipan("profil_lokasi", request, lokasi),
    }
    return render(request, "penilaian/profil.html", konteks)
