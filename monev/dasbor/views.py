"""The dashboard toward 0 ha: one read-only page for the cities the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from lokasi.models import PERAN_KABKOTA
from monev.dasbor import grafik
from monev.dasbor.data import Dasbor, muat_dasbor


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
    d = muat_dasbor(kota, timezone.localdate())
    konteks = {
        "d": d,
        "grafik": _grafik(d),
        "pilihan_kota": pilihan,
        "kota_dipilih": kota[0] if pilihan and len(kota) == 1 else None,
        "gabungan": len(kota) > 1,
    }
    return render(request, "monev/dasbor.html", konteks)
