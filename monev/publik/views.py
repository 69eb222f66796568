"""Public pages, without login: the cities that publish, a city's page (summary, progress and a
paginated list), its map's data per viewport and the whole GeoJSON. A city that has not chosen
to publish answers 404 (issue 13 item 4). Whatever the city's size, each answers from the
published state cached by `monev.publik.data` (issue 14)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lokasi.models import KabupatenKota
from monev.pengaduan import cetak as cetak_pengaduan
from monev.pengaduan.data import isi_laporan
from monev.publik import data as data_publik

JENIS_GEOJSON = "application/geo+json"
PER_HALAMAN = 50


def _kota_terbit(kode: str) -> KabupatenKota:
    return get_object_or_404(
        KabupatenKota.objects.select_related("publikasi", "provinsi"),
        kode=kode,
        publikasi__terbit=True,
    )


@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    kota = KabupatenKota.objects.filter(publikasi__terbit=True).select_related("provinsi")
    return render(request, "publik/daftar.html", {"kota": kota.order_by("nama")})


@require_GET
def kota(request: HttpRequest, kode: str) -> HttpResponse:
    kabkota = _kota_terbit(kode)
    data = data_publik.publikasi(kabkota)
    cari = request.GET.get("cari", "")[:100]
    halaman = Paginator(data.cari(cari), PER_HALAMAN).get_page(request.GET.get("halaman"))
    konteks = {
        "kabkota": kabkota,
        "pengantar": kabkota.publikasi.pengantar,
        "data": data,
        "halaman": halaman,
        "cari": cari,
        "tile_url": settings.PETA_TILE_URL,
        # The complaints monitoring report (issue 13 item 2, "publishable"): this year and last.
        "tahun_laporan": [timezone.localdate().year, timezone.localdate().year - 1],
    }
    if request.htmx and request.htmx.target == "daftar-lokasi":
        return render(request, "publik/kota.html#daftar", konteks)
    return render(request, "publik/kota.html", konteks)


@require_GET
def peta(request: HttpRequest, kode: str) -> JsonResponse:
    """The map's data for one viewport: clusters, points, boundaries when zoomed in."""
    data = data_publik.peta_kota(
        _kota_terbit(kode), bbox=request.GET.get("bbox", ""), zoom=request.GET.get("zoom", "")
    )
    return JsonResponse(data)


@require_GET
def geojson(request: HttpRequest, kode: str) -> HttpResponse:
    """The whole map, every boundary (the download link; the page's map uses `peta`)."""
    return HttpResponse(data_publik.geojson(_kota_terbit(kode)), content_type=JENIS_GEOJSON)


@require_GET
def laporan_pengaduan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The city's complaints monitoring report of one year, as the Dinas prints it: status,
    category, field check, evaluation and recommendation; never the contact or the photo."""
    kabkota = _kota_terbit(kode)
    hari_ini = timezone.localdate()
    if not 2000 <= tahun <= hari_ini.year:
        raise Http404
    isi = isi_laporan(kabkota, date(tahun, 1, 1), min(date(tahun, 12, 31), hari_ini), hari_ini)
    respons = HttpResponse(cetak_pengaduan.pdf_laporan(isi), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{isi.nama_berkas}.pdf"'
    return respons
