"""The SK penetapan lokasi pages: list, draft page with its forms, files in the background."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumuh import pdf
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi import riwayat
from lokasi.models import Lokasi
from penilaian.akses import boleh_buat_sk, boleh_kelola_sk, get_sk_for_user, wajib_kelola_sk
from penilaian.models import SK, EksporSK, VerifikasiSK
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import services as services_sk
from penilaian.sk.forms import PengecualianForm, SKBaruForm, SKForm, VerifikasiForm
from penilaian.sk.xlsx import buku_sk


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    sk = (
        SK.objects.untuk(request.user)
        .select_related("kabupaten_kota", "menggantikan")
        .prefetch_related("penggantian")
    )
    baru = SKBaruForm(pengguna=request.user) if boleh_buat_sk(request.user) else None
    return render(request, "penilaian/sk_daftar.html", {"daftar_sk": sk, "baru_form": baru})


@login_required
@require_POST
def buat(request: HttpRequest) -> HttpResponse:
    form = SKBaruForm(request.POST, pengguna=request.user)
    if not form.is_valid():
        for nama, galat in form.errors.items():
            label = form.fields[nama].label if nama in form.fields else _("SK")
            for pesan in galat:
                messages.error(request, f"{label}: {pesan}")
        return redirect("penilaian:sk_daftar")
    try:
        sk = services_sk.sk_buat(
            pengguna=request.user,
            tahun=form.cleaned_data["tahun"],
            menggantikan=form.cleaned_data["menggantikan"],
            hubungan=form.cleaned_data["hubungan"] or SK.Hubungan.MENCABUT,
            token=form.cleaned_data["token"],
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect("penilaian:sk_daftar")
    messages.success(request, _("Draf SK dibuat. Lengkapi nomor, tanggal dan penandatangan."))
    return redirect(sk)


def _konteks(request: HttpRequest, sk: SK, **form) -> dict:
    boleh = boleh_kelola_sk(request.user, sk)
    verifikasi = {v.tim: v for v in sk.verifikasi.all()}
    konteks = {
        "sk": sk,
        "boleh_ubah": boleh,
        "riwayat": riwayat.untuk(sk),
        **_konteks_berkas(sk),
        "form": form.get("form") or (SKForm(instance=sk) if boleh else None),
        "verifikasi_form": [
            (
                tim,
                label,
                form.get(f"verifikasi_{tim}")
                or VerifikasiForm(
                    instance=verifikasi.get(tim) or VerifikasiSK(sk=sk, tim=tim), prefix=tim
                ),
            )
            for tim, label in VerifikasiSK.Tim.choices
        ]
        if boleh
        else [],
        "verifikasi": [verifikasi.get(tim) for tim, _label in VerifikasiSK.Tim.choices],
    }
    if sk.status == SK.Status.DRAF:
        daftar = services_sk.daftar_sk(sk)
        konteks["daftar"] = daftar
        konteks["isi"] = services_sk.isi_sk(sk, lokasi=services_sk.lokasi_sk(sk, daftar))
    else:
        konteks["isi"] = services_sk.isi_sk(sk)
    return konteks


def _konteks_berkas(sk: SK) -> dict:
    ekspor = _ekspor_terbaru(sk)
    # A job whose worker died shows as failed, with its button to ask again, not as progress.
    services_sk.ekspor_tandai_terputus(sk=sk, terbaca=ekspor)
    # While a job runs the panel polls itself; the answer without one stops the polling.
    return {
        "ekspor": ekspor,
        "ekspor_aktif": any(e.aktif for e in ekspor),
        "bagian": sk_cetak.bagian_sk(sk.dengan_buku_profil),
    }


def _ekspor_terbaru(sk: SK) -> list[EksporSK]:
    """The latest job per (bagian, format), newest first."""
    terbaru: dict[tuple[str, str], EksporSK] = {}
    # Files of an earlier version (or of the draft, once issued) are not offered as this one's.
    for e in sk.ekspor.filter(sk_versi=sk.versi).select_related("dibuat_oleh")[:50]:
        terbaru.setdefault((e.bagian, e.format), e)
    return list(terbaru.values())


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    prefetch_related_objects([sk], "penggantian")  # "dicabut/diubah oleh …"
    # Whoever opens the SK page is likely to ask for its PDFs: start the render workers now
    # (in the background; a no-op when they run), so the first file does not wait for them.
    pdf.panaskan()
    return render(request, "penilaian/sk_detail.html", _konteks(request, sk))


@login_required
@require_POST
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    wajib_kelola_sk(request.user, sk)
    form = SKForm(request.POST, instance=SK.objects.get(pk=sk.pk))
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in services_sk.FIELD_SK}
        try:
            services_sk.sk_simpan(
                sk=sk, pengguna=request.user, data=data, versi=form.cleaned_data["versi"]
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Data SK disimpan."))
            return redirect(sk)
    konteks = _konteks(request, sk, form=form)
    return render(request, "penilaian/sk_detail.html", konteks, status=400)


@login_required
@require_POST
def verifikasi(request: HttpRequest, pk: int, tim: str) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    wajib_kelola_sk(request.user, sk)
    if tim not in VerifikasiSK.Tim.values:
        raise Http404
    form = VerifikasiForm(request.POST, prefix=tim)
    status = 400
    if form.is_valid():
        try:
            services_sk.verifikasi_simpan(
                sk=sk,
                pengguna=request.user,
                tim=tim,
                data=form.cleaned_data,
                versi=form.cleaned_data["versi"],
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
            status = 409
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Blok verifikasi disimpan."))
            return redirect(f"{sk.get_absolute_url()}#verifikasi")
    konteks = _konteks(request, sk, **{f"verifikasi_{tim}": form})
    return render(request, "penilaian/sk_detail.html", konteks, status=status)


def _lokasi_sk(sk: SK, pk: int) -> Lokasi:
    return get_object_or_404(Lokasi.objects.filter(kabupaten_kota=sk.kabupaten_kota), pk=pk)


@login_required
@require_POST
def kecualikan(request: HttpRequest, pk: int) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    wajib_kelola_sk(request.user, sk)
    form = PengecualianForm(request.POST)
    if not form.is_valid():
        for galat in form.errors.get("alasan", []):
            messages.error(request, _("Alasan dikecualikan: %(galat)s") % {"galat": galat})
        return redirect(f"{sk.get_absolute_url()}#lokasi")
    lokasi = _lokasi_sk(sk, form.cleaned_data["lokasi"])
    try:
        services_sk.sk_kecualikan(
            sk=sk, pengguna=request.user, lokasi=lokasi, alasan=form.cleaned_data["alasan"]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(lokasi)s dikecualikan dari SK.") % {"lokasi": lokasi})
    return redirect(f"{sk.get_absolute_url()}#lokasi")


@login_required
@require_POST
def sertakan(request: HttpRequest, pk: int, lokasi_pk: int) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    wajib_kelola_sk(request.user, sk)
    lokasi = _lokasi_sk(sk, lokasi_pk)
    try:
        services_sk.sk_sertakan(sk=sk, pengguna=request.user, lokasi=lokasi)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(lokasi)s disertakan kembali.") % {"lokasi": lokasi})
    return redirect(f"{sk.get_absolute_url()}#lokasi")


@login_required
@require_POST
def tetapkan(request: HttpRequest, pk: int) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    wajib_kelola_sk(request.user, sk)
    try:
        versi = int(request.POST.get("versi", ""))
    except ValueError:
        versi = -1
    try:
        services_sk.sk_tetapkan(sk=sk, pengguna=request.user, versi=versi)
    except riwayat.KonflikPerubahan as e:
        messages.error(request, str(e))
    except ValidationError as e:
        messages.error(
            request, _("SK belum dapat ditetapkan: %(alasan)s") % {"alasan": " ".join(e.messages)}
        )
    else:
        messages.success(
            request, _("SK ditetapkan. Data lokasinya kini beku dan tidak berubah lagi.")
        )
    return redirect(sk)


# --- files -----------------------------------------------------------------------------------


@login_required
@require_GET
def excel(request: HttpRequest, pk: int) -> HttpResponse:
    sk = get_sk_for_user(request.user, pk)
    respons = HttpResponse(isi_xlsx(buku_sk(services_sk.isi_sk(sk))), content_type=XLSX)
    nama = services_sk.nama_berkas(sk, "lampiran1", "xlsx")
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@require_http_methods(["GET", "POST"])
def ekspor(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the jobs panel (polled by htmx while a job runs). POST: ask for a file."""
    sk = get_sk_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services_sk.ekspor_minta(
                sk=sk,
                pengguna=request.user,
                bagian=request.POST.get("bagian", ""),
                format=request.POST.get("format", "pdf"),
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        if not request.htmx:
            return redirect(f"{sk.get_absolute_url()}#berkas")
    konteks = {"sk": sk, **_konteks_berkas(sk)}
    return render(request, "penilaian/sk_detail.html#berkas", konteks)


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int, ekspor_pk: int) -> FileResponse:
    sk = get_sk_for_user(request.user, pk)
    ekspor = get_object_or_404(sk.ekspor.filter(status=EksporSK.Status.SELESAI), pk=ekspor_pk)
    if not ekspor.berkas:
        raise Http404
    jenis = services_sk.FORMAT_EKSPOR[ekspor.format]
    return FileResponse(
        ekspor.berkas.open("rb"),
        as_attachment=True,
        filename=services_sk.nama_berkas(sk, ekspor.bagian, ekspor.format, draf=ekspor.draf),
        content_type=jenis,
    )
