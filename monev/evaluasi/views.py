"""Pages of the annual evaluation: the list by year, the evaluation with tables E1–E7, its
narrative and recommendations, making it final, the PDF and the workbook."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kolaborasi.models import Kegiatan
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi import riwayat
from monev import akses
from monev.evaluasi import cetak, data, forms, services
from monev.evaluasi import xlsx as buku
from monev.models import EvaluasiTahunan, Rekomendasi


@login_required
@require_GET
def evaluasi_daftar(request: HttpRequest) -> HttpResponse:
    return _daftar(request, forms.BuatForm())


def _daftar(request: HttpRequest, form: forms.BuatForm, status: int = 200) -> HttpResponse:
    pengguna = request.user
    kabkota = pengguna.kabkota_terjangkau()
    evaluasi = list(
        EvaluasiTahunan.objects.filter(kabupaten_kota__in=kabkota)
        .select_related("kabupaten_kota", "diubah_oleh")
        .annotate(jumlah_rekomendasi=Count("rekomendasi"))
        .order_by("kabupaten_kota__nama", "-tahun")
    )
    ada = {(e.kabupaten_kota_id, e.tahun) for e in evaluasi}
    # Years with kegiatan but no evaluation yet: what the Pokja still owes.
    belum = [
        b
        for b in Kegiatan.objects.filter(kabupaten_kota__in=kabkota)
        .exclude(status="usulan")
        .values("kabupaten_kota_id", "kabupaten_kota__nama", "tahun")
        .annotate(jumlah=Count("pk"))
        .order_by("kabupaten_kota__nama", "-tahun")
        if (b["kabupaten_kota_id"], b["tahun"]) not in ada
    ]
    konteks = {
        "evaluasi": evaluasi,
        "belum": belum,
        "form": form,
        "boleh_isi": akses.boleh_isi(pengguna),
        "banyak_kota": len({e.kabupaten_kota_id for e in evaluasi}) > 1
        or pengguna.kabupaten_kota_id is None,
    }
    return render(request, "monev/evaluasi_daftar.html", konteks, status=status)


@login_required
@require_POST
def evaluasi_buat(request: HttpRequest) -> HttpResponse:
    akses.wajib_isi(request.user)
    form = forms.BuatForm(request.POST)
    if form.is_valid():
        try:
            evaluasi = services.evaluasi_buat(
                kabupaten_kota=request.user.kabupaten_kota,
                tahun=form.cleaned_data["tahun"],
                pengguna=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            pesan = _("Evaluasi tahunan %(tahun)s dibuat.") % {"tahun": evaluasi.tahun}
            messages.success(request, pesan)
            return redirect("monev:evaluasi_detail", evaluasi.pk)
    return _daftar(request, form, status=400)


@login_required
@require_GET
def evaluasi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, akses.get_evaluasi_for_user(request.user, pk))


def _detail(
    request: HttpRequest,
    evaluasi: EvaluasiTahunan,
    *,
    narasi_form: forms.NarasiForm | None = None,
    rekomendasi_form: forms.RekomendasiForm | None = None,
    status: int = 200,
) -> HttpResponse:
    pengguna = request.user
    draf = evaluasi.status == EvaluasiTahunan.Status.DRAF
    boleh_isi = draf and akses.boleh_isi(pengguna, evaluasi.kabupaten_kota)
    awal = {"versi": evaluasi.versi}
    if boleh_isi:
        narasi_form = narasi_form or forms.NarasiForm(instance=evaluasi, initial=awal)
        rekomendasi_form = rekomendasi_form or forms.RekomendasiForm(initial=awal)
    konteks = {
        "evaluasi": evaluasi,
        "data": data.data_evaluasi(evaluasi),
        "narasi": cetak.narasi(evaluasi),
        "narasi_form": narasi_form if boleh_isi else None,
        "rekomendasi_form": rekomendasi_form if boleh_isi else None,
        "boleh_isi": boleh_isi,
        "boleh_putuskan": draf and akses.boleh_putuskan(pengguna, evaluasi.kabupaten_kota),
        "riwayat": riwayat.untuk(evaluasi)[:20],
    }
    return render(request, "monev/evaluasi_detail.html", konteks, status=status)


def _ambil_untuk_isi(request: HttpRequest, pk: int) -> EvaluasiTahunan:
    evaluasi = akses.get_evaluasi_for_user(request.user, pk)
    akses.wajib_isi(request.user, evaluasi.kabupaten_kota)
    services.wajib_draf(evaluasi)
    return evaluasi


@login_required
@require_POST
def evaluasi_narasi(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = _ambil_untuk_isi(request, pk)
    form = forms.NarasiForm(request.POST, instance=EvaluasiTahunan.objects.get(pk=pk))
    if form.is_valid():
        try:
            services.narasi_simpan(
                evaluasi=evaluasi,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
                narasi={n: form.cleaned_data[n] for n in services.FIELDS_NARASI},
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Narasi evaluasi disimpan."))
            return redirect("monev:evaluasi_detail", pk)
    status = 409 if form.non_field_errors() else 400
    return _detail(request, evaluasi, narasi_form=form, status=status)


@login_required
@require_POST
def evaluasi_final(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = akses.get_evaluasi_for_user(request.user, pk)
    akses.wajib_putuskan(request.user, evaluasi.kabupaten_kota)
    form = forms.VersiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Versi evaluasi tidak terbaca; muat ulang halaman."))
        return redirect("monev:evaluasi_detail", pk)
    try:
        services.evaluasi_finalkan(
            evaluasi=evaluasi, pengguna=request.user, versi_awal=form.cleaned_data["versi"]
        )
    except riwayat.KonflikPerubahan as e:
        messages.error(request, str(e))
    else:
        pesan = _("Evaluasi tahunan %(tahun)s sudah final.") % {"tahun": evaluasi.tahun}
        messages.success(request, pesan)
    return redirect("monev:evaluasi_detail", pk)


@login_required
@require_POST
def rekomendasi_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = _ambil_untuk_isi(request, pk)
    form = forms.RekomendasiForm(request.POST, instance=Rekomendasi(evaluasi=evaluasi))
    if form.is_valid():
        try:
            services.rekomendasi_simpan(
                rekomendasi=form.instance,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Rekomendasi ditambahkan."))
            return redirect("monev:evaluasi_detail", pk)
    status = 409 if form.non_field_errors() else 400
    return _detail(request, evaluasi, rekomendasi_form=form, status=status)


def _rekomendasi(request: HttpRequest, pk: int, rpk: int) -> tuple[EvaluasiTahunan, Rekomendasi]:
    evaluasi = _ambil_untuk_isi(request, pk)
    return evaluasi, get_object_or_404(Rekomendasi, evaluasi=evaluasi, pk=rpk)


@login_required
@require_http_methods(["GET", "POST"])
def rekomendasi_ubah(request: HttpRequest, pk: int, rpk: int) -> HttpResponse:
    evaluasi, rekomendasi = _rekomendasi(request, pk, rpk)
    status = 200
    if request.method == "POST":
        form = forms.RekomendasiForm(request.POST, instance=rekomendasi)
        if form.is_valid():
            try:
                services.rekomendasi_simpan(
                    rekomendasi=form.instance,
                    pengguna=request.user,
                    versi_awal=form.cleaned_data["versi"],
                )
            except riwayat.KonflikPerubahan as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, _("Rekomendasi disimpan."))
                return redirect("monev:evaluasi_detail", pk)
        status = 409 if form.non_field_errors() else 400
    else:
        form = forms.RekomendasiForm(instance=rekomendasi, initial={"versi": evaluasi.versi})
    konteks = {"evaluasi": evaluasi, "rekomendasi": rekomendasi, "form": form}
    return render(request, "monev/evaluasi_rekomendasi.html", konteks, status=status)


@login_required
@require_POST
def rekomendasi_hapus(request: HttpRequest, pk: int, rpk: int) -> HttpResponse:
    _evaluasi, rekomendasi = _rekomendasi(request, pk, rpk)
    form = forms.VersiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Versi evaluasi tidak terbaca; muat ulang halaman."))
        return redirect("monev:evaluasi_detail", pk)
    try:
        services.rekomendasi_hapus(
            rekomendasi=rekomendasi, pengguna=request.user, versi_awal=form.cleaned_data["versi"]
        )
    except riwayat.KonflikPerubahan as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Rekomendasi dihapus."))
    return redirect("monev:evaluasi_detail", pk)


@login_required
@require_GET
def evaluasi_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = akses.get_evaluasi_for_user(request.user, pk)
    isi = cetak.isi_laporan(evaluasi, data.data_evaluasi(evaluasi))
    respons = HttpResponse(cetak.pdf_laporan(isi), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{isi.nama_berkas}.pdf"'
    return respons


@login_required
@require_GET
def evaluasi_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = akses.get_evaluasi_for_user(request.user, pk)
    isi = cetak.isi_laporan(evaluasi, data.data_evaluasi(evaluasi))
    respons = HttpResponse(isi_xlsx(buku.buku_evaluasi(isi)), content_type=XLSX)
    respons["Content-Disposition"] = f'attachment; filename="{isi.nama_berkas}.xlsx"'
    return respons
