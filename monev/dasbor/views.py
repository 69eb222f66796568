"""The dashboard toward 0 ha: one read-only page for the cities the user may see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lokasi import riwayat
from lokasi.models import PERAN_KABKOTA
from monev.akses import boleh_putuskan
from monev.dasbor import grafik
from monev.dasbor.data import Dasbor, muat_dasbor
from monev.dasbor.forms import TargetForm
from monev.dasbor.target import target_simpan
from monev.models import TargetKota


def _grafik(d: Dasbor) -> dict[str, str]:
    """The charts as inline SVG (built by the pure kit, which escapes every label)."""
    hasil = {}
    if d.riwayat:
        hasil["tingkat"] = grafik.grafik_tingkat(
            d.tahun, d.tingkat, [[j.luas for j in baris] for _, baris in d.baris_tingkat]
        )
    if d.kini and d.kini.per_kecamatan:
        kec = sorted(d.kini.per_kecamatan.items())
        hasil["kecamatan"] = grafik.grafik_kecamatan([k for k, _ in kec], [j.luas for _, j in kec])
    if d.jumlah_kegiatan:
        hasil["kegiatan"] = grafik.grafik_kegiatan(
            [s for s, _ in d.kegiatan], [n for _, n in d.kegiatan]
        )
    if d.dana:
        hasil["dana"] = grafik.grafik_dana(
            [b.sumber for b in d.dana], [b.alokasi for b in d.dana], [b.realisasi for b in d.dana]
        )
    return {k: mark_safe(v) for k, v in hasil.items()}


TANDA_TAMPIL = 100
JENIS_TANDA = {
    "total": gettext_lazy("jumlah luas SK"),
    "unit": gettext_lazy("unit RT tidak cocok"),
    "acuan": gettext_lazy("luas acuan berbeda"),
    "kosong": gettext_lazy("isian kosong"),
    "kecamatan": gettext_lazy("tanpa kecamatan"),
    "survei": gettext_lazy("survei lebih baru dan lebih buruk"),
}


@login_required
@require_GET
def dasbor(request: HttpRequest) -> HttpResponse:
    terjangkau = list(request.user.kabkota_terjangkau().select_related("provinsi").order_by("nama"))
    kota = terjangkau
    pilihan = None
    if request.user.peran not in PERAN_KABKOTA and len(terjangkau) > 1:
        # Verifiers see their cities together, or one of them when they choose it.
        pilihan = terjangkau
        kode = request.GET.get("kabkota", "")
        kota = [k for k in terjangkau if str(k.pk) == kode] or terjangkau
    # Thousands of flags (a whole country re-surveyed) make an unreadable page of megabytes:
    # the counts per kind and the first ones (only those are read), all of them on request.
    semua_tanda = request.GET.get("tanda") == "semua"
    d = muat_dasbor(kota, timezone.localdate(), tanda_maks=None if semua_tanda else TANDA_TAMPIL)
    konteks = {
        "d": d,
        "tanda": d.tanda,
        "tanda_per_jenis": [
            (str(JENIS_TANDA.get(jenis, jenis)), n) for jenis, n in d.tanda_per_jenis
        ],
        "tanda_terpotong": len(d.tanda) < d.jumlah_tanda,
        "grafik": _grafik(d),
        "pilihan_kota": pilihan,
        "kota_dipilih": kota[0] if pilihan and len(kota) == 1 else None,
        "gabungan": len(kota) > 1,
        "boleh_target": len(kota) == 1 and boleh_putuskan(request.user, kota[0]),
    }
    return render(request, "monev/dasbor.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def target(request: HttpRequest) -> HttpResponse:
    """The city's targets toward 0 ha, per year: added and changed by the Pokja and admin."""
    kota = request.user.kabupaten_kota
    if kota is None or not boleh_putuskan(request.user, kota):
        raise PermissionDenied(
            _("Hanya Pokja PKP dan admin kabupaten/kota yang menetapkan target.")
        )
    daftar = list(TargetKota.objects.filter(kabupaten_kota=kota).order_by("tahun"))
    form_baru, form_ubah, status = TargetForm(prefix="baru"), {}, 200
    if request.method == "POST":
        pk = request.POST.get("target", "")
        if pk and not pk.isdecimal():
            raise Http404  # a tampered row id: no such target
        ada = get_object_or_404(TargetKota, pk=pk, kabupaten_kota=kota) if pk else None
        form = TargetForm(request.POST, instance=ada, prefix=f"t{pk}" if pk else "baru")
        if form.is_valid():
            d = form.cleaned_data
            try:
                target_simpan(
                    pengguna=request.user, kabupaten_kota=kota,
                    tahun=ada.tahun if ada else d["tahun"], luas_ha=d["luas_ha"],
                    lokasi=d["lokasi"], dasar=d["dasar"], target=ada, versi=d.get("versi"),
                )  # fmt: skip
            except riwayat.KonflikPerubahan as e:
                form.add_error(None, str(e))
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Target disimpan."))
                return redirect("monev:dasbor_target")
        status = 409 if form.non_field_errors() and ada else 400
        if ada:
            form_ubah[ada.pk] = form
        else:
            form_baru = form
    baris = [(t, form_ubah.get(t.pk) or TargetForm(instance=t, prefix=f"t{t.pk}")) for t in daftar]
    konteks = {"kota": kota, "baris": baris, "form_baru": form_baru}
    return render(request, "monev/dasbor_target.html", konteks, status=status)
