"""Dinas pages of pengaduan masyarakat (login, scoped to the user's kab/kota; thin views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lokasi import riwayat
from monev.akses import boleh_isi, wajib_isi
from monev.models import Pengaduan
from monev.pengaduan import aturan, cetak, forms, services
from monev.pengaduan.data import get_pengaduan_for_user, isi_laporan, kemungkinan_duplikat

PER_HALAMAN = 25
RIWAYAT_TAMPIL = 30


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    kota = request.user.kabkota_terjangkau()
    filter_form = forms.FilterForm(request.GET or None, kota=kota)
    qs = Pengaduan.objects.untuk(request.user).select_related("kelurahan", "kabupaten_kota")
    hari_ini = timezone.localdate()
    if filter_form.is_valid():
        d = filter_form.cleaned_data
        if d["status"] == "terbuka":
            qs = qs.terbuka()
        elif d["status"] == "terlambat":
            qs = qs.terlambat(hari_ini)
        elif d["status"]:
            qs = qs.filter(status=d["status"])
        if d["kategori"]:
            qs = qs.filter(kategori=d["kategori"])
        if d["kelurahan"]:
            qs = qs.filter(kelurahan=d["kelurahan"])
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    q = request.GET.copy()
    q.pop("halaman", None)
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "hari_ini": hari_ini,
        "boleh_tambah": boleh_isi(request.user),
        "banyak_kota": request.user.kabupaten_kota_id is None,
        "query_tanpa_halaman": q.urlencode(),
        "form_laporan": forms.LaporanForm(kota=kota),
    }
    return render(request, "monev/pengaduan_daftar.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    kota = request.user.kabkota_terjangkau()
    form = forms.PengaduanDinasForm(request.POST or None, request.FILES or None, kota=kota)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.pengaduan_kirim(pengaduan=form.instance, pengguna=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Pengaduan %(kode)s dicatat.") % {"kode": p.kode})
            return redirect("monev:pengaduan_detail", pk=p.pk)
    return render(request, "monev/pengaduan_tambah.html", {"form": form})


def _konteks_detail(request: HttpRequest, p: Pengaduan, form_langkah=None) -> dict:
    boleh = boleh_isi(request.user, p.kabupaten_kota)
    berikut = p.tahap_berikut
    if boleh and berikut and form_langkah is None:
        form_langkah = forms.langkah_form(p, berikut)
    hari_ini = timezone.localdate()
    return {
        "p": p,
        "langkah": p.langkah.select_related("oleh"),
        "duplikat": kemungkinan_duplikat(p),
        "terlambat": p.status == aturan.REKOMENDASI and p.tenggat and p.tenggat < hari_ini,
        "boleh_ubah": boleh,
        "berikut": Pengaduan.Status(berikut).label if berikut else None,
        "form_langkah": form_langkah if boleh else None,
        "riwayat": riwayat.untuk(p)[:RIWAYAT_TAMPIL],
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_pengaduan_for_user(request.user, pk)
    return render(request, "monev/pengaduan_detail.html", _konteks_detail(request, p))


@login_required
@require_POST
def langkah(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_pengaduan_for_user(request.user, pk)
    wajib_isi(request.user, p.kabupaten_kota)
    # The form's prefix names the step the page showed: a stale page posts its own step and
    # the service refuses it by name.
    ke = next((t for t in services.FIELD_TAHAP if f"{t}-ke" in request.POST), None)
    ke = ke or p.tahap_berikut or aturan.SELESAI
    form = forms.langkah_form(p, ke, request.POST)
    if form.is_valid():
        try:
            services.langkah_catat(
                pengaduan=p, ke=form.cleaned_data["ke"], nilai=form.cleaned_data,
                pengguna=request.user, versi_awal=form.cleaned_data["versi"],
            )  # fmt: skip
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                _("Pengaduan %(kode)s: langkah %(tahap)s dicatat.")
                % {"kode": p.kode, "tahap": p.get_status_display()},
            )
            return redirect("monev:pengaduan_detail", pk=p.pk)
    p.refresh_from_db()
    return render(
        request, "monev/pengaduan_detail.html", _konteks_detail(request, p, form), status=400
    )


@login_required
@require_GET
def foto(request: HttpRequest, pk: int) -> FileResponse:
    p = get_pengaduan_for_user(request.user, pk)
    if not p.foto:
        raise Http404(_("Pengaduan ini tidak berfoto."))
    try:
        handle = p.foto.open("rb")
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
    respons = FileResponse(handle, filename=p.foto.name.rsplit("/", 1)[-1])
    respons["Cache-Control"] = "private, max-age=3600"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


@login_required
@require_GET
def laporan_pdf(request: HttpRequest) -> HttpResponse:
    kota = request.user.kabkota_terjangkau()
    form = forms.LaporanForm(request.GET, kota=kota)
    if not form.is_valid():
        galat = "; ".join(
            f"{form.fields[n].label if n in form.fields else ''}: {' '.join(e)}"
            for n, e in form.errors.items()
        )
        messages.error(request, _("Laporan tidak dapat dibuat — %(galat)s") % {"galat": galat})
        return redirect("monev:pengaduan_daftar")
    d = form.cleaned_data
    isi = isi_laporan(d["kabkota"], d["dari"], d["sampai"], timezone.localdate())
    respons = HttpResponse(cetak.pdf_laporan(isi), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{isi.nama_berkas}.pdf"'
    return respons
