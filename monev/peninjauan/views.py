"""Pages of the peninjauan ulang: the list of issued SKs and their reviews, a review's recap,
Tabel 5 per lokasi with its drill-down, and the files (PDF, Excel; per lokasi and the book)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumuh.xlsx import XLSX
from monev.akses import boleh_putuskan, get_peninjauan_for_user, wajib_putuskan
from monev.peninjauan import cetak, services
from monev.peninjauan.forms import PengaturanForm, PeninjauanBuatForm
from monev.peninjauan.muat import HasilLokasi, Rekap, muat_peninjauan
from monev.peninjauan.xlsx import xlsx_tabel5
from penilaian.akses import boleh_kelola_sk_kota
from penilaian.models import SK
from penilaian.sk import services as services_sk

PDF = "application/pdf"


def _berkas(isi: bytes, jenis: str, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@require_GET
def peninjauan_daftar(request: HttpRequest) -> HttpResponse:
    sk = (
        SK.objects.untuk(request.user)
        .filter(status=SK.Status.DITETAPKAN)
        .select_related("kabupaten_kota")
        .prefetch_related("peninjauan_ulang", "penggantian")
        .order_by("-tanggal", "-pk")
    )
    hari_ini = timezone.localdate()
    baris = []
    for s in sk:
        tempo = services.jatuh_tempo(s)
        # Overdue: the five years have passed and no review was started.
        # A revoked or amended SK is not due any more: the SK replacing it is.
        lewat = (
            tempo is not None
            and tempo <= hari_ini
            and not s.peninjauan_ulang.all()
            and s.pengganti is None
        )
        baris.append({"sk": s, "jatuh_tempo": tempo, "lewat": lewat})
    konteks = {
        "baris": baris,
        "boleh_putuskan": boleh_putuskan(request.user),
        "form": PeninjauanBuatForm(pengguna=request.user),
    }
    return render(request, "monev/peninjauan_daftar.html", konteks)


@login_required
@require_POST
def peninjauan_buat(request: HttpRequest) -> HttpResponse:
    wajib_putuskan(request.user)
    form = PeninjauanBuatForm(request.POST, pengguna=request.user)
    if form.is_valid():
        try:
            p = services.peninjauan_buat(
                sk=form.cleaned_data["sk"], pengguna=request.user, tahun=form.cleaned_data["tahun"]
            )
        except ValidationError as e:
            for pesan in e.messages:
                form.add_error(None, pesan)
        else:
            messages.success(request, _("Peninjauan ulang %(t)s dibuat.") % {"t": p.tahun})
            return redirect("monev:peninjauan_detail", pk=p.pk)
    for pesan in [p for ps in form.errors.values() for p in ps]:
        messages.error(request, pesan)
    return redirect("monev:peninjauan_daftar")


@login_required
@require_GET
def peninjauan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    peninjauan = get_peninjauan_for_user(request.user, pk)
    rekap = muat_peninjauan(peninjauan)
    boleh = boleh_putuskan(request.user, peninjauan.kabupaten_kota)
    konteks = {
        "p": peninjauan,
        "rekap": rekap,
        "boleh_putuskan": boleh,
        "boleh_keputusan": boleh_kelola_sk_kota(request.user, peninjauan.kabupaten_kota),
        "keputusan": _keputusan(peninjauan),
        "form_pengaturan": PengaturanForm(instance=rekap.pengaturan) if boleh else None,
        "catatan_kaki": cetak.catatan_kaki(rekap.pengaturan),
    }
    return render(request, "monev/peninjauan_detail.html", konteks)


def _keputusan(peninjauan) -> dict | None:
    """The review's draft Keputusan with its KEEMPAT figures, and the lokasi whose re-survey
    awaits pusat verification (the draft still lists them with the survey the old SK froze)."""
    sk = peninjauan.keputusan
    if sk is None:
        return None
    if sk.status == SK.Status.DITETAPKAN:
        return {"sk": sk, "isi": services_sk.isi_sk(sk), "daftar": None}
    daftar = services_sk.daftar_sk(sk)
    isi = services_sk.isi_sk(sk, lokasi=services_sk.lokasi_sk(sk, daftar))
    return {"sk": sk, "isi": isi, "daftar": daftar}


@login_required
@require_POST
def peninjauan_keputusan(request: HttpRequest, pk: int) -> HttpResponse:
    peninjauan = get_peninjauan_for_user(request.user, pk)
    try:
        sk = services.keputusan_buat(peninjauan=peninjauan, pengguna=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("monev:peninjauan_detail", pk=pk)
    messages.success(
        request,
        _("Draf Keputusan hasil peninjauan ulang siap. Lengkapi nomor, tanggal dan penandatangan."),
    )
    return redirect(sk)


@login_required
@require_POST
def peninjauan_pengaturan(request: HttpRequest, pk: int) -> HttpResponse:
    peninjauan = get_peninjauan_for_user(request.user, pk)
    form = PengaturanForm(request.POST)
    if form.is_valid():
        services.pengaturan_simpan(
            pengguna=request.user,
            kabupaten_kota=peninjauan.kabupaten_kota,
            bacaan_kontribusi=form.cleaned_data["bacaan_kontribusi"],
            catatan_kaki=form.cleaned_data["catatan_kaki"],
        )
        messages.success(request, _("Bacaan kontribusi penanganan disimpan."))
    else:
        wajib_putuskan(request.user, peninjauan.kabupaten_kota)
        messages.error(request, _("Pilihan bacaan tidak dikenal."))
    return redirect("monev:peninjauan_detail", pk=pk)


@login_required
@require_POST
def peninjauan_selesai(request: HttpRequest, pk: int) -> HttpResponse:
    peninjauan = get_peninjauan_for_user(request.user, pk)
    try:
        services.peninjauan_selesai(peninjauan=peninjauan, pengguna=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Peninjauan ulang dinyatakan selesai."))
    return redirect("monev:peninjauan_detail", pk=pk)


def _satu_lokasi(request: HttpRequest, pk: int, lokasi_pk: int) -> tuple[Rekap, HasilLokasi]:
    peninjauan = get_peninjauan_for_user(request.user, pk)
    rekap = muat_peninjauan(peninjauan, lokasi_pk=lokasi_pk)
    if not rekap.lokasi:
        raise Http404
    return rekap, rekap.lokasi[0]


@login_required
@require_GET
def peninjauan_lokasi(request: HttpRequest, pk: int, lokasi_pk: int) -> HttpResponse:
    rekap, h = _satu_lokasi(request, pk, lokasi_pk)
    konteks = {
        "p": rekap.peninjauan,
        "peninjauan": rekap.peninjauan,
        "h": h,
        "catatan_kaki": cetak.catatan_kaki(rekap.pengaturan),
    }
    return render(request, "monev/peninjauan_lokasi.html", konteks)


@login_required
@require_GET
def peninjauan_lokasi_pdf(request: HttpRequest, pk: int, lokasi_pk: int) -> HttpResponse:
    rekap, h = _satu_lokasi(request, pk, lokasi_pk)
    return _berkas(cetak.pdf_tabel5(rekap, h), PDF, cetak.nama_berkas(rekap, "pdf", h))


@login_required
@require_GET
def peninjauan_lokasi_xlsx(request: HttpRequest, pk: int, lokasi_pk: int) -> HttpResponse:
    rekap, h = _satu_lokasi(request, pk, lokasi_pk)
    return _berkas(xlsx_tabel5(rekap, (h,)), XLSX, cetak.nama_berkas(rekap, "xlsx", h))


def _buku(request: HttpRequest, pk: int) -> Rekap:
    rekap = muat_peninjauan(get_peninjauan_for_user(request.user, pk))
    if not rekap.lokasi:
        raise Http404
    return rekap


@login_required
@require_GET
def peninjauan_buku_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    rekap = _buku(request, pk)
    return _berkas(cetak.pdf_buku(rekap), PDF, cetak.nama_berkas(rekap, "pdf"))


@login_required
@require_GET
def peninjauan_buku_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    rekap = _buku(request, pk)
    return _berkas(xlsx_tabel5(rekap), XLSX, cetak.nama_berkas(rekap, "xlsx"))
