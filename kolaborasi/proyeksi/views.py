"""Pages of the projection and the memorandum program (read by every role in scope)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from kolaborasi.models import Kegiatan
from kolaborasi.proyeksi import memorandum as memo
from kolaborasi.proyeksi.forms import FilterMemorandumForm, FilterProyeksiForm
from kolaborasi.proyeksi.muat import muat_proyeksi
from kolaborasi.proyeksi.rumus_proyeksi import STATUS_DIHITUNG, rinci
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi.akses import get_lokasi_for_user
from lokasi.models import Pengguna


@login_required
@require_GET
def proyeksi(request: HttpRequest) -> HttpResponse:
    form = FilterProyeksiForm(request.GET or None, pengguna=request.user)
    saringan = form.saringan()
    hasil, _survei = muat_proyeksi(
        request.user,
        tahun_akhir=saringan.get("tahun_akhir"),
        kecamatan=saringan.get("kecamatan"),
        dengan_usulan=saringan.get("usulan", False),
    )
    konteks = {
        "filter_form": form,
        "saringan": saringan,
        "proyeksi": hasil,
        "rekap_kecamatan": hasil.rekap_kecamatan(),
        "jumlah": hasil.jumlah(),
        "rekap_tingkat": hasil.rekap_tingkat(),
        "status_dihitung": STATUS_DIHITUNG,
        "query": request.GET.urlencode(),
    }
    return render(request, "kolaborasi/proyeksi_daftar.html", konteks)


@login_required
@require_GET
def proyeksi_lokasi(request: HttpRequest, lokasi_pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_user(request.user, lokasi_pk)
    form = FilterProyeksiForm(request.GET or None, pengguna=request.user)
    saringan = form.saringan()
    hasil, survei = muat_proyeksi(
        request.user,
        lokasi=lokasi,
        tahun_akhir=saringan.get("tahun_akhir"),
        dengan_usulan=saringan.get("usulan", False),
    )
    p = hasil.lokasi[0] if hasil.lokasi else None
    konteks = {
        "lokasi": lokasi,
        "p": p,
        "tahun": hasil.tahun,
        "aspek": rinci(p) if p else [],
        "survei": survei.get(lokasi.pk),
        "saringan": saringan,
        "query": request.GET.urlencode(),
    }
    return render(request, "kolaborasi/proyeksi_lokasi.html", konteks)


def _memorandum(request: HttpRequest) -> tuple[FilterMemorandumForm, dict, int, list]:
    form = FilterMemorandumForm(request.GET or None, pengguna=request.user)
    saringan = form.saringan()
    tahun_awal = form.tahun_awal_dipakai()
    kegiatan = memo.kegiatan_memorandum(
        Kegiatan.objects.untuk(request.user),
        tahun_awal=tahun_awal,
        status=saringan.get("status", ""),
        kecamatan=saringan.get("kecamatan"),
    )
    return form, saringan, tahun_awal, memo.baris_memorandum(kegiatan)


@login_required
@require_GET
def memorandum(request: HttpRequest) -> HttpResponse:
    form, saringan, tahun_awal, baris = _memorandum(request)
    konteks = {
        "filter_form": form,
        "saringan": saringan,
        "tahun_awal": tahun_awal,
        "tahun": [tahun_awal + i for i in range(memo.JUMLAH_TAHUN)],
        "baris": baris,
        "jumlah": memo.jumlah(baris, tahun_awal),
        "sumber": memo.aturan.SUMBER_DANA,
        "query": request.GET.urlencode(),
    }
    return render(request, "kolaborasi/memorandum_daftar.html", konteks)


@login_required
@require_GET
def memorandum_excel(request: HttpRequest) -> HttpResponse:
    _form, saringan, tahun_awal, baris = _memorandum(request)
    wilayah = _wilayah(request.user)
    catatan = []
    if saringan.get("status"):
        catatan.append(f"status {memo.aturan.STATUS_KEGIATAN[saringan['status']]}")
    if saringan.get("kecamatan"):
        catatan.append(f"kecamatan {saringan['kecamatan'].nama}")
    buku = memo.buku_memorandum(
        baris,
        tahun_awal=tahun_awal,
        judul=f"MEMORANDUM PROGRAM PENANGANAN PERMUKIMAN KUMUH {wilayah.upper()}",
        subjudul=f"Tahun {tahun_awal}–{tahun_awal + memo.JUMLAH_TAHUN - 1}",
        catatan="Saringan: " + "; ".join(catatan) if catatan else "",
    )
    respons = HttpResponse(isi_xlsx(buku), content_type=XLSX)
    nama = f"memorandum-program-{slugify(wilayah)}-{tahun_awal}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def _wilayah(pengguna: Pengguna) -> str:
    """Name the area: the user's kab/kota, else "semua kabupaten/kota" for a verifier."""
    return str(pengguna.kabupaten_kota) if pengguna.kabupaten_kota_id else "semua kabupaten/kota"
