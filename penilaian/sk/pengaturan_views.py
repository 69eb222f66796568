"""The page of a kab/kota's SK settings: Mengingat and Memperhatikan line by line, the opening
phrase, the head's title, the OPD's name and the Buku Profil's citations.

Plain forms and POST-redirect-GET: every button works without JavaScript. Only the Dinas admin
and the Pokja PKP of the kab/kota (who manage its SK) open it; it always shows the user's own
kab/kota, so no other region's settings are addressable.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lokasi import riwayat
from lokasi.models import KabupatenKota
from penilaian.akses import wajib_kelola_sk_kota
from penilaian.models import DAFTAR_PENGATURAN, PengaturanSK
from penilaian.sk import pengaturan as services_pengaturan


class PengaturanForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PengaturanSK
        fields = services_pengaturan.FIELD_PENGATURAN

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["versi"].initial = self.instance.versi


def _kabkota(request: HttpRequest) -> KabupatenKota:
    kabkota = request.user.kabupaten_kota
    if kabkota is None:
        raise PermissionDenied(_("Pengguna ini tidak terikat pada kabupaten/kota."))
    wajib_kelola_sk_kota(request.user, kabkota)
    return kabkota


def _halaman(request, pengaturan, *, form=None, galat=None, status=200) -> HttpResponse:
    """galat: (daftar, pesan, teks yang diketik) of a refused line change."""
    daftar = [
        (nama, str(pengaturan._meta.get_field(nama).verbose_name).capitalize(), baris)
        for nama in DAFTAR_PENGATURAN
        for baris in [getattr(pengaturan, nama)]
    ]
    konteks = {
        "pengaturan": pengaturan,
        "form": form or PengaturanForm(instance=pengaturan),
        "daftar": daftar,
        "galat": galat,
        "riwayat": riwayat.untuk(pengaturan),
    }
    return render(request, "penilaian/sk/pengaturan.html", konteks, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request: HttpRequest) -> HttpResponse:
    kabkota = _kabkota(request)
    p = PengaturanSK.untuk(kabkota)
    if request.method == "GET":
        return _halaman(request, p)
    form = PengaturanForm(request.POST, instance=PengaturanSK.objects.get(pk=p.pk))
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in services_pengaturan.FIELD_PENGATURAN}
        try:
            services_pengaturan.pengaturan_simpan(
                kabkota=kabkota, pengguna=request.user, data=data, versi=form.cleaned_data["versi"]
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Pengaturan SK disimpan."))
            return redirect("penilaian:sk_pengaturan")
    return _halaman(request, PengaturanSK.untuk(kabkota), form=form, status=400)


def _angka(teks: str | None) -> int | None:
    try:
        return int(teks or "")
    except ValueError:
        return None


@login_required
@require_POST
def ubah_daftar(request: HttpRequest, daftar: str) -> HttpResponse:
    kabkota = _kabkota(request)
    if daftar not in DAFTAR_PENGATURAN:
        raise Http404
    aksi = request.POST.get("aksi", "")
    teks = request.POST.get("teks", "")
    try:
        if aksi == "pulihkan":
            services_pengaturan.daftar_pulihkan(
                kabkota=kabkota,
                pengguna=request.user,
                daftar=daftar,
                versi=_angka(request.POST.get("versi")),
            )
        else:
            services_pengaturan.daftar_ubah(
                kabkota=kabkota,
                pengguna=request.user,
                daftar=daftar,
                aksi=aksi,
                versi=_angka(request.POST.get("versi")),
                indeks=_angka(request.POST.get("indeks")),
                teks=teks,
            )
    except (riwayat.KonflikPerubahan, ValidationError) as e:
        pesan = str(e) if isinstance(e, riwayat.KonflikPerubahan) else " ".join(e.messages)
        galat = (daftar, pesan, teks, _angka(request.POST.get("indeks")))
        return _halaman(request, PengaturanSK.untuk(kabkota), galat=galat, status=400)
    return redirect(f"{reverse('penilaian:sk_pengaturan')}#{daftar}")


urlpatterns = [
    path("", pengaturan, name="sk_pengaturan"),
    path("<str:daftar>/", ubah_daftar, name="sk_pengaturan_daftar"),
]
