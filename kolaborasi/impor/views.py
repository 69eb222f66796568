"""Import kegiatan from Excel: the template, and upload → check (→ save, all or nothing)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods

from kolaborasi import akses
from kolaborasi.impor.simpan import impor_kegiatan
from kolaborasi.impor.templat import buku_templat
from kumuh.xlsx import XLSX, isi_xlsx

BERKAS_MAKS_BYTE = 10 * 1024 * 1024
TAMPIL_MAKS = 200  # problems listed on the page


class UnggahForm(forms.Form):
    berkas = forms.FileField(label=_l("Berkas Excel (.xlsx)"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Unggah berkas .xlsx (Excel 2007 ke atas); berkas .xls simpan ulang dulu.")
            )
        if berkas.size > BERKAS_MAKS_BYTE:
            raise forms.ValidationError(_("Berkas lebih dari 10 MB."))
        return berkas


@login_required
@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    akses.wajib_isi(request.user)
    form = UnggahForm(request.POST or None, request.FILES or None)
    laporan = None
    if request.method == "POST" and form.is_valid():
        simpan = request.POST.get("aksi") == "simpan"
        laporan = impor_kegiatan(
            berkas=form.cleaned_data["berkas"],
            kabupaten_kota=request.user.kabupaten_kota,
            pengguna=request.user,
            simpan=simpan,
        )
        if laporan.tersimpan:
            messages.success(
                request,
                _("%(n)s kegiatan dengan %(e)s efek diimpor sebagai satu kesatuan.")
                % {"n": laporan.jumlah_kegiatan, "e": laporan.jumlah_efek},
            )
            return redirect("kolaborasi:kegiatan_daftar")
    konteks = {
        "form": form,
        "laporan": laporan,
        "masalah": laporan.masalah[:TAMPIL_MAKS] if laporan else [],
        "boleh_status": akses.boleh_putuskan(request.user),
    }
    return render(request, "kolaborasi/kegiatan_impor.html", konteks)


@login_required
@require_GET
def templat(request: HttpRequest) -> HttpResponse:
    respons = HttpResponse(isi_xlsx(buku_templat()), content_type=XLSX)
    respons["Content-Disposition"] = 'attachment; filename="templat-impor-kegiatan.xlsx"'
    return respons
