"""Survey pages: list, start, detail, the Format Isian form with its live panel, workflow."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumuh.sqlite import baca_saja
from lokasi import riwayat
from lokasi.models import Lokasi
from penilaian import akses, services
from penilaian import panel as panel_skor
from penilaian.akses import get_penilaian_for_user
from penilaian.forms import AlurForm, IsianForm, PenilaianBaruForm, PenilaianForm
from penilaian.models import Penilaian, Status

PER_HALAMAN = 25
DAFTAR_TANPA = (
    "hasil",
    "kekurangan",
    "alasan_dikembalikan",
    "lokasi__batas",
    "lokasi__permasalahan",
    "lokasi__potensi",
)


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    qs = (
        Penilaian.objects.untuk(request.user)
        .select_related("lokasi")
        # The list shows a few columns: not the stored results, gaps and boundaries (JSON
        # decoded for every row) nor the lokasi's long texts.
        .defer(*DAFTAR_TANPA)
        .order_by("-tahun", "lokasi__nama")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    tahun = request.GET.get("tahun", "")
    if tahun.isdecimal():
        qs = qs.filter(tahun=int(tahun))
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    boleh_buat = akses.boleh_mulai(request.user)
    konteks = {
        "halaman": halaman,
        "status_pilihan": Status.choices,
        "status": status,
        "tahun": tahun,
        "baru_form": PenilaianBaruForm(
            # A fresh token per visit: the form sent twice starts one survey (services).
            initial={
                "tahun": timezone.localdate().year,
                "token": uuid.uuid4(),
                # ?lokasi=<pk>: a link to "start a survey here" (e.g. a complaint's field check);
                # the field's own queryset keeps it to the user's city.
                "lokasi": request.GET.get("lokasi", ""),
            },
            # One <option> per lokasi of the city: its name is all the select needs.
            lokasi_qs=Lokasi.objects.filter(kabupaten_kota_id=request.user.kabupaten_kota_id).only(
                "pk", "nama"
            ),
        )
        if boleh_buat
        else None,
        "boleh_impor": akses.boleh_impor(request.user),
    }
    return render(request, "penilaian/penilaian_daftar.html", konteks)


@login_required
@require_POST
def buat(request: HttpRequest) -> HttpResponse:
    lokasi_qs = Lokasi.objects.untuk(request.user)
    form = PenilaianBaruForm(request.POST, lokasi_qs=lokasi_qs)
    if not form.is_valid():
        for nama, galat in form.errors.items():
            messages.error(request, f"{form.fields[nama].label}: {' '.join(galat)}")
        return redirect("penilaian:daftar")
    penilaian = services.penilaian_buat(
        lokasi=form.cleaned_data["lokasi"],
        pengguna=request.user,
        tahun=form.cleaned_data["tahun"],
        token=form.cleaned_data.get("token"),
    )
    return redirect("penilaian:isi", pk=penilaian.pk)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = get_penilaian_for_user(request.user, pk)
    return render(request, "penilaian/penilaian_detail.html", _konteks_detail(request, penilaian))


def _konteks_detail(
    request: HttpRequest, penilaian: Penilaian, alur_ditolak: AlurForm | None = None
) -> dict:
    return {
        "penilaian": penilaian,
        "hasil": panel_skor.ringkasan_hasil(penilaian),
        "kekurangan": panel_skor.kekurangan_terbaca(penilaian.kekurangan),
        "langkah": penilaian.langkah.select_related("pengguna"),
        "tombol": [(ke, Status(ke).label) for ke in akses.langkah_berikut(penilaian, request.user)],
        "alur_form": AlurForm(),
        # A refused step: what the user wrote stays on the page (its reason, a note).
        "alur_ditolak": alur_ditolak,
        "boleh_isi": akses.boleh_isi(request.user, penilaian),
        "riwayat": riwayat.untuk(penilaian)[:30],
    }


def _get_untuk_isi(request: HttpRequest, pk: int) -> Penilaian:
    penilaian = get_penilaian_for_user(request.user, pk)
    akses.wajib_isi(request.user, penilaian)
    return penilaian


def _muat(penilaian: Penilaian) -> Penilaian:
    return (
        Penilaian.objects.select_related("lokasi__kabupaten_kota", "diubah_oleh")
        .prefetch_related("isian", "numerik__unit")
        .get(pk=penilaian.pk)
    )


@login_required
@require_http_methods(["GET", "POST"])
def isi(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        penilaian = get_penilaian_for_user(request.user, pk)
        akses.wajib_mulai(request.user, penilaian.lokasi)
        penilaian = _muat(penilaian)
    else:
        penilaian = _muat(_get_untuk_isi(request, pk))
    form = PenilaianForm(request.POST or None, instance=penilaian)
    isian_form = IsianForm(request.POST or None, request.FILES or None, penilaian=penilaian)
    status = 200
    if request.method == "POST" and not penilaian.boleh_diubah:
        # Submitted (or further) by a colleague while this form was open: the page again,
        # with the user's input and who moved it, instead of a bare 403.
        form.is_valid()
        isian_form.is_valid()
        form.add_error(None, services.pesan_bukan_draf(penilaian))
        status = 409
    elif request.method == "POST" and form.is_valid() and isian_form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "versi"}
        try:
            services.penilaian_simpan(
                penilaian=penilaian,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
                isian=services.Isian(
                    data=data,
                    pita=isian_form.pita(),
                    numerik=isian_form.numerik(),
                    lain=isian_form.lain(),
                ),
                foto=isian_form.foto(),
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
            status = 409
        else:
            messages.success(request, _("Penilaian disimpan sebagai draf."))
            if "ajukan" in request.POST:
                return redirect(f"{penilaian.get_absolute_url()}#alur")
            return redirect(penilaian)
    panel_ = panel_skor.untuk_form(penilaian, form, isian_form)
    konteks = {
        "penilaian": penilaian,
        "form": form,
        "isian_form": isian_form,
        "aspek": panel_skor.tandai_kriteria(isian_form.kriteria(), panel_),
        "panel": panel_,
    }
    return render(request, "penilaian/penilaian_isi.html", konteks, status=status)


@baca_saja  # recomputes the score as the user types; writes nothing
@login_required
@require_POST
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The live score panel (htmx): compute from what the form holds now, save nothing."""
    penilaian = _muat(_get_untuk_isi(request, pk))
    form = PenilaianForm(request.POST, instance=penilaian)
    isian_form = IsianForm(request.POST, penilaian=penilaian)
    panel_ = panel_skor.untuk_form(penilaian, form, isian_form)
    konteks = {"penilaian": penilaian, "panel": panel_, "oob": True}
    return render(request, "penilaian/penilaian_isi.html#panel", konteks)


@login_required
@require_POST
def alur(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = get_penilaian_for_user(request.user, pk)
    form = AlurForm(request.POST)
    if not form.is_valid() or form.cleaned_data["ke"] not in Status.values:
        messages.error(request, _("Langkah alur tidak dikenal."))
        return redirect(penilaian)
    try:
        services.penilaian_pindah(
            penilaian=penilaian,
            pengguna=request.user,
            ke=form.cleaned_data["ke"],
            catatan=form.cleaned_data["catatan"],
            dari=form.cleaned_data["dari"],
        )
    except services.LangkahDidahului as e:
        messages.error(request, str(e))
        konteks = _konteks_detail(request, get_penilaian_for_user(request.user, pk), form)
        return render(request, "penilaian/penilaian_detail.html", konteks, status=409)
    except ValueError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("Status penilaian: %(s)s.") % {"s": Status(form.cleaned_data["ke"]).label}
        )
    return redirect(penilaian)


@login_required
@require_GET
def foto(request: HttpRequest, pk: int, kode: str) -> FileResponse:
    penilaian = get_penilaian_for_user(request.user, pk)
    isian = penilaian.isian.filter(kode=kode).first()
    if not isian or not isian.foto:
        raise Http404(_("Foto tidak ada."))
    try:
        return FileResponse(isian.foto.open("rb"), filename=isian.foto.name.rsplit("/", 1)[-1])
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
