"""The city's choice to publish, edited by its Dinas admin or Pokja (`boleh_putuskan`): a city
edits only its own (the page has no city in its URL; verifiers have none)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lokasi import riwayat
from lokasi.models import Pengguna
from monev.akses import wajib_putuskan
from monev.models import PublikasiKota
from monev.publik.tugas import minta_siapkan

FIELD = ["terbit", "pengantar"]


class PublikasiForm(forms.ModelForm):
    class Meta:
        model = PublikasiKota
        fields = FIELD
        widgets = {"pengantar": forms.Textarea(attrs={"rows": 4})}


@transaction.atomic
def publikasi_simpan(*, publikasi: PublikasiKota, pengguna: Pengguna) -> PublikasiKota:
    """Save the city's publication setting with an entry in its history."""
    wajib_putuskan(pengguna, publikasi.kabupaten_kota)
    sebelum = (
        riwayat.potret(PublikasiKota.objects.get(pk=publikasi.pk), FIELD) if publikasi.pk else {}
    )
    publikasi.diubah_oleh = pengguna
    publikasi.save()
    riwayat.catat(
        obj=publikasi, pengguna=pengguna, tindakan="diubah" if sebelum else "dibuat",
        sebelum=sebelum, sesudah=riwayat.potret(publikasi, FIELD),
    )  # fmt: skip
    if publikasi.terbit:
        minta_siapkan(publikasi.kabupaten_kota_id)
    return publikasi


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request: HttpRequest) -> HttpResponse:
    kota = request.user.kabupaten_kota
    wajib_putuskan(request.user, kota)
    publikasi = PublikasiKota.objects.filter(kabupaten_kota=kota).first() or PublikasiKota(
        kabupaten_kota=kota
    )
    form = PublikasiForm(request.POST or None, instance=publikasi)
    if request.method == "POST" and form.is_valid():
        publikasi_simpan(publikasi=form.instance, pengguna=request.user)
        if form.instance.terbit:
            messages.success(request, _("Halaman publik %(kota)s diterbitkan.") % {"kota": kota})
        else:
            messages.success(
                request, _("Halaman publik %(kota)s tidak diterbitkan.") % {"kota": kota}
            )
        return redirect("monev:publik_pengaturan")
    return render(
        request, "publik/pengaturan.html", {"form": form, "kabkota": kota, "publikasi": publikasi}
    )
