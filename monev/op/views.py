"""Pages of operasional dan pemeliharaan and the governance calendar (thin views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumuh.angka import tanggal_indonesia
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi import riwayat
from monev.akses import boleh_isi, get_aset_for_user, wajib_isi
from monev.models import Aset
from monev.op import ekspor, forms, jadwal, kalender, services
from monev.op.aset import dengan_pemeriksaan_terakhir, jadwal_aset

PER_HALAMAN = 25
RIWAYAT_TAMPIL = 30


def _saring_jadwal(baris: list[dict], pilihan: str) -> list[dict]:
    if not pilihan:
        return baris
    kode = {jadwal.TERLAMBAT, jadwal.JATUH_TEMPO} if pilihan == "perlu" else {pilihan}
    return [b for b in baris if b["jadwal"].status and b["jadwal"].status.kode in kode]


def _aset_tersaring(request: HttpRequest) -> tuple[forms.FilterAsetForm, list[dict]]:
    """The assets the user may see, filtered as the list's form asks, each with its schedule."""
    kota = list(request.user.kabkota_terjangkau())
    filter_form = forms.FilterAsetForm(request.GET or None, kota=kota)
    qs = Aset.objects.filter(kabupaten_kota__in=kota)
    pilihan_jadwal = ""
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        if data["pengelola"]:
            qs = qs.filter(pengelola=data["pengelola"])
        pilihan_jadwal = data["jadwal"]
    qs = dengan_pemeriksaan_terakhir(qs)
    if filter_form.is_valid() and (berfungsi := filter_form.cleaned_data["berfungsi"]):
        qs = qs.filter(
            akhir_tanggal__isnull=berfungsi == "belum",
            **({} if berfungsi == "belum" else {"akhir_berfungsi": berfungsi == "ya"}),
        )
    hari_ini = timezone.localdate()
    # The due date is in calendar months (pure rule), so the schedule filter runs here.
    baris = [{"aset": a, "jadwal": jadwal_aset(a, hari_ini)} for a in qs.order_by("nama", "pk")]
    return filter_form, _saring_jadwal(baris, pilihan_jadwal)


@login_required
@require_GET
def aset_daftar(request: HttpRequest) -> HttpResponse:
    filter_form, baris = _aset_tersaring(request)
    halaman = Paginator(baris, PER_HALAMAN).get_page(request.GET.get("halaman"))
    q = request.GET.copy()
    q.pop("halaman", None)
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "jumlah": len(baris),
        "boleh_tambah": boleh_isi(request.user),
        "banyak_kota": request.user.kabupaten_kota_id is None,
        "query_tanpa_halaman": q.urlencode(),
    }
    return render(request, "monev/aset_daftar.html", konteks)


@login_required
@require_GET
def aset_xlsx(request: HttpRequest) -> HttpResponse:
    """Download the register as filtered: every asset, not a page (spec §2.11 columns)."""
    _form, baris = _aset_tersaring(request)
    hari_ini = timezone.localdate()
    judul = f"REGISTER ASET DAN PEMERIKSAAN KEBERFUNGSIAN — per {tanggal_indonesia(hari_ini)}"
    buku = ekspor.buku_aset(((b["aset"], b["jadwal"]) for b in baris), judul=judul)
    respons = HttpResponse(isi_xlsx(buku), content_type=XLSX)
    respons["Content-Disposition"] = f'attachment; filename="register-aset-{hari_ini:%Y%m%d}.xlsx"'
    return respons


@login_required
@require_GET
def aset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    aset = get_aset_for_user(request.user, pk)
    aset = dengan_pemeriksaan_terakhir(Aset.objects.filter(pk=aset.pk)).get()
    boleh = boleh_isi(request.user, aset.kabupaten_kota)
    konteks = {
        "aset": aset,
        "jadwal": jadwal_aset(aset, timezone.localdate()),
        "pemeriksaan": aset.pemeriksaan.select_related("diperiksa_oleh"),
        "riwayat": riwayat.untuk(aset)[:RIWAYAT_TAMPIL],
        "boleh_ubah": boleh,
        "form_periksa": forms.PemeriksaanForm(aset=aset) if boleh else None,
    }
    return render(request, "monev/aset_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def aset_tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    return _form_aset(request, Aset(kabupaten_kota=request.user.kabupaten_kota))


@login_required
@require_http_methods(["GET", "POST"])
def aset_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    aset = get_aset_for_user(request.user, pk)
    wajib_isi(request.user, aset.kabupaten_kota)
    return _form_aset(request, aset)


def _form_aset(request: HttpRequest, aset: Aset) -> HttpResponse:
    form = forms.AsetForm(request.POST or None, instance=aset)
    if request.method == "POST" and form.is_valid():
        try:
            services.aset_simpan(
                aset=form.instance, pengguna=request.user, versi_awal=form.cleaned_data["versi"]
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Aset %(nama)s disimpan.") % {"nama": aset.nama})
            return redirect("monev:aset_detail", pk=aset.pk)
    return render(request, "monev/aset_form.html", {"form": form, "aset": aset})


@login_required
@require_http_methods(["GET", "POST"])
def pemeriksaan_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    aset = get_aset_for_user(request.user, pk)
    wajib_isi(request.user, aset.kabupaten_kota)
    form = forms.PemeriksaanForm(request.POST or None, aset=aset)
    if request.method == "POST" and form.is_valid():
        try:
            services.pemeriksaan_tambah(aset=aset, pemeriksaan=form.instance, pengguna=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Pemeriksaan %(nama)s dicatat.") % {"nama": aset.nama})
            return redirect("monev:aset_detail", pk=aset.pk)
    return render(request, "monev/aset_pemeriksaan.html", {"form": form, "aset": aset})


@login_required
@require_GET
def kalender_view(request: HttpRequest) -> HttpResponse:
    terjangkau = request.user.kabkota_terjangkau()
    kota = request.user.kabupaten_kota
    pilihan = None
    if kota is None:
        # Verifiers see several cities: one at a time, chosen by them.
        pilihan = list(terjangkau.order_by("nama"))
        kode = request.GET.get("kabkota", "")
        kota = next((k for k in pilihan if str(k.pk) == kode), None)
    hari_ini = timezone.localdate()
    konteks = {
        "kota": kota,
        "pilihan_kota": pilihan,
        "hari_ini": hari_ini,
        "butir": kalender.butir_kalender(kota, hari_ini) if kota else [],
        "url_aset": reverse("monev:aset_daftar"),
    }
    return render(request, "monev/kalender_daftar.html", konteks)
