"""Pages of the watchlist of lokasi berpotensi kumuh (thin views): the list with the handled
lokasi whose new survey is worse, one entry, its form. Operators, admins and Pokja write
(`boleh_isi`); verifiers read; another city's entry answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lokasi import riwayat
from lokasi.models import Pengguna
from monev.akses import boleh_isi, wajib_isi
from monev.models import LokasiPotensi
from monev.potensi import forms, services
from monev.potensi.memburuk import lokasi_memburuk

PER_HALAMAN = 25
RIWAYAT_TAMPIL = 30


def get_potensi_for_user(pengguna: Pengguna, pk: int) -> LokasiPotensi:
    return get_object_or_404(
        LokasiPotensi.objects.filter(
            kabupaten_kota__in=pengguna.kabkota_terjangkau()
        ).select_related("kabupaten_kota", "kelurahan", "lokasi"),
        pk=pk,
    )


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    kota = request.user.kabkota_terjangkau()
    filter_form = forms.FilterForm(request.GET or None)
    qs = LokasiPotensi.objects.filter(kabupaten_kota__in=kota).select_related(
        "kabupaten_kota", "kelurahan", "lokasi"
    )
    if filter_form.is_valid():
        for nama in ("status", "sumber"):
            if nilai := filter_form.cleaned_data[nama]:
                qs = qs.filter(**{nama: nilai})
    halaman = Paginator(qs.order_by("-tanggal", "-pk"), PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    q = request.GET.copy()
    q.pop("halaman", None)
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "memburuk": lokasi_memburuk(kota),
        "boleh_tambah": boleh_isi(request.user),
        "banyak_kota": request.user.kabupaten_kota_id is None,
        "query_tanpa_halaman": q.urlencode(),
    }
    return render(request, "monev/potensi_daftar.html", konteks)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    potensi = get_potensi_for_user(request.user, pk)
    konteks = {
        "potensi": potensi,
        "boleh_ubah": boleh_isi(request.user, potensi.kabupaten_kota),
        "riwayat": riwayat.untuk(potensi)[:RIWAYAT_TAMPIL],
    }
    return render(request, "monev/potensi_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    return _form(request, LokasiPotensi(kabupaten_kota=request.user.kabupaten_kota))


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    potensi = get_potensi_for_user(request.user, pk)
    wajib_isi(request.user, potensi.kabupaten_kota)
    return _form(request, potensi)


def _form(request: HttpRequest, potensi: LokasiPotensi) -> HttpResponse:
    form = forms.PotensiForm(request.POST or None, instance=potensi)
    if request.method == "POST" and form.is_valid():
        try:
            services.potensi_simpan(
                potensi=form.instance,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("%(nama)s disimpan.") % {"nama": potensi.nama})
            return redirect("monev:potensi_detail", pk=potensi.pk)
    return render(request, "monev/potensi_form.html", {"form": form, "potensi": potensi})
