"""The priority list for the Pokja PKP: page (with map and totals) and its Excel download."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kumuh.xlsx import XLSX, isi_xlsx
from penilaian import ekspor, prioritas_latar
from penilaian.models import EksporPrioritas, Penilaian, PenilaianTerakhir
from penilaian.prioritas import (
    FilterPrioritasForm,
    daftar_prioritas,
    halaman_prioritas,
    legenda,
    peta_prioritas,
    saring_prioritas,
)


def _saringan(request: HttpRequest) -> tuple[FilterPrioritasForm, dict]:
    filter_form = FilterPrioritasForm(request.GET or None, pengguna=request.user)
    return filter_form, filter_form.saringan()


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    filter_form, saringan = _saringan(request)
    hasil = halaman_prioritas(
        Penilaian.objects.untuk(request.user),
        request.GET.get("halaman"),
        ringkas=PenilaianTerakhir.objects.untuk(request.user),
        **saringan,
    )
    tanpa_halaman = request.GET.copy()
    tanpa_halaman.pop("halaman", None)
    query = tanpa_halaman.urlencode()
    konteks = {
        "filter_form": filter_form,
        "saringan": saringan,
        "daftar": hasil,
        "halaman": hasil.halaman,
        "excel_latar": hasil.jumlah.jumlah > prioritas_latar.batas_langsung(),
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
        ringkas=PenilaianTerakhir.objects.untuk(request.user),
        **saringan,
    )
    return JsonResponse(data)


@login_required
@require_GET
def excel(request: HttpRequest) -> HttpResponse:
    _, saringan = _saringan(request)
    penilaian = Penilaian.objects.untuk(request.user)
    terakhir, syarat = saring_prioritas(penilaian, **saringan)
    if terakhir.filter(syarat).count() > prioritas_latar.batas_langsung():
        # Tens of seconds for a whole country: made in the background, the user waits on a page.
        permintaan = prioritas_latar.ekspor_minta(
            pengguna=request.user, query=request.GET.urlencode()
        )
        return redirect("penilaian:prioritas_ekspor", pk=permintaan.pk)
    hasil = daftar_prioritas(penilaian, **saringan)
    judul, nama = prioritas_latar.judul_excel(
        request.user, hasil.kabupaten_kota, hasil.tahun_terakhir, saringan
    )
    buku = ekspor.buku_daftar_prioritas(hasil.baris, **judul)
    respons = HttpResponse(isi_xlsx(buku), content_type=XLSX)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@require_GET
def ekspor_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The page that waits for a background Excel (htmx polls its status part)."""
    permintaan = get_object_or_404(EksporPrioritas.objects.untuk(request.user), pk=pk)
    konteks = {"ekspor": permintaan}
    if request.htmx:
        return render(request, "penilaian/prioritas_ekspor.html#status", konteks)
    return render(request, "penilaian/prioritas_ekspor.html", konteks)


@login_required
@require_GET
def ekspor_unduh(request: HttpRequest, pk: int) -> FileResponse:
    permintaan = get_object_or_404(
        EksporPrioritas.objects.untuk(request.user).filter(status=EksporPrioritas.Status.SELESAI),
        pk=pk,
    )
    if not permintaan.berkas:
        raise Http404
    return FileResponse(
        permintaan.berkas.open("rb"),
        as_attachment=True,
        filename=permintaan.nama_berkas,
        content_type=XLSX,
    )
