"""Pages of the inventory: list, map, detail, forms, photos and documents, RT units."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lokasi import riwayat, services
from lokasi.akses import (
    boleh_kelola_lokasi,
    get_lokasi_for_edit,
    get_lokasi_for_user,
    get_unit_for_edit,
    wajib_kelola_lokasi,
)
from lokasi.forms import DokumenForm, FilterLokasiForm, FotoForm, LokasiForm, UnitSurveiForm
from lokasi.models import DokumenLokasi, FotoLokasi, Kelurahan, Lokasi

PER_HALAMAN = 25
# The map on the list shows the whole filtered set, not one page; beyond this it asks for a filter.
PETA_MAKS = 3000
RIWAYAT_TAMPIL = 30
# Pages that name a lokasi's kelurahan and kecamatan do not draw their boundaries: imported
# wilayah boundaries (impor_batas_wilayah) are tens of kilobytes of GeoJSON each, decoded for
# every row otherwise. The list does not show the lokasi's own boundary and long texts either.
KELURAHAN_TANPA_BATAS = Kelurahan.objects.select_related("kecamatan").defer(
    "batas", "kecamatan__batas"
)
DAFTAR_TANPA = ("batas", "permasalahan", "potensi")


@login_required
@require_GET
def beranda(request: HttpRequest) -> HttpResponse:
    lokasi = Lokasi.objects.untuk(request.user)
    ringkasan = {
        "jumlah_lokasi": lokasi.count(),
        "kabkota": request.user.kabkota_terjangkau().select_related("provinsi")[:50],
    }
    return render(request, "lokasi/beranda.html", ringkasan)


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    kabkota = request.user.kabkota_terjangkau()
    filter_form = FilterLokasiForm(request.GET or None, kabkota_qs=kabkota)
    qs = filter_form.saring(Lokasi.objects.untuk(request.user))
    for nama in ("kecamatan", "kelurahan"):
        pilihan = filter_form.fields[nama]
        pilihan.queryset = pilihan.queryset.defer("batas")
    baris = (
        qs.untuk_daftar()
        .defer(*DAFTAR_TANPA)
        .prefetch_related(None)
        .prefetch_related(Prefetch("kelurahan", KELURAHAN_TANPA_BATAS), "tipologi_set")
    )
    halaman = Paginator(baris.order_by("nama", "pk"), PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    query = _query_tanpa(request, "halaman")
    konteks = {
        "filter_form": filter_form,
        "kelurahan": filter_form.fields["kelurahan"].queryset,
        "kelurahan_terpilih": request.GET.get("kelurahan", ""),
        "halaman": halaman,
        "jumlah": halaman.paginator.count,
        # The map loads its data itself (peta.js), once per set of filters: its GeoJSON (up to
        # PETA_MAKS boundaries, megabytes for a big city) is not carried by every page of the
        # list and every htmx filter swap.
        "url_peta": reverse("lokasi:peta") + (f"?{query}" if query else ""),
        "peta_terpotong": halaman.paginator.count > PETA_MAKS,
        "tile_url": settings.PETA_TILE_URL,
        "boleh_tambah": boleh_kelola_lokasi(request.user),
        "query_tanpa_halaman": query,
    }
    if request.htmx and request.htmx.target == "hasil-lokasi":
        return render(request, "lokasi/lokasi_daftar.html#hasil", konteks)
    return render(request, "lokasi/lokasi_daftar.html", konteks)


@login_required
@require_GET
def peta(request: HttpRequest) -> JsonResponse:
    """Return the list's map as GeoJSON: every filtered lokasi (up to PETA_MAKS), not a page."""
    filter_form = FilterLokasiForm(
        request.GET or None, kabkota_qs=request.user.kabkota_terjangkau()
    )
    qs = filter_form.saring(Lokasi.objects.untuk(request.user))
    fitur = [
        f
        for f in (
            lokasi.sebagai_geojson()
            for lokasi in qs.only("pk", "nama", "lintang", "bujur", "batas")[:PETA_MAKS]
        )
        if f
    ]
    return JsonResponse({"type": "FeatureCollection", "features": fitur})


def _query_tanpa(request: HttpRequest, kunci: str) -> str:
    q = request.GET.copy()
    q.pop(kunci, None)
    return q.urlencode()


@login_required
@require_GET
def pilihan_kelurahan(request: HttpRequest) -> HttpResponse:
    """Return the <option>s of kelurahan for the chosen kecamatan (htmx, filter form)."""
    kelurahan = Kelurahan.objects.filter(
        kecamatan__kabupaten_kota__in=request.user.kabkota_terjangkau()
    )
    kecamatan = request.GET.get("kecamatan", "")
    # A foreign key lookup gets no range check from Django: 30 digits overflowed SQLite.
    if kecamatan.isdecimal() and len(kecamatan) <= 18:
        kelurahan = kelurahan.filter(kecamatan_id=kecamatan)
    return render(request, "lokasi/lokasi_daftar.html#pilihan_kelurahan", {"kelurahan": kelurahan})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_user(request.user, pk)
    fitur = lokasi.sebagai_geojson()
    konteks = {
        "lokasi": lokasi,
        "unit": lokasi.unit_survei.select_related("kelurahan"),
        "kelurahan": KELURAHAN_TANPA_BATAS.filter(lokasi=lokasi),
        "foto": lokasi.foto.all(),
        "dokumen": lokasi.dokumen.all(),
        "riwayat": riwayat.untuk(lokasi)[:RIWAYAT_TAMPIL],
        "fitur": fitur,
        "fitur_json": json.dumps(fitur),
        "tile_url": settings.PETA_TILE_URL,
        "boleh_ubah": boleh_kelola_lokasi(request.user, lokasi.kabupaten_kota),
        "foto_form": FotoForm(),
        "dokumen_form": DokumenForm(),
    }
    return render(request, "lokasi/lokasi_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def tambah(request: HttpRequest) -> HttpResponse:
    wajib_kelola_lokasi(request.user)
    lokasi = Lokasi(kabupaten_kota=request.user.kabupaten_kota)
    return _form_lokasi(request, lokasi)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_lokasi(request, get_lokasi_for_edit(request.user, pk))


def _form_lokasi(request: HttpRequest, lokasi: Lokasi) -> HttpResponse:
    form = LokasiForm(
        request.POST or None,
        request.FILES or None,
        instance=lokasi,
        kabupaten_kota=lokasi.kabupaten_kota,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        baru = lokasi.pk is None
        try:
            services.lokasi_simpan(
                lokasi=form.instance,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
                kelurahan=form.cleaned_data["kelurahan"],
                tipologi=form.cleaned_data["tipologi"],
                foto_baru=form.cleaned_data.get("foto"),
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
            status = 409  # Conflict: the page again, with the input and who saved between
        else:
            pesan = _("Lokasi %(nama)s disimpan.") % {"nama": lokasi.nama}
            messages.success(request, pesan if not baru else _("Lokasi baru: ") + pesan)
            return redirect(lokasi)
    konteks = {"form": form, "lokasi": lokasi}
    return render(request, "lokasi/lokasi_form.html", konteks, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def unit_form(request: HttpRequest, lokasi_pk: int, pk: int | None = None) -> HttpResponse:
    if pk is None:
        lokasi = get_lokasi_for_edit(request.user, lokasi_pk)
        unit = None
    else:
        unit = get_unit_for_edit(request.user, lokasi_pk, pk)
        lokasi = unit.lokasi
    form = UnitSurveiForm(request.POST or None, instance=unit, lokasi=lokasi)
    status = 200
    if request.method == "POST" and form.is_valid():
        # A change without the version it was opened at is treated as stale, not as fresh.
        versi = form.cleaned_data["versi"]
        try:
            services.unit_simpan(
                unit=form.instance,
                pengguna=request.user,
                versi_awal=None if unit is None else (-1 if versi is None else versi),
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
            status = 409
        else:
            messages.success(request, _("Unit %(unit)s disimpan.") % {"unit": form.instance})
            return redirect(lokasi)
    konteks = {
        "form": form,
        "lokasi": lokasi,
        "unit": unit,
        "penghalang_hapus": services.penghalang_hapus(unit) if unit else {},
    }
    return render(request, "lokasi/unit_form.html", konteks, status=status)


@login_required
@require_POST
def unit_hapus(request: HttpRequest, lokasi_pk: int, pk: int) -> HttpResponse:
    unit = get_unit_for_edit(request.user, lokasi_pk, pk)
    try:
        services.unit_hapus(unit=unit, pengguna=request.user)
    except services.UnitDipakai as e:
        messages.error(request, str(e))
        return redirect("lokasi:unit_ubah", lokasi_pk=lokasi_pk, pk=pk)
    messages.success(request, _("Unit %(unit)s dihapus.") % {"unit": unit})
    return redirect("lokasi:detail", pk=lokasi_pk)


@login_required
@require_POST
def foto_unggah(request: HttpRequest, pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_edit(request.user, pk)
    form = FotoForm(request.POST, request.FILES)
    if form.is_valid():
        services.foto_tambah(lokasi=lokasi, pengguna=request.user, **form.cleaned_data)
        messages.success(request, _("Foto ditambahkan."))
    else:
        _pesan_galat(request, form)
    return redirect(lokasi)


@login_required
@require_POST
def dokumen_unggah(request: HttpRequest, pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_edit(request.user, pk)
    form = DokumenForm(request.POST, request.FILES)
    if form.is_valid():
        services.dokumen_tambah(lokasi=lokasi, pengguna=request.user, **form.cleaned_data)
        messages.success(request, _("Dokumen ditambahkan."))
    else:
        _pesan_galat(request, form)
    return redirect(lokasi)


def _pesan_galat(request: HttpRequest, form) -> None:
    for nama, galat in form.errors.items():
        label = form.fields[nama].label if nama in form.fields else ""
        for pesan in galat:
            messages.error(request, f"{label}: {pesan}" if label else pesan)


@login_required
@require_GET
def foto_berkas(request: HttpRequest, pk: int, foto_pk: int) -> FileResponse:
    lokasi = get_lokasi_for_user(request.user, pk)
    foto = get_object_or_404(FotoLokasi, lokasi=lokasi, pk=foto_pk)
    return _kirim(foto.berkas, lampiran=False)


@login_required
@require_GET
def dokumen_berkas(request: HttpRequest, pk: int, dokumen_pk: int) -> FileResponse:
    lokasi = get_lokasi_for_user(request.user, pk)
    dokumen = get_object_or_404(DokumenLokasi, lokasi=lokasi, pk=dokumen_pk)
    return _kirim(dokumen.berkas, lampiran=True)


def _kirim(berkas, *, lampiran: bool) -> FileResponse:
    try:
        handle = berkas.open("rb")
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
    respons = FileResponse(handle, as_attachment=lampiran, filename=berkas.name.rsplit("/", 1)[-1])
    respons["Cache-Control"] = "private, max-age=3600"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons
