"""The priority list for the Pokja PKP: page (with map and totals) and its Excel download."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from kumuh.xlsx import XLSX, isi_xlsx
from lokasi.models import PERAN_KABKOTA, Pengguna, Peran
from penilaian import ekspor
from penilaian.models import Penilaian
from penilaian.prioritas import (
    DaftarPrioritas,
    FilterPrioritasForm,
    daftar_prioritas,
    halaman_prioritas,
    legenda,
    peta_prioritas,
    uraian_saringan,
)


def _saringan(request: HttpRequest) -> tuple[FilterPrioritasForm, dict]:
    filter_form = FilterPrioritasForm(request.GET or None, pengguna=request.user)
    return filter_form, filter_form.saringan()


def _daftar(request: HttpRequest) -> tuple[FilterPrioritasForm, dict, DaftarPrioritas]:
    filter_form, saringan = _saringan(request)
    hasil = daftar_prioritas(Penilaian.objects.untuk(request.user), **saringan)
    return filter_form, saringan, hasil


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    filter_form, saringan = _saringan(request)
    hasil = halaman_prioritas(
        Penilaian.objects.untuk(request.user), request.GET.get("halaman"), **saringan
    )
    tanpa_halaman = request.GET.copy()
    tanpa_halaman.pop("halaman", None)
    query = tanpa_halaman.urlencode()
    konteks = {
        "filter_form": filter_form,
        "saringan": saringan,
        "daftar": hasil,
        "halaman": hasil.halaman,
        "tile_url": settings.PETA_TILE_URL,
        "legenda": legenda(),
        "query": query,
        # The map reloads its data with the list's filters (peta_prioritas.js).
        "url_peta": reverse("penilaian:prioritas_peta") + (f"?{query}" if query else ""),
    }
    if request.htmx and request.htmx.target == "hasil-prioritas":
        return render(request, "penilaian/prioritas_daftar.html#hasil", konteks)
    return render(request, "penilaian/prioritas_daftar.html", konteks)


@login_required
@require_GET
def peta(request: HttpRequest) -> JsonResponse:
    """Return the map's data for the viewport: clusters, points, boundaries when zoomed in."""
    _, saringan = _saringan(request)
    data = peta_prioritas(
        Penilaian.objects.untuk(request.user),
        bbox=request.GET.get("bbox", ""),
        zoom=request.GET.get("zoom", ""),
        **saringan,
    )
    return JsonResponse(data)


@login_required
@require_GET
def excel(request: HttpRequest) -> HttpResponse:
    _, saringan, hasil = _daftar(request)
    wilayah = _wilayah(request.user, hasil)
    tahun = saringan.get("tahun") or hasil.tahun_terakhir or timezone.localdate().year
    sampai = f"s.d. tahun {saringan['tahun']}" if "tahun" in saringan else "terbaru"
    buku = ekspor.buku_daftar_prioritas(
        hasil.baris,
        judul=f"DAFTAR PRIORITAS PENANGANAN LOKASI PERMUKIMAN KUMUH DI {wilayah.upper()}",
        subjudul=f"Berdasarkan penilaian terakhir yang disetujui ({sampai})",
        catatan=uraian_saringan(saringan) and f"Saringan: {uraian_saringan(saringan)}",
    )
    respons = HttpResponse(isi_xlsx(buku), content_type=XLSX)
    nama = f"daftar-prioritas-{slugify(wilayah)}-{tahun}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def _wilayah(pengguna: Pengguna, hasil: DaftarPrioritas) -> str:
    """Name the area of the list: the one kab/kota of its rows, else the user's area."""
    if len(hasil.kabupaten_kota) == 1:
        return hasil.kabupaten_kota[0]
    if pengguna.peran in PERAN_KABKOTA and pengguna.kabupaten_kota_id:
        return str(pengguna.kabupaten_kota)
    if pengguna.peran == Peran.VERIFIKATOR_PROVINSI and pengguna.provinsi_id:
        nama = str(pengguna.provinsi)
        return nama if nama.lower().startswith("provinsi") else f"Provinsi {nama}"
    return "Indonesia"
