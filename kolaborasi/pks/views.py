"""Pages of the funding gap, pledges and the PKS register (thin: fetch, check, call, render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kolaborasi.akses import (
    boleh_isi,
    boleh_putuskan,
    get_kegiatan_for_user,
    get_pks_for_user,
    wajib_isi,
    wajib_putuskan,
)
from kolaborasi.models import Ikrar, Kegiatan, PerjanjianKerjaSama
from kolaborasi.pks import daftar, ekspor, kaidah, services
from kolaborasi.pks.forms import (
    DokumenPKSForm,
    FilterKekuranganForm,
    FilterPKSForm,
    IkrarForm,
    LaporPKSForm,
    PKSForm,
    StatusPKSForm,
)
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi import riwayat

PER_HALAMAN = 50
RIWAYAT_TAMPIL = 30


def _galat_ke_form(form, e: ValidationError) -> None:
    for pesan in e.messages:
        form.add_error(None, pesan)


# --- funding gap and pledges -------------------------------------------------------------------


@login_required
@require_GET
def pendanaan_kurang(request: HttpRequest) -> HttpResponse:
    u = request.user
    filter_form = FilterKekuranganForm(request.GET or None, kabkota_qs=u.kabkota_terjangkau())
    saringan = filter_form.cleaned_data if filter_form.is_valid() else {}
    hasil = daftar.daftar_kekurangan(
        Kegiatan.objects.untuk(u), tahun=saringan.get("tahun"), kecamatan=saringan.get("kecamatan")
    )
    konteks = {
        "filter_form": filter_form,
        "daftar": hasil,
        "boleh_ikrar": boleh_isi(u),
    }
    if request.htmx and request.htmx.target == "hasil-kekurangan":
        return render(request, "kolaborasi/pendanaan_kurang.html#hasil", konteks)
    return render(request, "kolaborasi/pendanaan_kurang.html", konteks)


@login_required
@require_GET
def ikrar_daftar(request: HttpRequest) -> HttpResponse:
    u = request.user
    qs = (
        Ikrar.objects.untuk(u)
        .select_related("pemangku", "kegiatan", "pertemuan", "kabupaten_kota")
        .order_by("-tanggal", "-pk")
    )
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "kolaborasi/ikrar_daftar.html",
        {"halaman": halaman, "boleh_tambah": boleh_isi(u)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ikrar_tambah(request: HttpRequest) -> HttpResponse:
    u = request.user
    wajib_isi(u)
    kegiatan = None
    if (pk := request.GET.get("kegiatan", "")).isdecimal():
        kegiatan = get_kegiatan_for_user(u, int(pk))
        wajib_isi(u, kegiatan.kabupaten_kota)
    return _form_ikrar(request, Ikrar(kabupaten_kota=u.kabupaten_kota, kegiatan=kegiatan))


@login_required
@require_http_methods(["GET", "POST"])
def ikrar_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    ikrar = _ikrar_for_user(request.user, pk)
    wajib_isi(request.user, ikrar.kabupaten_kota)
    return _form_ikrar(request, ikrar)


@login_required
@require_POST
def ikrar_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    ikrar = _ikrar_for_user(request.user, pk)
    services.ikrar_hapus(ikrar=ikrar, pengguna=request.user)
    messages.success(request, _("Ikrar %(ikrar)s dihapus.") % {"ikrar": ikrar})
    return redirect("kolaborasi:ikrar_daftar")


def _ikrar_for_user(pengguna, pk: int) -> Ikrar:
    return get_object_or_404(
        Ikrar.objects.untuk(pengguna).select_related("kabupaten_kota", "pemangku"), pk=pk
    )


def _form_ikrar(request: HttpRequest, ikrar: Ikrar) -> HttpResponse:
    baru, kegiatan = ikrar.pk is None, ikrar.kegiatan
    form = IkrarForm(isian_post(request), instance=ikrar, kabupaten_kota=ikrar.kabupaten_kota)
    if request.method == "POST" and form.is_valid():
        try:
            services.ikrar_simpan(ikrar=form.instance, pengguna=request.user)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, _("Ikrar %(ikrar)s disimpan.") % {"ikrar": form.instance})
            dari_daftar_kurang = baru and kegiatan is not None
            return redirect(
                "kolaborasi:pendanaan_kurang" if dari_daftar_kurang else "kolaborasi:ikrar_daftar"
            )
    return render(
        request, "kolaborasi/ikrar_form.html", {"form": form, "kegiatan": kegiatan, "ikrar": ikrar}
    )


# --- PKS register ------------------------------------------------------------------------------


def _register(request: HttpRequest):
    u = request.user
    filter_form = FilterPKSForm(request.GET or None, kabkota_qs=u.kabkota_terjangkau())
    semua = PerjanjianKerjaSama.objects.untuk(u)
    qs = (
        filter_form.saring(semua)
        .select_related("pemangku", "dilaporkan_pada", "kabupaten_kota")
        .prefetch_related("kegiatan", "lokasi")
        .order_by("-tanggal", "-pk")
    )
    belum = semua.exclude(status="draf").filter(dilaporkan_pada__isnull=True).count()
    return filter_form, qs, belum


@login_required
@require_GET
def pks_daftar(request: HttpRequest) -> HttpResponse:
    filter_form, qs, belum = _register(request)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    q = request.GET.copy()
    q.pop("halaman", None)
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "jumlah": halaman.paginator.count,
        "belum_dilaporkan": belum,
        "boleh_tambah": boleh_isi(request.user),
        "query_tanpa_halaman": q.urlencode(),
    }
    if request.htmx and request.htmx.target == "hasil-pks":
        return render(request, "kolaborasi/pks_daftar.html#hasil", konteks)
    return render(request, "kolaborasi/pks_daftar.html", konteks)


@login_required
@require_GET
def pks_xlsx(request: HttpRequest) -> HttpResponse:
    """Download the register as filtered, with the columns of the spec §2.7."""
    _filter, qs, _belum = _register(request)
    respons = HttpResponse(isi_xlsx(ekspor.buku_register(qs)), content_type=XLSX)
    nama = f"register-pks-{timezone.localdate():%Y%m%d}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@require_GET
def pks_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pks = get_pks_for_user(request.user, pk)
    u = request.user
    isi, putuskan = boleh_isi(u, pks.kabupaten_kota), boleh_putuskan(u, pks.kabupaten_kota)
    konteks = {
        "pks": pks,
        "kegiatan": pks.kegiatan.select_related("lokasi"),
        "lokasi": pks.lokasi.all(),
        "riwayat": riwayat.untuk(pks)[:RIWAYAT_TAMPIL],
        "boleh_ubah": isi and pks.status == "draf",
        "boleh_lapor": isi and pks.status != "draf",
        "status_form": (
            StatusPKSForm(pks=pks) if putuskan and kaidah.status_pks_berikut(pks.status) else None
        ),
        "dokumen_form": DokumenPKSForm(pks=pks) if isi else None,
        "lapor_form": (
            LaporPKSForm(pks=pks, pertemuan=services.pertemuan_pokja(pks))
            if isi and pks.status != "draf"
            else None
        ),
    }
    return render(request, "kolaborasi/pks_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def pks_tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    u = request.user
    pks = PerjanjianKerjaSama(kabupaten_kota=u.kabupaten_kota, pihak_pertama=_("Dinas Perkim"))
    return _form_pks(request, pks)


@login_required
@require_http_methods(["GET", "POST"])
def pks_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pks = get_pks_for_user(request.user, pk)
    wajib_isi(request.user, pks.kabupaten_kota)
    if pks.status != "draf":
        messages.error(
            request,
            _(
                "Data PKS yang sudah ditandatangani tidak diubah lagi: unggah dokumennya di "
                "halaman ini, dan catat addendum sebagai PKS baru."
            ),
        )
        return redirect(pks)
    return _form_pks(request, pks)


def _form_pks(request: HttpRequest, pks: PerjanjianKerjaSama) -> HttpResponse:
    form = PKSForm(
        isian_post(request), berkas_post(request), instance=pks,
        kabupaten_kota=pks.kabupaten_kota,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.pks_simpan(
                pks=form.instance,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
                kegiatan=form.cleaned_data["kegiatan"],
                lokasi=form.cleaned_data["lokasi"],
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, _("PKS %(nomor)s disimpan.") % {"nomor": pks.nomor})
            return redirect(pks)
    return render(request, "kolaborasi/pks_form.html", {"form": form, "pks": pks})


@login_required
@require_POST
def pks_status(request: HttpRequest, pk: int) -> HttpResponse:
    pks = get_pks_for_user(request.user, pk)
    wajib_putuskan(request.user, pks.kabupaten_kota)
    form = StatusPKSForm(request.POST, pks=pks)
    if not form.is_valid():
        _pesan_galat(request, form)
        return redirect(pks)
    try:
        services.pks_ubah_status(
            pks=pks, pengguna=request.user, status=form.cleaned_data["status"],
            versi_awal=form.cleaned_data["versi"],
        )  # fmt: skip
    except (riwayat.KonflikPerubahan, ValidationError) as e:
        messages.error(request, _teks(e))
    else:
        messages.success(request, _("Status PKS: %(s)s.") % {"s": pks.get_status_display()})
    return redirect(pks)


@login_required
@require_POST
def pks_lapor(request: HttpRequest, pk: int) -> HttpResponse:
    pks = get_pks_for_user(request.user, pk)
    wajib_isi(request.user, pks.kabupaten_kota)
    form = LaporPKSForm(request.POST, pks=pks, pertemuan=services.pertemuan_pokja(pks))
    if not form.is_valid():
        _pesan_galat(request, form)
        return redirect(pks)
    try:
        services.pks_lapor(
            pks=pks, pengguna=request.user, pertemuan=form.cleaned_data["pertemuan"],
            versi_awal=form.cleaned_data["versi"],
        )  # fmt: skip
    except (riwayat.KonflikPerubahan, ValidationError) as e:
        messages.error(request, _teks(e))
    else:
        messages.success(request, _("Pelaporan PKS ke Pokja PKP dicatat."))
    return redirect(pks)


@login_required
@require_POST
def pks_dokumen_unggah(request: HttpRequest, pk: int) -> HttpResponse:
    pks = get_pks_for_user(request.user, pk)
    wajib_isi(request.user, pks.kabupaten_kota)
    form = DokumenPKSForm(request.POST, request.FILES, pks=pks)
    if not form.is_valid():
        _pesan_galat(request, form)
        return redirect(pks)
    try:
        services.pks_unggah_dokumen(
            pks=pks, pengguna=request.user, dokumen=form.cleaned_data["dokumen"],
            versi_awal=form.cleaned_data["versi"],
        )  # fmt: skip
    except riwayat.KonflikPerubahan as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Dokumen PKS diunggah."))
    return redirect(pks)


@login_required
@require_GET
def pks_dokumen(request: HttpRequest, pk: int) -> FileResponse:
    pks = get_pks_for_user(request.user, pk)
    if not pks.dokumen:
        raise Http404(_("PKS ini belum punya dokumen."))
    try:
        handle = pks.dokumen.open("rb")
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
    respons = FileResponse(handle, as_attachment=True, filename=pks.dokumen.name.rsplit("/", 1)[-1])
    respons["Cache-Control"] = "private, max-age=3600"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


def _teks(e: Exception) -> str:
    return " ".join(e.messages) if isinstance(e, ValidationError) else str(e)


def _pesan_galat(request: HttpRequest, form) -> None:
    for nama, galat in form.errors.items():
        label = form.fields[nama].label if nama in form.fields else ""
        for pesan in galat:
            messages.error(request, f"{label}: {pesan}" if label else pesan)


def isian_post(request: HttpRequest):
    """The POST data, also when empty (`request.POST or None` would leave the form unbound)."""
    return request.POST if request.method == "POST" else None


def berkas_post(request: HttpRequest):
    return request.FILES if request.method == "POST" else None
