"""Pages of the stakeholder registry, the Pokja/Forum PKP and their meetings (thin views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kolaborasi.akses import (
    boleh_isi,
    boleh_putuskan,
    get_lembaga_for_user,
    get_pemangku_for_user,
    get_pertemuan_for_user,
    wajib_isi,
    wajib_putuskan,
)
from kolaborasi.models import (
    Keanggotaan,
    Kehadiran,
    KeputusanPertemuan,
    LampiranPertemuan,
    LembagaPKP,
    PemangkuKepentingan,
    Pertemuan,
)
from kolaborasi.pemangku import cetak, forms, jadwal, services
from kolaborasi.pemangku.pemantauan import jadwal_monitoring
from lokasi import riwayat

PER_HALAMAN = 25
RIWAYAT_TAMPIL = 30


def _query_tanpa(request: HttpRequest, kunci: str) -> str:
    q = request.GET.copy()
    q.pop(kunci, None)
    return q.urlencode()


def _pesan_galat(request: HttpRequest, form) -> None:
    for nama, galat in form.errors.items():
        label = form.fields[nama].label if nama in form.fields else ""
        for pesan in galat:
            messages.error(request, f"{label}: {pesan}" if label else pesan)


def _kirim(berkas, *, lampiran: bool) -> FileResponse:
    try:
        handle = berkas.open("rb")
    except (FileNotFoundError, ValueError) as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
    respons = FileResponse(handle, as_attachment=lampiran, filename=berkas.name.rsplit("/", 1)[-1])
    respons["Cache-Control"] = "private, max-age=3600"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


# --- pemangku kepentingan -----------------------------------------------------------------------


@login_required
@require_GET
def pemangku_daftar(request: HttpRequest) -> HttpResponse:
    filter_form = forms.FilterPemangkuForm(request.GET or None)
    qs = filter_form.saring(PemangkuKepentingan.objects.untuk(request.user))
    qs = qs.select_related("kabupaten_kota").annotate(n_lembaga=Count("keanggotaan"))
    halaman = Paginator(qs.order_by("nama", "pk"), PER_HALAMAN).get_page(request.GET.get("halaman"))
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "jumlah": halaman.paginator.count,
        "boleh_tambah": boleh_isi(request.user),
        # Verifiers see several cities: each row then names its own.
        "banyak_kota": request.user.kabupaten_kota_id is None,
        "query_tanpa_halaman": _query_tanpa(request, "halaman"),
    }
    if request.htmx and request.htmx.target == "hasil-pemangku":
        return render(request, "kolaborasi/pemangku_daftar.html#hasil", konteks)
    return render(request, "kolaborasi/pemangku_daftar.html", konteks)


@login_required
@require_GET
def pemangku_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pemangku = get_pemangku_for_user(request.user, pk)
    konteks = {
        "pemangku": pemangku,
        "keanggotaan": pemangku.keanggotaan.select_related("lembaga"),
        "riwayat": riwayat.untuk(pemangku)[:RIWAYAT_TAMPIL],
        "boleh_ubah": boleh_isi(request.user, pemangku.kabupaten_kota),
    }
    return render(request, "kolaborasi/pemangku_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def pemangku_tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    return _form_pemangku(request, PemangkuKepentingan(kabupaten_kota=request.user.kabupaten_kota))


@login_required
@require_http_methods(["GET", "POST"])
def pemangku_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pemangku = get_pemangku_for_user(request.user, pk)
    wajib_isi(request.user, pemangku.kabupaten_kota)
    return _form_pemangku(request, pemangku)


def _form_pemangku(request: HttpRequest, pemangku: PemangkuKepentingan) -> HttpResponse:
    form = forms.PemangkuForm(request.POST or None, instance=pemangku)
    if request.method == "POST" and form.is_valid():
        try:
            services.pemangku_simpan(
                pemangku=form.instance,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
            )
        except (riwayat.KonflikPerubahan, ValidationError) as e:
            form.add_error(None, e if isinstance(e, ValidationError) else str(e))
        else:
            messages.success(request, _("%(nama)s disimpan.") % {"nama": pemangku.nama})
            return redirect(pemangku)
    return render(request, "kolaborasi/pemangku_form.html", {"form": form, "pemangku": pemangku})


# --- Pokja PKP and Forum PKP --------------------------------------------------------------------


@login_required
@require_GET
def lembaga_daftar(request: HttpRequest) -> HttpResponse:
    lembaga = (
        LembagaPKP.objects.untuk(request.user)
        .select_related("kabupaten_kota")
        .annotate(n_anggota=Count("anggota"))
        .order_by("kabupaten_kota__nama", "jenis", "-tanggal_sk", "pk")
    )
    hari_ini = timezone.localdate()
    # One query for every city's last monitoring meeting (a verifier sees many cities).
    terakhir = dict(
        Pertemuan.objects.untuk(request.user)
        .filter(jenis="pokja_monitoring")
        .values_list("kabupaten_kota")
        .annotate(t=Max("tanggal"))
    )
    baris = []
    for item in lembaga:
        baris.append(
            {
                "lembaga": item,
                "rencana": _status_rencana(item, hari_ini),
                "monitoring": jadwal.jadwal_monitoring(
                    terakhir.get(item.kabupaten_kota_id), hari_ini
                )
                if item.jenis == LembagaPKP.Jenis.POKJA
                else None,
            }
        )
    konteks = {"baris": baris, "boleh_tambah": boleh_putuskan(request.user)}
    return render(request, "kolaborasi/lembaga_daftar.html", konteks)


def _status_rencana(lembaga: LembagaPKP, hari_ini) -> jadwal.StatusRencana | None:
    if lembaga.rencana_selesai is None:
        return None
    return jadwal.status_rencana(lembaga.rencana_selesai, hari_ini)


@login_required
@require_GET
def lembaga_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lembaga = get_lembaga_for_user(request.user, pk)
    boleh = boleh_putuskan(request.user, lembaga.kabupaten_kota)
    konteks = {
        "lembaga": lembaga,
        "anggota": lembaga.anggota.select_related("pemangku"),
        "pertemuan": lembaga.pertemuan.all()[:10],
        "rencana": _status_rencana(lembaga, timezone.localdate()),
        "monitoring": jadwal_monitoring(lembaga.kabupaten_kota)
        if lembaga.jenis == LembagaPKP.Jenis.POKJA
        else None,
        "riwayat": riwayat.untuk(lembaga)[:RIWAYAT_TAMPIL],
        "boleh_ubah": boleh,
        "anggota_form": forms.AnggotaForm(lembaga=lembaga) if boleh else None,
    }
    return render(request, "kolaborasi/lembaga_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def lembaga_tambah(request: HttpRequest) -> HttpResponse:
    wajib_putuskan(request.user)
    lembaga = LembagaPKP(kabupaten_kota=request.user.kabupaten_kota)
    if request.GET.get("jenis") in LembagaPKP.Jenis.values:
        lembaga.jenis = request.GET["jenis"]
    return _form_lembaga(request, lembaga)


@login_required
@require_http_methods(["GET", "POST"])
def lembaga_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    lembaga = get_lembaga_for_user(request.user, pk)
    wajib_putuskan(request.user, lembaga.kabupaten_kota)
    return _form_lembaga(request, lembaga)


def _form_lembaga(request: HttpRequest, lembaga: LembagaPKP) -> HttpResponse:
    form = forms.LembagaForm(request.POST or None, request.FILES or None, instance=lembaga)
    if request.method == "POST" and form.is_valid():
        try:
            services.lembaga_simpan(
                lembaga=form.instance, pengguna=request.user, versi_awal=form.cleaned_data["versi"]
            )
        except (riwayat.KonflikPerubahan, ValidationError) as e:
            form.add_error(None, e if isinstance(e, ValidationError) else str(e))
        else:
            messages.success(request, _("%(nama)s disimpan.") % {"nama": lembaga})
            return redirect("kolaborasi:lembaga_detail", pk=lembaga.pk)
    return render(request, "kolaborasi/lembaga_form.html", {"form": form, "lembaga": lembaga})


@login_required
@require_GET
def lembaga_dokumen(request: HttpRequest, pk: int) -> FileResponse:
    lembaga = get_lembaga_for_user(request.user, pk)
    if not lembaga.dokumen_sk:
        raise Http404(_("Belum ada dokumen SK."))
    return _kirim(lembaga.dokumen_sk, lampiran=True)


@login_required
@require_POST
def anggota_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    lembaga = get_lembaga_for_user(request.user, pk)
    wajib_putuskan(request.user, lembaga.kabupaten_kota)
    form = forms.AnggotaForm(request.POST, lembaga=lembaga)
    if form.is_valid():
        try:
            anggota = services.anggota_tambah(
                lembaga=lembaga, pengguna=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            for pesan in e.messages:
                messages.error(request, pesan)
        else:
            messages.success(request, _("%(nama)s ditambahkan.") % {"nama": anggota.nama})
    else:
        _pesan_galat(request, form)
    return redirect("kolaborasi:lembaga_detail", pk=lembaga.pk)


@login_required
@require_POST
def anggota_hapus(request: HttpRequest, pk: int, anggota_pk: int) -> HttpResponse:
    lembaga = get_lembaga_for_user(request.user, pk)
    wajib_putuskan(request.user, lembaga.kabupaten_kota)
    anggota = get_object_or_404(
        Keanggotaan.objects.select_related("pemangku", "lembaga__kabupaten_kota"),
        lembaga=lembaga,
        pk=anggota_pk,
    )
    services.anggota_hapus(anggota=anggota, pengguna=request.user)
    messages.success(request, _("%(nama)s dikeluarkan dari keanggotaan.") % {"nama": anggota.nama})
    return redirect("kolaborasi:lembaga_detail", pk=lembaga.pk)


# --- pertemuan ----------------------------------------------------------------------------------


@login_required
@require_GET
def pertemuan_daftar(request: HttpRequest) -> HttpResponse:
    filter_form = forms.FilterPertemuanForm(request.GET or None)
    hari_ini = timezone.localdate()
    qs = (
        filter_form.saring(Pertemuan.objects.untuk(request.user))
        .select_related("kabupaten_kota", "lembaga")
        .annotate(
            n_hadir=Count("kehadiran", filter=Q(kehadiran__hadir=True), distinct=True),
            n_terlambat=Count(
                "keputusan",
                filter=Q(keputusan__status="terbuka", keputusan__tenggat__lt=hari_ini),
                distinct=True,
            ),
        )
    )
    halaman = Paginator(qs.order_by("-tanggal", "-pk"), PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "jumlah": halaman.paginator.count,
        "boleh_tambah": boleh_isi(request.user),
        "query_tanpa_halaman": _query_tanpa(request, "halaman"),
    }
    if request.htmx and request.htmx.target == "hasil-pertemuan":
        return render(request, "kolaborasi/pertemuan_daftar.html#hasil", konteks)
    return render(request, "kolaborasi/pertemuan_daftar.html", konteks)


@login_required
@require_GET
def pertemuan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = get_pertemuan_for_user(request.user, pk)
    boleh = boleh_isi(request.user, pertemuan.kabupaten_kota)
    hari_ini = timezone.localdate()
    keputusan = list(pertemuan.keputusan.all())
    for k in keputusan:
        k.terlambat = jadwal.keputusan_terlambat(k.tenggat, k.status == "selesai", hari_ini)
    kehadiran = list(pertemuan.kehadiran.all())
    konteks = {
        "pertemuan": pertemuan,
        "kehadiran": kehadiran,
        "jumlah_hadir": sum(k.hadir for k in kehadiran),
        "keputusan": keputusan,
        "lampiran": pertemuan.lampiran.select_related("diunggah_oleh"),
        "riwayat": riwayat.untuk(pertemuan)[:RIWAYAT_TAMPIL],
        "boleh_ubah": boleh,
    }
    if boleh:
        tercatat = {k.anggota_id for k in kehadiran if k.hadir and k.anggota_id}
        konteks.update(
            kehadiran_form=forms.KehadiranForm(pertemuan=pertemuan, initial={"hadir": tercatat})
            if pertemuan.lembaga_id
            else None,
            tamu_form=forms.TamuForm(),
            keputusan_form=forms.KeputusanForm(),
            lampiran_form=forms.LampiranForm(),
        )
    return render(request, "kolaborasi/pertemuan_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def pertemuan_tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    pertemuan = Pertemuan(kabupaten_kota=request.user.kabupaten_kota)
    lembaga = request.GET.get("lembaga", "")
    if lembaga.isdecimal():
        pertemuan.lembaga = LembagaPKP.objects.filter(
            kabupaten_kota=pertemuan.kabupaten_kota, pk=lembaga
        ).first()
    return _form_pertemuan(request, pertemuan)


@login_required
@require_http_methods(["GET", "POST"])
def pertemuan_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = get_pertemuan_for_user(request.user, pk)
    wajib_isi(request.user, pertemuan.kabupaten_kota)
    return _form_pertemuan(request, pertemuan)


def _form_pertemuan(request: HttpRequest, pertemuan: Pertemuan) -> HttpResponse:
    form = forms.PertemuanForm(
        request.POST or None, instance=pertemuan, kabupaten_kota=pertemuan.kabupaten_kota
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pertemuan_simpan(
                pertemuan=form.instance,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
            )
        except (riwayat.KonflikPerubahan, ValidationError) as e:
            form.add_error(None, e if isinstance(e, ValidationError) else str(e))
        else:
            messages.success(request, _("%(nama)s disimpan.") % {"nama": pertemuan})
            return redirect("kolaborasi:pertemuan_detail", pk=pertemuan.pk)
    return render(request, "kolaborasi/pertemuan_form.html", {"form": form, "pertemuan": pertemuan})


def _pertemuan_untuk_isi(request: HttpRequest, pk: int) -> Pertemuan:
    pertemuan = get_pertemuan_for_user(request.user, pk)
    wajib_isi(request.user, pertemuan.kabupaten_kota)
    return pertemuan


def _ke_detail(pertemuan: Pertemuan, bagian: str = "") -> HttpResponse:
    url = reverse("kolaborasi:pertemuan_detail", args=[pertemuan.pk])
    return redirect(f"{url}#{bagian}" if bagian else url)


@login_required
@require_POST
def kehadiran_anggota(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = _pertemuan_untuk_isi(request, pk)
    form = forms.KehadiranForm(request.POST, pertemuan=pertemuan)
    if form.is_valid():
        try:
            services.kehadiran_anggota(
                pertemuan=pertemuan, pengguna=request.user, hadir=form.cleaned_data["hadir"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Kehadiran anggota dicatat."))
    else:
        _pesan_galat(request, form)
    return _ke_detail(pertemuan, "kehadiran")


@login_required
@require_POST
def tamu_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = _pertemuan_untuk_isi(request, pk)
    form = forms.TamuForm(request.POST)
    if form.is_valid():
        services.tamu_tambah(pertemuan=pertemuan, pengguna=request.user, **form.cleaned_data)
        messages.success(request, _("Peserta ditambahkan."))
    else:
        _pesan_galat(request, form)
    return _ke_detail(pertemuan, "kehadiran")


@login_required
@require_POST
def kehadiran_hapus(request: HttpRequest, pk: int, kehadiran_pk: int) -> HttpResponse:
    pertemuan = _pertemuan_untuk_isi(request, pk)
    kehadiran = get_object_or_404(Kehadiran, pertemuan=pertemuan, pk=kehadiran_pk)
    services.kehadiran_hapus(kehadiran=kehadiran, pengguna=request.user)
    messages.success(request, _("%(nama)s dihapus dari daftar hadir.") % {"nama": kehadiran.nama})
    return _ke_detail(pertemuan, "kehadiran")


@login_required
@require_POST
def keputusan_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = _pertemuan_untuk_isi(request, pk)
    form = forms.KeputusanForm(request.POST)
    if form.is_valid():
        services.keputusan_tambah(pertemuan=pertemuan, pengguna=request.user, **form.cleaned_data)
        messages.success(request, _("Keputusan dicatat."))
    else:
        _pesan_galat(request, form)
    return _ke_detail(pertemuan, "keputusan")


@login_required
@require_POST
def keputusan_status(request: HttpRequest, pk: int, keputusan_pk: int) -> HttpResponse:
    pertemuan = _pertemuan_untuk_isi(request, pk)
    keputusan = get_object_or_404(KeputusanPertemuan, pertemuan=pertemuan, pk=keputusan_pk)
    try:
        services.keputusan_status(
            keputusan=keputusan, pengguna=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return _ke_detail(pertemuan, "keputusan")


@login_required
@require_POST
def lampiran_unggah(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = _pertemuan_untuk_isi(request, pk)
    form = forms.LampiranForm(request.POST, request.FILES)
    if form.is_valid():
        services.lampiran_tambah(pertemuan=pertemuan, pengguna=request.user, **form.cleaned_data)
        messages.success(request, _("Lampiran ditambahkan."))
    else:
        _pesan_galat(request, form)
    return _ke_detail(pertemuan, "lampiran")


@login_required
@require_GET
def lampiran_berkas(request: HttpRequest, pk: int, lampiran_pk: int) -> FileResponse:
    pertemuan = get_pertemuan_for_user(request.user, pk)
    lampiran = get_object_or_404(LampiranPertemuan, pertemuan=pertemuan, pk=lampiran_pk)
    return _kirim(lampiran.berkas, lampiran=True)


@login_required
@require_GET
def pertemuan_notulen(request: HttpRequest, pk: int) -> HttpResponse:
    pertemuan = get_pertemuan_for_user(request.user, pk)
    isi = cetak.isi_notulen(pertemuan, hari_ini=timezone.localdate())
    respons = HttpResponse(cetak.pdf_notulen(isi), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{isi.nama_berkas}"'
    return respons
