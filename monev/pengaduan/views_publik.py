"""Public pages of pengaduan masyarakat (no login): the form, the code shown once, the status.

Every page counts against a per-IP limit (batas.py). A status lookup answers the same way for a
malformed and an unknown code (one query, then 404) so a guesser learns nothing from either.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from monev.models import Pengaduan
from monev.pengaduan import aturan, forms, services
from monev.pengaduan.batas import lewat_batas

KUNCI_SESI = "pengaduan_kode_baru"


def _terlalu_sering(request: HttpRequest) -> HttpResponse:
    return render(request, "monev/pengaduan_batas.html", status=429)


@require_http_methods(["GET", "POST"])
def kirim(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and lewat_batas(request, "kirim"):
        return _terlalu_sering(request)
    form = forms.PengaduanForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.robot:
            # Answer like a refusal without saying why; nothing is stored.
            form.add_error(None, _("Pengaduan tidak dapat diterima. Muat ulang halaman ini."))
            konteks = {"form": form, "tile_url": settings.PETA_TILE_URL}
            return render(request, "monev/pengaduan_kirim.html", konteks, status=400)
        if form.is_valid():
            try:
                pengaduan = services.pengaduan_kirim(pengaduan=form.instance)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                request.session[KUNCI_SESI] = pengaduan.kode
                return redirect("pengaduan:terkirim")
    return render(
        request, "monev/pengaduan_kirim.html", {"form": form, "tile_url": settings.PETA_TILE_URL}
    )


@never_cache
@require_GET
def terkirim(request: HttpRequest) -> HttpResponse:
    # The code is shown once: it is the only key to the status page, and reloading the page
    # later (another person at the same computer) does not show it again.
    kode = request.session.pop(KUNCI_SESI, None)
    if not kode:
        return redirect("pengaduan:kirim")
    url = request.build_absolute_uri(reverse("pengaduan:status", args=[kode]))
    return render(request, "monev/pengaduan_terkirim.html", {"kode": kode, "url_status": url})


@require_GET
def cari(request: HttpRequest) -> HttpResponse:
    kode = aturan.rapikan_kode(request.GET.get("kode", ""))
    if not kode:
        return render(request, "monev/pengaduan_cari.html")
    return redirect("pengaduan:status", kode=kode[:40])


@never_cache
@require_GET
def status(request: HttpRequest, kode: str) -> HttpResponse:
    if lewat_batas(request, "cek"):
        return _terlalu_sering(request)
    pengaduan = (
        Pengaduan.objects.filter(kode=aturan.rapikan_kode(kode)[: aturan.PANJANG_KODE * 2])
        .select_related("kabupaten_kota", "kelurahan")
        .first()
    )
    if pengaduan is None:
        raise Http404(_("Kode pengaduan tidak dikenal."))
    # Only the public parts: step names and dates, never the person, contact or notes.
    langkah = [(lk.get_status_display(), lk.waktu) for lk in pengaduan.langkah.all()]
    kini = aturan.TAHAP.index(pengaduan.status)
    tahap = [(label, i <= kini, i == kini) for i, (_, label) in enumerate(Pengaduan.Status.choices)]
    konteks = {"p": pengaduan, "langkah": langkah, "tahap": tahap}
    return render(request, "monev/pengaduan_status.html", konteks)
